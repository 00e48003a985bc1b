"""Roster cells that are formulas, not data: refused where they would name a person or unit, left out of a phone.

A cell starting with = + - or @ is a formula to Excel, WPS and LibreOffice. In a roster it is either a
formula saved as text or one pasted in to run when someone opens a sheet made from the site's data
(`=cmd|'/c calc'!A1`, `=HYPERLINK(...)`): never a name, a unit, an id or a phone number.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from ..errors import Problems
from ..fields import shown
from ..load.sheets import Cell, column_letter
from .columns import ID, PARENT, Column

FORMULA_STARTS = ("=", "+", "-", "@")
# What a cell shows when its formula went wrong; read from a workbook's saved results as text.
EXCEL_ERRORS = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA",
                          "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!"})
# The columns that say who or where a person is: a formula there stops the import, since a row matched
# or created by it would be the wrong person.
IDENTITY_FIELDS = ("name", "unit", ID, "staff_no", PARENT)
# A phone is only kept, never matched on: one that is a formula is left out (the person's file keeps the phone
# it has) with a warning, rather than stopping an import of hundreds of people. +86 138 0013 8000 is a phone.
PHONE = "phone"
_INTERNATIONAL = re.compile(r"\+[0-9][0-9 ()-]*$")
OPEN_AND_SAVE = "请先用 Excel 打开并保存，再导入（程序导出的表格常有没计算过的公式）"


def formula_problem(text: str, field_name: str) -> tuple[str, str] | None:
    """Return why a cell's text is a formula or a formula's error value, not data, and what to do (in Chinese);
    None when it is data."""
    if text in EXCEL_ERRORS:
        return f"“{text}”是 Excel 公式出错时显示的错误值", "在 Excel 中改正这一格的公式，或直接填写内容"
    if not text.startswith(FORMULA_STARTS) or (field_name == PHONE and _INTERNATIONAL.match(text)):
        return None
    return (f"“{shown(text)}”以“{text[0]}”开头，像是 Excel 公式",
            "公式请改成它显示的文字（复制后“选择性粘贴 → 数值”）；若确实以这个符号开头，请去掉它")


def check_formulas(number: int, values: dict[str, str], columns: dict[str, Column], place: Path,
                   problems: Problems) -> bool:
    """Record the row's formula cells, dropping a phone that is one; return whether the row can be imported."""
    ok = True
    for field_name in (*IDENTITY_FIELDS, PHONE):
        text = values.get(field_name)
        if text is None or (found := formula_problem(text, field_name)) is None:
            continue
        column, (problem, hint) = columns[field_name], found
        if field_name == PHONE:
            del values[field_name]
            problems.warning(place, number, column.header, f"{column.letter} 列{problem}，不是电话号码，这一格没有导入",
                             "改填电话号码本身，例如 13800138000；这一行的其他各项照常导入")
        else:
            ok = False
            problems.error(place, number, column.header, f"{column.letter} 列{problem}，不能作为{column.header}导入", hint)
    return ok


def unsaved_rows(cells: Iterable[Cell], columns: dict[str, Column], header_row: int, place: Path,
                 problems: Problems) -> set[int]:
    """Record the formula cells with no saved result in columns the import reads; return their rows."""
    read = {column.index: column for column in columns.values()}
    rows: set[int] = set()
    for cell in cells:
        if cell.row > header_row and (column := read.get(cell.column)) is not None:
            formula = f"（={shown(cell.value)}）" if cell.value else ""
            problems.error(place, cell.row, column.header, f"{column_letter(cell.column)} 列是公式{formula}，"
                           "但文件里没有保存它的计算结果，读不到值", OPEN_AND_SAVE)
            rows.add(cell.row)
    return rows
