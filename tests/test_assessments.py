"""Score schemes and assessments: totals, 并列, group ranks, stars, roll-ups, and every mistake named where it is."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from conftest import run, write_tree
from honours.errors import Problems
from honours.making import load_site
from honours.results import campaign_results

SCHEME = """\
name: 测试“双百”考核标准
categories:
  - name: 业务工作
    items:
      - {id: gongxing, name: 共性指标, max: 45}
      - {id: fenlei, name: 分类指标, max: 55}
  - name: 自身建设
    items:
      - {id: dangjian, name: 党建工作, max: 50}
      - {id: jilv, name: 劳动纪律, max: 50}
deductions: true
bonus_cap: 5
stars:
  - {level: 五星, min: 190}
  - {level: 四星, min: 180}
rollup: average
top: 2
group_by: kind
"""
UNITS = {"bgs": ("办公室", "部室"), "rlb": ("人力资源部", "部室"), "cwb": ("财务部", "部室"),
         "dzb": ("第一党支部", "党支部"), "gh": ("工会", "部室")}
# Per unit: 共性指标, 分类指标, 党建工作, 劳动纪律 for January and February.
JANUARY = {"bgs": (45, 55, 50, 48), "rlb": (44, 54, 48, 47), "cwb": (44, 53, 48, 47),
           "dzb": (40, 50, 45, 45), "gh": (43, 50, 46, 44)}
FEBRUARY = {"bgs": (43, 52, 48, 46), "rlb": (45, 55, 49, 49), "cwb": (44, 53, 49, 47),
            "dzb": (44, 54, 48, 48), "gh": (42, 50, 45, 44)}
ITEMS = ("gongxing", "fenlei", "dangjian", "jilv")
HEADERS = ("共性指标", "分类指标", "党建工作", "劳动纪律")


def scored_site(tmp_path: Path, extra: dict[str, str | bytes] | None = None, **february: str | bytes) -> Path:
    """A site with the scheme, five units, and January's scores as YAML; February as given (YAML by default)."""
    files: dict[str, str | bytes] = {
        "site.toml": 'title = "测试"\n',
        "content/schemes/shuangbai.yaml": SCHEME,
        "content/campaigns/c/index.md": "---\ntitle: 测试活动\norganiser: 机关党委\nstart: 2024-01\nend: 2024-12\n"
                                         "scheme: shuangbai\n---\n",
        "content/campaigns/c/assessments/2024-01.yaml": yaml_scores(JANUARY, extras={
            "gh": "    deductions:\n      - {points: 2, reason: 例会迟到}\n",
            "cwb": "    bonus: 1\n    bonus_reason: 宣传报道突出\n"}),
    }
    for uid, (name, kind) in UNITS.items():
        files[f"content/units/{uid}.md"] = f"---\nname: {name}\nkind: {kind}\n---\n"
    files.update({f"content/campaigns/c/assessments/{name}": data for name, data in february.items()}
                 or {"content/campaigns/c/assessments/2024-02.yaml": yaml_scores(FEBRUARY)})
    files.update(extra or {})
    return write_tree(tmp_path / "site", files)


def yaml_scores(scores: dict[str, tuple], extras: dict[str, str] | None = None) -> str:
    lines = ["date: 2024-02-05", "scores:"]
    for uid, values in scores.items():
        lines.append(f"  - unit: {uid}")
        lines += [f"    {item}: {value}" for item, value in zip(ITEMS, values)]
        if extras and uid in extras:
            lines.append(extras[uid].rstrip("\n"))
    return "\n".join(lines) + "\n"


def sheet_table(scores: dict[str, tuple]) -> list[list]:
    return [["单位", *HEADERS]] + [[UNITS[uid][0], *values] for uid, values in scores.items()]


def results_of(site: Path):
    problems = Problems()
    loaded = load_site(site, problems)
    assert loaded is not None, [p.format(site) for p in problems.errors]
    return {r.period.slug: r for r in campaign_results(loaded, loaded.campaigns["c"])}


def test_totals_add_items_by_category_less_deductions_plus_bonus(tmp_path: Path) -> None:
    january = results_of(scored_site(tmp_path))["2024-01"]
    bgs, gh, cwb = january.row("bgs"), january.row("gh"), january.row("cwb")
    assert bgs.categories == (100, 98) and bgs.total == 198
    assert gh.deducted == 2 and gh.total == 93 + 90 - 2
    assert cwb.bonus == 1 and cwb.total == 97 + 95 + 1


