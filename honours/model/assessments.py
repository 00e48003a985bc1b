"""Assessments (考核): one period's scores of a campaign's units under its scheme, from YAML, CSV or XLSX.

Rows from YAML and from spreadsheets go through the same checks; only where a problem is
reported differs (a YAML line, or a sheet's cell such as 3月!D7).
"""
from __future__ import annotations

import datetime as dt
import difflib
import math
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import Problems
from ..fields import field, internal, shown
from ..load.sheets import Cell, Sheet
from ..load.text import INVISIBLE_HINT, invisible_character, invisible_message
from ..load.yaml_source import YamlList, YamlMap
from ..periods import Period
from .naming import Naming, naming
from .scheme import Item, Scheme

# Spreadsheet headers for what is not an item; the YAML keys are the English names.
SUBJECT_HEADERS = {"unit": ("单位", "单位名称", "部门", "部室", "名称", "unit"), "person": ("姓名", "人员", "person")}
EXTRA_HEADERS = {"扣分": "deduction", "扣分原因": "deduction_reason", "加分": "bonus", "加分原因": "bonus_reason",
                 "备注": "comment", "说明": "comment", "评语": "comment"}
ROW_KEYS = ("deductions", "bonus", "bonus_reason", "comment")


@dataclass(frozen=True, slots=True)
class Deduction:
    """Points taken off (扣分), with the reason printed in the bulletin."""

    points: float
    reason: str


@dataclass(frozen=True, slots=True)
class ScoreRow:
    """One assessed unit's (or person's) scores for one period."""

    subject: str
    scores: tuple[tuple[str, float | None], ...]  # item id -> points; None where left blank on purpose
    deductions: tuple[Deduction, ...] = ()
    bonus: float = 0.0
    bonus_reason: str | None = None
    comment: str | None = None
    line: int = 0

    def score(self, item_id: str) -> float | None:
        return dict(self.scores).get(item_id)


@dataclass(frozen=True, slots=True, kw_only=True)
class Commentary:
    """What the user writes for a period's 考核通报: <period>.md beside its scores."""

    id: str = internal()  # <campaign>/<period>
    body: str = internal("")
    title: str | None = field("标题", "The bulletin's title; defaults to 关于<period><campaign>考核情况的通报.",
                              default=None)
    number: str | None = field("发文字号", "Its document number, e.g. 机关党发〔2024〕15号.", default=None)
    issuer: str | None = field("发文机关", "Who issues it; defaults to the campaign's organiser.", default=None)
    date: dt.date | None = field("日期", "When it is issued; defaults to the scores' date.", default=None)


@dataclass(frozen=True, slots=True)
class Assessment:
    """A campaign's scores for one period, as one file gives them."""

    campaign: str
    period: Period
    path: Path
    date: dt.date | None
    rows: tuple[ScoreRow, ...]
    commentary: Commentary | None = None


