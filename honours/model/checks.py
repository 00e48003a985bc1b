"""What can be checked of a record on its own, as it is read: its bodies, focus, posts, scheme, name,
and what it refers to. The result is kept with the record, so a rebuild checks only the records
whose files changed; links.py then checks what needs the whole site (references resolve, ids, trees).
"""
from __future__ import annotations

import dataclasses
import functools
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import Problem, Problems
from ..fields import Spec, specs
from ..invisible import HIDDEN_HINT, NAME_HINT, hidden_message
from ..load.files import RawRecord
from ..load.yaml_source import YamlList, YamlMap
from ..orderings import missing_characters
from ..placeholders import MARK, PLACEHOLDER
from .attached import Attached
from .bodies import BodyChecker
from .records import KINDS, HonourEntry, Person, Unit, kind_named, kind_of
from .scheme import Scheme
from .source import Source


@dataclass(frozen=True, slots=True)
class Reference:
    """One id a record names, where it names it."""

    kind: str
    target: str
    line: int
    field: str


@dataclass(frozen=True, slots=True)
class Parsed:
    """A typed record as read, with what the site-wide checks need of its file: what it refers to, the lines
    of its fields (and of each item of a list: `aliases[1]`), and what checking it on its own found."""

    record: Any
    path: Path
    references: tuple[Reference, ...]
    lines: tuple[tuple[str, int], ...]
    problems: tuple[Problem, ...]
    line: int = 1  # where the record (or a list's item) begins
    body_line: int = 1  # where its Markdown body begins

    @property
    def source(self) -> Source:
        """Return where the record was read from: kept by the Site, never by the record a template is given."""
        return Source(self.path, self.line, self.body_line, self.lines)

    def line_of(self, name: str) -> int:
        """Return the line a field (or `field[n]`, 1-based) was written on, else the field's, else the record's."""
        found = dict(self.lines)
        return found.get(name) or found.get(name.split("[")[0]) or self.line


@dataclass(frozen=True, slots=True)
class Checker:
    """What checking a record on its own needs: the Markdown body checker, and the script names sort by."""

    bodies: BodyChecker
    script: str


def parsed(record: Any, data: Any, path: Path, checker: Checker, body_line: int = 1) -> Parsed:
    """Return a record checked on its own, with what its YAML `data` says of where its fields are."""
    found = Problems()
    line = getattr(data, "line", 1)
    lines = _lines(data)
    item = Parsed(record, path, tuple(references(record, data)), lines, (), line, body_line)
    _check_photo_focus(item, found)
    _check_posts(item, found)
    item = _check_body(item, checker.bodies, found)
    _check_scheme(item, data, found)
    _check_name(item, checker.script, found)
    return dataclasses.replace(item, problems=tuple(found.items))


def _lines(data: Any) -> tuple[tuple[str, int], ...]:
    """Return the line of each top-level key, and of each item of a top-level list (`aliases[1]`)."""
    if not isinstance(data, YamlMap):
        return ()
    found = [(str(key), data.line_of(key)) for key in data]
    found += [(f"{key}[{index + 1}]", value.line_of(index)) for key, value in data.items()
              if isinstance(value, YamlList) for index in range(len(value))]
    return tuple(found)


def references(record: Any, data: Any = None, where: str = "") -> Iterator[Reference]:
    """Yield every reference a record makes (`ref=` fields), those of its nested records included, each at its
    line in the record's YAML (`data`, when given)."""
    for spec in specs(type(record)):
        if spec.private:
            continue
        value = getattr(record, spec.attr)
        line = data.line_of(spec.name) if isinstance(data, YamlMap) else 1
        if spec.ref is not None:
            yield from (Reference(spec.ref, target, line, where + spec.name)
                        for target in (value if isinstance(value, tuple) else (value,)) if target is not None)
        elif (items := _nested(spec, value)) is not None:
            raw = data.get(spec.name) if isinstance(data, YamlMap) else None
            for index, child in enumerate(items):
                child_data = raw[index] if isinstance(raw, YamlList) and index < len(raw) else None
                yield from references(child, child_data, f"{where}{spec.name}[{index + 1}].")


def _nested(spec: Spec, value: Any) -> tuple[Any, ...] | None:
    """Return the nested records of a list-of-records field (phases, posts ...), or None for any other field."""
    return value if isinstance(value, tuple) and value and dataclasses.is_dataclass(value[0]) else None


def check_placeholders(raw: RawRecord, problems: Problems) -> None:
    """Warn about what a scaffold wrote to be replaced (an error under --strict), so that it is never published
    unseen: `new`'s 待填写 and “← 暂填” values, and init's sample records."""
    for found in raw.placeholders:
        if found.sample:
            problems.warning(raw.path, found.line, None, f"这是新建网站时写入的示例{kind_named(raw.kind).label}，还没有改成真实的内容",
                             "改成真实的内容后删去这一行“示例记录……”；不需要这个示例就删去这个文件")
        else:
            problems.warning(raw.path, found.line, found.field or kind_named(raw.kind).body,
                             f"还是 new 暂填的内容（“{PLACEHOLDER}”或标有“{MARK}”），会原样发布",
                             "改成实际的内容，再删去行末的“# ← 暂填……”")