def test_equal_totals_share_a_rank_and_the_next_rank_is_skipped(tmp_path: Path) -> None:
    january = results_of(scored_site(tmp_path))["2024-01"]
    # 人力资源部 193 and 财务部 193 (192 + 1 bonus) are 并列 second, in 笔画 order; the next is fourth
    assert [(r.name, r.total, r.rank, r.tied) for r in january.rows] == [
        ("办公室", 198, 1, False), ("人力资源部", 193, 2, True), ("财务部", 193, 2, True),
        ("工会", 181, 4, False), ("第一党支部", 180, 5, False)]


def test_group_ranks_stars_and_top_marks(tmp_path: Path) -> None:
    january = results_of(scored_site(tmp_path))["2024-01"]
    party = january.row("dzb")
    assert (party.rank, party.group_rank) == (5, 1)  # first among the 党支部
    assert january.row("gh").group_rank == 4
    assert [r.star for r in january.rows] == ["五星", "五星", "五星", "四星", "四星"]
    assert [r.name for r in january.rows if r.top] == ["办公室", "人力资源部", "财务部"]  # 并列 second is in the top 2


def test_change_from_the_previous_period(tmp_path: Path) -> None:
    february = results_of(scored_site(tmp_path))["2024-02"]
    assert february.previous.slug == "2024-01"
    assert february.row("rlb").rank == 1 and february.row("rlb").change == 1
    assert february.row("bgs").change == -3
    assert february.row("dzb").change == 3


def test_quarter_half_and_year_roll_up_from_months(tmp_path: Path) -> None:
    results = results_of(scored_site(tmp_path))
    assert {"2024-Q1", "2024-H1", "2024"} <= set(results)
    quarter = results["2024-Q1"]
    assert quarter.rolled_up and [p.slug for p in quarter.parts] == ["2024-01", "2024-02"]
    assert quarter.row("bgs").total == (198 + 189) / 2
    assert quarter.row("bgs").items[0] == 44  # (45 + 43) / 2
    assert quarter.row("gh").deducted == 1  # (2 + 0) / 2


def test_rollup_sum_adds_the_months(tmp_path: Path) -> None:
    site = scored_site(tmp_path, extra={"content/schemes/shuangbai.yaml": SCHEME.replace("rollup: average",
                                                                                         "rollup: sum")})
    assert results_of(site)["2024-Q1"].row("bgs").total == 198 + 189


def test_csv_and_xlsx_sheets_give_the_same_results_as_yaml(tmp_path: Path) -> None:
    import io

    import openpyxl
    expected = results_of(scored_site(tmp_path / "yaml"))["2024-02"]
    buffer = io.StringIO()
    csv.writer(buffer).writerows(sheet_table(FEBRUARY))
    from_csv = results_of(scored_site(tmp_path / "csv", **{"2024-02.csv": "\ufeff" + buffer.getvalue()}))
    gbk = results_of(scored_site(tmp_path / "gbk", **{"2024-02.csv": buffer.getvalue().encode("gbk")}))
    book = openpyxl.Workbook()
    for row in sheet_table(FEBRUARY):
        book.active.append(row)
    book.active.title = "2月"
    data = io.BytesIO()
    book.save(data)
    from_xlsx = results_of(scored_site(tmp_path / "xlsx", **{"2024-02.xlsx": data.getvalue()}))
    for other in (from_csv["2024-02"], gbk["2024-02"], from_xlsx["2024-02"]):
        assert other.rows == expected.rows


def test_a_blank_item_is_allowed_when_written_as_blank(tmp_path: Path) -> None:
    scores = yaml_scores(FEBRUARY).replace("    jilv: 44\n", "    jilv: ~\n")
    february = results_of(scored_site(tmp_path, **{"2024-02.yaml": scores}))["2024-02"]
    assert february.row("gh").items[3] is None and february.row("gh").total == 42 + 50 + 45