class Reader:
    """Checks the rows of one assessment file against its scheme and the site's units or people."""

    def __init__(self, path: Path, scheme: Scheme, subjects: dict[str, Any], problems: Problems):
        self.path, self.scheme, self.subjects, self.problems = path, scheme, subjects, problems
        self._by_key: dict[str, Item] | None = None  # as Scheme.item finds them, worked out once a file
        self.errors = 0
        self._naming: Naming | None = None  # made when a subject is first named by name

    @property
    def ok(self) -> bool:
        return self.errors == 0

    def item(self, key: str) -> Item | None:
        """Return the item a YAML key or a column header names, by id or by name (as Scheme.item)."""
        if self._by_key is None:
            self._by_key = {}
            for item in self.scheme.items:
                self._by_key.setdefault(item.id, item)
                self._by_key.setdefault(item.name, item)
        return self._by_key.get(key.strip())

    def error(self, line: int | None, where: str | None, message: str, hint: str) -> None:
        self.errors += 1
        self.problems.error(self.path, line, where, message, hint)

    def subject(self, value: Any, line: int, where: str) -> str | None:
        """Return the id of the unit or person a cell or key names: by id, exact name or short name (naming.py)."""
        text = _text(value)
        kind = "单位" if self.scheme.subject == "unit" else "人员"
        if text is None:
            self.error(line, where, f"没有写{kind}", f"填写{kind}的名称或编号")
            return None
        if text in self.subjects:
            return text
        if self._naming is None:
            self._naming = naming(kind, self.subjects)
        found = self._naming.find(text)
        if found.id is None:
            self.error(line, where, found.message, found.hint)
        return found.id

    def text(self, value: Any, line: int, where: str) -> str | None:
        """Return a reason or comment as printed, or None when blank or after reporting an invisible character."""
        text = _text(value)
        if text is not None and (char := invisible_character(text)) is not None:
            self.error(line, where, invisible_message(char), INVISIBLE_HINT)
            return None
        return text

    def points(self, value: Any, line: int, where: str, maximum: float | None, what: str) -> float | None:
        """Return a number of points within 0..maximum, or None after reporting why not."""
        number = _number(value)
        if number is None:
            self.error(line, where, f"“{shown(value)}”不是分数", "填写数字，例如 43 或 42.5；不考核的项留空")
        elif number < 0:
            self.error(line, where, f"{what}不能是负数（{_shown(number)}）", "扣分写在“扣分”中，填正数")
        elif maximum is not None and number > maximum:
            self.error(line, where, f"{what} {_shown(number)} 超过满分 {_shown(maximum)}", "检查是否录错")
        else:
            return number
        return None

    def row(self, subject: str, cells: Iterable[tuple[str, Any, int, str]], line: int) -> ScoreRow | None:
        """Return a row from (key, value, line, where) cells: items, deductions, bonus, comment."""
        scores: dict[str, float | None] = {}
        extra: dict[str, tuple[Any, int, str]] = {}
        errors_before = self.errors
        for key, value, at, where in cells:
            item = self.item(key)
            if item is not None:
                if item.id in scores:
                    self.error(at, where, f"指标“{item.name}”写了两次", "删去其中一个")
                scores[item.id] = None if _text(value) is None else self.points(value, at, where, item.max, item.name)
            else:
                extra[key] = (value, at, where)
        missing = [item.name for item in self.scheme.items if item.id not in scores]
        if missing:
            self.error(line, None, "缺少指标：" + "、".join(missing),
                       "每项都要写分数；确实不考核的项写成空值（YAML 写 ~，表格留空）")
        deductions = self._deductions(extra, line)
        bonus, bonus_reason = self._bonus(extra)
        comment = self.text(*extra.pop("comment", (None, line, "comment")))
        if self.errors > errors_before:
            return None
        return ScoreRow(subject, tuple(scores.items()), deductions, bonus, bonus_reason, comment, line)

    def _deductions(self, extra: dict[str, tuple[Any, int, str]], line: int) -> tuple[Deduction, ...]:
        value, at, where = extra.pop("deductions", (None, line, "deductions"))
        if value is None:
            return ()
        if not self.scheme.deductions:
            self.error(at, where, "本考核标准没有扣分项", "删去扣分，或在考核标准中写 deductions: true")
            return ()
        found = []
        for points, reason, p_at, p_where in value:
            number = self.points(points, p_at, p_where, None, "扣分")
            if number is not None and not _text(reason):
                self.error(p_at, p_where, "扣分没有写原因", "写明扣分原因，例如“3月12日例会迟到”，通报中会列出")
            elif number is not None and (text := self.text(reason, p_at, p_where)) is not None:
                found.append(Deduction(number, text))
        return tuple(found)

    def _bonus(self, extra: dict[str, tuple[Any, int, str]]) -> tuple[float, str | None]:
        value, at, where = extra.pop("bonus", (None, 0, "bonus"))
        reason = self.text(*extra.pop("bonus_reason", (None, at, "bonus_reason")))
        if _text(value) is None:
            return 0.0, None
        if self.scheme.bonus_cap is None:
            self.error(at, where, "本考核标准没有加分项", "删去加分，或在考核标准中写 bonus_cap: 加分上限")
            return 0.0, None
        number = self.points(value, at, where, self.scheme.bonus_cap, "加分")
        if number and not reason:
            self.error(at, where, "加分没有写原因", "写明加分原因（bonus_reason / 加分原因）")
        return number or 0.0, reason


def read_yaml_rows(reader: Reader, data: Any) -> tuple[dt.date | None, list[ScoreRow]]:
    """Return the date and rows of a YAML assessment: `date:` and a `scores:` list."""
    if not isinstance(data, YamlMap) or "scores" not in data:
        reader.error(getattr(data, "line", 1), None, "考核文件应当有 scores: 列表",
                     "参照 README：scores: 下每项以“- unit: 单位编号”开头，再逐项写分数")
        return None, []
    for key in data:
        if key not in ("date", "scores"):
            reader.error(data.line_of(key), str(key), "未知字段", "考核文件只有 date 和 scores 两个字段")
    date = data.get("date") if isinstance(data.get("date"), dt.date) else None
    if "date" in data and date is None:
        reader.error(data.line_of("date"), "date", f"“{shown(data['date'])}”不是日期", "写成 2024-04-08")
    scores = data["scores"]
    if not isinstance(scores, YamlList):
        reader.error(data.line_of("scores"), "scores", "scores 应当是列表", "每项以“- unit: 单位编号”开头")
        return date, []
    subject_key = reader.scheme.subject
    rows = []
    for index, item in enumerate(scores):
        line = scores.line_of(index)
        if not isinstance(item, YamlMap) or subject_key not in item:
            reader.error(line, subject_key, f"每项应以“- {subject_key}: 编号”开头", "在这一项加上考核对象的编号")
            continue
        subject = reader.subject(item[subject_key], item.line_of(subject_key), subject_key)
        cells = [(str(k), _yaml_deductions(item, k) if k == "deductions" else v, item.line_of(k), str(k))
                 for k, v in item.items() if k != subject_key]
        for key, _, at, where in cells:
            if key not in ROW_KEYS and reader.item(key) is None:
                reader.error(at, where, "未知指标或字段", _suggest(key, reader.scheme))
        cells = [c for c in cells if c[0] in ROW_KEYS or reader.item(c[0]) is not None]
        if subject is not None and (row := reader.row(subject, cells, line)) is not None:
            rows.append(row)
    return date, rows