def check_hidden(raw: RawRecord, problems: Problems) -> None:
    """Report the hidden characters in a file's values: an error in a name, title, id or reference, else a warning."""
    for found in raw.hidden:
        field = found.field or kind_named(raw.kind).body
        if found.in_key or found.key in naming_keys():
            problems.error(raw.path, found.line, field, hidden_message(found.char, found.text), NAME_HINT)
        else:
            problems.warning(raw.path, found.line, field, hidden_message(found.char, found.text), HIDDEN_HINT)


@functools.cache
def naming_keys() -> frozenset[str]:
    """Return the keys whose values name or identify records: names, titles, ids, old ids and references."""
    keys = {"id", "name", "short_name", "aliases", *(kind.title for kind in KINDS)}
    classes, seen = [kind.record for kind in KINDS], set()
    while classes:
        if (cls := classes.pop()) in seen:
            continue
        seen.add(cls)
        for spec in specs(cls):
            keys.update([spec.name] if spec.ref else [])
            classes += [t for t in typing.get_args(spec.type) if dataclasses.is_dataclass(t)]
    return frozenset(keys)


def _check_photo_focus(item: Parsed, problems: Problems) -> None:
    focus = getattr(item.record, "photo_focus", ())
    if focus and (len(focus) != 2 or not all(0 <= v <= 1 for v in focus)):
        problems.error(item.path, item.line_of("photo_focus"), "photo_focus",
                       "应当是两个 0 到 1 之间的数", "例如 [0.5, 0.3]：脸在照片宽度的一半、高度的三成处")


def _check_posts(item: Parsed, problems: Problems) -> None:
    """Report a post history whose newest post is not the person's current unit and position."""
    person = item.record
    if not isinstance(person, Person) or not person.posts:
        return
    newest = max(person.posts, key=lambda post: post.start.first_day())
    line = item.line_of("posts")
    if newest.unit != person.unit or (newest.position and newest.position != person.position):
        held = newest.unit + (f"，{newest.position}" if newest.position else "")
        now = person.unit + (f"，{person.position}" if person.position else "")
        problems.error(item.path, line, "posts", f"最近一项任职（{newest.start}起：{held}）与现任的 unit、position（{now}）不一致",
                       "posts 的最后一项是现任的单位和职务：改正 unit、position，或在 posts 末尾加上现任的一项（写明 from）")
    starts = [post.start.first_day() for post in person.posts]
    if len(set(starts)) < len(starts):
        problems.error(item.path, line, "posts", "有两项任职的起始时间（from）相同", "每项任职写明各自的起始时间")


def _check_body(item: Parsed, checker: BodyChecker, problems: Problems) -> Parsed:
    """Report what in Markdown would break a page or lead out of the site: control characters, links outside,
    files beside the record that cannot be published. Return the item with a body that links such files
    knowing them (`Attached`), so that the pages showing it publish them."""
    record = item.record
    if isinstance(record, HonourEntry):
        name, field_name, line = "citation", "citation", item.line_of("citation")
    elif (body := kind_of(record).body) is not None:
        name, field_name, line = body, None, item.body_line
    else:
        return item
    text = getattr(record, name)
    links = checker.check(text, item.path, line, field_name, problems)
    if not links:
        return item
    return dataclasses.replace(item, record=dataclasses.replace(record, **{name: Attached(text, links)}))


def _check_scheme(item: Parsed, data: Any, problems: Problems) -> None:
    """Report a scheme that cannot score anything: no categories, an empty category, items named twice, 0 points."""
    scheme = item.record
    if not isinstance(scheme, Scheme):
        return
    line = item.line_of("categories")
    if not scheme.categories:
        problems.error(item.path, line, "categories", "考核标准没有任何类别",
                       "在 categories 下至少写一个类别，每个类别有 name 和 items")
        return
    lines = data.get("categories") if isinstance(data, YamlMap) else None
    for index, category in enumerate(scheme.categories):
        if not category.items:
            at = lines.line_of(index) if hasattr(lines, "line_of") else line
            problems.error(item.path, at, f"categories[{index + 1}].items", f"类别“{category.name}”没有任何指标",
                           "在 items 下写出这个类别的指标，每项有 id、name 和 max")
    seen: set[str] = set()
    for scheme_item in scheme.items:
        for key in dict.fromkeys((scheme_item.id, scheme_item.name)):
            if key in seen:
                problems.error(item.path, line, "categories", f"指标编号或名称“{key}”重复",
                               "每个指标的 id 和 name 都要与其他指标不同，考核文件按它们找到指标")
            seen.add(key)
    if scheme.items and scheme.max <= 0:
        problems.error(item.path, line, "categories", "满分合计必须大于 0", "检查各指标的 max")


def _check_name(item: Parsed, script: str, problems: Problems) -> None:
    """Warn about a name with a character the stroke tables lack: such a name sorts last in 笔画 lists."""
    record = item.record
    if not isinstance(record, (Person, Unit)):
        return
    for char in missing_characters(record.name, script):
        problems.warning(item.path, item.line_of("name"), "name",
                         f"「{record.name}」中的「{char}」（U+{ord(char):04X}）没有笔画数据，按笔画排序时排在同组最后",
                         "请确认没有打错字；如果确实是这个字，可以把它所在奖项的 order 改为 pinyin 或 given")
