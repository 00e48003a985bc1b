"""Declare a record's fields once (type, Chinese label, doc) and parse YAML into it with precise errors."""
from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import functools
import math
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import Problems
from .load.text import INVISIBLE_HINT, invisible_character, invisible_message
from .load.yaml_source import YamlList, YamlMap
from .dates import PartialDate, parse_day
from .paper import BOARD_LIMITS, Board, Paper, parse_board, parse_paper

# Fields every record has that are not typed by the user (they come from the file, not its YAML).
INTERNAL = {"internal": True}
# What a field may be constrained by, besides its type: the record kind a reference names, the values
# it may take, its bounds, and the key it is written with when that is no Python name (`from`).
RULES = ("ref", "choices", "minimum", "maximum", "key")


def field(label: str, doc: str, *, default: Any = dataclasses.MISSING, note: str = "", example: Any = None,
          **rules: Any) -> Any:
    """Declare a front-matter field: its Chinese label, one-line doc, a Chinese note and example for the
    files `new` writes, and optional rules (RULES)."""
    if unknown := set(rules) - set(RULES):
        raise TypeError(f"unknown rules {sorted(unknown)}")
    if isinstance(default, (list, dict, set)):
        raise TypeError("use a tuple for a default sequence")
    return dataclasses.field(default=default, metadata={"label": label, "doc": doc, "note": note,
                                                        "example": example, **rules})


def internal(default: Any = dataclasses.MISSING, repr: bool = True) -> Any:  # noqa: A002 (dataclasses' name)
    """Declare a field set by the loader (id, source file), never typed by the user."""
    return dataclasses.field(default=default, metadata=INTERNAL, repr=repr)


@dataclass(frozen=True, slots=True)
class Spec:
    """One user-facing field of a record type, as the parser and the README see it."""

    name: str  # the key it is written with
    attr: str  # the attribute that holds it
    type: Any
    label: str
    doc: str
    required: bool
    ref: str | None
    choices: tuple[str, ...] | None
    private: bool  # declared by the record's Private class: validated, never kept in the record
    minimum: float | None = None  # for numbers (and each number of a list): the smallest allowed
    maximum: float | None = None
    note: str = ""  # what to write there, in Chinese, for the files `new` writes
    example: Any = None
    default: Any = None  # its default when not required (None is also a default)


@functools.cache
def specs(cls: type) -> tuple[Spec, ...]:
    """Return the user-facing fields of a record class in declaration order, then those of its Private class.

    A record class may declare its private fields (工号, phone) in a nested `Private` dataclass: they
    are read and checked like the others, but kept out of the record, so no template can reach them.
    """
    own = _specs_of(cls, private=False)
    inner = getattr(cls, "Private", None)
    return own + (_specs_of(inner, private=True) if dataclasses.is_dataclass(inner) else ())


def _specs_of(cls: type, private: bool) -> tuple[Spec, ...]:
    hints = typing.get_type_hints(cls)
    result = []
    for f in dataclasses.fields(cls):
        if f.metadata.get("internal") or "label" not in f.metadata:
            continue
        required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        m = f.metadata
        result.append(Spec(m.get("key") or f.name, f.name, hints[f.name], m["label"], m["doc"], required,
                           m.get("ref"), m.get("choices"), private, m.get("minimum"), m.get("maximum"),
                           m["note"], m["example"], None if required else f.default))
    return tuple(result)


class Invalid(ValueError):
    """A value of the wrong type or form; the message says what was expected, in Chinese."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.hint = hint  # how to fix it, when the field's own hint would not help


# Integers beyond this are typing slips (or attacks), never a rank, quota or weight.
INTEGER_LIMIT = 10**9


def shown(raw: Any, limit: int = 60) -> str:
    """Return a value as a message quotes it: short, on one line (a list or mapping only as its brackets)."""
    text = "[…]" if isinstance(raw, list) else "{…}" if isinstance(raw, dict) else str(raw)
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[:limit] + "…"


@dataclass(slots=True)
class Context:
    """Where values are being read from: the file, and the folder relative paths start from."""

    path: Path
    problems: Problems
    base_dir: Path
    site_root: Path


def parse_record(cls: type, data: Any, ctx: Context, line: int, internal_values: dict[str, Any],
                 where: str = "") -> Any | None:
    """Return an instance of `cls` from a YAML mapping, or None after recording every problem.

    Private fields are checked, then left out: the record never holds them.
    """
    if not isinstance(data, YamlMap):
        ctx.problems.error(ctx.path, line, where or None, "这里应当是“字段名: 值”形式的若干行",
                           "对照 README 中的示例检查写法")
        return None
    fields = specs(cls)
    values = _values(fields, data, ctx, where)
    if values is None:
        return None
    kept = {spec.attr: values[spec.attr] for spec in fields if not spec.private and spec.attr in values}
    return cls(**internal_values, **kept)


def _values(fields: tuple[Spec, ...], data: YamlMap, ctx: Context, where: str) -> dict[str, Any] | None:
    """Return each field's converted value by attribute, or None after recording every problem."""
    by_name = {s.name: s for s in fields}
    values: dict[str, Any] = {}
    failed: set[str] = set()  # fields already reported: not also "required but empty"
    ok = True
    for key, raw in data.items():
        name = where + str(key)
        spec = by_name.get(str(key))
        if spec is None:
            ctx.problems.error(ctx.path, data.line_of(key), name, "未知字段", _did_you_mean(str(key), fields))
            ok = False
            continue
        try:
            values[spec.attr] = convert(spec, raw, ctx, data.line_of(key), name)
            continue
        except _Reported:
            pass
        except Invalid as exc:
            ctx.problems.error(ctx.path, data.line_of(key), name, str(exc), exc.hint or _expected(spec))
        ok = False
        failed.add(spec.name)
    for spec in fields:
        if spec.required and spec.name not in failed and values.get(spec.attr) is None:
            _missing(spec, data, ctx, where)
            ok = False
    return values if ok else None