def _yaml_deductions(item: YamlMap, key: str) -> list[tuple[Any, Any, int, str]]:
    value = item[key]
    entries = value if isinstance(value, YamlList) else [value]
    found = []
    for index, entry in enumerate(entries):
        line = value.line_of(index) if isinstance(value, YamlList) else item.line_of(key)
        if isinstance(entry, YamlMap):
            found.append((entry.get("points"), entry.get("reason"), line, "deductions"))
        else:
            found.append((entry, None, line, "deductions"))
    return found


def read_sheet_rows(reader: Reader, sheet: Sheet) -> list[ScoreRow]:
    """Return the rows of a score sheet whose first row names the subject column and the items."""
    columns: dict[int, str] = {}
    subject_column = None
    for cell in sheet.header:
        header = _text(cell.value) or ""
        where = sheet.where(cell)
        if header in SUBJECT_HEADERS[reader.scheme.subject]:
            subject_column = cell.column
        elif reader.item(header) is not None:
            columns[cell.column] = header
        elif header in EXTRA_HEADERS:
            columns[cell.column] = EXTRA_HEADERS[header]
        else:
            reader.error(1, where, f"不认识的表头“{header}”", _suggest(header, reader.scheme, headers=True))
    if subject_column is None:
        wanted = "、".join(SUBJECT_HEADERS[reader.scheme.subject][:2])
        reader.error(1, None, f"第 1 行没有“{wanted}”列", "第 1 行是表头：单位、各指标名称、扣分、扣分原因、加分、加分原因、备注")
        return []
    rows = []
    for cells in sheet.rows:
        line = cells[0].row
        by_column = {c.column: c for c in cells}
        subject_cell = by_column.get(subject_column) or Cell(None, line, subject_column)
        subject = reader.subject(subject_cell.value, line, sheet.where(subject_cell))
        found = [(columns[col], by_column.get(col, Cell(None, line, col)).value, line,
                  sheet.where(by_column.get(col, Cell(None, line, col)))) for col in columns]
        found = _sheet_extras(found)
        if subject is not None and (row := reader.row(subject, found, line)) is not None:
            rows.append(row)
    return rows


def _sheet_extras(found: list[tuple[str, Any, int, str]]) -> list[tuple[str, Any, int, str]]:
    """Fold a sheet's 扣分 and 扣分原因 cells into one deductions entry, as YAML has it."""
    plain = [c for c in found if c[0] not in ("deduction", "deduction_reason")]
    points = next((c for c in found if c[0] == "deduction"), None)
    reason = next((c for c in found if c[0] == "deduction_reason"), None)
    if points is not None and _text(points[1]) is not None:
        plain.append(("deductions", [(points[1], reason[1] if reason else None, points[2], points[3])],
                      points[2], points[3]))
    return plain


def _suggest(key: str, scheme: Scheme, headers: bool = False) -> str:
    names = [i.name for i in scheme.items] + ([] if headers else [i.id for i in scheme.items] + list(ROW_KEYS))
    names += list(EXTRA_HEADERS) if headers else []
    close = difflib.get_close_matches(key, names, n=2, cutoff=0.4)
    known = "、".join(f"{i.name}（{i.id}）" for i in scheme.items)
    return ("是不是：" + "、".join(close) + "？") if close else f"考核标准“{scheme.name}”的指标：{known}"


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = unicodedata.normalize("NFKC", str(value)).strip()
    return text or None


def _number(value: Any) -> float | None:
    """Return a score as a finite number, or None: not NaN, not infinite, not 10^400."""
    if isinstance(value, bool):
        return None
    try:
        if isinstance(value, (int, float)):
            number = float(value)
        else:
            number = float(_text(value) or "x")  # full-width digits (４３) are normalised by _text
    except (ValueError, OverflowError):
        return None
    return number if math.isfinite(number) else None


def _shown(number: float) -> str:
    return f"{number:g}"



def read_assessment(campaign: str, path: Path, data: Any, scheme: Scheme, subjects: dict[str, Any],
                    problems: Problems) -> Assessment | None:
    """Return one period's assessment from a YAML mapping or a Sheet, or None after reporting problems."""
    try:
        period = Period.parse(path.stem)
    except ValueError:
        problems.error(path, None, None, f"文件名“{path.stem}”不是考核期",
                       "考核文件以考核期命名：月 2024-03、季度 2024-Q1、半年 2024-H1、年度 2024")
        return None
    reader = Reader(path, scheme, subjects, problems)
    if isinstance(data, Sheet):
        date, rows = None, read_sheet_rows(reader, data)
    else:
        date, rows = read_yaml_rows(reader, data)
    seen: dict[str, int] = {}
    for row in rows:
        if row.subject in seen:
            reader.error(row.line, None, f"“{subjects[row.subject].name}”出现了两次（另见第 {seen[row.subject]} 行）",
                         "每个考核对象每期只写一行")
        seen.setdefault(row.subject, row.line)
    if not reader.ok:
        return None
    return Assessment(campaign, period, path, date, tuple(rows))
