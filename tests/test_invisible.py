"""Zero-width, BOM and direction characters in a site's files: an error in names and ids, a warning elsewhere."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import MINIMAL_SITE, run, write_tree


def check(site: Path, *args: str):
    return run("check", "--site", str(site), *args)


def test_hidden_characters_in_names_and_ids_are_errors_at_their_lines(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", {
        **MINIMAL_SITE,
        # 白玉兰 with a zero-width space: it looks like 白玉兰 and is another name.
        "content/people/bai-yulan.md": "---\nname: 白\u200b玉兰\nunit: xuanchuan\n---\n",
        # Written as a YAML escape, a right-to-left override shows “九李” as 李九.
        "content/people/li-jiu.md": "---\nname: \"\\u202e九李\"\nunit: xuanchuan\naliases: [lijiu\ufeff]\n---\n",
        "content/units/tuanwei.md": "---\nname: 团委\nkind: 部室\nparent: jiguan\u2066\nshort_name: 团\u200c委\n---\n",
        "content/campaigns/wenming-2024/honours.yaml": (
            "- award: wenming-bushi\n  unit: xuanchuan\n  date: 2024-07-01\n"
            "- award: dushu\n  people: [zhang-wei, li-na\u200d]\n"),
    })
    result = check(site)
    assert result.exit_code == 1
    out = result.output
    assert ("错误 content/people/bai-yulan.md:2: name: “白\\u200b玉兰”中有看不见的字符（U+200B 零宽空格） — "
            "名称和编号中有它，看上去相同的名字会被当成两个：把这个值删掉重新输入") in out
    assert "错误 content/people/li-jiu.md:2: name: “\\u202e九李”中有看不见的字符（U+202E 强制从右到左）" in out
    assert "错误 content/people/li-jiu.md:4: aliases[1]: “lijiu\\ufeff”中有看不见的字符（U+FEFF BOM 零宽不换行空格）" in out
    assert "错误 content/units/tuanwei.md:4: parent: “jiguan\\u2066”中有看不见的字符（U+2066 方向隔离符）" in out
    assert "错误 content/units/tuanwei.md:5: short_name: “团\\u200c委”中有看不见的字符（U+200C 零宽非连接符）" in out
    assert ("错误 content/campaigns/wenming-2024/honours.yaml:5: people[2]: “li-na\\u200d”中有看不见的字符"
            "（U+200D 零宽连接符）") in out
    assert "\u200b" not in out and "\u202e" not in out  # shown escaped, never as they are


def test_hidden_characters_elsewhere_are_warnings(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", {
        **MINIMAL_SITE,
        "content/people/zhang-wei.md": ("---\nname: 张伟\nunit: xuanchuan\nposition: 干\u200b事\n---\n"
                                         "长期从事宣传工作。\n\n2023 年获评\u202e优秀党员。\n"),
        "content/campaigns/wenming-2024/honours.yaml": (
            "- award: wenming-bushi\n  unit: xuanchuan\n  date: 2024-07-01\n  citation: 成绩\ufeff突出。\n"),
    })
    result = check(site)
    assert result.exit_code == 0, result.output
    out = result.output
    assert ("警告 content/people/zhang-wei.md:4: position: “干\\u200b事”中有看不见的字符（U+200B 零宽空格） — "
            "删除这个字符（多来自从网页、微信或 Word 复制的文字）；它在编辑器里看不见，可把这段文字删掉重新输入") in out
    assert "警告 content/people/zhang-wei.md:8: biography: 含有看不见的字符（U+202E 强制从右到左）" in out
    assert "警告 content/campaigns/wenming-2024/honours.yaml:4: citation: “成绩\\ufeff突出。”中有看不见的字符" in out
    assert "共 0 个错误，3 个警告" in out
    assert check(site, "--strict").exit_code == 1


def test_a_bom_at_the_start_of_a_file_is_not_a_hidden_character(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", {**MINIMAL_SITE, "content/people/li-na.md": (
        "\ufeff---\nname: 李娜\nunit: xuanchuan\n---\n".encode("utf-8"))})
    result = check(site)
    assert result.exit_code == 0, result.output
    assert "UTF-8 BOM" in result.output and "看不见的字符" not in result.output


def test_only_files_the_first_search_finds_are_walked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Loading stays as fast as before: one search of each file's text, and a walk of its values only on a find."""
    from honours.load import files

    walked: list[str] = []
    walk = files.hidden_values

    def counting(data, body, body_line):
        walked.append(str(data.get("name")))
        return walk(data, body, body_line)

    monkeypatch.setattr(files, "hidden_values", counting)
    site = write_tree(tmp_path / "site", {**MINIMAL_SITE, "content/people/li-na.md": (
        "---\nname: 李娜\nunit: xuanchuan\n---\n\u200b\n")})
    assert check(site).exit_code == 0
    assert walked == ["李娜"]


def test_new_drops_hidden_characters_from_what_it_is_given(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", MINIMAL_SITE)
    result = run("new", "person", "--name", "白\u200b玉兰", "--unit", "xuanchuan\ufeff", "--position", "干\u202e事",
                 "--site", str(site))
    assert result.exit_code == 0, result.output
    assert "人员“白玉兰”，编号 bai-yulan" in result.output
    text = (site / "content/people/bai-yulan.md").read_text(encoding="utf-8")
    assert "name: 白玉兰\n" in text and "unit: xuanchuan\n" in text and "position: 干事\n" in text
    assert check(site).exit_code == 0
