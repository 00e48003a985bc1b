#!/usr/bin/env python3
"""Write the example site's score schemes and assessments, and check them against the honour rolls.

Two campaigns of the example site get scores:

- hq-323-2024: the monthly 机关部室“双百”考核 (200 points) of the HQ departments, 2024-01 … 2024-12,
  as .xlsx (Jan–Jun), .csv (Jul–Sep) and .yaml (Oct–Dec), plus 考核通报 commentary for March and June.
  The 13 文明部室 of honours.yaml are exactly the 13 best January–June averages, all ≥ 180; the April
  and May means are those the May bulletin prints (89.8 and 91.6 of 100, i.e. 179.6 and 183.2 of 200).
- oilfield-1135-2012: the quarterly “三基”检查 (100 points) of the basic-level teams, 2012-Q1 … Q4
  (.yaml, Q4 as .xlsx). Q2 and Q3 reproduce the ranked awards, the scores their citations quote and
  the averages the bulletins print; the yearly average puts 采油一队 first at 96.5, as its citation says.

Output is deterministic (random.Random(SEED); fixed timestamps inside the .xlsx), so a re-run writes
the same bytes. Every file is read back and compared with what was meant, and the constraints above
are asserted.

    python tools/make_example_scores.py
    python tools/make_example_scores.py --content path/to/content

Needs PyYAML and openpyxl (`pip install openpyxl`).
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import itertools
import random
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
import yaml
from openpyxl.styles import Alignment, Font

ROOT = Path(__file__).resolve().parent.parent
SEED = 323
OPTIONAL_COLUMNS = ("扣分", "扣分原因", "加分", "加分原因", "备注")


@dataclass(frozen=True)
class Item:
    """One scored item of a scheme; points are kept in tenths so sums are exact."""

    id: str
    name: str
    max: int


@dataclass
class Score:
    """One unit's result in one period: item points, deductions and bonus, all in tenths."""

    unit: str
    items: dict[str, int]
    deductions: list[tuple[int, str]] = field(default_factory=list)
    bonus: int = 0
    bonus_reason: str = ""
    comment: str = ""

    @property
    def total(self) -> int:
        return sum(self.items.values()) - sum(p for p, _ in self.deductions) + self.bonus


@dataclass(frozen=True)
class Unit:
    """What the generator needs of a unit record."""

    id: str
    name: str
    kind: str
    parent: str
    weight: int


def tenths(points: float) -> int:
    return round(points * 10)


