"""What loading keeps for the next build: the records read (records.pickle, and a small file of what changed
since), the score files checked and the boards fitted. A load through them gives the site and the problems
a load from scratch gives, and one that found nothing new writes nothing."""
from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

from conftest import MINIMAL_SITE, write_tree
from honours.cachefiles import RACY_NS, load_state, save_state
from honours.errors import Problems
from honours.model import snapshot
from honours.model.site import Site
from honours.making import load_site

RECORDS, CHANGES = "records.pickle", "records-changes.pickle"
PERSON = "content/people/zhang-wei.md"


def loaded(site: Path, cache: Path | None) -> tuple[Site, list[str]]:
    """Return the site as loaded through the state in `cache` (None: from scratch), and what loading said."""
    problems = Problems()
    found = load_site(site, problems, cache)
    assert found is not None, [p.format(site) for p in problems.errors]
    return found, [p.format(site) for p in problems.items]


def assert_as_from_scratch(site: Path, cache: Path) -> Site:
    """Load through `cache` and from scratch; assert both give the same records, scores and problems."""
    kept, said = loaded(site, cache)
    fresh, said_fresh = loaded(site, None)
    assert kept.records() == fresh.records()
    assert kept.honours == fresh.honours
    assert dict(kept.assessments) == dict(fresh.assessments)
    assert said == said_fresh
    return kept


def settle() -> None:
    """Wait until the files just written are older than a cache's "racy" window, so their stamps are trusted."""
    time.sleep(RACY_NS / 1e9 + 0.1)


def stamps(cache: Path) -> dict[str, int]:
    return {path.name: path.stat().st_mtime_ns for path in cache.glob("*.pickle")}


def test_a_load_after_one_edit_writes_only_what_changed(tmp_path: Path) -> None:
    site, cache = write_tree(tmp_path / "site", MINIMAL_SITE), tmp_path / "cache"
    settle()
    assert_as_from_scratch(site, cache)
    assert (cache / RECORDS).is_file() and not (cache / CHANGES).exists()
    before = stamps(cache)
    assert_as_from_scratch(site, cache)
    assert stamps(cache) == before  # nothing read again, nothing written

    records = (cache / RECORDS).read_bytes()
    write_tree(site, {PERSON: MINIMAL_SITE[PERSON].replace("position: 干事", "position: 主任")})
    assert assert_as_from_scratch(site, cache).people["zhang-wei"].position == "主任"
    assert (cache / RECORDS).read_bytes() == records and (cache / CHANGES).is_file()

    write_tree(site, {"content/people/wang-fang.md": "---\nname: 王芳\nunit: xuanchuan\n---\n"})
    assert "wang-fang" in assert_as_from_scratch(site, cache).people
    (site / "content/people/wang-fang.md").unlink()
    assert "wang-fang" not in assert_as_from_scratch(site, cache).people
    assert (cache / RECORDS).read_bytes() == records


def test_many_changes_write_the_records_again(tmp_path: Path) -> None:
    people = {f"content/people/p{i:03d}.md": f"---\nname: 王{i:03d}\nunit: xuanchuan\n---\n" for i in range(80)}
    site, cache = write_tree(tmp_path / "site", {**MINIMAL_SITE, **people}), tmp_path / "cache"
    settle()  # else every file is read again, as changed too lately to be told by its stamp
    assert_as_from_scratch(site, cache)
    write_tree(site, {path: text.replace("王", "李") for path, text in list(people.items())[:40]})
    assert_as_from_scratch(site, cache)
    assert (cache / CHANGES).is_file()  # 40 of 88: still a file of changes
    write_tree(site, {path: text.replace("王", "李") for path, text in list(people.items())[40:]})
    assert assert_as_from_scratch(site, cache).people["p079"].name == "李079"
    assert not (cache / CHANGES).exists()  # 80 of 88: the records written again, the changes dropped


