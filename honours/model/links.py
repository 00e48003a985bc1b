"""One pass over the whole site: every reference resolves, no unit is its own ancestor, no URLs collide."""
from __future__ import annotations

import dataclasses
import difflib
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Iterator, Mapping
from typing import Any

from ..errors import Problems
from ..fields import Spec, shown as shown_value, specs
from ..load.files import ID_RULE, RECORD_SUFFIXES  # an old id was a file name: the same rule holds
from ..load.yaml_source import YamlList, YamlMap
from ..orderings import missing_characters, script_of
from .bodies import BodyChecker
from .records import KINDS, Bulletin, Campaign, HonourEntry, Person, kind_named, kind_of
from .scheme import Scheme
from .shortcodes import KNOWN, find_shortcodes
from .site import Site

# Page names that records' pages share a folder with, so no id may take them.
RESERVED_IDS = {"index"}


@dataclass(frozen=True, slots=True)
class Parsed:
    """A typed record with the YAML it came from, so references can be reported at their line."""

    record: Any
    data: Any
    path: Path


def check_links(site: Site, parsed: list[Parsed], problems: Problems,
                broken: set[tuple[str, str]] = frozenset()) -> None:
    """Record every unresolved reference, parent cycle, bad shortcode and URL collision."""
    for item in parsed:
        for reference in _references(item.record, item.data, ""):
            table = site.table(reference.kind)
            if reference.target not in table and (reference.kind, reference.target) not in broken:
                problems.error(item.path, reference.line, reference.field, _unknown(reference.kind, reference.target),
                               _available(reference.target, table))
    _check_unit_tree(site, problems)
    _check_photo_focus(parsed, problems)
    _check_posts(parsed, problems)
    _check_bodies(site, parsed, problems)
    _check_schemes(parsed, problems)
    _check_shortcodes(site, problems, broken)
    _check_attachments(parsed, site, problems)
    _check_collisions(site, problems)
    _check_aliases(site, parsed, problems, broken)
    _check_stroke_data(site, problems)


@dataclass(frozen=True, slots=True)
class Reference:
    """One id a record names, where it names it."""

    kind: str
    target: str
    line: int
    field: str


def references(record: Any) -> Iterator[Reference]:
    """Yield every reference a record makes (`ref=` fields), those of its nested records included."""
    return _references(record, None, "")


def _references(record: Any, data: Any, where: str) -> Iterator[Reference]:
    """Yield every reference a record makes, each at its line in the record's YAML (`data`, when given)."""
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
                yield from _references(child, child_data, f"{where}{spec.name}[{index + 1}].")


def _nested(spec: Spec, value: Any) -> tuple[Any, ...] | None:
    """Return the nested records of a list-of-records field (phases, posts ...), or None for any other field."""
    return value if isinstance(value, tuple) and value and dataclasses.is_dataclass(value[0]) else None


def _check_schemes(parsed: list[Parsed], problems: Problems) -> None:
    """Report schemes that cannot score anything: no categories, an empty category, items named twice, 0 points."""
    for item in parsed:
        scheme = item.record
        if not isinstance(scheme, Scheme):
            continue
        line = item.data.line_of("categories")
        if not scheme.categories:
            problems.error(item.path, line, "categories", "考核标准没有任何类别",
                           "在 categories 下至少写一个类别，每个类别有 name 和 items")
            continue
        lines = item.data.get("categories")
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


def _check_bodies(site: Site, parsed: list[Parsed], problems: Problems) -> None:
    """Report what in Markdown would break a page or lead out of the site: control characters, links outside."""
    checker = BodyChecker(site.config.root, problems)
    for item in parsed:
        record = item.record
        if isinstance(record, HonourEntry):
            checker.check(record.citation, item.path, item.data.line_of("citation"), "citation")
        elif (body := kind_of(record).body) is not None:
            checker.check(getattr(record, body), item.path, record.source.body_line)


def _check_posts(parsed: list[Parsed], problems: Problems) -> None:
    """Report a post history whose newest post is not the person's current unit and position."""
    for item in parsed:
        person = item.record
        if not isinstance(person, Person) or not person.posts:
            continue
        newest = max(person.posts, key=lambda post: post.start.first_day())
        line = item.data.line_of("posts")
        if newest.unit != person.unit or (newest.position and newest.position != person.position):
            held = newest.unit + (f"，{newest.position}" if newest.position else "")
            now = person.unit + (f"，{person.position}" if person.position else "")
            problems.error(item.path, line, "posts", f"最近一项任职（{newest.start}起：{held}）与现任的 unit、position（{now}）不一致",
                           "posts 的最后一项是现任的单位和职务：改正 unit、position，或在 posts 末尾加上现任的一项（写明 from）")
        starts = [post.start.first_day() for post in person.posts]
        if len(set(starts)) < len(starts):
            problems.error(item.path, line, "posts", "有两项任职的起始时间（from）相同", "每项任职写明各自的起始时间")