def points_text(value: int) -> str:
    """Return tenths as the number a person would type: 43, 52.5."""
    return str(value // 10) if value % 10 == 0 else f"{value / 10:.1f}"


def points_number(value: int) -> int | float:
    return value // 10 if value % 10 == 0 else round(value / 10, 1)


def scheme_items(scheme_yaml: str) -> list[Item]:
    scheme = yaml.safe_load(scheme_yaml)
    return [Item(i["id"], i["name"], tenths(i["max"])) for c in scheme["categories"] for i in c["items"]]


def read_units(content: Path) -> dict[str, Unit]:
    """Return every unit record under content/units, by id."""
    units = {}
    for path in sorted((content / "units").rglob("*.md")):
        front = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
        units[path.stem] = Unit(path.stem, front["name"], front["kind"], front.get("parent", ""),
                                front.get("weight", 0))
    return units


def ranks(scores: list[Score]) -> dict[str, int]:
    """Return each unit's competition rank (1, 2, 2, 4) by total."""
    totals = sorted((s.total for s in scores), reverse=True)
    return {s.unit: totals.index(s.total) + 1 for s in scores}


# ------------------------------------------------------------------------------------ generation


def split_items(rng: random.Random, items: list[Item], item_sum: int, weights: dict[str, float],
                fine: tuple[str, ...]) -> dict[str, int]:
    """Return item points adding up to item_sum: losses in half points, odd tenths on a `fine` item."""
    loss = sum(i.max for i in items) - item_sum
    assert loss >= 20, f"too little room below the maximum ({loss / 10} points)"
    lost = {i.id: 0 for i in items}
    caps = {i.id: i.max * 3 // 10 for i in items}
    extra = loss % 5
    lost[rng.choice(fine)] += extra
    for _ in range(loss // 5):
        open_items = [i.id for i in items if lost[i.id] + 5 <= caps[i.id]]
        pick = rng.choices(open_items, [weights[i] for i in open_items])[0]
        lost[pick] += 5
    return {i.id: i.max - lost[i.id] for i in items}


def planned_totals(rng: random.Random, plan: CampaignPlan, unit_ids: list[str], period: int) -> dict[str, int]:
    """Return each unit's total (tenths) for a period: given outright, or level + arc + noise, fitted."""
    if plan.fixed_totals:
        return {u: tenths(plan.fixed_totals[period][u]) for u in unit_ids}
    raw = {u: plan.level(u, period) + rng.gauss(0, plan.noise) for u in unit_ids}
    for adj in plan.adjustments_for(period):
        raw[adj.unit] += adj.signed_points
    shift = plan.mean[period] - sum(raw.values()) / len(raw)
    totals = {u: tenths(v + shift) for u, v in raw.items()}
    protected: set[str] = set()
    if period in plan.ties:
        order = sorted(totals, key=lambda u: -totals[u])
        upper, lower = (order[p - 1] for p in plan.ties[period])
        totals[lower] = totals[upper]
        protected = {upper, lower}
    unique_totals(rng, totals, protected)
    fit_sum(rng, totals, protected, tenths(plan.mean[period]) * len(totals))
    return totals


def unique_totals(rng: random.Random, totals: dict[str, int], protected: set[str]) -> None:
    """Nudge accidental equal totals apart by a tenth, leaving the planned tie alone."""
    for unit in sorted(totals, key=lambda u: (u in protected, rng.random())):
        if unit in protected:
            continue
        step = rng.choice((-1, 1))
        while any(totals[unit] == totals[o] for o in totals if o != unit):
            totals[unit] += step


def fit_sum(rng: random.Random, totals: dict[str, int], protected: set[str], target: int) -> None:
    """Move single units by a tenth until the totals add up to target, never making a new tie."""
    free = sorted(u for u in totals if u not in protected)
    while (diff := target - sum(totals.values())) != 0:
        step = 1 if diff > 0 else -1
        rng.shuffle(free)
        moved = False
        for unit in free:
            if totals[unit] + step not in totals.values():
                totals[unit] += step
                moved = True
                break
        assert moved, "cannot fit the month's mean without a tie"


def make_scores(rng: random.Random, plan: CampaignPlan, items: list[Item], units: list[Unit],
                period: int) -> list[Score]:
    """Return the period's scores, one per unit in the units' own order."""
    totals = planned_totals(rng, plan, [u.id for u in units], period)
    scores = []
    for unit in units:
        score = Score(unit.id, {})
        for adj in plan.adjustments_for(period, unit.id):
            if adj.kind == "-":
                score.deductions.append((tenths(adj.points), adj.text))
            elif adj.kind == "+":
                score.bonus, score.bonus_reason = tenths(adj.points), adj.text
            else:
                score.comment = adj.text
        item_sum = totals[unit.id] + sum(p for p, _ in score.deductions) - score.bonus
        score.items = split_items(rng, items, item_sum, plan.loss_weights, plan.fine_items)
        assert score.total == totals[unit.id]
        scores.append(score)
    return scores


# ------------------------------------------------------------------------------------ writing


def write_yaml(path: Path, scores: list[Score], items: list[Item], date: str | None) -> None:
    lines = [f"date: {date}"] if date else []
    lines.append("scores:")
    for s in scores:
        lines.append(f"  - unit: {s.unit}")
        lines += [f"    {i.id}: {points_text(s.items[i.id])}" for i in items]
        if s.deductions:
            lines.append("    deductions:")
            lines += [f"      - {{points: {points_text(p)}, reason: {r}}}" for p, r in s.deductions]
        if s.bonus:
            lines += [f"    bonus: {points_text(s.bonus)}", f"    bonus_reason: {s.bonus_reason}"]
        if s.comment:
            lines.append(f"    comment: {s.comment}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", newline="\n")


def table_rows(scores: list[Score], items: list[Item], units: dict[str, Unit]) -> list[list]:
    """Return the spreadsheet rows: header, then one row per unit; optional columns only when used."""
    used = {"扣分": any(s.deductions for s in scores), "加分": any(s.bonus for s in scores),
            "备注": any(s.comment for s in scores)}
    header = ["单位"] + [i.name for i in items]
    header += [c for c in OPTIONAL_COLUMNS if used[c.removesuffix("原因")]]
    rows: list[list] = [header]
    for s in scores:
        cells = {"扣分": points_number(sum(p for p, _ in s.deductions)) if s.deductions else None,
                 "扣分原因": "；".join(r for _, r in s.deductions) or None,
                 "加分": points_number(s.bonus) if s.bonus else None,
                 "加分原因": s.bonus_reason or None, "备注": s.comment or None}
        rows.append([units[s.unit].name] + [points_number(s.items[i.id]) for i in items]
                    + [cells[c] for c in header[1 + len(items):]])
    return rows


def write_csv(path: Path, rows: list[list]) -> None:
    """Write as Excel saves “CSV UTF-8”: a BOM and CRLF line ends."""
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f, lineterminator="\r\n").writerows([["" if c is None else c for c in r] for r in rows])


def write_xlsx(path: Path, rows: list[list], sheet_title: str, author: str, saved: dt.datetime) -> None:
    """Write one sheet with the header in row 1; zip entries and document times are fixed."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = sheet_title
    for row in rows:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
    sheet.column_dimensions["A"].width = 16
    for col, header in zip(sheet.iter_cols(min_row=1, max_row=1), rows[0]):
        if header.endswith("原因") or header == "备注":
            sheet.column_dimensions[col[0].column_letter].width = 40
    sheet.freeze_panes = "B2"
    book.properties.creator = book.properties.lastModifiedBy = author
    buffer = io.BytesIO()
    book.save(buffer)
    path.write_bytes(fixed_zip(buffer.getvalue(), saved))


def fixed_zip(data: bytes, saved: dt.datetime) -> bytes:
    """Return the .xlsx with every timestamp fixed, so a re-run writes the same bytes."""
    stamp = saved.strftime("%Y-%m-%dT%H:%M:%SZ")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", stamp.encode(), body)
            dst.writestr(zipfile.ZipInfo(info.filename, saved.timetuple()[:6]), body,
                         compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


# ------------------------------------------------------------------------------------ reading back


def read_back(path: Path, items: list[Item], units: dict[str, Unit]) -> list[Score]:
    """Return the scores a file holds, read as the site's loader is meant to read it."""
    if path.suffix == ".yaml":
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        return [Score(e["unit"], {i.id: tenths(e[i.id]) for i in items},
                      [(tenths(d["points"]), d["reason"]) for d in e.get("deductions", [])],
                      tenths(e.get("bonus", 0)), e.get("bonus_reason", ""), e.get("comment", ""))
                for e in doc["scores"]]
    if path.suffix == ".csv":
        raw = path.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    else:
        sheet = openpyxl.load_workbook(path, read_only=True).worksheets[0]
        rows = [["" if c is None else c for c in r] for r in sheet.iter_rows(values_only=True)]
    by_name = {u.name: u.id for u in units.values()}
    header, scores = rows[0], []
    for row in rows[1:]:
        cell = dict(zip(header, row))
        deducted = tenths(float(cell.get("扣分") or 0))
        scores.append(Score(by_name[cell["单位"]], {i.id: tenths(float(cell[i.name])) for i in items},
                            [(deducted, cell["扣分原因"])] if deducted else [],
                            tenths(float(cell.get("加分") or 0)), cell.get("加分原因", ""), cell.get("备注", "")))
    return scores


def same_scores(written: list[Score], read: list[Score]) -> bool:
    """Compare by what a spreadsheet can hold: several deductions become one sum with joined reasons."""
    def key(s: Score) -> tuple:
        return (s.unit, s.items, sum(p for p, _ in s.deductions), "；".join(r for _, r in s.deductions),
                s.bonus, s.bonus_reason, s.comment)
    return [key(s) for s in written] == [key(s) for s in read]


# ------------------------------------------------------------------------------------ the plans

SHUANGBAI_YAML = """\
name: 机关部室“双百”考核标准
subject: unit            # who is assessed: unit (person later)
categories:
  - name: 业务工作
    items:
      - {id: gongxing, name: 共性指标, max: 45}
      - {id: fenlei, name: 分类指标, max: 55}
  - name: 自身建设
    items:
      - {id: dangjian, name: 党建工作, max: 25}
      - {id: xuexi, name: 理论业务学习, max: 25}
      - {id: zuofeng, name: 工作作风, max: 25}
      - {id: jilv, name: 劳动纪律, max: 25}
deductions: true         # 扣分 with reasons allowed
bonus_cap: 5             # 加分 allowed, capped at 5 per period
stars:                   # on the total (here out of 200)
  - {level: 五星, min: 190}
  - {level: 四星, min: 180}
  - {level: 三星, min: 170}
rollup: average          # quarter/half/year from months: average or sum
top: 6                   # 前 6 名 are marked
group_by: kind           # optional: also rank within groups of units sharing this unit field
"""

SANJI_YAML = """\
name: “三基”工作检查考核标准
subject: unit            # basic-level teams (基层队)
categories:
  - name: 基层建设
    items:
      - {id: banzi, name: 班子建设, max: 15}
      - {id: dangjian, name: 党建工作, max: 15}
  - name: 基础工作
    items:
      - {id: ziliao, name: 基础资料, max: 15}
      - {id: anquan, name: 安全生产, max: 15}
      - {id: shebei, name: 设备管理, max: 10}
  - name: 基本功训练
    items:
      - {id: lianbing, name: 岗位练兵, max: 15}
      - {id: jingsai, name: 技能竞赛, max: 15}
deductions: true         # 扣分 with reasons allowed
bonus_cap: 3             # 加分 allowed, capped at 3 per quarter
stars:                   # on the total (out of 100)
  - {level: 五星, min: 95}
  - {level: 四星, min: 90}
  - {level: 三星, min: 85}
rollup: average          # half-year and year from quarters
top: 6                   # 前 6 名 are marked
"""


@dataclass(frozen=True)
class Adjustment:
    """A planned deduction (-), bonus (+) or comment (#) for one unit in one period."""

    period: int
    unit: str
    kind: str
    points: float
    text: str

    @property
    def signed_points(self) -> float:
        return {"-": -self.points, "+": self.points}.get(self.kind, 0.0)


@dataclass
class CampaignPlan:
    """How one campaign's scores are made, written and checked."""

    campaign: str
    scheme: str
    kind: str
    parent: str
    levels: dict[str, float]
    files: dict[int, tuple[str, str]]
    dates: dict[int, str]
    sheet_titles: dict[int, str]
    loss_weights: dict[str, float]
    fine_items: tuple[str, ...]
    adjustments: list[Adjustment]
    check: Callable[..., None]
    arc: Callable[[str, int], float] = lambda unit, period: 0.0
    noise: float = 0.0
    mean: dict[int, float] = field(default_factory=dict)
    ties: dict[int, tuple[int, int]] = field(default_factory=dict)
    fixed_totals: dict[int, dict[str, float]] = field(default_factory=dict)
    commentary: dict[int, dict[str, str]] = field(default_factory=dict)
    commentary_text: Callable[..., str] | None = None
    spreadsheet_author: str = ""
    spreadsheet_saved: dt.datetime = dt.datetime(1980, 1, 1)

    def level(self, unit: str, period: int) -> float:
        return self.levels[unit] + self.arc(unit, period)

    def adjustments_for(self, period: int, unit: str | None = None) -> list[Adjustment]:
        return [a for a in self.adjustments if a.period == period and unit in (None, a.unit)]


# The 双百 plan. Levels are relative: each month is shifted to its mean below. The 13 文明部室 sit at
# 185.5 and up, the other five at 177.5 and down, so the January–June averages part at 180.
HQ_LEVELS = {
    "zongjingli-bangongshi": 189.5, "dangwei-bangongshi": 191.5, "zuzhi-bu": 190.5, "xuanchuan-bu": 189,
    "renli-ziyuan-bu": 187, "caiwu-zichan-bu": 188, "guihua-jihua-bu": 177.5, "shengchan-yunxing-bu": 186,
    "anquan-huanbao-bu": 187, "jishu-fazhan-bu": 186.5, "qiye-guanli-bu": 187.5, "wuzi-caigou-bu": 175.5,
    "shenji-bu": 177, "falv-shiwu-bu": 185.5, "xinxi-guanli-bu": 170, "jiwei-bangongshi": 190,
    "gonghui": 176, "tuanwei": 185.5,
}
IMPROVER, SLIPPER = "xinxi-guanli-bu", "qiye-guanli-bu"
# April and May are the May bulletin's 89.8 and 91.6 (of 100); the rest rise as the campaign takes hold.
HQ_MEANS = {1: 178.6, 2: 178.0, 3: 179.0, 4: 179.6, 5: 183.2, 6: 184.4,
            7: 184.0, 8: 183.6, 9: 184.6, 10: 185.2, 11: 184.8, 12: 185.8}
HOLIDAYS_2024 = {(1, 1), (4, 4), (4, 5), (5, 1), (5, 2), (5, 3), (6, 10), (9, 16), (9, 17)} | {
    (2, d) for d in range(9, 18)} | {(10, d) for d in range(1, 8)}
MATERIALS = ("月度工作总结", "党建工作月报", "督办事项进展情况", "统计报表", "信息简报")
DEDUCTIONS = (  # (reason, points); {m}/{d} become a working day of the month, {x} a material
    ("{m}月{d}日机关周例会1人无故迟到", 1), ("{m}月{d}日考勤抽查1人无故脱岗", 1),
    ("{m}月{d}日卫生检查不合格，办公区域文件资料堆放杂乱", 0.5), ("{m}月{d}日{x}报送超过规定时限", 0.5),
    ("{m}月{d}日暗访中电话超过5声无人接听", 0.5), ("{m}月{d}日会议签到1人代签", 1),
    ("学习笔记抽查1人未按要求撰写", 0.5), ("{m}月{d}日上报公文格式不规范被退回", 0.5),
)
HQ_PLANNED = [Adjustment(*a) for a in (
    (1, "zongjingli-bangongshi", "+", 2, "圆满完成集团公司2024年工作会议会务保障"),
    (2, "jiwei-bangongshi", "+", 1, "元旦春节期间作风建设监督检查扎实，受到集团公司党委肯定"),
    (3, "shengchan-yunxing-bu", "-", 1, "3月11日机关周例会1人无故迟到"),
    (3, "xuanchuan-bu", "+", 2, "在集团公司新闻宣传工作中成绩突出，3篇稿件被中央媒体采用"),
    (3, "dangwei-bangongshi", "#", 0, "材料报送及时准确"),
    (4, "caiwu-zichan-bu", "+", 1, "财务结算窗口编印报销“明白卡”，做法在机关推广"),
    (5, "renli-ziyuan-bu", "+", 1, "人事服务窗口常规证明“即来即办”，受到基层单位书面表扬"),
    (5, "wuzi-caigou-bu", "-", 1, "5月21日、5月23日暗访中2次电话超过5声无人接听"),
    (5, "shenji-bu", "-", 0.5, "5月22日暗访中电话超过5声无人接听"),
    (5, "gonghui", "-", 1, "5月20日卫生检查不合格，办公室文件资料堆放杂乱"),
    (6, "anquan-huanbao-bu", "+", 2, "牵头组织“安全生产月”活动，获省应急管理厅通报表扬"),
    (6, "xinxi-guanli-bu", "-", 1, "6月13日网络安全检查发现弱口令问题，未按期整改"),
    (7, "zuzhi-bu", "+", 1, "“七一”表彰大会组织周密，受到集团公司党委肯定"),
    (8, "tuanwei", "+", 1, "组织青年志愿者参加防汛抢险，获团省委通报表扬"),
    (8, "jishu-fazhan-bu", "+", 1, "组织申报的“老油田精细注水技术”获省科技进步二等奖"),
    (9, "xinxi-guanli-bu", "+", 2, "机关协同办公平台建成上线，获集团公司管理创新成果一等奖"),
    (9, "qiye-guanli-bu", "-", 1, "督办事项“内控制度年度修订”未按期办结"),
    (10, "gonghui", "+", 1, "承办集团公司第五届职工运动会，组织周密、安全有序"),
    (10, "qiye-guanli-bu", "-", 0.5, "10月16日卫生检查不合格，公共区域存放杂物"),
    (11, "xinxi-guanli-bu", "+", 1, "在集团公司网络安全攻防演练中防守零失分"),
    (11, "qiye-guanli-bu", "-", 1, "10月份工作总结报送超过规定时限2天"),
    (11, "falv-shiwu-bu", "+", 1, "代理的合同纠纷案件二审胜诉，挽回经济损失860万元"),
    (12, "dangwei-bangongshi", "+", 1, "机关党建信息报送工作获集团公司党委通报表扬"),
    (12, "qiye-guanli-bu", "#", 0, "下半年考核排名下降明显，已约谈部门负责人"),
    (12, "shenji-bu", "#", 0, "本月承担集团公司年度经济责任审计任务"),
)]


def hq_arc(unit: str, month: int) -> float:
    """Return the improver's steady climb and the slipper's second-half slide."""
    if unit == IMPROVER:
        return 1.8 * (month - 1)
    if unit == SLIPPER and month > 6:
        return -2.4 * (month - 6)
    return 0.0


def random_deductions(rng: random.Random) -> list[Adjustment]:
    """Return one to three everyday deductions a month, falling more often on the weaker departments."""
    found = []
    units = sorted(HQ_LEVELS)
    for month in range(1, 13):
        days = [d for d in range(1, 32) if valid_workday(2024, month, d)]
        for _ in range(rng.choice((1, 2, 2, 3))):
            unit = rng.choices(units, [3 if HQ_LEVELS[u] < 180 else 1 for u in units])[0]
            reason, points = rng.choice(DEDUCTIONS)
            mondays = [d for d in days if dt.date(2024, month, d).weekday() == 0]
            day = rng.choice(mondays if "周例会" in reason else days)
            found.append(Adjustment(month, unit, "-", points,
                                    reason.format(m=month, d=day, x=rng.choice(MATERIALS))))
    return found


def valid_workday(year: int, month: int, day: int) -> bool:
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return False
    return date.weekday() < 5 and (month, day) not in HOLIDAYS_2024


def hq_commentary(month: int, meta: dict[str, str], results: dict[int, list[Score]],
                  units: dict[str, Unit]) -> str:
    """Return the month's 考核通报, written from its scores."""
    scores = results[month]
    name = {s.unit: units[s.unit].name for s in scores}
    by_total = sorted(scores, key=lambda s: (-s.total, units[s.unit].weight))
    best, worst = by_total[0], by_total[-1]
    mean = sum(s.total for s in scores) / len(scores) / 10
    front = ["---", f"title: 关于2024年{month}月份机关部室“双百”考核情况的通报", f"number: {meta['number']}",
             "issuer: 中共清源能源集团有限公司机关委员会", f"date: {meta['date']}", "---"]
    opening = (f"按照《机关部室“双百”考核标准》和“323”文明部室创建活动安排，机关党委会同纪委办公室，对机关"
               f"{len(scores)}个部室{month}月份业务工作和自身建设情况进行了考核。{len(scores)}个部室平均得分"
               f"{mean:.1f}分，最高{points_text(best.total)}分（{name[best.unit]}），最低{points_text(worst.total)}分"
               f"（{name[worst.unit]}）；{star_bands(scores)}。现将考核情况通报如下。")
    text = [*front, opening, "", *praise(by_total, name), "", *criticism(month, scores, name, meta["deadline"])]
    if month == 6:
        text += ["", *half_year_paragraph(results, units)]
    return "\n".join([*text, "", "特此通报。"]) + "\n"


def praise(by_total: list[Score], name: dict[str, str]) -> list[str]:
    """Return the 表扬 section: the top six (more when tied for sixth) and the bonuses."""
    rank = ranks(by_total)
    top = [s for s in by_total if rank[s.unit] <= 6]
    text = ["## 表扬", "", f"{'、'.join(name[s.unit] for s in top)}{len(top)}个部室考核得分位居前六名，予以通报表扬。",
            "", "| 名次 | 部室 | 得分 |", "| --- | --- | --- |"]
    for s in top:
        tied = "（并列）" if sum(o.total == s.total for o in by_total) > 1 else ""
        text.append(f"| {rank[s.unit]}{tied} | {name[s.unit]} | {points_text(s.total)} |")
    bonuses = sorted((s for s in by_total if s.bonus), key=lambda s: list(name).index(s.unit))
    if bonuses:
        text += ["", "以下部室工作成绩突出，按照考核标准给予加分：", ""]
        text += [f"- {name[s.unit]}：{s.bonus_reason}，加{points_text(s.bonus)}分。" for s in bonuses]
    return text


def criticism(month: int, scores: list[Score], name: dict[str, str], deadline: str) -> list[str]:
    """Return the 通报批评 section: every deduction, in the departments' official order."""
    deducted = [s for s in scores if s.deductions]
    assert deducted, f"{month}月 has no deductions to criticise"
    text = ["## 通报批评", "", f"以下部室在{month}月份考核中被扣分，予以通报批评：", ""]
    for s in deducted:
        text += [f"- {name[s.unit]}：{reason}，扣{points_text(p)}分。" for p, reason in s.deductions]
    return [*text, "", f"被通报批评的部室要认真查找原因，落实整改措施，于{deadline}前将整改情况书面报机关党委办公室。"]


def star_bands(scores: list[Score]) -> str:
    """Return how many reached each star band, e.g. 达到四星标准（180分以上）的10个、三星标准的6个."""
    bands, floor = [], 10_000
    for level, low in (("五星", 1900), ("四星", 1800), ("三星", 1700)):
        count = sum(1 for s in scores if low <= s.total < floor)
        if count:
            bands.append(f"{level}标准（{low // 10}分以上）的{count}个")
        floor = low
    below = sum(1 for s in scores if s.total < 1700)
    return "达到" + "、".join(bands) + (f"，170分以下的{below}个" if below else "")


def half_year_paragraph(results: dict[int, list[Score]], units: dict[str, Unit]) -> list[str]:
    """Return the June notice's closing section: the departments whose half-year average reached 180."""
    averages = h1_sums(results)
    named = sorted((u for u, v in averages.items() if v >= 1800 * 6), key=lambda u: units[u].weight)
    mean = sum(averages.values()) / len(averages) / 60
    paragraph = (f"1—6月，机关各部室月均得分{mean:.1f}分。{'、'.join(units[u].name for u in named)}"
                 f"{len(named)}个部室上半年月均得分达到180分以上。根据《机关“323”文明部室创建活动考评细则》，"
                 "以上部室拟命名为2024年上半年机关“文明部室”，现予公示，公示期为7月1日至7月4日。")
    return ["## 上半年考核情况", "", paragraph]


def h1_sums(results: dict[int, list[Score]]) -> dict[str, int]:
    """Return each unit's January–June sum of totals, in tenths."""
    sums: dict[str, int] = {}
    for month in range(1, 7):
        for s in results[month]:
            sums[s.unit] = sums.get(s.unit, 0) + s.total
    return sums


def award_units(honours: list[dict], award: str) -> list[dict]:
    """Return the honours of one award, one entry per unit, with its rank and citation."""
    found = []
    for h in honours:
        if h["award"] == award:
            found += [dict(h, unit=u) for u in h.get("units", [h.get("unit")])]
    return found


def check_hq(results: dict[int, list[Score]], honours: list[dict], bulletins: list[str],
             items: list[Item]) -> None:
    sums = h1_sums(results)
    honoured = {h["unit"] for h in award_units(honours, "wenming-bushi")}
    order = sorted(sums, key=lambda u: -sums[u])
    assert set(order[:13]) == honoured and sums[order[12]] > sums[order[13]], "文明部室 are not the best 13"
    assert all((sums[u] >= 1800 * 6) == (u in honoured) for u in sums), "the 13 do not part at 180"
    months = {m: sum(s.total for s in results[m]) / len(results[m]) / 20 for m in (4, 5)}
    table = next(re.search(r"部室平均得分 \| ([\d.]+) \| ([\d.]+)", b) for b in bulletins if "5月份机关文明" in b)
    assert [f"{months[4]:.1f}", f"{months[5]:.1f}"] == list(table.groups()), "April/May means differ"
    totals = [s.total for scores in results.values() for s in scores]
    assert all(1600 <= t <= 1980 for t in totals)
    assert sum(1650 <= t <= 1950 for t in totals) >= 0.9 * len(totals)
    check_items(results, items, bonus_cap=50)
    by_unit = {u: [next(s.total for s in results[m] if s.unit == u) for m in range(1, 13)] for u in sums}
    assert by_unit[IMPROVER][11] - by_unit[IMPROVER][0] >= 120, "the improver does not improve"
    assert sum(by_unit[SLIPPER][:6]) / 6 - by_unit[SLIPPER][11] >= 60, "the slipper does not slip"
    for month, positions in HQ.ties.items():
        got = sorted(s.total for s in results[month])[::-1]
        assert got[positions[0] - 1] == got[positions[1] - 1], f"{month}月 lacks its tie"
    numbers = {m.group(1) for b in bulletins for m in [re.search(r"^number: (.+)$", b, re.MULTILINE)] if m}
    assert not numbers & {c["number"] for c in HQ.commentary.values()}, "a 文号 is used twice"


def check_items(results: dict[int, list[Score]], items: list[Item], bonus_cap: int) -> None:
    for scores in results.values():
        for s in scores:
            assert all(0 <= s.items[i.id] <= i.max for i in items) and s.bonus <= bonus_cap
            assert all(p > 0 and r for p, r in s.deductions)


HQ = CampaignPlan(
    campaign="hq-323-2024", scheme="shuangbai", kind="部室", parent="jituan-jiguan", levels=HQ_LEVELS,
    files={m: (f"2024-{m:02d}", "xlsx" if m <= 6 else "csv" if m <= 9 else "yaml") for m in range(1, 13)},
    dates={10: "2024-11-06", 11: "2024-12-05", 12: "2024-12-27"},
    sheet_titles={m: f"{m}月" for m in range(1, 13)},
    loss_weights={"gongxing": 3, "fenlei": 4, "dangjian": 1, "xuexi": 1.2, "zuofeng": 1, "jilv": 0.8},
    fine_items=("gongxing", "fenlei"), adjustments=list(HQ_PLANNED), check=check_hq,
    arc=hq_arc, noise=1.6, mean=HQ_MEANS, ties={3: (5, 6), 8: (9, 10), 11: (6, 7)},
    commentary={3: {"number": "机关党发〔2024〕7号", "date": "2024-04-08", "deadline": "4月15日"},
                6: {"number": "机关党发〔2024〕14号", "date": "2024-07-01", "deadline": "7月10日"}},
    commentary_text=hq_commentary, spreadsheet_author="机关党委办公室",
    spreadsheet_saved=dt.datetime(2024, 7, 1, 9, 0, 0),
)

# The 三基 plan: every total is given. Q2 and Q3 are the citations' and bulletins' figures (Q2 mean
# 92.4, best 96.8, worst 87.1; Q3 mean 94.3); Q1 and Q4 make 采油一队's year 96.5, the best.
SANJI_TOTALS = {
    1: {"caiyou-yidui": 95.9, "caiyou-erdui": 92.8, "caiyou-sandui": 88.7, "caiyou-sidui": 90.3,
        "caiyou-wudui": 89.4, "caiyou-liudui": 86.5, "zhushui-dui": 95.2, "jingxia-zuoye-dui": 91.6},
    2: {"caiyou-yidui": 96.8, "caiyou-erdui": 94.6, "caiyou-sandui": 89.3, "caiyou-sidui": 91.8,
        "caiyou-wudui": 90.6, "caiyou-liudui": 87.1, "zhushui-dui": 95.9, "jingxia-zuoye-dui": 93.1},
    3: {"caiyou-yidui": 96.9, "caiyou-erdui": 97.2, "caiyou-sandui": 93.7, "caiyou-sidui": 92.1,
        "caiyou-wudui": 89.3, "caiyou-liudui": 94.8, "zhushui-dui": 96.1, "jingxia-zuoye-dui": 94.3},
    4: {"caiyou-yidui": 96.4, "caiyou-erdui": 96.8, "caiyou-sandui": 93.9, "caiyou-sidui": 92.5,
        "caiyou-wudui": 91.3, "caiyou-liudui": 95.1, "zhushui-dui": 96.0, "jingxia-zuoye-dui": 94.6},
}
SANJI_PLANNED = [Adjustment(*a) for a in (
    (1, "caiyou-liudui", "-", 0.5, "计量站巡检记录漏项2处"),
    (1, "caiyou-sandui", "-", 0.3, "井场油污未及时清理"),
    (1, "jingxia-zuoye-dui", "-", 0.5, "作业现场1人安全帽佩戴不规范"),
    # Q2: the bulletin's 9 员工 who failed the spot test, altered records and thin 谈心 notes.
    (2, "caiyou-liudui", "-", 0.6, "应知应会现场抽考3人未达到合格标准"),
    (2, "caiyou-liudui", "-", 0.5, "计量站资料存在涂改、漏项"),
    (2, "caiyou-liudui", "#", 0, "资料问题限7月20日前整改到位"),
    (2, "caiyou-sandui", "-", 0.4, "应知应会现场抽考2人未达到合格标准"),
    (2, "caiyou-sandui", "-", 0.3, "谈心谈话记录过于简单"),
    (2, "caiyou-wudui", "-", 0.4, "应知应会现场抽考2人未达到合格标准"),
    (2, "caiyou-wudui", "-", 0.3, "谈心谈话记录过于简单"),
    (2, "caiyou-sidui", "-", 0.2, "应知应会现场抽考1人未达到合格标准"),
    (2, "caiyou-sidui", "-", 0.3, "计量站资料存在涂改现象"),
    (2, "jingxia-zuoye-dui", "-", 0.2, "应知应会现场抽考1人未达到合格标准"),
    # Q3: 140 tested, 98.6% passed, so two failed.
    (3, "caiyou-sidui", "-", 0.2, "现场抽考1人未达到合格标准"),
    (3, "caiyou-wudui", "-", 0.2, "现场抽考1人未达到合格标准"),
    (3, "caiyou-erdui", "+", 1, "“井场党课”做法被大队作为典型经验推广"),
    (3, "caiyou-liudui", "+", 0.5, "“一井一档”管理季度超产原油420吨"),
    (3, "zhushui-dui", "+", 0.5, "员工曾向阳获采油厂注水工技能竞赛第一名"),
    (3, "caiyou-yidui", "+", 0.5, "员工陈静获采油厂采油工技能竞赛第二名"),
    (4, "caiyou-erdui", "+", 0.5, "员工艾力·买买提自制抽油机平衡块调整器获采油厂技术革新二等奖"),
    (4, "caiyou-wudui", "-", 0.5, "冬防保温措施落实不到位，1处伴热管线未包扎"),
    (4, "caiyou-sidui", "-", 0.3, "设备润滑记录不全"),
    (4, "caiyou-yidui", "#", 0, "全年四次检查平均得分96.5分，居大队第一"),
)]


def check_oilfield(results: dict[int, list[Score]], honours: list[dict], bulletins: list[str],
                   items: list[Item]) -> None:
    for award, quarter in (("erjidu-qianliu", 2), ("sanjidu-qianliu", 3)):
        ranked = sorted(award_units(honours, award), key=lambda h: h["rank"])
        best = sorted(results[quarter], key=lambda s: -s.total)
        assert [h["unit"] for h in ranked] == [s.unit for s in best[:6]], f"{award}: ranks differ"
        assert all(a.total > b.total for a, b in itertools.pairwise(best[:7])), f"{award}: ties in the top 7"
        total = {s.unit: points_text(s.total) for s in best}
        for h in ranked:
            quoted = re.search(r"综合得分([\d.]+)分", h.get("citation", ""))
            assert not quoted or quoted.group(1) == total[h["unit"]], f"{award}: {h['unit']} citation differs"
    for quarter, phrase in ((2, "第二季度“三基”工作检查情况"), (3, "第三季度“三基”工作检查情况")):
        text = next(b for b in bulletins if phrase in b)
        totals = [s.total for s in results[quarter]]
        assert f"平均得分{sum(totals) / len(totals) / 10:.1f}分" in text
        assert quarter != 2 or f"最高{points_text(max(totals))}分，最低{points_text(min(totals))}分" in text
    year = {u: sum(next(s.total for s in results[q] if s.unit == u) for q in results) for u in SANJI_TOTALS[1]}
    best = sorted(year, key=lambda u: -year[u])
    assert best[:2] == ["caiyou-yidui", "zhushui-dui"] and year["caiyou-yidui"] == 4 * 965, "示范队 differ"
    assert all(800 <= s.total <= 980 for scores in results.values() for s in scores)
    check_items(results, items, bonus_cap=30)


OILFIELD = CampaignPlan(
    campaign="oilfield-1135-2012", scheme="sanji", kind="基层队", parent="disan-dadui",
    levels={u: 0.0 for u in SANJI_TOTALS[1]}, fixed_totals=SANJI_TOTALS,
    files={q: (f"2012-Q{q}", "xlsx" if q == 4 else "yaml") for q in range(1, 5)},
    dates={1: "2012-04-12", 2: "2012-07-12", 3: "2012-10-15"},
    sheet_titles={4: "四季度"},
    loss_weights={"banzi": 1, "dangjian": 1, "ziliao": 1.3, "anquan": 1, "shebei": 0.8, "lianbing": 1.3,
                  "jingsai": 1.2},
    fine_items=("banzi", "dangjian", "ziliao", "anquan", "shebei", "lianbing", "jingsai"),
    adjustments=list(SANJI_PLANNED), check=check_oilfield, spreadsheet_author="大队政工组",
    spreadsheet_saved=dt.datetime(2012, 11, 16, 9, 0, 0),
)


# ------------------------------------------------------------------------------------ the campaigns


def campaign_units(plan: CampaignPlan, units: dict[str, Unit]) -> list[Unit]:
    """Return the campaign's assessed units (its kind, under its parent) in their official order."""
    found = sorted((u for u in units.values() if u.kind == plan.kind and u.parent == plan.parent),
                   key=lambda u: (u.weight, u.id))
    assert [u.id for u in found] == sorted(plan.levels, key=lambda i: (units[i].weight, i)), \
        "the plan's units differ from the unit tree's"
    return found


def run_campaign(content: Path, plan: CampaignPlan, scheme_yaml: str, units: dict[str, Unit],
                 rng: random.Random) -> dict[int, list[Score]]:
    """Write one campaign's assessments and return its scores by period number."""
    items = scheme_items(scheme_yaml)
    assessed = campaign_units(plan, units)
    folder = content / "campaigns" / plan.campaign / "assessments"
    folder.mkdir(parents=True, exist_ok=True)
    written = set()
    results = {}
    for period, (slug, fmt) in plan.files.items():
        scores = make_scores(rng, plan, items, assessed, period)
        path = folder / f"{slug}.{fmt}"
        if fmt == "yaml":
            write_yaml(path, scores, items, plan.dates.get(period))
        elif fmt == "csv":
            write_csv(path, table_rows(scores, items, units))
        else:
            write_xlsx(path, table_rows(scores, items, units), plan.sheet_titles[period], plan.spreadsheet_author,
                       plan.spreadsheet_saved)
        assert same_scores(scores, read_back(path, items, units)), f"{path} does not read back"
        written.add(path.name)
        results[period] = scores
    for period, meta in plan.commentary.items():
        path = folder / f"{plan.files[period][0]}.md"
        path.write_text(plan.commentary_text(period, meta, results, units), encoding="utf-8", newline="\n")
        written.add(path.name)
    # A period written in another format by an earlier run would be read twice; nothing else is touched.
    for slug, _ in plan.files.values():
        for stale in (folder / f"{slug}.{ext}" for ext in ("yaml", "csv", "xlsx")):
            if stale.exists() and stale.name not in written:
                stale.unlink()
                print(f"removed stale {stale.relative_to(content.parent)}")
    print(f"wrote {len(written)} files in {folder.relative_to(content.parent)}")
    return results


def print_summary(plan: CampaignPlan, results: dict[int, list[Score]], units: dict[str, Unit]) -> None:
    print(f"\n== {plan.campaign}")
    for period, scores in results.items():
        rank = ranks(scores)
        top = sorted((s for s in scores if rank[s.unit] <= 6), key=lambda s: (rank[s.unit], s.unit))
        tied = [s for s in scores if sum(o.total == s.total for o in scores) > 1]
        mean = sum(s.total for s in scores) / len(scores) / 10
        line = "  ".join(f"{rank[s.unit]}.{units[s.unit].name} {points_text(s.total)}" for s in top)
        print(f"{plan.files[period][0]:>8} (mean {mean:.1f}): {line}")
        if tied:
            pairs = sorted(tied, key=lambda s: -s.total)
            print("          并列: " + "、".join(f"{units[s.unit].name} {points_text(s.total)}" for s in pairs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    content = parser.parse_args().content.resolve()
    rng = random.Random(SEED)
    (content / "schemes").mkdir(exist_ok=True)
    (content / "schemes" / "shuangbai.yaml").write_text(SHUANGBAI_YAML, encoding="utf-8", newline="\n")
    (content / "schemes" / "sanji.yaml").write_text(SANJI_YAML, encoding="utf-8", newline="\n")
    units = read_units(content)
    HQ.adjustments += random_deductions(rng)
    for plan, scheme_yaml in ((HQ, SHUANGBAI_YAML), (OILFIELD, SANJI_YAML)):
        index = (content / "campaigns" / plan.campaign / "index.md").read_text(encoding="utf-8")
        assert f"\nscheme: {plan.scheme}\n" in index, f"{plan.campaign}/index.md should name scheme {plan.scheme}"
        results = run_campaign(content, plan, scheme_yaml, units, rng)
        honours = yaml.safe_load((content / "campaigns" / plan.campaign / "honours.yaml").read_text("utf-8"))
        bulletins = [p.read_text(encoding="utf-8") for p in sorted((content / "bulletins").glob("*.md"))]
        plan.check(results, honours, bulletins, scheme_items(scheme_yaml))
        print_summary(plan, results, units)
    print("\nall constraints hold")


if __name__ == "__main__":
    main()
