"""Find a site's record files and split each into its YAML front matter and Markdown body."""
from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from ..errors import Problems
from ..invisible import hidden_character
from ..placeholders import Placeholder, placeholders
from .limits import within_limit
from .sheets import Sheet, read_sheet
from .text import read_text
from .yaml_source import FAILED, YamlList, YamlMap, parse_yaml

RECORD_SUFFIXES = (".md", ".yaml", ".yml")
SHEET_SUFFIXES = (".csv", ".xlsx")  # a campaign's scores may be kept in the spreadsheet they were entered in

# The rule a file name (without its suffix) must follow to be read as a record: its id.
ID_RULE = re.compile(r"^[\w][\w.-]*$")
# Page names that records' pages share a folder with, so no id may take them.
RESERVED_IDS = {"index"}
_FENCE = re.compile(r"^(---|\.\.\.)\s*$")
# A hidden character written as a YAML escape ("\u200b", and a few others alike: the walk tells them apart).
_ESCAPED_HIDDEN = re.compile(r"\\(?:u|U0000)(?:20[0-6]|[fF][eE][fF][fF])")


@dataclass(frozen=True, slots=True)
class RawRecord:
    """A record file as read: its kind, id, YAML data (with lines) and Markdown body."""

    kind: str
    id: str
    path: Path
    data: Any
    body: str
    body_line: int
    hidden: tuple[Hidden, ...] = ()  # where its values hide zero-width or direction characters
    placeholders: tuple[Placeholder, ...] = ()  # what a scaffold wrote to be replaced (placeholders.py)


@dataclass(frozen=True, slots=True)
class Hidden:
    """A value with a hidden character in it (invisible.py): its line, field (`awards[1].name`; None for the
    body), the key it is the value of (or is itself, when `in_key`), the character and the value (not a body)."""

    line: int
    field: str | None
    key: str | None
    char: str
    text: str = ""
    in_key: bool = False


class Layout(Protocol):
    """Where one kind's files are (model/kinds.py declares each kind's)."""

    def files(self, content: Path, problems: Problems) -> Iterator[tuple[str, Path]]:
        """Yield the id and path of each of its files."""


class Kind(Protocol):
    name: str
    files: Layout


def load_records(content: Path, kinds: Iterable[Kind], problems: Problems, max_mb: int | None = None) -> list[RawRecord]:
    """Return every record under `content/` of these kinds, in a stable order, recording unreadable files."""
    return [raw for kind, record_id, path in content_files(content, kinds, problems)
            for raw in read_file(kind, record_id, path, problems, max_mb)]


def content_files(content: Path, kinds: Iterable[Kind], problems: Problems) -> Iterator[tuple[str, str, Path]]:
    """Yield the kind, id and path of every record file under `content/`, in a stable order."""
    if not content.is_dir():
        problems.error(content, None, None, "找不到 content 文件夹", "在网站文件夹中创建 content/，或用 --site 指定网站文件夹")
        return
    for kind in kinds:
        for record_id, path in kind.files.files(content, problems):
            yield kind.name, record_id, path


# A linked folder is not entered: what it holds lives outside the site folder, where photos and links
# beside its records could not be reached, serve would not watch and a copy of the site would lose it.
LINKED_FOLDER = "这个文件夹是指向别处的链接（符号链接），里面的记录没有读取"
LINKED_FOLDER_HINT = "把文件夹本身移到或复制到这里：网站用到的文件都要放在网站文件夹里"


def record_files(folder: Path, suffixes: tuple[str, ...] = RECORD_SUFFIXES,
                 problems: Problems | None = None) -> list[Path]:
    """Return the files with these suffixes (records by default) in a folder and below, in a stable order;
    drafts (_x.md) left out, and linked folders (told in `problems`) not entered."""
    if not folder.is_dir():
        return []
    found: list[str] = []
    _walk(str(folder), suffixes, problems, found)
    return [Path(path) for path in sorted(found, key=lambda path: path.replace(os.sep, "/"))]


def _walk(folder: str, suffixes: tuple[str, ...], problems: Problems | None, found: list[str]) -> None:
    """Add the record files in `folder` and below to `found`, as os.walk would find them, folders top-down.

    The folder's own listing says which entries are files: a large site's ten thousand records are not
    each asked again (only a link is followed to see what it is)."""
    try:
        with os.scandir(folder) as listing:
            entries = list(listing)
    except OSError:
        return  # as os.walk: a folder that cannot be listed holds nothing to read
    below = []
    for entry in entries:
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            if not entry.is_symlink():
                below.append(entry.path)
            elif problems is not None and not entry.name.startswith((".", "_")):
                problems.warning(Path(entry.path), None, None, LINKED_FOLDER, LINKED_FOLDER_HINT)
        elif os.path.splitext(entry.name)[1].lower() in suffixes and not entry.name.startswith((".", "_", "~$")) \
                and _is_file(entry):
            found.append(entry.path)
    for path in below:
        _walk(path, suffixes, problems, found)