def test_changes_kept_against_other_records_are_not_taken(tmp_path: Path) -> None:
    site, cache = write_tree(tmp_path / "site", MINIMAL_SITE), tmp_path / "cache"
    assert_as_from_scratch(site, cache)
    state = load_state(cache / RECORDS, snapshot._VERSION)
    assert state is not None
    _, saved_at, kept = state
    path = str(site / PERSON)
    entry = kept[path]  # the file as it is, with a record it does not hold: in changes that are not its records'
    person = replace(entry.read.parsed[0].record, position="主任")
    wrong = replace(entry, read=replace(entry.read, parsed=(replace(entry.read.parsed[0], record=person),)))
    save_state(cache / CHANGES, snapshot._VERSION, (saved_at - 1, time.time_ns(), {path: wrong}, []))
    assert assert_as_from_scratch(site, cache).people["zhang-wei"].position == "干事"
    save_state(cache / CHANGES, snapshot._VERSION, (saved_at, time.time_ns(), {path: wrong}, []))
    assert loaded(site, cache)[0].people["zhang-wei"].position == "主任"  # what shows that they were not taken


SCORED = {
    "content/schemes/fen.yaml": "name: 考核\ncategories:\n  - name: 工作\n    items:\n"
                                "      - {id: gongzuo, name: 工作, max: 100}\n",
    "content/campaigns/kaohe/index.md": "---\ntitle: 考核活动\norganiser: 机关党委\nstart: 2024-01\nend: 2024-12\n"
                                        "scheme: fen\n---\n",
    # One unit by id, one by its name: a renamed unit is no longer found by the old one.
    "content/campaigns/kaohe/assessments/2024-01.yaml": "scores:\n  - unit: jiguan\n    gongzuo: 90\n"
                                                        "  - unit: 宣传部\n    gongzuo: 80\n",
}


def test_a_score_file_is_checked_again_when_what_it_names_changes(tmp_path: Path) -> None:
    site, cache = write_tree(tmp_path / "site", {**MINIMAL_SITE, **SCORED}), tmp_path / "cache"
    settle()
    kept = assert_as_from_scratch(site, cache)
    assert [row.subject for row in kept.assessments["kaohe"][0].rows] == ["jiguan", "xuanchuan"]
    before = stamps(cache)
    assert_as_from_scratch(site, cache)
    assert stamps(cache) == before
    unit = "content/units/xuanchuan.md"
    write_tree(site, {unit: MINIMAL_SITE[unit].replace("name: 宣传部", "name: 党群工作部")})
    problems = Problems()
    assert load_site(site, problems, cache) is None
    assert [p.format(site) for p in problems.errors] == [
        p.format(site) for p in _problems_from_scratch(site)]
    assert any(p.startswith("content/campaigns/kaohe/assessments/2024-01.yaml:4: unit: 未找到单位“宣传部”")
               for p in (p.format(site) for p in problems.errors)), [p.format(site) for p in problems.errors]
    write_tree(site, {unit: MINIMAL_SITE[unit]})
    assert_as_from_scratch(site, cache)


def _problems_from_scratch(site: Path) -> list:
    problems = Problems()
    load_site(site, problems)
    return problems.errors


def test_a_board_too_small_is_warned_at_every_load_as_at_the_first(tmp_path: Path) -> None:
    people = {f"content/people/p{i:02d}.md": f"---\nname: 王{i:02d}\nunit: xuanchuan\n---\n" for i in range(60)}
    board = {"content/campaigns/tiny/index.md": "---\ntitle: 评选\norganiser: 工会\nstart: 2023-01\nend: 2023-12\n"
                                                "board: 600x400\nawards:\n  - id: a\n    name: 先进\n"
                                                "    recipient: person\n---\n",
             "content/campaigns/tiny/honours.yaml": "- award: a\n  people: [" + ", ".join(
                 f"p{i:02d}" for i in range(60)) + "]\n"}
    site, cache = write_tree(tmp_path / "site", {**MINIMAL_SITE, **people, **board}), tmp_path / "cache"
    settle()
    _, first = loaded(site, cache)
    warned = [said for said in first if said.startswith("content/campaigns/tiny/index.md:6: board:")]
    assert len(warned) == 1 and "毫米高" in warned[0], first
    before = stamps(cache)
    write_tree(site, {PERSON: MINIMAL_SITE[PERSON].replace("position: 干事", "position: 主任")})
    _, again = loaded(site, cache)
    assert again == first
    assert stamps(cache)["boards.pickle"] == before["boards.pickle"]  # the same boards: not fitted again
    write_tree(site, {"content/campaigns/tiny/index.md": board["content/campaigns/tiny/index.md"].replace(
        "600x400", "3000x2000")})
    assert not [said for said in loaded(site, cache)[1] if "board:" in said]
