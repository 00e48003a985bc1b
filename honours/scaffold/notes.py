"""The Chinese notes a new file gives about each field it declares: what to write there, and an example.

Each field declaration (honours/model/records.py, honours/config.py) carries a Chinese label, an
English doc, and for the files `new` writes a Chinese note and an example. Whether a field is
required, its choices, its reference and range, its type and its default are read from the
declaration itself too, so they cannot drift. tests/test_scaffold.py proves that no field lacks a note.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from pathlib import Path
from typing import Any

from ..dates import PartialDate
from ..fields import Spec
from ..model.records import kind_named
from ..paper import Board, Paper

# What the values of a field with choices mean, where the value itself is not Chinese.
CHOICE_NAMES = {"strokes": "姓氏笔画", "strokes-count": "笔画数", "pinyin": "姓氏拼音", "rank": "按名次",
                "given": "排名不分先后", "unit": "单位", "person": "个人", "zh-CN": "简体",
                "zh-TW": "繁体"}

_TYPE_NOTES = {dt.date: "日期写成 2024-07-01", PartialDate: "写成 2024、2024-03、2024-04 上旬 或 2024-03-15",
               int: "填整数", float: "填数字", bool: "填 true（是）或 false（否）",
               Path: "写文件名，路径相对于本文件所在的文件夹", Paper: "例如 A4、A3 横向", Board: "例如 2400x1200"}


def base_type(kind: Any) -> Any:
    """Return a field's type without `| None`."""
    if typing.get_origin(kind) in (typing.Union, types.UnionType):
        return next(a for a in typing.get_args(kind) if a is not type(None))
    return kind


def item_type(kind: Any) -> Any | None:
    """Return the type of a list field's items, or None for a field that is no list."""
    kind = base_type(kind)
    return typing.get_args(kind)[0] if typing.get_origin(kind) is tuple else None


def nested(spec: Spec) -> type | None:
    """Return the record class of a list-of-records field (phases, awards, attachments), else None."""
    item = item_type(spec.type)
    return item if item is not None and dataclasses.is_dataclass(item) else None


def note(cls: type, spec: Spec) -> str:
    """Return the Chinese note on a field: label, required or not, what to write, and its rules."""
    what = spec.note or (spec.doc if spec.example is None else "")
    parts = [what] if what else []
    if spec.ref:
        kind = kind_named(spec.ref)
        parts.append(f"填{kind.label}的编号，即 {kind.files.place}")
    if spec.choices:
        parts.append("可选值：" + "、".join(f"{c}（{CHOICE_NAMES[c]}）" if c in CHOICE_NAMES else c
                                         for c in spec.choices))
    if (type_note := _type_note(spec)) is not None:
        parts.append(type_note)
    if spec.minimum is not None or spec.maximum is not None:
        low = "" if spec.minimum is None else f"不小于 {spec.minimum:g}"
        high = "" if spec.maximum is None else f"不大于 {spec.maximum:g}"
        parts.append("，".join(p for p in (low, high) if p))
    if (default := default_of(spec)) is not None:
        parts.append(f"不填时为 {default}")
    head = f"{spec.label}（{'必填' if spec.required else '可选'}）"
    return head + ("：" + "；".join(parts) if parts else "")


def _type_note(spec: Spec) -> str | None:
    item = item_type(spec.type)
    if item is None:
        return _TYPE_NOTES.get(base_type(spec.type))
    if dataclasses.is_dataclass(item):
        return "每项以“- ”开头，各项的字段见下"
    if item is float:
        return "写成 [数, 数]"
    return "可写几项：[甲, 乙]"


def default_value(spec: Spec) -> Any:
    """Return a field's default, or None when it has none worth saying (no default, None, empty)."""
    default = spec.default
    if default is dataclasses.MISSING or default is None or default == () or default == "":
        return None
    if isinstance(default, Board):  # as a reader writes it, not as its __str__ shows it (2400×1200 mm)
        return f"{default.width_mm:g}x{default.height_mm:g}"
    if isinstance(default, Paper):
        return str(default)
    return default


def default_of(spec: Spec) -> str | None:
    """Return a field's default as a reader would write it, or None when it has none worth saying."""
    default = default_value(spec)
    if dataclasses.is_dataclass(default):  # a settings table: its keys say their own defaults
        return None
    if isinstance(default, bool):
        return "true" if default else "false"
    if isinstance(default, float):
        return f"{default:g}"
    return None if default is None else str(default)


def example(cls: type, spec: Spec) -> Any:
    """Return the example value of a field from its declaration, or None."""
    return spec.example