def _is_file(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_file()
    except OSError:
        return False


def read_file(kind: str, record_id: str, path: Path, problems: Problems, max_mb: int | None = None,
              data: bytes | None = None) -> list[RawRecord]:
    """Return the record a file holds (none if it cannot be read or is larger than `max_mb`, with the reason recorded);
    `data` is its bytes if they were read already (not a spreadsheet's)."""
    name = record_id.rsplit("/", 1)[-1]  # a campaign's scores are `<campaign>/<period>`
    if not ID_RULE.match(name):
        problems.error(path, None, None, f"文件名“{name}”不能用作编号",
                       "文件名只用字母、数字、汉字、- 和 _，不要有空格或括号，例如 zhang-wei.md")
        return []
    if not within_limit(path, max_mb, problems):
        return []
    if path.suffix.lower() in SHEET_SUFFIXES:
        sheet = read_sheet(path, problems)
        return [] if sheet is None else [RawRecord(kind, record_id, path, sheet, "", 0, tuple(hidden_cells(sheet)))]
    text = read_text(path, problems, data)
    if text is None:
        return []
    if path.suffix.lower() == ".md":
        split = split_front_matter(text, path, problems)
        if split is None:
            return []
        front, body, body_line = split
        data = parse_yaml(front, path, 1, problems)
    else:
        data, body, body_line = parse_yaml(text, path, 0, problems), "", 0
    if data is FAILED:
        return []
    if data is None:  # empty: a mapping with no fields, so the missing ones get named
        data = YamlMap(1)
    # One search of the whole text finds nearly every file clean; only the others are walked value by value.
    hidden = tuple(hidden_values(data, body, body_line)) if _may_hide(text) else ()
    return [RawRecord(kind, record_id, path, data, body, body_line, hidden, placeholders(text))]


def _may_hide(text: str) -> bool:
    """Return whether a file's text has a hidden character in it, as it is or as a YAML escape."""
    return hidden_character(text) is not None or ("\\" in text and _ESCAPED_HIDDEN.search(text) is not None)


def hidden_cells(sheet: Sheet) -> Iterator[Hidden]:
    """Yield the cells of a score sheet that have a hidden character in them, named by their column's heading."""
    headings = {cell.column: str(cell.value) for cell in sheet.header if cell.value is not None}
    for cell in (cell for row in (sheet.header, *sheet.rows) for cell in row):
        if isinstance(cell.value, str) and (char := hidden_character(cell.value)) is not None:
            yield Hidden(cell.row, sheet.where(cell), headings.get(cell.column), char, cell.value,
                         in_key=cell.row == 1)


def hidden_values(data: Any, body: str, body_line: int) -> Iterator[Hidden]:
    """Yield the values of a record's YAML, and its body, that have a hidden character in them."""
    # The entries of a list file (honours.yaml) are records of their own: their fields are named as theirs.
    entries = enumerate(data) if isinstance(data, YamlList) else [(None, data)]
    for index, entry in entries:
        yield from _hidden_in(entry, getattr(data, "line", 1) if index is None else data.line_of(index), "", None)
    if (char := hidden_character(body)) is not None:
        yield Hidden(body_line + body.count("\n", 0, body.index(char)), None, None, char)


def _hidden_in(value: Any, line: int, where: str, key: str | None) -> Iterator[Hidden]:
    if isinstance(value, str):
        if (char := hidden_character(value)) is not None:
            yield Hidden(line, where or None, key, char, value)
    elif isinstance(value, YamlMap):
        for name, item in value.items():
            field = f"{where}.{name}" if where else str(name)
            if isinstance(name, str) and (char := hidden_character(name)) is not None:
                yield Hidden(value.line_of(name), field, name, char, name, in_key=True)
            yield from _hidden_in(item, value.line_of(name), field, str(name))
    elif isinstance(value, YamlList):
        for index, item in enumerate(value):
            yield from _hidden_in(item, value.line_of(index), f"{where}[{index + 1}]", key)


def split_front_matter(text: str, path: Path, problems: Problems) -> tuple[str, str, int] | None:
    """Return a Markdown record's front matter, body and the body's first line, or None after recording why not."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        problems.error(path, 1, None, "缺少开头的字段区（第一行应为 ---）",
                       "文件应以一行 --- 开始，接着写字段，再以一行 --- 结束，然后是正文")
        return None
    for number in range(1, len(lines)):
        if _FENCE.match(lines[number]):
            return "\n".join(lines[1:number]), "\n".join(lines[number + 1:]), number + 2
    problems.error(path, 1, None, "字段区没有结束（缺少第二行 ---）", "在字段之后、正文之前加一行 ---")
    return None
