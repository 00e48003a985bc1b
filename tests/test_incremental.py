"""Rebuilds: a rebuild after any edit gives exactly the output of a build from scratch, touches no file
when nothing changed, and two builds of the same site in different places and times are byte-identical."""
from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from conftest import REPO
from honours.options import BuildOptions
from honours import parts, pipeline
from honours import cachefiles
from honours.cachefiles import RACY_NS
from honours.render import urls


def tree(folder: Path) -> dict[str, bytes]:
    """Return every file under `folder` by relative path, with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def stamps(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def differences(one: dict[str, bytes], other: dict[str, bytes]) -> list[str]:
    """Return the paths that differ between two trees, for a readable failure."""
    return sorted(p for p in one.keys() | other.keys() if one.get(p) != other.get(p))


@pytest.fixture(scope="module")
def photo_cache(example: tuple[Path, pipeline.BuildResult], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example's made photos: cold builds here start with no page or record state, but need not
    remake 112 photos each (the photo cache is keyed by content and tested in test_photos.py)."""
    folder = tmp_path_factory.mktemp("photos")
    shutil.copytree(example[0].parent / "cache" / "photos", folder / "photos")
    return folder / "photos"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A copy of the example site to edit."""
    root = tmp_path / "site"
    shutil.copytree(REPO / "content", root / "content")
    shutil.copy(REPO / "site.toml", root / "site.toml")
    return root


def cold_build(site: Path, photo_cache: Path, where: Path) -> pipeline.BuildResult:
    """Build `site` as if for the first time (fresh output, no remembered records or pages)."""
    cache = where / "cache"
    cache.mkdir(parents=True)
    shutil.copytree(photo_cache, cache / "photos")
    return pipeline.build(BuildOptions(site, output=where / "output", cache=cache))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def replace_photo(path: Path) -> None:
    path.parent.mkdir(exist_ok=True)
    Image.new("RGB", (600, 840), (30, 90, 160)).save(path, quality=90)


PEOPLE = "content/people/"
HQ = "content/campaigns/hq-323-2024/"

# Each edit, as a user makes it, of one kind of record or setting.
EDITS: dict[str, Callable[[Path], None]] = {
    "person body": lambda s: edit(s / PEOPLE / "dai-hong.md", "牵头策划", "负责策划"),
    "unit description": lambda s: _append(s / "content/units/youtian/zhushui-huayan-ban.md", "\n新的一段简介。\n"),
    "campaign body": lambda s: _append(s / HQ / "index.md", "\n新的一段说明。\n"),
    "bulletin body": lambda s: _append(s / "content/bulletins/hq-323-nianzhong-jueding.md", "\n新的一段。\n"),
    "person name": lambda s: edit(s / PEOPLE / "dai-hong.md", "name: 戴红", "name: 戴宏"),
    "person position": lambda s: edit(s / PEOPLE / "bai-yulan.md", "position: ", "position: 副"),
    "person moves unit": lambda s: edit(s / PEOPLE / "xia-yu.md", "unit: xuanchuan-bu", "unit: zuzhi-bu"),
    "post history edited": lambda s: edit(s / PEOPLE / "su-gang.md", "from: 2006-04, unit: jingxia-xiujing-erban",
                                          "from: 2013-04, unit: jingxia-ceshi-ban"),
    "person added": lambda s: (s / PEOPLE / "xin-ren.md").write_text(
        "---\nname: 辛仁\nunit: xuanchuan-bu\nposition: 干事\n---\n新入职。\n", encoding="utf-8"),
    "person photo replaced": lambda s: replace_photo(s / PEOPLE / "dai-hong.jpg"),
    "attachment linked": lambda s: (replace_photo(s / PEOPLE / "attachments/证书.jpg"),
                                    _append(s / PEOPLE / "dai-hong.md", "\n![荣誉证书](attachments/证书.jpg)\n")),
    "attachment replaced": lambda s: Image.new("RGB", (300, 200), (200, 20, 20)).save(
        s / PEOPLE / "attachments/证书.jpg", quality=80),
    "unit renamed": lambda s: edit(s / "content/units/youtian/zhushui-huayan-ban.md", "name: ", "name: 新"),
    "unit's former name": lambda s: edit(s / "content/units/youtian/caiyou-sandui.md", "weight: 3\n",
                                         "weight: 3\nnames:\n  - {until: 2013-12, name: 采油三矿}\n"),
    "unit merged": lambda s: edit(s / "content/units/youtian/caiyou-sidui.md", "weight: 4\n",
                                  "weight: 4\nmerged_into: caiyou-erdui\nmerged_on: 2017-03\n"),
    "campaign title": lambda s: edit(s / HQ / "index.md", "title: ", "title: 新"),
    "honour added": lambda s: _append(s / HQ / "honours.yaml", "\n- award: dushu-jiji-fenzi\n  person: dai-hong\n"
                                      "  date: 2024-12-20\n  citation: 新增的荣誉。\n"),
    "bulletin title": lambda s: edit(s / "content/bulletins/hq-323-qidong-tongzhi.md", "title: ", "title: 新"),
    "score changed": lambda s: edit(s / HQ / "assessments/2024-10.yaml", "gongxing: 39.7", "gongxing: 44.9"),
    "scheme star threshold": lambda s: edit(s / "content/schemes/shuangbai.yaml", "min: 190", "min: 185"),
    "commentary": lambda s: edit(s / HQ / "assessments/2024-06.md", "\n\n", "\n\n新的一段。\n\n"),
    "site string": lambda s: edit(s / "site.toml", "使用 honours 生成", "使用 honours 生成。"),
}


def _append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as stream:
        stream.write(text)


def test_a_rebuild_after_each_kind_of_edit_equals_a_build_from_scratch(
        site: Path, photo_cache: Path, tmp_path: Path) -> None:
    cache = tmp_path / "incremental-cache"
    shutil.copytree(photo_cache, cache / "photos")
    output = tmp_path / "incremental-output"
    first = pipeline.build(BuildOptions(site, output=output, cache=cache))
    assert first.pages_rendered == first.pages
    rendered = {}
    for number, (name, make_edit) in enumerate(EDITS.items()):
        make_edit(site)
        again = pipeline.build(BuildOptions(site, output=output, cache=cache))
        rendered[name] = again.pages_rendered
        cold = cold_build(site, photo_cache, tmp_path / f"cold-{number}")
        assert differences(tree(output), tree(cold.output)) == [], f"after the edit: {name}"
        if name != "site string":  # a setting reaches every page; a record only the pages showing it
            assert 0 < again.pages_rendered < again.pages, name
    # A body shows on its own page alone: the pages that list her (unit, lists, honour rolls, their printable
    # forms) read the rest of her record, and stay as they are.
    assert rendered["person body"] == 1


def test_a_unit_renamed_redraws_its_own_standings_not_every_unit_s(site: Path, photo_cache: Path, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    # Each department's page shows its own totals and ranks among all the departments' scores, not their names.
    cache, output = tmp_path / "cache", tmp_path / "output"
    shutil.copytree(photo_cache, cache / "photos")
    pipeline.build(BuildOptions(site, output=output, cache=cache))
    with_standings = {path for path, html in tree(output).items()
                      if path.startswith("units/") and b"unit-trend" in html}
    drawn: list[str] = []
    render_pages = parts.render_pages
    monkeypatch.setattr(parts, "render_pages", lambda rendering, pages, problems: (
        drawn.extend(page.path for page in pages), render_pages(rendering, pages, problems))[1])
    # Renamed; the score files name it by its old name, kept as its short name.
    edit(site / "content/units/jiguan/xuanchuan-bu.md", "name: 党委宣传部\nkind: 部室\nparent: jituan-jiguan\n"
         "short_name: 宣传部", "name: 党委宣传思想文化工作部\nkind: 部室\nparent: jituan-jiguan\nshort_name: 党委宣传部")
    pipeline.build(BuildOptions(site, output=output, cache=cache))
    redrawn = set(drawn)
    cold = cold_build(site, photo_cache, tmp_path / "cold")
    assert differences(tree(output), tree(cold.output)) == []
    assert len(with_standings) > 10 and "units/xuanchuan-bu.html" in with_standings
    assert with_standings & redrawn == {"units/xuanchuan-bu.html"}


def test_a_template_that_shows_bodies_elsewhere_is_redrawn_when_one_is_edited(site: Path, photo_cache: Path,
                                                                             tmp_path: Path) -> None:
    # A site's own template may show a body on other pages, by any of Jinja's ways of reading a field.
    partial = site / "templates/partials/extra_head.html"
    partial.parent.mkdir(parents=True)
    partial.write_text("<meta name=\"x-bio\" content=\"{{ site.people['dai-hong'].biography|truncate(200) }}\">\n"
                       "<meta name=\"x-units\" content=\"{{ site.units.values()|map(attribute='description')"
                       "|join|length }}\">\n<meta name=\"x-campaign\" content=\"{{ site.campaigns['hq-323-2024']"
                       "['body']|length }}\">\n", encoding="utf-8")
    cache, output = tmp_path / "cache", tmp_path / "output"
    shutil.copytree(photo_cache, cache / "photos")
    first = pipeline.build(BuildOptions(site, output=output, cache=cache))
    for number, name in enumerate(["person body", "unit description", "campaign body"]):
        EDITS[name](site)
        again = pipeline.build(BuildOptions(site, output=output, cache=cache))
        cold = cold_build(site, photo_cache, tmp_path / f"cold-{number}")
        assert differences(tree(output), tree(cold.output)) == [], f"after the edit: {name}"
        assert again.pages_rendered > first.pages / 2, name  # every web page shows the three


def test_a_preview_keeping_its_states_in_memory_builds_as_a_build_from_scratch(
        site: Path, photo_cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cachefiles, "_resident", {})  # as in serve's process (cachefiles.keep_resident)
    cache, output = tmp_path / "cache", tmp_path / "output"
    shutil.copytree(photo_cache, cache / "photos")
    pipeline.build(BuildOptions(site, output=output, cache=cache))
    for number, name in enumerate(["person body", "person position", "unit renamed", "person added"]):
        EDITS[name](site)
        if name == "unit renamed":  # built meanwhile by `build` in another window: its states replace the files
            with monkeypatch.context() as other_process:
                other_process.setattr(cachefiles, "_resident", None)
                pipeline.build(BuildOptions(site, output=output, cache=cache))
            EDITS["campaign title"](site)
        pipeline.build(BuildOptions(site, output=output, cache=cache, quick=True))  # as serve builds after an edit
        pipeline.build(BuildOptions(site, output=output, cache=cache))  # and once the editing pauses
        cold = cold_build(site, photo_cache, tmp_path / f"cold-{number}")
        assert differences(tree(output), tree(cold.output)) == [], f"after the edit: {name}"
    assert cachefiles._resident  # the records and pages were taken from memory, not only loaded


def test_a_search_index_in_shards_rebuilds_as_a_build_from_scratch(site: Path, photo_cache: Path, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    # The example as a large site is: its index in 16 shards, of which an edit makes again only those it changed.
    monkeypatch.setattr(urls, "PAGES_PER_SHARD", 10)
    cache = tmp_path / "incremental-cache"
    shutil.copytree(photo_cache, cache / "photos")
    output = tmp_path / "incremental-output"
    pipeline.build(BuildOptions(site, output=output, cache=cache))
    assert (output / urls.fallback_index(15)).is_file()
    for number, name in enumerate(["person body", "person position", "honour added", "unit renamed", "person added"]):
        before = {path: stamp for path, stamp in stamps(output).items() if path.startswith(("search/", "pagefind/"))}
        EDITS[name](site)
        pipeline.build(BuildOptions(site, output=output, cache=cache))
        cold = cold_build(site, photo_cache, tmp_path / f"cold-{number}")
        assert differences(tree(output), tree(cold.output)) == [], f"after the edit: {name}"
        after = stamps(output)
        kept = [path for path, stamp in before.items() if after.get(path) == stamp]
        assert kept, f"every search file was written again after the edit: {name}"


def test_a_rebuild_with_nothing_changed_renders_and_writes_nothing(site: Path, photo_cache: Path,
                                                                   tmp_path: Path) -> None:
    first = cold_build(site, photo_cache, tmp_path / "build")
    before = stamps(first.output)
    again = pipeline.build(BuildOptions(site, output=first.output, cache=tmp_path / "build" / "cache"))
    assert (again.pages_rendered, again.files_written) == (0, 0)
    assert stamps(first.output) == before


def test_a_page_deleted_from_output_is_written_again(site: Path, photo_cache: Path, tmp_path: Path) -> None:
    first = cold_build(site, photo_cache, tmp_path / "build")
    expected = tree(first.output)
    (first.output / "people/dai-hong.html").unlink()
    (first.output / "stray.html").write_text("not part of the site", encoding="utf-8")
    pipeline.build(BuildOptions(site, output=first.output, cache=tmp_path / "build" / "cache"))
    assert differences(tree(first.output), expected) == []


def test_builds_in_different_folders_and_times_are_byte_identical(site: Path, photo_cache: Path,
                                                                  tmp_path: Path, monkeypatch) -> None:
    one = cold_build(site, photo_cache, tmp_path / "one")
    elsewhere = tmp_path / "elsewhere" / "site"
    shutil.copytree(site, elsewhere)
    for path in elsewhere.rglob("*"):  # a later checkout: every file newer
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 86_400 * 10**9))
    monkeypatch.chdir(tmp_path)
    # No shared photo cache this time: the photos are made again, by other worker processes.
    other = pipeline.build(BuildOptions(elsewhere, output=tmp_path / "two" / "output", cache=tmp_path / "two" / "cache"))
    assert other.photos_made > 0
    assert differences(tree(one.output), tree(other.output)) == []


def _age(folder: Path, seconds: int = 3600) -> None:
    """Make every file look edited an hour ago, as between two working sessions."""
    for path in folder.rglob("*"):
        stat = path.stat()
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns - seconds * 10**9))


def test_a_build_with_nothing_changed_is_skipped_and_repeats_its_warnings(site: Path, photo_cache: Path,
                                                                          tmp_path: Path) -> None:
    edit(site / PEOPLE / "dai-hong.md", "name: 戴红", "name: 戴𫶇")  # a character with no stroke data: a warning
    _age(site)
    # Setting a file's times sets its change time to now. A file changed just before a build could
    # change again and keep every stamp, so the next build would not trust it: wait out that window.
    time.sleep(RACY_NS / 1e9 + 0.1)
    first = cold_build(site, photo_cache, tmp_path / "build")
    assert [w.field for w in first.problems.warnings] == ["name"]
    before = stamps(first.output)
    again = pipeline.build(BuildOptions(site, output=first.output, cache=tmp_path / "build" / "cache"))
    assert again.site is None and again.pages == first.pages
    assert [w.field for w in again.problems.warnings] == ["name"]
    assert stamps(first.output) == before
    (first.output / "people/dai-hong.html").unlink()  # output/ no longer as the build left it: build
    rebuilt = pipeline.build(BuildOptions(site, output=first.output, cache=tmp_path / "build" / "cache"))
    assert rebuilt.site is not None and rebuilt.pages_rendered == 1
    edit(site / PEOPLE / "dai-hong.md", "牵头策划", "负责策划")
    _age(site)  # an edit keeps nothing from being noticed, even with an old time
    edited = pipeline.build(BuildOptions(site, output=first.output, cache=tmp_path / "build" / "cache"))
    assert edited.site is not None and "负责策划" in (first.output / "people/dai-hong.html").read_text("utf-8")


class _Reads:
    """Fingerprints as a dict: what each key gives in one build."""

    def __init__(self, gives: dict[tuple, bytes]) -> None:
        self.gives = gives

    def of(self, key: tuple) -> bytes:
        return self.gives.get(key, b"gone")


def test_the_keys_pages_read_are_remembered_by_their_places_and_dropped_once_no_page_reads_them(
        tmp_path: Path) -> None:
    from honours.render.reuse import PreviousBuild
    output, engine = tmp_path / "output", b"engine"
    first = PreviousBuild(tmp_path, output, engine)
    reads = {("record", "people", f"p{n}"): bytes([n]) for n in range(10)}
    keys = list(reads)
    first.save({"a.html": (b"a", tuple(keys[:6]), (1, 1), ()), "b.html": (b"b", tuple(keys[4:]), (2, 2), ("x.jpg",))},
               _Reads(reads))
    second = PreviousBuild(tmp_path, output, engine)
    assert second.keys_of("b.html") == tuple(keys[4:]) and second.pages["b.html"].photos == ("x.jpg",)
    # b.html read a key that changed, and reads others now: many new ones, none of its old ones.
    reads[keys[9]] = b"changed"
    stamps = {"a.html": (1, 1), "b.html": (2, 2)}
    assert second.reusable("a.html", b"a", _Reads(reads), stamps)
    assert not second.reusable("b.html", b"b", _Reads(reads), stamps)
    news = {("query", "q", (n,)): b"q" for n in range(20)}
    reads |= news
    second.save({"a.html": (b"a", second.keys_of("a.html"), (1, 1), ()), "b.html": (b"b", tuple(news), (3, 3), ())},
                _Reads(reads))
    third = PreviousBuild(tmp_path, output, engine)
    assert third.keys_of("a.html") == tuple(keys[:6]) and third.keys_of("b.html") == tuple(news)
    assert set(third.keys) == set(keys[:6]) | set(news)  # the keys only the old b.html read are gone
    assert all(third.reusable(path, digest, _Reads(reads), {"a.html": (1, 1), "b.html": (3, 3)})
               for path, digest in (("a.html", b"a"), ("b.html", b"b")))
    reads[keys[0]] = b"changed too"
    assert not PreviousBuild(tmp_path, output, engine).reusable("a.html", b"a", _Reads(reads),
                                                               {"a.html": (1, 1)})
