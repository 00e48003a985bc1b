"""Which roster column holds which field: the Chinese labels the model gives its fields, and common synonyms."""
from __future__ import annotations

import datetime as dt
import functools
import re
import typing
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import Problems
from ..fields import specs
from ..invisible import without_hidden
from ..load.sheets import column_letter
from ..model.records import Person, Unit
from ..orderings import is_han

# Columns a roster may have that are not a person's fields: the record's id, and for the units an
# import creates, their parent and kind.
ID, PARENT, KIND = "id", "unit_parent", "unit_kind"

# Other ways offices head the same column; the model's own label always comes first.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": ("名字",),
    "unit": ("部门", "所在单位", "所在部门", "单位名称", "部门名称", "工作单位", "单位(部门)", "单位/部门"),
    "position": ("岗位", "职务(岗位)", "职务/岗位", "职务岗位", "岗位(职务)", "岗位/职务", "职位", "现任职务"),
    "photo": ("照片文件", "照片文件名", "相片"),
    "staff_no": ("员工编号", "职工编号", "员工号", "职工号", "人员编号", "工作证号"),
    "phone": ("手机", "手机号", "手机号码", "联系电话", "电话号码"),
    ID: ("编号", "id"),
    PARENT: ("上级部门",),
    KIND: ("单位类别",),
}
# Columns that carry nothing to import and are in almost every roster: no warning for them.
IGNORED = ("序号",)
_GENDERS = {"男性": "男", "女性": "女"}


@dataclass(frozen=True, slots=True)
class Column:
    """A roster column the import reads: the field it fills, its header as typed, and where it is."""

    field: str
    header: str
    index: int  # 1 for column A

    @property
    def letter(self) -> str:
        """Return the column as a spreadsheet names it: A … Z, AA …"""
        return column_letter(self.index)


@functools.cache
def headers() -> dict[str, str]:
    """Return every known header (normalised) and the field it names, the model's labels first."""
    found: dict[str, str] = {}
    for spec in specs(Person):
        if typing.get_origin(spec.type) is not tuple:  # lists (aliases, photo_focus) are not roster columns
            found[header_key(spec.label)] = spec.name
    unit_specs = {spec.name: spec for spec in specs(Unit)}
    found[header_key(unit_specs["parent"].label)] = PARENT
    found[header_key("单位" + unit_specs["kind"].label)] = KIND
    for field_name, names in SYNONYMS.items():
        for name in names:
            found.setdefault(header_key(name), field_name)
    return found


def known_headers() -> str:
    """Return the headers a roster may use, as a hint lists them: the model's labels first."""
    firsts: dict[str, str] = {}
    for key, field_name in headers().items():
        firsts.setdefault(field_name, key)
    return "、".join(firsts.values())


def header_key(text: str) -> str:
    """Return a header as compared: full-width forms folded, spaces and required-field stars dropped."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"\s+", "", text).strip("*＊:：").casefold()


def map_columns(header: list[tuple[int, Any]], path: Path, row: int, problems: Problems) -> dict[str, Column]:
    """Return the columns the import reads, by field; warn of unknown headers, error on a field twice or no 姓名."""
    known = headers()
    columns: dict[str, Column] = {}
    for index, value in header:
        text = cell_text(value)
        if text is None or header_key(text) in IGNORED:
            continue
        column = Column(known.get(header_key(text), ""), text, index)
        if not column.field:
            problems.warning(path, row, text, f"不认识的列“{text}”（{column.letter} 列），已忽略",
                             f"可识别的列：{known_headers()}")
        elif (other := columns.get(column.field)) is not None:
            problems.error(path, row, text, f"“{text}”（{column.letter} 列）与“{other.header}”（{other.letter} 列）"
                           "是同一项内容", "删去其中一列，或改掉其中一列的表头")
        else:
            columns[column.field] = column
    if "name" not in columns:
        found = "、".join(t for _, v in header if (t := cell_text(v))) or "（空）"
        problems.error(path, row, None, "找不到“姓名”列", f"表头要有一列“姓名”；找到的列：{found}")
    return columns


def cell_text(value: Any) -> str | None:
    """Return a cell as text, or None when blank: whole numbers without .0, dates as 2024-03-15, spaces tidied,
    hidden characters removed."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time() else value
    if isinstance(value, (dt.date, dt.time)):
        value = value.isoformat()
    # Full-width spaces, no-break spaces and line breaks typed into a cell (Alt+Enter) are all one space;
    # zero-width and direction characters copied in with a name are none (白\u200b玉兰 is 白玉兰).
    text = re.sub(r"\s+", " ", without_hidden(str(value))).strip()
    return text or None


def field_text(field_name: str, text: str) -> str:
    """Return a cell's text as the field stores it: names without padding (张　伟), 男性 as 男."""
    if field_name == "name" and any(is_han(char) for char in text):
        return text.replace(" ", "")
    if field_name == "gender":
        return _GENDERS.get(text, text)
    return text
