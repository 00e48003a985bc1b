"""A person's post history (任职经历): honours show the post held on their date, and every unit in it is checked."""
from __future__ import annotations

import zipfile
from pathlib import Path

from conftest import MINIMAL_SITE, run, write_tree

# 张伟 was a 技术员 in 机关 until 2020, then joined 宣传部; his 2019 honour was won in 机关.
POSTS = ("posts:\n  - {from: 2015-07, unit: jiguan, position: 技术员}\n"
         "  - {from: 2020-03, unit: xuanchuan, position: 干事}\n")
PERSON = "content/people/zhang-wei.md"
SITE = {
    **MINIMAL_SITE,
    PERSON: f"---\nname: 张伟\nunit: xuanchuan\nposition: 干事\n{POSTS}---\n长期从事宣传工作。\n",
    "content/campaigns/xianjin-2019/index.md": (
        "---\ntitle: 2019年度先进个人评选\norganiser: 机关党委\nstart: 2019\nend: 2019-12\n"
        "awards:\n  - id: xianjin\n    name: 先进个人\n    recipient: person\n---\n"),
    "content/campaigns/xianjin-2019/honours.yaml": "- award: xianjin\n  person: zhang-wei\n  date: 2019-12-20\n",
}


def page(site: Path, path: str) -> str:
    return (site / "output" / path).read_text(encoding="utf-8")


def test_an_honour_shows_the_post_held_on_its_date(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", SITE)
    result = run("build", "--site", str(site))
    assert result.exit_code == 0, result.output
    assert "机关 · 技术员" in page(site, "campaigns/xianjin-2019/honour-roll.html")
    assert "宣传部 · 干事" in page(site, "campaigns/wenming-2024/honour-roll.html")
    assert "机关" in page(site, "print/campaigns/xianjin-2019/honour-roll.html")
    person = page(site, "people/zhang-wei.html")
    assert 'class="honour__post">时任<a href="../units/jiguan.html">机关</a> 技术员' in person
    assert person.count("honour__post") == 1  # today's post is not repeated for this year's honours


def test_a_persons_page_lists_the_posts_newest_first(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", SITE)
    assert run("build", "--site", str(site)).exit_code == 0
    history = page(site, "people/zhang-wei.html").split("任职经历", 1)[1]
    assert history.index("2020年3月") < history.index("至今") < history.index("2015年7月")
    assert 'href="../units/jiguan.html">机关</a> <span class="post-history__position">技术员' in history


def test_a_unit_in_the_history_is_a_checked_reference(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", {**SITE, PERSON: SITE[PERSON].replace("unit: jiguan,", "unit: jigaun,")})
    result = run("build", "--site", str(site))
    assert result.exit_code == 1
    assert "content/people/zhang-wei.md:6: posts[1].unit: 未找到单位“jigaun” — 是不是 jiguan" in result.output
    assert not (site / "output").exists()


def test_the_newest_post_must_be_the_current_one(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", {**SITE, PERSON: SITE[PERSON].replace("position: 干事\nposts", "position: 科长\nposts")})
    result = run("build", "--site", str(site))
    assert result.exit_code == 1
    assert ("content/people/zhang-wei.md:5: posts: 最近一项任职（2020年3月起：xuanchuan，干事）与现任的 unit、position"
            "（xuanchuan，科长）不一致") in result.output


def test_a_year_archive_has_the_units_its_honours_show(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", SITE)
    result = run("archive", "2019", "--site", str(site), "--quiet")
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(site / "output" / "archive" / "honours-2019.zip") as archive:
        names = archive.namelist()
    assert "honours-2019/units/jiguan.html" in names and "honours-2019/people/zhang-wei.html" in names
