"""Names wherever an id is asked: honours.yaml, score files and `new --unit` take an id, an exact name or a
unit's short name when only one record has it; otherwise the message shows ids with names beside them."""
from __future__ import annotations

from pathlib import Path

from conftest import MINIMAL_SITE, run, write_tree
from honours.model.naming import Naming

HONOURS = "content/campaigns/wenming-2024/honours.yaml"


def _naming() -> Naming:
    return Naming("人员", {"liu-dehua": ("刘德华",), "liu-dehua-2": ("刘德华",), "zhang-wei": ("张伟",),
                           "xuanchuan": ("党委宣传部", "宣传部")})


def test_an_id_a_name_or_a_short_name_finds_the_one_record() -> None:
    naming = _naming()
    assert naming.find("zhang-wei").id == "zhang-wei"
    assert naming.find("张伟").id == "zhang-wei"
    assert naming.find("宣传部").id == "xuanchuan"


def test_a_shared_name_lists_each_id_with_its_name() -> None:
    found = _naming().find("刘德华")
    assert found.id is None and found.message == "有 2 个人员叫“刘德华”"
    assert found.hint == "改写编号以区分：liu-dehua（刘德华）、liu-dehua-2（刘德华）"


def test_an_unknown_name_asks_is_it_with_names_beside_ids() -> None:
    assert _naming().find("liu-dehau").hint.startswith("是不是 liu-dehua（刘德华）")
    assert _naming().find("张玮").hint == "是不是 zhang-wei（张伟）？"
    assert _naming().find("qqq").hint.startswith("可用：liu-dehua（刘德华）、")


def test_honours_name_people_and_units_by_name(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", {**MINIMAL_SITE, HONOURS: (
        "- award: wenming-bushi\n  unit: 宣传部\n  date: 2024-07-01\n- award: dushu\n  people: [张伟, li-na]\n")})
    result = run("build", "--site", str(site))
    assert result.exit_code == 0, result.output
    page = (site / "output/people/zhang-wei.html").read_text(encoding="utf-8")
    assert "读书积极分子" in page
    assert "文明部室" in (site / "output/units/xuanchuan.html").read_text(encoding="utf-8")


def test_an_unknown_or_shared_name_in_honours_is_an_error_naming_line_and_field(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", {
        **MINIMAL_SITE, "content/people/li-na-2.md": "---\nname: 李娜\nunit: jiguan\n---\n",
        HONOURS: "- award: dushu\n  person: 张玮\n- award: dushu\n  person: 李娜\n"})
    result = run("check", "--site", str(site))
    assert result.exit_code == 1
    assert f"{HONOURS}:2: person: 未找到人员“张玮” — 是不是 zhang-wei（张伟）？" in result.output
    assert f"{HONOURS}:4: person: 有 2 个人员叫“李娜” — 改写编号以区分：li-na（李娜）、li-na-2（李娜）" in result.output


def test_a_person_file_still_wants_the_unit_id_and_is_told_it(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", {**MINIMAL_SITE, "content/people/li-na.md": "---\nname: 李娜\nunit: 宣传部\n---\n"})
    result = run("check", "--site", str(site))
    assert "content/people/li-na.md:3: unit: 未找到单位“宣传部” — 这里要写编号：xuanchuan（宣传部）" in result.output


def test_new_person_takes_a_units_short_name(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", {**MINIMAL_SITE,
                                          "content/units/xuanchuan.md": "---\nname: 党委宣传部\nshort_name: 宣传部\nkind: 部室\n---\n"})
    result = run("new", "person", "--name", "王芳", "--unit", "宣传部", "--site", str(site))
    assert result.exit_code == 0, result.output
    assert "unit: xuanchuan" in (site / "content/people/wang-fang.md").read_text(encoding="utf-8")
    assert "已按名称找到单位 xuanchuan（党委宣传部）" in result.output


def test_score_files_name_units_by_name_in_yaml_too(tmp_path: Path) -> None:
    from honours.model.assessments import Reader
    from honours.errors import Problems
    from honours.model.records import Unit
    from types import SimpleNamespace
    units = {"xuanchuan": Unit(id="xuanchuan", name="党委宣传部", kind="部室", short_name="宣传部")}
    reader = Reader(tmp_path / "2024-02.yaml", SimpleNamespace(subject="unit"), units, Problems())
    assert reader.subject("宣传部", 3, "unit") == "xuanchuan"
    assert reader.subject("宣传", 4, "unit") is None
    assert reader.problems.errors[0].hint == "是不是 xuanchuan（党委宣传部）？"