def _missing(spec: Spec, data: YamlMap, ctx: Context, where: str) -> None:
    if spec.name not in data:
        ctx.problems.error(ctx.path, data.line, where + spec.name, f"缺少必填字段（{spec.label}）",
                           f"添加一行 {spec.name}: …，{spec.doc}")
    else:
        ctx.problems.error(ctx.path, data.line_of(spec.name), where + spec.name,
                           f"必填字段（{spec.label}）不能为空", f"填写{spec.label}")


def convert(spec: Spec, raw: Any, ctx: Context, line: int, name: str) -> Any:
    """Return `raw` converted to the field's type, or raise Invalid with a Chinese message."""
    value = _convert_type(spec.type, raw, ctx, line, name)
    if spec.choices and value is not None:
        for item in value if isinstance(value, tuple) else (value,):
            if item not in spec.choices:
                close = difflib.get_close_matches(str(item), spec.choices, n=1)
                hint = f"，是不是“{close[0]}”？" if close else ""
                raise Invalid(f"“{shown(item)}”不是可选的值{hint}")
    if value is not None and (spec.minimum is not None or spec.maximum is not None):
        for item in value if isinstance(value, tuple) else (value,):
            _check_bounds(item, spec)
    return value


def _check_bounds(number: float, spec: Spec) -> None:
    if spec.minimum is not None and number < spec.minimum:
        raise Invalid(f"{_plain(number)} 太小，不能小于 {_plain(spec.minimum)}", _range(spec))
    if spec.maximum is not None and number > spec.maximum:
        raise Invalid(f"{_plain(number)} 太大，不能大于 {_plain(spec.maximum)}", _range(spec))


def _plain(number: float) -> str:
    return f"{number:g}" if isinstance(number, float) else str(number)


def _range(spec: Spec) -> str:
    low = "" if spec.minimum is None else _plain(spec.minimum)
    high = "" if spec.maximum is None else _plain(spec.maximum)
    return f"填写 {low} 到 {high} 之间的数" if low and high else f"填写{'不小于 ' + low if low else '不大于 ' + high}的数"


def _convert_type(kind: Any, raw: Any, ctx: Context, line: int, name: str) -> Any:
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(kind) if a is not type(None)]
        if raw is None or raw == "":
            return None
        return _convert_type(options[0], raw, ctx, line, name)
    if origin is tuple:
        item_type = typing.get_args(kind)[0]
        if raw is None:
            return ()
        items = raw if isinstance(raw, list) else [raw]
        lines = raw.item_lines if isinstance(raw, YamlList) else [line] * len(items)
        result = []
        for index, item in enumerate(items):
            if dataclasses.is_dataclass(item_type):
                parsed = parse_record(item_type, item, ctx, lines[index], {}, f"{name}[{index + 1}].")
                if parsed is None:
                    raise _Reported()
                result.append(parsed)
            else:
                result.append(_convert_type(item_type, item, ctx, lines[index], name))
        return tuple(result)
    if raw is None:
        raise Invalid("不能为空")
    if kind not in _SCALARS and dataclasses.is_dataclass(kind):  # a table of settings, e.g. site.toml's [certificates]
        parsed = parse_record(kind, raw, ctx, line, {}, f"{name}.")
        if parsed is None:
            raise _Reported()
        return parsed
    if (from_text := getattr(kind, "from_text", None)) is not None:  # a text checked by its own type (Wording)
        return from_text(_text(raw, ctx))
    return _SCALARS[kind](raw, ctx)


class _Reported(Invalid):
    """A nested record whose problems are already recorded."""

    def __init__(self) -> None:
        super().__init__("")


def _text(raw: Any, ctx: Context) -> str:
    if isinstance(raw, bool) or isinstance(raw, (list, dict)):
        raise Invalid("应当是一段文字")
    if isinstance(raw, bytes):  # `!!binary`: nothing a person means as text
        raise Invalid("应当是一段文字", "去掉 !!binary 标记，直接写文字")
    text = str(raw) if isinstance(raw, (dt.date, int, float)) else str(raw).strip()
    if (char := invisible_character(text)) is not None:
        raise Invalid(invisible_message(char), INVISIBLE_HINT)
    return text


