"""Write a record's YAML front matter, or edit just the lines of the fields that change, leaving all else byte for byte.

A record's Markdown body, its comments, its other fields and their order, its encoding (UTF-8, with or
without BOM, or GBK) and its line ends are the user's: an edit touches only the changed fields' lines,
and is read back to prove it changed nothing else. When that cannot be done safely (a value over several
lines, a key in quotes) the record is left alone and the reason said.
"""
from __future__ import annotations

import codecs
import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..errors import Problems
from ..load.files import split_front_matter  # the loader's own split, so an edit is read back as a build reads it
from ..load.yaml_source import YamlMap, parse_yaml

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
_FENCE = re.compile(r"^(---|\.\.\.)\s*$")
# Values written without quotes: words, CJK text and the punctuation of names and positions.
_PLAIN = re.compile(r"[\w\u00b7\u30fb\u2027（）()、，。《》“”\-./]+")


class Unsafe(Exception):
    """An edit that could not be made without risk to the rest of the file; the message says why, in Chinese."""


@dataclass(frozen=True, slots=True)
class RecordFile:
    """A record file as read: its bytes, and its text decoded as the loader decodes it, line ends kept."""

    path: Path
    raw: bytes
    text: str
    encoding: str  # utf-8, utf-8-sig (with a BOM) or gb18030 (saved as "ANSI" on Chinese Windows)

    def encode(self, text: str) -> bytes:
        """Return text in the file's own encoding."""
        return text.encode(self.encoding)


