"""An award named more often than its quota (名额) is warned of (an error with --strict); an honour given
twice to the same unit or person is an error at the second one, naming the first one's line."""
from __future__ import annotations

from pathlib import Path

from conftest import MINIMAL_SITE, REPO, run, write_tree

CAMPAIGN = "content/campaigns/wenming-2024/index.md"
HONOURS = "content/campaigns/wenming-2024/honours.yaml"
# The minimal site's campaign, its 读书积极分子 (dushu, declared on line 14) with a quota of one.
WITH_QUOTA = MINIMAL_SITE[CAMPAIGN].replace("name: 读书积极分子\n    recipient: person\n",
                                            "name: 读书积极分子\n    recipient: person\n    quota: 1\n")


def test_an_award_over_its_quota_is_a_warning_naming_the_first_honour_beyond_it(site_dir: Path) -> None:
    write_tree(site_dir, {CAMPAIGN: WITH_QUOTA})  # honours.yaml line 6: people: [zhang-wei, li-na]
    result = run("check", "--site", str(site_dir))
    assert result.exit_code == 0, result.output
    assert (f"警告 {HONOURS}:6: award: 奖项“读书积极分子”（dushu）的名额是 1 个，名单中有 2 个：从这一行起多出 1 个"
            f" — 删去多出的；若名额有变，改正 {CAMPAIGN} 第 14 行该奖项的 quota") in result.output
    assert "共 0 个错误，1 个警告" in result.output


def test_an_award_over_its_quota_stops_a_strict_build(site_dir: Path) -> None:
    write_tree(site_dir, {CAMPAIGN: WITH_QUOTA})
    checked = run("check", "--strict", "--site", str(site_dir))
    assert checked.exit_code == 1 and f"错误 {HONOURS}:6: award: 奖项“读书积极分子”（dushu）的名额是 1 个" in checked.output
    built = run("build", "--strict", "--site", str(site_dir))
    assert built.exit_code == 1 and "构建失败" in built.output
    assert not (site_dir / "output").exists()
    assert run("build", "--site", str(site_dir)).exit_code == 0  # without --strict it is only a warning


def test_one_warning_for_thousands_over_the_quota(site_dir: Path) -> None:
    people = {f"content/people/p{n}.md": f"---\nname: 员工{n}\nunit: xuanchuan\n---\n" for n in range(3000)}
    listed = "".join(f"    - p{n}\n" for n in range(3000))
    write_tree(site_dir, {**people, CAMPAIGN: WITH_QUOTA, HONOURS: f"- award: dushu\n  people:\n{listed}"})
    result = run("check", "--site", str(site_dir))
    assert result.exit_code == 0, result.output
    assert f"警告 {HONOURS}:4: award: 奖项“读书积极分子”（dushu）的名额是 1 个，名单中有 3000 个：从这一行起多出 2999 个" \
        in result.output
    assert result.output.count(f"警告 {HONOURS}") == 1


def test_a_quota_is_a_positive_whole_number(site_dir: Path) -> None:
    write_tree(site_dir, {CAMPAIGN: WITH_QUOTA.replace("quota: 1", "quota: 0")})
    result = run("check", "--site", str(site_dir))
    assert result.exit_code == 1
    assert f"{CAMPAIGN}:17: awards[2].quota: 0 太小，不能小于 1" in result.output


def test_an_honour_given_twice_is_an_error_at_the_second_naming_the_first(site_dir: Path) -> None:
    write_tree(site_dir, {HONOURS: MINIMAL_SITE[HONOURS] + "- award: dushu\n  person: li-na\n  citation: 又写了一次。\n"})
    result = run("build", "--site", str(site_dir))
    assert result.exit_code == 1
    assert (f"错误 {HONOURS}:7: person: “李娜”（li-na）在第 6 行已获得“读书积极分子”（2024年12月），这里又写了一次"
            " — 同一奖项只授予同一单位或个人一次") in result.output
    assert not (site_dir / "output").exists()


def test_the_same_award_on_another_date_or_to_another_recipient_is_no_duplicate(site_dir: Path) -> None:
    write_tree(site_dir, {HONOURS: MINIMAL_SITE[HONOURS] + "- award: dushu\n  person: li-na\n  date: 2025-06-01\n"
                                   "- award: wenming-bushi\n  unit: jiguan\n  date: 2024-07-01\n"})
    result = run("check", "--strict", "--site", str(site_dir))
    assert result.exit_code == 0, result.output


def test_an_honour_given_ten_thousand_times_is_one_error(site_dir: Path) -> None:
    entry = "- award: dushu\n  person: zhang-wei\n  date: 2024-07-01\n"
    write_tree(site_dir, {HONOURS: entry * 10_000})
    result = run("check", "--site", str(site_dir))
    assert result.exit_code == 1
    assert (f"错误 {HONOURS}:4: person: “张伟”（zhang-wei）在第 1 行已获得“读书积极分子”（2024年7月1日），"
            "这里又写了一次，此后还重复了 9998 次") in result.output
    assert result.output.count(f"错误 {HONOURS}") == 1


def test_many_honours_given_twice_are_listed_up_to_ten_then_counted(site_dir: Path) -> None:
    people = {f"content/people/p{n}.md": f"---\nname: 员工{n}\nunit: xuanchuan\n---\n" for n in range(30)}
    listed = "".join(f"    - p{n}\n" for n in range(30))
    write_tree(site_dir, {**people, HONOURS: f"- award: dushu\n  people:\n{listed}" * 2})
    result = run("check", "--site", str(site_dir))
    assert result.exit_code == 1
    # The list begins again on line 33: p0 there repeats line 3.
    assert f"错误 {HONOURS}:35: person: “员工0”（p0）在第 3 行已获得“读书积极分子”" in result.output
    assert f"{HONOURS}:44: person: “员工9”（p9）在第 12 行" in result.output
    assert f"错误 {HONOURS}:45: 从这一行起还有 20 项表彰重复（共 20 处），上面只列出了前 10 项" in result.output
    assert result.output.count(f"错误 {HONOURS}") == 11


def test_the_example_site_checks_clean_strictly() -> None:
    result = run("check", "--strict", "--site", str(REPO))
    assert result.exit_code == 0, result.output
    assert "警告" not in result.output