MISTAKES = [
    ("2024-02.yaml", lambda: yaml_scores(FEBRUARY).replace("gongxing: 43", "gongxing: 48"),
     "content/campaigns/c/assessments/2024-02.yaml:4: gongxing: 共性指标 48 超过满分 45"),
    ("2024-02.yaml", lambda: yaml_scores(FEBRUARY).replace("gongxing: 43", "gongxin: 43"),
     "2024-02.yaml:4: gongxin: 未知指标或字段 — 是不是：gongxing"),
    ("2024-02.yaml", lambda: yaml_scores(FEBRUARY).replace("    gongxing: 43\n", ""),
     "2024-02.yaml:3: 缺少指标：共性指标"),
    ("2024-02.yaml", lambda: yaml_scores(FEBRUARY).replace("unit: rlb", "unit: rlbb"),
     "2024-02.yaml:8: unit: 未找到单位“rlbb”"),
    ("2024-02.yaml", lambda: yaml_scores(FEBRUARY).replace("unit: rlb", "unit: bgs"),
     "2024-02.yaml:8: “办公室”出现了两次（另见第 3 行）"),
    ("2024-02.yaml", lambda: yaml_scores(FEBRUARY).replace("fenlei: 52", "fenlei: 五十二"),
     "2024-02.yaml:5: fenlei: “五十二”不是分数"),
    ("2024-02.yaml", lambda: yaml_scores(FEBRUARY, {"bgs": "    deductions:\n      - {points: 2}\n"}),
     "2024-02.yaml:9: deductions: 扣分没有写原因"),
    ("2024-02.yaml", lambda: yaml_scores(FEBRUARY, {"bgs": "    bonus: 8\n    bonus_reason: 好\n"}),
     "2024-02.yaml:8: bonus: 加分 8 超过满分 5"),
    ("2024-13.yaml", lambda: yaml_scores(FEBRUARY), "2024-13.yaml: 文件名“2024-13”不是考核期"),
    ("2024-02.csv", lambda: "单位,共性指标,分类指标,党建工作,劳动纪律\n办公室,43,52,48,46\n人力资源部,45,55,49,-1\n",
     "2024-02.csv:3: E3: 劳动纪律不能是负数（-1）"),
    ("2024-02.csv", lambda: "单位,共性指标,分类指标,党建工作,纪律\n办公室,43,52,48,46\n",
     "2024-02.csv:1: E1: 不认识的表头“纪律” — 是不是：劳动纪律？"),
    ("2024-02.csv", lambda: "单位,共性指标,分类指标,党建工作,劳动纪律\n办工室,43,52,48,46\n",
     "2024-02.csv:2: A2: 未找到单位“办工室” — 是不是 "),
    ("2024-02.csv", lambda: "单位,共性指标,分类指标,党建工作,劳动纪律\n办\u200b公室,43,52,48,46\n",
     "2024-02.csv:2: A2: “办\\u200b公室”中有看不见的字符（U+200B 零宽空格）"),
]


@pytest.mark.parametrize("name, text, expected", MISTAKES, ids=[m[2].split(": ", 1)[-1][:18] for m in MISTAKES])
def test_each_mistake_is_named_at_its_file_line_and_field(tmp_path: Path, name: str, text, expected: str) -> None:
    site = scored_site(tmp_path, **{name: text()})
    result = run("build", "--site", str(site))
    assert result.exit_code == 1
    assert expected in result.stderr


def test_a_workbook_mistake_is_named_by_sheet_and_cell(tmp_path: Path) -> None:
    import io

    import openpyxl
    book = openpyxl.Workbook()
    table = sheet_table(FEBRUARY)
    table[3][2] = 56  # 财务部 分类指标, over 55
    for row in table:
        book.active.append(row)
    book.active.title = "2月"
    data = io.BytesIO()
    book.save(data)
    result = run("build", "--site", str(scored_site(tmp_path, **{"2024-02.xlsx": data.getvalue()})))
    assert result.exit_code == 1
    assert "content/campaigns/c/assessments/2024-02.xlsx:4: 2月!C4: 分类指标 56 超过满分 55" in result.stderr


def test_scores_without_a_scheme_are_an_error(tmp_path: Path) -> None:
    site = scored_site(tmp_path, extra={"content/campaigns/c/index.md": (
        "---\ntitle: 测试活动\norganiser: 机关党委\nstart: 2024-01\nend: 2024-12\n---\n")})
    result = run("build", "--site", str(site))
    assert result.exit_code == 1
    assert "活动没有指定考核标准" in result.stderr


def test_the_example_sites_results_pages_show_tables_charts_and_bulletins(example) -> None:
    output, _ = example
    results = (output / "campaigns/hq-323-2024/results/2024-03.html").read_text(encoding="utf-8")
    assert "2024年3月考核结果" in results and "<svg" in results and "data-sortable" in results
    assert "（并列）" in results and "★四星" in results and "↑" in results
    half = (output / "campaigns/hq-323-2024/results/2024-H1.html").read_text(encoding="utf-8")
    assert "由1月、2月、3月、4月、5月、6月的得分平均计算" in half
    bulletin = (output / "campaigns/hq-323-2024/results/2024-06-bulletin.html").read_text(encoding="utf-8")
    assert "关于2024年6月份机关部室“双百”考核情况的通报" in bulletin and "通报批评" in bulletin
    campaign = (output / "campaigns/oilfield-1135-2012/index.html").read_text(encoding="utf-8")
    assert "最新考核排名" in campaign and "results/2012-Q2.html" in campaign
    unit = (output / "units/anquan-huanbao-bu.html").read_text(encoding="utf-8")
    assert "考核得分" in unit and "得分走势" in unit and "<polyline" in unit
