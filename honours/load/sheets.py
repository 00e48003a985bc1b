"""Read score sheets the way offices keep them: CSV (UTF-8 or GBK, as Excel saves) and XLSX.

Every cell keeps its position (sheet, row, column letter), so a problem can be reported where
the user will look for it: 3月!D7.
"""
from __future__ import annotations

import csv
import io
import math
import warnings
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..errors import Problems
from .formulas import unsaved_formulas
from .text import decode


@dataclass(frozen=True, slots=True)
class Cell:
    """A cell's value (text, number or None when blank) and where it is."""

    value: Any
    row: int
    column: int

    @property
    def letter(self) -> str:
        """Return the column as a spreadsheet names it: A … Z, AA …"""
        return column_letter(self.column)


def column_letter(index: int) -> str:
    """Return column `index` (1 for A) as a spreadsheet names it: A … Z, AA …"""
    n, letters = index, ""
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True, slots=True)
class Sheet:
    """A table: its header cells (row 1) and the data rows under it, blank rows left out."""

    path: Path
    name: str | None  # the worksheet's name; None for CSV
    header: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]
    unsaved: tuple[Cell, ...] = ()  # formula cells with no saved result (read as blank), each with its formula

    def where(self, cell: Cell) -> str:
        """Return a cell's position as the user sees it: 3月!D7 for a workbook, D7 for CSV."""
        return f"{self.name}!{cell.letter}{cell.row}" if self.name else f"{cell.letter}{cell.row}"


def read_sheet(path: Path, problems: Problems, worksheet: str | None = None, as_text: bool = False,
               fill_merged: bool = False, find_unsaved: bool = False) -> Sheet | None:
    """Return a worksheet of an .xlsx file (the first, or the one named) or the table of a .csv file, or None after an error.

    `as_text` keeps CSV cells as typed, so a staff number 007 stays "007" rather than becoming 7.
    `fill_merged` gives every row of a merged block the value of its top cell (a 单位 merged down its people);
    the workbook is then read whole, not streamed, so it is for small sheets such as rosters.
    `find_unsaved` lists the workbook's formula cells that have no saved result, which read as blank.
    """
    if path.suffix.lower() == ".csv":
        return _read_csv(path, problems, as_text)
    sheet = _read_xlsx(path, problems, worksheet, fill_merged)
    if sheet is None or not find_unsaved or sheet.name is None:
        return sheet
    found = unsaved_formulas(path, sheet.name)
    return replace(sheet, unsaved=tuple(Cell(formula, row, column) for (row, column), formula in sorted(found.items())))


def _read_csv(path: Path, problems: Problems, as_text: bool = False) -> Sheet | None:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.error(path, None, None, f"无法读取文件（{exc.strerror}）", "检查文件是否存在、是否被其他程序占用")
        return None
    # Excel writes CSV with a BOM ("CSV UTF-8") or in GBK ("CSV"): both are normal here, not worth a warning.
    text = decode(path, raw, problems, warn_encoding=False)
    if text is None:
        return None
    try:
        dialect = csv.Sniffer().sniff(text[:2048], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        table = list(reader)
    except csv.Error as exc:  # a field longer than csv allows, a NUL byte ...
        problems.error(path, reader.line_num or None, None, f"CSV 文件格式有误（{exc}）",
                       "用 Excel 或 WPS 打开检查这一行，再“另存为”CSV")
        return None
    return _sheet(path, None, [[(v.strip() or None) if as_text else _csv_value(v) for v in row] for row in table])


def _csv_value(text: str) -> Any:
    text = text.strip()
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        return text
    if not math.isfinite(number):  # "nan", "inf", 1e999: kept as written, for the check to name
        return text
    return int(number) if number.is_integer() and "." not in text else number


def _read_xlsx(path: Path, problems: Problems, worksheet: str | None = None, fill_merged: bool = False) -> Sheet | None:
    import openpyxl  # loaded only for sites that keep scores in workbooks

    # A damaged or hand-made workbook makes openpyxl raise almost anything (bad zip, XML, types, indexes):
    # whatever it is, it is this file's problem, reported as such, and never stops the build.
    with warnings.catch_warnings():  # openpyxl warns of what it does not read (styles, validation): not the values
        warnings.simplefilter("ignore")
        try:
            # Only a workbook read whole knows its merged cells; score sheets stay streamed, as they may be large.
            book = openpyxl.load_workbook(path, read_only=not fill_merged, data_only=True)
        except Exception as exc:  # noqa: BLE001
            _unreadable_workbook(path, exc, problems)
            return None
        if worksheet is not None and worksheet not in book.sheetnames:
            problems.error(path, None, None, f"没有名为“{worksheet}”的工作表", "可用的工作表：" + "、".join(book.sheetnames))
            book.close()
            return None
        try:
            sheet = book[worksheet] if worksheet is not None else book.worksheets[0]
            table = [list(row) for row in sheet.iter_rows(values_only=True)]
            name = sheet.title
            if fill_merged:
                _fill_merged(table, [(r.min_row, r.max_row, r.min_col) for r in sheet.merged_cells.ranges])
        except Exception as exc:  # noqa: BLE001
            _unreadable_workbook(path, exc, problems)
            return None
        finally:
            book.close()
    return _sheet(path, name, [[v.strip() or None if isinstance(v, str) else v for v in row] for row in table])


def _fill_merged(table: list[list[Any]], blocks: list[tuple[int, int, int]]) -> None:
    """Copy the top cell of each merged block (first row, last row, column) down its first column.

    Only down: a block merged across columns is one wide cell (a title, a header), and copying it
    sideways would make headers twice.
    """
    for first, last, column in blocks:
        if first - 1 < len(table) and column - 1 < len(table[first - 1]):
            value = table[first - 1][column - 1]
            for row in table[first:last]:
                if column - 1 < len(row):
                    row[column - 1] = value


def _unreadable_workbook(path: Path, exc: Exception, problems: Problems) -> None:
    problems.error(path, None, None, f"无法读取 Excel 文件（{type(exc).__name__}）",
                   "用 Excel 或 WPS 打开后“另存为”.xlsx 格式；.xls 旧格式请先转换")


def _sheet(path: Path, name: str | None, table: list[list[Any]]) -> Sheet:
    cells = [tuple(Cell(v, r, c) for c, v in enumerate(row, start=1)) for r, row in enumerate(table, start=1)]
    header = tuple(c for c in cells[0] if c.value is not None) if cells else ()
    rows = tuple(row for row in cells[1:] if any(c.value is not None for c in row))
    return Sheet(path, name, header, rows)