def read_record_file(path: Path) -> RecordFile:
    """Return a record file's bytes and text; OSError if it cannot be read."""
    raw = path.read_bytes()
    if raw.startswith(codecs.BOM_UTF8):
        return RecordFile(path, raw, raw[len(codecs.BOM_UTF8):].decode("utf-8", "replace"), "utf-8-sig")
    try:
        return RecordFile(path, raw, raw.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        return RecordFile(path, raw, raw.decode("gb18030", "replace"), "gb18030")


def yaml_scalar(text: str, quoted: bool = False) -> str:
    """Return text as a YAML value: plain when YAML reads it back as the same text, else in double quotes."""
    if not quoted and _PLAIN.fullmatch(text) and not text.startswith(("-", ".")) and _reads_as_itself(text):
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted one


# A roster repeats its units, positions and genders thousands of times: each is tried once. libyaml reads
# the words _PLAIN allows (no controls, no other line breaks) as PyYAML does, ten times faster.
@functools.lru_cache(maxsize=4096)
def _reads_as_itself(text: str) -> bool:
    try:
        return yaml.load(f"k: {text}", Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) == {"k": text}
    except yaml.YAMLError:
        return False


def new_record(fields: list[tuple[str, str]], quoted: frozenset[str] = frozenset()) -> str:
    """Return a new record file: its fields in the order given, and no body."""
    lines = [f"{key}: {yaml_scalar(value, key in quoted)}\n" for key, value in fields]
    return "---\n" + "".join(lines) + "---\n"


def edit_fields(record: RecordFile, data: YamlMap, changes: dict[str, str], order: tuple[str, ...],
                quoted: frozenset[str] = frozenset()) -> str:
    """Return the file's text with `changes` made to its front matter, other lines untouched; Unsafe if not possible."""
    if not isinstance(data, YamlMap):
        raise Unsafe("字段区不是“字段名: 值”的形式")
    lines = _LINE.findall(record.text)
    start, end = _region(record, lines)
    ending = next((line[len(line.rstrip("\r\n")):] for line in lines if line.endswith(("\n", "\r"))), "\n")
    inserts: dict[int, list[str]] = {}
    for key in order:
        if key not in changes:
            continue
        value = yaml_scalar(changes[key], key in quoted)
        if key in data:
            index = data.line_of(key) - 1
            lines[index] = _replaced(lines, index, end, key, data[key], value)
        else:
            inserts.setdefault(_insert_at(lines, data, key, order, start, end), []).append(f"{key}: {value}{ending}")
    for index in sorted(inserts, reverse=True):
        before = lines[index - 1] if index > 0 else ""
        if before and not before.endswith(("\n", "\r")):  # a .yaml file whose last line has no line end
            lines[index - 1] = before + ending
        lines[index:index] = inserts[index]
    text = "".join(lines)
    _check_read_back(record, text, data, changes)
    return text


def _region(record: RecordFile, lines: list[str]) -> tuple[int, int]:
    """Return the front matter's first line and the line after it (the closing ---), 0-based."""
    if record.path.suffix.lower() != ".md":
        return 0, len(lines)
    for index in range(1, len(lines)):
        if _FENCE.match(lines[index].rstrip("\r\n")):
            return 1, index
    raise Unsafe("字段区没有结束（缺少第二行 ---）")


def _replaced(lines: list[str], index: int, end: int, key: str, current: Any, value: str) -> str:
    """Return the line `key: current` with the new value, its comment and line end kept."""
    line = lines[index]
    body = line.rstrip("\r\n")
    found = re.match(rf"{re.escape(key)}[ \t]*:(.*)$", body)
    if index >= end or found is None:
        raise Unsafe(f"字段 {key} 不是写成一行“{key}: 值”")
    if _continues(lines, index, end):
        raise Unsafe(f"字段 {key} 的值写成了多行")
    rest = found.group(1)
    for cut in sorted([len(rest)] + [m.start() for m in re.finditer(r"[ \t]+#", rest)]):
        try:
            loaded = yaml.safe_load(f"k:{rest[:cut]}")
        except yaml.YAMLError:
            continue
        if isinstance(loaded, dict) and _same(loaded.get("k"), current):
            return f"{key}: {value}{rest[cut:]}{line[len(body):]}"
    raise Unsafe(f"字段 {key} 这一行的写法无法安全修改")


def _continues(lines: list[str], index: int, end: int) -> bool:
    """Return whether the value of the key on line `index` goes on over the lines below it."""
    for line in lines[index + 1:end]:
        text = line.rstrip("\r\n")
        if not text.strip():
            continue
        return text[0] in " \t" or text.startswith("-")
    return False


def _insert_at(lines: list[str], data: YamlMap, key: str, order: tuple[str, ...], start: int, end: int) -> int:
    """Return where a new field goes: after the last field declared before it, else before the first after it."""
    position = order.index(key)
    before = [k for k in order[:position] if k in data]
    if before:
        index = data.line_of(before[-1]) - 1
        last = index
        for number in range(index + 1, end):
            text = lines[number].rstrip("\r\n")
            if not text.strip() or text.startswith("#"):
                continue
            if text[0] in " \t" or text.startswith("-"):
                last = number
                continue
            break
        return last + 1
    after = [data.line_of(k) - 1 for k in order[position + 1:] if k in data]
    return min(after) if after else end if data else start


def _check_read_back(record: RecordFile, text: str, data: YamlMap, changes: dict[str, str]) -> None:
    """Raise Unsafe unless the edited text reads back with exactly the changes made and the same body."""
    problems = Problems()
    plain = text.replace("\r\n", "\n").replace("\r", "\n")
    if record.path.suffix.lower() == ".md":
        split = split_front_matter(plain, record.path, problems)
        old = split_front_matter(record.text.replace("\r\n", "\n").replace("\r", "\n"), record.path, problems)
        if split is None or old is None or split[1] != old[1]:
            raise Unsafe("修改后正文会变")
        after = parse_yaml(split[0], record.path, 1, problems)
    else:
        after = parse_yaml(plain, record.path, 0, problems)
    if problems.errors or not isinstance(after, dict) or set(after) != set(data) | set(changes):
        raise Unsafe("修改后无法按原样读回")
    for key, value in after.items():
        if not (_same(value, changes[key]) if key in changes else value == data[key]):
            raise Unsafe(f"修改后字段 {key} 的值会变")


def _same(value: Any, text: Any) -> bool:
    return value == text or str(value) == str(text)
