"""Write a record's YAML from its field declarations: every field present, given ones set, the rest commented out.

A field added to a record class later appears in every file written from then on, with its note.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from collections.abc import Mapping
from typing import Any

import yaml

from ..fields import Spec, specs
from ..placeholders import MARK
from .notes import default_value, example, nested, note

# How a reader makes an optional field count, said once at the top of each file.
HOW_TO_EDIT = ("以 # 开头的行是说明，不起作用；要填写可选的字段，删去行首的“# ”，再改成实际的值。",
               "每个字段写成“字段名: 值”：字段名用英文，冒号用半角，冒号后空一格。")
PLACEHOLDER_MARK = f"  # {MARK}，请改成实际的内容"
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class Plain(str):
    """Text written into YAML as it is, unquoted: a partial date such as 2024 or 2024-04 上旬."""


def yaml_value(value: Any) -> str:
    """Return a value as YAML writes it on one line: plain when that reads back the same, else quoted."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Plain) or isinstance(value, str) and _ISO_DAY.fullmatch(value):
        return str(value)  # a date field reads 2024-07-01 as a date, a text field as the text
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(yaml_value(item) for item in value) + "]"
    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=1 << 30)
    return text.removesuffix("\n").removesuffix("\n...")


def toml_value(value: Any) -> str:
    """Return a value as TOML writes it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"{value:g}"
    return json.dumps(str(value), ensure_ascii=False)  # a JSON string is a TOML basic string


def mapping_lines(cls: type, values: Mapping[str, Any], examples: Mapping[str, Any] | None = None,
                  placeholders: frozenset[str] = frozenset()) -> list[str]:
    """Return the YAML lines of a record: each field's note, then the field, set or commented out."""
    examples = examples or {}
    lines: list[str] = []
    for spec in specs(cls):
        if lines:
            lines.append("")
        lines += _notes(cls, spec)
        if spec.name in values:
            field_lines = _field_lines(spec, values[spec.name])
            if spec.name in placeholders:
                field_lines[-1] += PLACEHOLDER_MARK
            lines += field_lines
        else:
            shown = examples.get(spec.name, example(cls, spec))
            if shown is None and (item := nested(spec)) is not None:
                shown = [example_item(item)]
            lines += ["# " + line for line in _field_lines(spec, shown)]
    return lines


def _notes(cls: type, spec: Spec) -> list[str]:
    lines = [f"# {note(cls, spec)}"]
    if (item := nested(spec)) is not None:
        lines += [f"#   · {sub.name} {note(item, sub)}" for sub in specs(item)]
    return lines


def _field_lines(spec: Spec, value: Any) -> list[str]:
    if value is None:
        return [f"{spec.name}:"]
    if nested(spec) is not None:
        return [f"{spec.name}:"] + [line for item in value for line in item_lines(item, "  ")]
    return [f"{spec.name}: {yaml_value(value)}"]


def item_lines(item: Mapping[str, Any], indent: str) -> list[str]:
    """Return one item of a YAML list of mappings: `- key: value` and the keys under it."""
    lines = []
    for index, (key, value) in enumerate(item.items()):
        lead = "- " if index == 0 else "  "
        lines.append(f"{indent}{lead}{key}: {yaml_value(value)}")
    return lines


def example_item(cls: type) -> dict[str, Any]:
    """Return an example item of a nested record (a phase, an award ...) from the fields' examples."""
    return {spec.name: value for spec in specs(cls) if (value := example(cls, spec)) is not None}


def front_matter_file(heading: list[str], cls: type, values: Mapping[str, Any], body: str,
                      examples: Mapping[str, Any] | None = None, placeholders: frozenset[str] = frozenset()) -> str:
    """Return a Markdown record: the front matter between `---` lines, then its body."""
    lines = ["---", *("# " + line for line in (*heading, *HOW_TO_EDIT)), ""]
    lines += mapping_lines(cls, values, examples, placeholders)
    return "\n".join(lines + ["---", body]) + "\n"


def list_file(heading: list[str], cls: type, items: list[Mapping[str, Any]], sample: Mapping[str, Any]) -> str:
    """Return a YAML list of records (honours.yaml): notes on every field, then the items or a commented sample."""
    lines = ["# " + line for line in (*heading, HOW_TO_EDIT[1], "每项的字段：")]
    lines += [f"#   · {spec.name} {note(cls, spec)}" for spec in specs(cls)]
    lines.append("")
    if items:
        for item in items:
            lines += item_lines(item, "") + [""]
    else:
        lines += ["# 示例（删去行首的“# ”后改成实际的内容）："]
        lines += ["# " + line for line in item_lines(sample, "")] + [""]
    return "\n".join(lines)


def settings_file(heading: list[str], cls: type, values: Mapping[str, Any], tail: list[str]) -> str:
    """Return site.toml: every setting with its note, the given ones set, the others commented out at their default."""
    lines = ["# " + line for line in heading] + [""]
    tables = [spec for spec in specs(cls) if dataclasses.is_dataclass(spec.type)]
    for spec in specs(cls):
        if spec in tables:
            continue
        lines.append(f"# {note(cls, spec)}")
        if spec.name in values:
            lines.append(f"{spec.name} = {toml_value(values[spec.name])}")
        else:
            shown = default_value(spec)
            shown = example(cls, spec) if shown is None else shown
            lines.append(f"# {spec.name} = {toml_value(shown)}")
        lines.append("")
    for spec in tables:  # a table's keys would swallow every key after it: tables come last, commented out
        lines += [f"# {note(cls, spec)}", f"# [{spec.name}]"]
        lines += settings_file([], spec.type, {}, []).strip().splitlines() + [""]
    return "\n".join(lines + tail) + "\n"
