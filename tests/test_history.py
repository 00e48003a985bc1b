"""Units as they were (曾用名, 撤并): honours, rolls, results and prints show the name a unit had on the date."""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from conftest import MINIMAL_SITE, run, write_tree
from honours.dates import PartialDate
from honours.model.records import FormerName, Unit

UNIT = "content/units/xuanchuan.md"
# 宣传部 was 宣传科 until the end of June 2015; its 2012 honour shows 宣传科, its 2024 one 宣传部.
SITE = {
    **MINIMAL_SITE,
    UNIT: "---\nname: 宣传部\nkind: 部室\nparent: jiguan\nnames:\n  - until: 2015-06\n    name: 宣传科\n---\n",
    "content/units/tuanwei.md": "---\nname: 团委\nkind: 部室\nparent: jiguan\nmerged_into: xuanchuan\nmerged_on: 2020-01\n---\n",
    "content/campaigns/wenming-2012/index.md": (
        "---\ntitle: 2012年文明科室评选\norganiser: 机关党委\nstart: 2012\nend: 2012-12\n"
        "awards:\n  - id: wenming\n    name: 文明科室\n    recipient: unit\n  - id: xianjin\n    name: 先进个人\n"
        "    recipient: person\n---\n"),
    "content/campaigns/wenming-2012/honours.yaml": (
        "- award: wenming\n  units: [xuanchuan, tuanwei]\n  date: 2012-12-20\n"
        "- award: xianjin\n  person: zhang-wei\n  date: 2012-12-20\n"),
}


def page(site: Path, path: str) -> str:
    return (site / "output" / path).read_text(encoding="utf-8")


def text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_a_unit_is_named_as_it_was_until_the_last_day_of_its_former_name() -> None:
    unit = Unit(id="xuanchuan", name="宣传部", kind="部室",
                names=(FormerName(until=PartialDate(2015, 6), name="宣传科"),
                       FormerName(until=PartialDate(2009), name="宣传股", short_name="宣传")))
    assert unit.as_on(dt.date(2015, 6, 30)).name == "宣传科"
    assert unit.as_on(dt.date(2015, 7, 1)).name == "宣传部"
    assert (unit.as_on(dt.date(2009, 12, 31)).name, unit.as_on(dt.date(2009, 12, 31)).short_name) == ("宣传股", "宣传")
    assert unit.as_on(dt.date(2010, 1, 1)).id == "xuanchuan"  # the same unit, the same page


def test_honours_rolls_and_prints_show_the_name_on_the_honours_date(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", SITE)
    result = run("build", "--site", str(site))
    assert result.exit_code == 0, result.output
    roll_2012 = text(page(site, "campaigns/wenming-2012/honour-roll.html"))
    assert "宣传科" in roll_2012 and "宣传部" not in roll_2012
    assert "宣传科 · 干事" in roll_2012  # 张伟's unit on his 2012 card, too
    assert "宣传科" in text(page(site, "print/campaigns/wenming-2012/honour-roll.html"))
    assert "宣传部" in text(page(site, "campaigns/wenming-2024/honour-roll.html"))
    unit_page = text(page(site, "units/xuanchuan.html"))
    assert "曾用名 宣传科（至2015年6月）" in unit_page
    assert "并入本单位 团委 （2020年1月起）" in unit_page
    assert "已并入 宣传部 （2020年1月起）" in text(page(site, "units/tuanwei.html"))


def test_search_finds_a_unit_under_its_former_name(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", SITE)
    assert run("build", "--site", str(site)).exit_code == 0
    pages = []
    for shard in sorted((site / "output/search").glob("*.js")):
        script = shard.read_text(encoding="utf-8")
        if ".push(" in script:
            pages += json.loads(script[script.index(".push(") + 6:script.rindex(")")])["pages"]
    unit = next(entry for entry in pages if entry[0] == "units/xuanchuan.html")
    assert "宣传科" in json.dumps(unit, ensure_ascii=False)


def test_a_merger_needs_its_date_and_nothing_new_names_a_merged_unit(tmp_path: Path) -> None:
    files = {**SITE, "content/units/tuanwei.md": SITE["content/units/tuanwei.md"].replace("merged_on: 2020-01\n", "")}
    result = run("build", "--site", str(write_tree(tmp_path / "a", files)))
    assert result.exit_code == 1
    assert "content/units/tuanwei.md:5: merged_into: 写了 merged_into 却没有写 merged_on" in result.output
    late = {**SITE, "content/units/tuanwei.md": SITE["content/units/tuanwei.md"].replace("2020-01", "2012-06"),
            "content/people/li-na.md": "---\nname: 李娜\nunit: tuanwei\n---\n"}
    result = run("build", "--site", str(write_tree(tmp_path / "b", late)))
    assert result.exit_code == 0, result.output
    assert "“团委”已于2012年6月并入“宣传部”，这项表彰的日期（2012年12月20日）在此之后" in result.output
    assert "content/people/li-na.md:3: unit: 李娜的单位“团委”已于2012年6月并入“宣传部”" in result.output


def test_the_example_sites_2012_pages_show_the_names_of_2012(example: tuple[Path, object]) -> None:
    output, _ = example
    roll = text((output / "campaigns/oilfield-1135-2012/honour-roll.html").read_text(encoding="utf-8"))
    assert "注水作业队" in roll and "注水队 " not in roll
    results = text((output / "campaigns/oilfield-1135-2012/results/2012-Q2.html").read_text(encoding="utf-8"))
    assert "注水作业队" in results
    assert "采油六队" in text((output / "units/caiyou-wudui.html").read_text(encoding="utf-8"))
    assert "曾用名 宣传科" in text((output / "units/xuanchuan-bu.html").read_text(encoding="utf-8"))
