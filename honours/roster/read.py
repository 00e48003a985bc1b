"""Read a roster spreadsheet into rows of field values, each with the row number Excel shows."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import Problems
from ..load.sheets import Cell, read_sheet
from .columns import Column, cell_text, field_text, header_key, headers, map_columns
from .formulas import check_formulas, unsaved_rows

# A title row or two ("2024年机关人员花名册", 制表单位 ...) may sit above the header; not more than this.
HEADER_SEARCH_ROWS = 20
ROSTER_SUFFIXES = (".xlsx", ".csv")


@dataclass(frozen=True, slots=True)
class RosterRow:
    """One person's row: the spreadsheet row number and the fields its non-blank cells give."""

    number: int
    values: dict[str, str]


@dataclass(frozen=True, slots=True)
class Roster:
    """A roster as read: where its header is, which columns it has, and its rows."""

    path: Path
    worksheet: str | None
    header_row: int
    columns: dict[str, Column]
    rows: tuple[RosterRow, ...]

    def header(self, field_name: str) -> str:
        """Return the header of the column that fills a field, as the sheet has it."""
        column = self.columns.get(field_name)
        return column.header if column else field_name


def read_roster(path: Path, worksheet: str | None, problems: Problems) -> Roster | None:
    """Return the roster in an .xlsx or .csv file, or None after recording why it cannot be read."""
    if path.suffix.lower() not in ROSTER_SUFFIXES:
        problems.error(path, None, None, f"不支持“{path.suffix or '无扩展名'}”格式的花名册",
                       "用 Excel 或 WPS “另存为” .xlsx 或 .csv；.xls 旧格式请先转换")
        return None
    if worksheet is not None and path.suffix.lower() == ".csv":
        problems.warning(path, None, "--sheet", "CSV 文件只有一个表，--sheet 已忽略", "去掉 --sheet")
    sheet = read_sheet(path, problems, worksheet, as_text=True, fill_merged=True, find_unsaved=True)  # rosters are small
    if sheet is None:
        return None
    table = [sheet.header, *sheet.rows]
    at = _header_at(table)
    if at is None:
        first = "、".join(str(c.value) for c in sheet.header) or "（空）"
        problems.error(path, None, None, f"前 {HEADER_SEARCH_ROWS} 行中找不到表头（含“姓名”的一行）",
                       f"在人员数据上方加一行表头，至少有“姓名”和“单位”两列；第一行是：{first}")
        return None
    header_row = table[at][0].row
    columns = map_columns([(c.column, c.value) for c in table[at]], path, header_row, problems)
    if "name" not in columns:
        return None
    refused = unsaved_rows(sheet.unsaved, columns, header_row, path, problems)
    rows = [row for cells in table[at + 1:] if (row := _row(cells, columns)).values and row.number not in refused]
    rows = [row for row in rows if check_formulas(row.number, row.values, columns, path, problems)]
    return Roster(path, sheet.name, header_row, columns, tuple(rows))


def _header_at(table: list[tuple[Cell, ...]]) -> int | None:
    """Return the index of the first row with a 姓名 column."""
    names = {key for key, field_name in headers().items() if field_name == "name"}
    for index, cells in enumerate(table[:HEADER_SEARCH_ROWS]):
        if any(header_key(text) in names for c in cells if (text := cell_text(c.value))):
            return index
    return None


def _row(cells: tuple[Cell, ...], columns: dict[str, Column]) -> RosterRow:
    by_column = {c.column: c.value for c in cells}
    values = {}
    for field_name, column in columns.items():
        text = cell_text(by_column.get(column.index))
        if text is not None:
            values[field_name] = field_text(field_name, text)
    number = cells[0].row if cells else 0
    return RosterRow(number, values)
