"""The formula cells of a workbook's sheet that hold no saved result, which openpyxl reads as blank.

Excel saves each formula's last result beside it, and that result is all that can be read without Excel.
A workbook written by a program (an HR system's export, a script) may hold formulas never calculated:
their cells must be reported as such, not taken for blank ones. openpyxl cannot tell such a cell from
a formula whose result is empty text, so the sheet's XML is read for cells with a formula and no result.
"""
from __future__ import annotations

import io
import posixpath
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

_RELATIONSHIP_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_REFERENCE = re.compile(r"([A-Z]{1,3})([0-9]+)$")


def unsaved_formulas(path: Path, sheet_name: str) -> dict[tuple[int, int], str]:
    """Return, by (row, column), the formula of each cell of a sheet that has no saved result ("" when shared)."""
    try:
        with zipfile.ZipFile(path) as archive:
            part = _sheet_part(archive, sheet_name)
            data = archive.read(part) if part else b""
        if b"<f" not in data and b":f" not in data:  # most rosters have no formula at all: nothing to parse
            return {}
        return _cells_without_value(data)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, ElementTree.ParseError):
        return {}  # openpyxl has read this workbook: what it cannot tell here, it read as blank cells


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _sheet_part(archive: zipfile.ZipFile, sheet_name: str) -> str | None:
    """Return the name in the archive of the named sheet's XML."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    ids = [s.get(_RELATIONSHIP_ID) for s in workbook.iter() if _local(s.tag) == "sheet" and s.get("name") == sheet_name]
    if not ids:
        return None
    relations = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    target = next((r.get("Target") for r in relations.iter() if r.get("Id") == ids[0]), None)
    if not target:
        return None
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))


def _cells_without_value(data: bytes) -> dict[tuple[int, int], str]:
    found: dict[tuple[int, int], str] = {}
    for _, element in ElementTree.iterparse(io.BytesIO(data)):
        if _local(element.tag) != "c":
            continue
        parts = {_local(child.tag): child for child in element}
        if "f" in parts and not _saved(element, parts) and (place := _REFERENCE.match(element.get("r", ""))):
            found[(int(place.group(2)), _column_index(place.group(1)))] = parts["f"].text or ""
        element.clear()
    return found


def _saved(cell: ElementTree.Element, parts: dict[str, ElementTree.Element]) -> bool:
    """Return whether a formula cell holds its result: a value, or empty text (Excel's `t="str"` with `<v></v>`).

    openpyxl and other programs write a formula with an empty `<v/>` and no type: a number that is not there.
    """
    value = parts.get("v")
    return "is" in parts or (value is not None and (bool(value.text) or cell.get("t") in ("str", "s")))


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index
