"""Read score sheets the way offices keep them: CSV (UTF-8 or GBK, as Excel saves) and XLSX.

Every cell keeps its position (sheet, row, column letter), so a problem can be reported where
the user will look for it: 3月!D7.
"""
from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import Problems
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
        n, letters = self.column, ""
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

    def where(self, cell: Cell) -> str:
        """Return a cell's position as the user sees it: 3月!D7 for a workbook, D7 for CSV."""
        return f"{self.name}!{cell.letter}{cell.row}" if self.name else f"{cell.letter}{cell.row}"


def read_sheet(path: Path, problems: Problems) -> Sheet | None:
    """Return the first worksheet of an .xlsx file or the table of a .csv file, or None after an error."""
    if path.suffix.lower() == ".csv":
        return _read_csv(path, problems)
    return _read_xlsx(path, problems)


def _read_csv(path: Path, problems: Problems) -> Sheet | None:
    # Excel writes CSV with a BOM ("CSV UTF-8") or in GBK ("CSV"): both are normal here, not worth a warning.
    text = decode(path, path.read_bytes(), problems, warn_encoding=False)
    if text is None:
        return None
    try:
        dialect = csv.Sniffer().sniff(text[:2048], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    table = list(csv.reader(io.StringIO(text, newline=""), dialect))
    return _sheet(path, None, [[_csv_value(v) for v in row] for row in table])


def _csv_value(text: str) -> Any:
    text = text.strip()
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        return text
    return int(number) if number.is_integer() and "." not in text else number


def _read_xlsx(path: Path, problems: Problems) -> Sheet | None:
    import openpyxl  # loaded only for sites that keep scores in workbooks

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        problems.error(path, None, None, f"无法读取 Excel 文件（{type(exc).__name__}）",
                       "用 Excel 或 WPS 打开后“另存为”.xlsx 格式；.xls 旧格式请先转换")
        return None
    try:
        sheet = book.worksheets[0]
        table = [list(row) for row in sheet.iter_rows(values_only=True)]
        name = sheet.title
    finally:
        book.close()
    return _sheet(path, name, [[v.strip() or None if isinstance(v, str) else v for v in row] for row in table])


def _sheet(path: Path, name: str | None, table: list[list[Any]]) -> Sheet:
    cells = [tuple(Cell(v, r, c) for c, v in enumerate(row, start=1)) for r, row in enumerate(table, start=1)]
    header = tuple(c for c in cells[0] if c.value is not None) if cells else ()
    rows = tuple(row for row in cells[1:] if any(c.value is not None for c in row))
    return Sheet(path, name, header, rows)