def _check_stroke_data(site: Site, problems: Problems) -> None:
    """Warn about names with a character the stroke tables lack: such a name sorts last in 笔画 lists."""
    script = script_of(site.config.language)
    for record in [*site.people.values(), *site.units.values()]:
        for char in missing_characters(record.name, script):
            problems.warning(record.source.path, record.source.line_of("name"), "name",
                             f"「{record.name}」中的「{char}」（U+{ord(char):04X}）没有笔画数据，按笔画排序时排在同组最后",
                             "请确认没有打错字；如果确实是这个字，可以把它所在奖项的 order 改为 pinyin 或 given")


def _unknown(ref: str, target: str) -> str:
    return f"未找到{kind_named(ref).label}“{target}”"


def _available(target: str, table: Mapping[str, Any]) -> str:
    close = difflib.get_close_matches(target, list(table), n=3, cutoff=0.5)
    if close:
        return "是不是：" + "、".join(close) + "？编号是文件名去掉 .md"
    shown = sorted(table)[:8]
    more = " 等" if len(table) > 8 else ""
    return ("可用：" + "、".join(shown) + more) if shown else "还没有任何记录"


def _check_photo_focus(parsed: list[Parsed], problems: Problems) -> None:
    for item in parsed:
        focus = getattr(item.record, "photo_focus", ())
        if focus and (len(focus) != 2 or not all(0 <= v <= 1 for v in focus)):
            problems.error(item.path, item.data.line_of("photo_focus"), "photo_focus",
                           "应当是两个 0 到 1 之间的数", "例如 [0.5, 0.3]：脸在照片宽度的一半、高度的三成处")


def _check_unit_tree(site: Site, problems: Problems) -> None:
    for unit in site.units.values():
        seen = {unit.id}
        current = unit
        while current.parent is not None and current.parent in site.units:
            if current.parent in seen:
                problems.error(unit.source.path, unit.source.line, "parent",
                               f"上级单位形成了循环（{' → '.join(sorted(seen))}）", "检查这些单位的 parent，最上层单位不写 parent")
                break
            seen.add(current.parent)
            current = site.units[current.parent]


def _check_shortcodes(site: Site, problems: Problems, broken: set[tuple[str, str]]) -> None:
    records: list[Bulletin | Campaign] = [*site.bulletins.values(), *site.campaigns.values()]
    for record in records:
        for code in find_shortcodes(record.body):
            line = record.source.body_line + code.line - 1
            if code.name not in KNOWN:
                problems.error(record.source.path, line, None, f"未知的短代码“{code.name}”",
                               "可用：" + "、".join(KNOWN))
                continue
            unknown = set(code.arguments) - set(KNOWN[code.name])
            if unknown:
                problems.error(record.source.path, line, code.name, f"未知的参数 {', '.join(sorted(unknown))}",
                               "可用：" + "、".join(KNOWN[code.name]))
            campaign = site.campaigns.get(code.arguments.get("campaign", ""))
            if campaign is None and ("campaign", code.arguments.get("campaign", "")) in broken:
                continue  # its own file's problems are reported there
            if campaign is None:
                problems.error(record.source.path, line, "campaign",
                               _unknown("campaign", code.arguments.get("campaign", "")),
                               _available(code.arguments.get("campaign", ""), site.campaigns))
            elif "award" in code.arguments and campaign.award(code.arguments["award"]) is None:
                problems.error(record.source.path, line, "award",
                               f"活动“{campaign.title}”中没有奖项“{code.arguments['award']}”",
                               "可用：" + "、".join(a.id for a in campaign.awards))


def _check_attachments(parsed: list[Parsed], site: Site, problems: Problems) -> None:
    """Report attachments of a bulletin that names no campaign, or an award its campaign does not confer."""
    for item in parsed:
        bulletin = item.record
        if not isinstance(bulletin, Bulletin) or not bulletin.attachments:
            continue
        if bulletin.campaign is None:
            problems.error(item.path, item.data.line_of("attachments"), "attachments",
                           "附件列出的是活动的受表彰名单，但这份通报没有写 campaign",
                           "加上 campaign: 活动编号，或删去 attachments")
            continue
        campaign = site.campaigns.get(bulletin.campaign)
        if campaign is None:
            continue  # reported where the bulletin names it
        raw = item.data.get("attachments")
        for index, attachment in enumerate(bulletin.attachments):
            if attachment.award is not None and campaign.award(attachment.award) is None:
                line = raw.line_of(index) if isinstance(raw, YamlList) else item.data.line_of("attachments")
                problems.error(item.path, line, f"attachments[{index + 1}].award",
                               f"活动“{campaign.title}”中没有奖项“{attachment.award}”",
                               "可用：" + "、".join(a.id for a in campaign.awards))