def _integer(raw: Any, ctx: Context) -> int:
    if isinstance(raw, bool):
        raise Invalid("应当是整数")
    value = None
    if isinstance(raw, int):
        value = raw
    elif isinstance(raw, str) and raw.strip().isdigit():
        try:
            value = int(raw.strip())
        except ValueError:  # digits int() does not take (²), or more than Python converts (4300+)
            pass
    if value is None:
        raise Invalid(f"“{shown(raw)}”不是整数")
    if abs(value) > INTEGER_LIMIT:
        raise Invalid(f"“{shown(raw)}”太大了", "检查是否多打了数字")
    return value


def _number(raw: Any, ctx: Context) -> float:
    if isinstance(raw, bool) or not isinstance(raw, (int, float)):
        raise Invalid(f"“{shown(raw)}”不是数字")
    try:
        value = float(raw)
    except OverflowError:
        value = math.inf
    if not math.isfinite(value):
        raise Invalid(f"“{shown(raw)}”不是一个有限的数", "填写普通的数字，例如 0.5")
    return value


def _boolean(raw: Any, ctx: Context) -> bool:
    if isinstance(raw, bool):
        return raw
    if raw in ("是", "否"):
        return raw == "是"
    raise Invalid(f"“{shown(raw)}”不是 true 或 false")


def _day(raw: Any, ctx: Context) -> dt.date:
    try:
        return parse_day(raw)
    except ValueError as exc:
        raise Invalid(f"“{shown(raw)}”不是有效的日期（{exc}）") from None


def _partial(raw: Any, ctx: Context) -> PartialDate:
    try:
        return PartialDate.parse(raw)
    except ValueError as exc:
        raise Invalid(f"“{shown(raw)}”不是有效的日期（{exc}）") from None


def _file(raw: Any, ctx: Context) -> Path:
    text = _text(raw, ctx).replace("\\", "/")
    try:
        target = (ctx.base_dir / text).resolve()
        if not target.is_relative_to(ctx.site_root.resolve()):
            raise Invalid(f"文件“{shown(text)}”在网站文件夹之外",
                          "照片等文件要放在网站文件夹里，路径相对于本文件所在的文件夹，例如 zhang-wei.jpg")
        if not target.is_file():
            raise Invalid(f"找不到文件“{shown(text)}”{_similar_file(target)}")
    except OSError as exc:  # a name too long for the file system, a folder that may not be read ...
        raise Invalid(f"无法读取文件“{shown(text)}”（{exc.strerror or type(exc).__name__}）") from None
    return target


IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".gif", ".svg", ".tif", ".tiff", ".bmp"}


def _similar_file(target: Path) -> str:
    """Return ", 是不是“X”？" for a near miss among the images beside the missing one (ZHANG.JPG, .jpeg)."""
    try:
        images = [p.name for p in target.parent.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES]
    except OSError:  # no such folder, or one that may not be listed
        return ""
    lowered = {name.lower(): name for name in images}
    close = difflib.get_close_matches(target.name.lower(), list(lowered), n=1, cutoff=0.75)
    return f"，是不是“{lowered[close[0]]}”？" if close else ""


def _paper(raw: Any, ctx: Context) -> Paper:
    try:
        return parse_paper(_text(raw, ctx))
    except ValueError:
        raise Invalid(f"“{shown(raw)}”不是可用的纸张", "写 A4 或 A3，横排再加“横向”，例如 A3 横向") from None


def _board(raw: Any, ctx: Context) -> Board:
    try:
        return parse_board(_text(raw, ctx))
    except ValueError:
        low, high = BOARD_LIMITS
        raise Invalid(f"“{shown(raw)}”不是可用的展板尺寸",
                      f"写成 宽x高（毫米），例如 2400x1200；宽和高都在 {low:g} 到 {high:g} 毫米之间") from None


_SCALARS = {str: _text, int: _integer, float: _number, bool: _boolean, dt.date: _day, PartialDate: _partial, Path: _file,
            Paper: _paper, Board: _board}


def _expected(spec: Spec) -> str:
    if spec.choices:
        return "可选值：" + "、".join(spec.choices)
    kind = spec.type
    if typing.get_origin(kind) in (typing.Union, types.UnionType):
        kind = typing.get_args(kind)[0]
    return {
        dt.date: "写成 2024-03-15 的形式",
        PartialDate: "写成 2024、2024-03、2024-04 上旬 或 2024-03-15 的形式",
        int: "填写整数，例如 3",
        float: "填写数字，例如 0.5",
        bool: "填写 true 或 false",
        Path: "路径相对于本文件所在的文件夹，例如 zhang-wei.jpg",
        Paper: "写 A4 或 A3，横排再加“横向”，例如 A3 横向",
        Board: "写成 宽x高（毫米），例如 2400x1200",
    }.get(kind, spec.doc)


def _did_you_mean(key: str, fields: tuple[Spec, ...]) -> str:
    names = [s.name for s in fields]
    for s in fields:
        if key == s.label or key in s.label.split("/"):
            return f"“{key}”请写作 {s.name}"
    close = difflib.get_close_matches(key, names, n=1, cutoff=0.6)
    if close:
        return f"是不是 {close[0]}？"
    return "可用字段：" + ", ".join(names)