def _check_collisions(site: Site, problems: Problems) -> None:
    """Ids that differ only in letter case get one file on Windows shares and on most USB sticks."""
    for kind in _paged():
        seen: dict[str, str] = {}
        for record_id, record in sorted(site.table(kind.name).items()):
            folded = record_id.casefold()
            if folded in RESERVED_IDS:
                problems.error(record.source.path, None, None, f"文件名“{record_id}”是保留名，会与列表页冲突",
                               "给文件改名，例如加上前缀")
            elif folded in seen:
                problems.error(record.source.path, None, None,
                               f"编号“{record_id}”与“{seen[folded]}”只差大小写，生成的网页地址会冲突",
                               "给其中一个文件改名")
            else:
                seen[folded] = record_id


def _paged() -> list[Any]:
    """Return the kinds whose records have pages of their own, whose ids are in addresses."""
    return [kind for kind in KINDS if kind.url]


# What an old file name or a pasted address ends with, never an id.
_FILE_ENDINGS = (*RECORD_SUFFIXES, ".html")


def _check_aliases(site: Site, parsed: list[Parsed], problems: Problems, broken: set[tuple[str, str]]) -> None:
    """Report old ids that are no ids, that a record of the kind still has, or that two records claim."""
    # Folded, as _check_collisions folds them: addresses that differ only in case are one file on Windows.
    ids = {kind.name: {record_id.casefold(): record_id for record_id in site.table(kind.name)} for kind in _paged()}
    for kind, record_id in broken:
        ids.get(kind, {}).setdefault(record_id.casefold(), record_id)
    claimed: dict[tuple[str, str], str] = {}
    for item in parsed:
        kind = kind_of(item.record).name if hasattr(item.record, "aliases") else None
        if kind not in ids:
            continue
        raw = item.data.get("aliases")
        for index, alias in enumerate(item.record.aliases):
            line = raw.line_of(index) if isinstance(raw, YamlList) else item.data.line_of("aliases")
            wrong = _wrong_alias(alias, item.record.id, kind, ids[kind], claimed)
            if wrong:
                problems.error(item.path, line, "aliases", *wrong)
            claimed.setdefault((kind, alias.casefold()), item.record.id)


def _wrong_alias(alias: str, record_id: str, kind: str, ids: dict[str, str],
                 claimed: dict[tuple[str, str], str]) -> tuple[str, str] | None:
    """Return (message, hint) when an old id cannot lead to this record's pages."""
    folded = alias.casefold()
    owner = claimed.get((kind, folded), record_id)
    if not ID_RULE.match(alias):
        return f"“{shown_value(alias)}”不能用作编号", "写改名前的文件名去掉 .md；编号只用字母、数字、汉字、- 和 _，不要有空格或括号"
    if alias.lower().endswith(_FILE_ENDINGS):
        return f"旧编号“{alias}”带了扩展名", f"写成 {alias.rsplit('.', 1)[0]}：编号是文件名去掉 .md"
    if folded in RESERVED_IDS:
        return f"“{alias}”是保留名，会与列表页冲突", "删去这一项"
    if folded == record_id.casefold():
        if alias != record_id:
            return (f"旧编号“{alias}”与本记录现在的编号只差大小写",
                    "只差大小写的两个网页地址在 Windows 共享文件夹里是同一个文件，无法跳转；删去这一项")
        return f"旧编号“{alias}”就是本记录现在的编号", "aliases 中只写改名前用过的编号；没有就删去这一项"
    if folded in ids:
        case = "（只差大小写）" if ids[folded] != alias else ""
        return (f"旧编号“{alias}”与{kind_named(kind).label}“{ids[folded]}”的编号相同{case}，那个记录的网页会被跳转页覆盖",
                "删去这一项；编号仍在使用时，不能再作为别的记录的旧编号")
    if owner != record_id:
        return (f"旧编号“{alias}”也写在{kind_named(kind).label}“{owner}”的 aliases 中，旧地址只能通向一个记录",
                "从其中一个记录的 aliases 中删去它")
    return None
