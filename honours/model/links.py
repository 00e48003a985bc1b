"""What needs the whole site to check: every reference resolves, no unit is its own ancestor, no URLs collide.

What a record can be checked for on its own was checked as it was read (checks.py); those problems
are reported here too, so a rebuild that reads only changed files still reports every problem.
"""
from __future__ import annotations

from typing import Any

from ..errors import Problems
from ..fields import shown as shown_value
from ..load.files import ID_RULE, RECORD_SUFFIXES, RESERVED_IDS  # an old id was a file name: the same rule holds
from .checks import Parsed, Reference, references
from .naming import Naming, naming
from .records import KINDS, Bulletin, Campaign, HonourEntry, kind_named, kind_of
from .shortcodes import KNOWN, find_shortcodes
from .site import Site, source_of

__all__ = ["Parsed", "Reference", "check_links", "references"]


def check_links(site: Site, parsed: list[Parsed], problems: Problems,
                broken: set[tuple[str, str]] = frozenset()) -> None:
    """Record every unresolved reference, parent cycle, bad shortcode and URL collision, and what each
    record's own check found."""
    namings: dict[str, Naming] = {}
    for item in parsed:
        problems.items.extend(item.problems)
        for reference in item.references:
            table = site.table(reference.kind)
            if reference.target in table or (reference.kind, reference.target) in broken:
                continue
            found = naming_in(site, reference.kind, namings).find(reference.target)
            if found.id is not None and by_name(item.record, reference.kind):
                continue
            if found.id is not None:  # a name where only an id will do: the id to write
                problems.error(item.path, reference.line, reference.field, _unknown(reference.kind, reference.target),
                               f"这里要写编号：{naming_in(site, reference.kind, namings).shown(found.id)}")
            else:
                problems.error(item.path, reference.line, reference.field, found.message, found.hint)
    _check_unit_tree(site, problems)
    _check_shortcodes(site, problems, broken)
    _check_attachments(parsed, site, problems)
    _check_collisions(site, problems)
    _check_aliases(site, parsed, problems, broken)


def by_name(record: object, kind: str) -> bool:
    """Return whether a record may name a `kind` by name: an honour's unit or person (honours.yaml)."""
    return isinstance(record, HonourEntry) and kind in ("unit", "person")


def naming_in(site: Site, kind: str, namings: dict[str, Naming]) -> Naming:
    """Return how a kind's records may be named, made when first asked (most builds name none by name)."""
    if kind not in namings:
        namings[kind] = naming(kind_named(kind).label, site.table(kind), kind_named(kind).title)
    return namings[kind]


def _unknown(ref: str, target: str) -> str:
    return f"未找到{kind_named(ref).label}“{target}”"


def _check_unit_tree(site: Site, problems: Problems) -> None:
    for unit in site.units.values():
        seen = {unit.id}
        current = unit
        while current.parent is not None and current.parent in site.units:
            if current.parent in seen:
                where = source_of(site, unit)
                problems.error(where.path if where else None, where.line if where else None, "parent",
                               f"上级单位形成了循环（{' → '.join(sorted(seen))}）", "检查这些单位的 parent，最上层单位不写 parent")
                break
            seen.add(current.parent)
            current = site.units[current.parent]


def _check_shortcodes(site: Site, problems: Problems, broken: set[tuple[str, str]]) -> None:
    records: list[Bulletin | Campaign] = [*site.bulletins.values(), *site.campaigns.values()]
    for record in records:
        where = source_of(site, record)
        for code in find_shortcodes(record.body):
            path, line = (where.path, where.body_line + code.line - 1) if where else (None, None)
            if code.name not in KNOWN:
                problems.error(path, line, None, f"未知的短代码“{code.name}”",
                               "可用：" + "、".join(KNOWN))
                continue
            unknown = set(code.arguments) - set(KNOWN[code.name])
            if unknown:
                problems.error(path, line, code.name, f"未知的参数 {', '.join(sorted(unknown))}",
                               "可用：" + "、".join(KNOWN[code.name]))
            campaign = site.campaigns.get(code.arguments.get("campaign", ""))
            if campaign is None and ("campaign", code.arguments.get("campaign", "")) in broken:
                continue  # its own file's problems are reported there
            if campaign is None:
                found = naming(kind_named("campaign").label, site.campaigns, "title").find(code.arguments.get("campaign", ""))
                problems.error(path, line, "campaign", _unknown("campaign", code.arguments.get("campaign", "")),
                               found.hint or f"这里要写编号：{found.id}")
            elif "award" in code.arguments and campaign.award(code.arguments["award"]) is None:
                problems.error(path, line, "award",
                               f"活动“{campaign.title}”中没有奖项“{code.arguments['award']}”",
                               "可用：" + "、".join(a.id for a in campaign.awards))


def _check_attachments(parsed: list[Parsed], site: Site, problems: Problems) -> None:
    """Report attachments of a bulletin that names no campaign, or an award its campaign does not confer."""
    for item in parsed:
        bulletin = item.record
        if not isinstance(bulletin, Bulletin) or not bulletin.attachments:
            continue
        if bulletin.campaign is None:
            problems.error(item.path, item.line_of("attachments"), "attachments",
                           "附件列出的是活动的受表彰名单，但这份通报没有写 campaign",
                           "加上 campaign: 活动编号，或删去 attachments")
            continue
        campaign = site.campaigns.get(bulletin.campaign)
        if campaign is None:
            continue  # reported where the bulletin names it
        for index, attachment in enumerate(bulletin.attachments):
            if attachment.award is not None and campaign.award(attachment.award) is None:
                problems.error(item.path, item.line_of(f"attachments[{index + 1}]"), f"attachments[{index + 1}].award",
                               f"活动“{campaign.title}”中没有奖项“{attachment.award}”",
                               "可用：" + "、".join(a.id for a in campaign.awards))


def _check_collisions(site: Site, problems: Problems) -> None:
    """Ids that differ only in letter case get one file on Windows shares and on most USB sticks."""
    for kind in _paged():
        seen: dict[str, str] = {}
        for record_id, record in sorted(site.table(kind.name).items()):
            folded = record_id.casefold()
            path = where.path if (where := source_of(site, record)) else None
            if folded in RESERVED_IDS:
                problems.error(path, None, None, f"文件名“{record_id}”是保留名，会与列表页冲突",
                               "给文件改名，例如加上前缀")
            elif folded in seen:
                problems.error(path, None, None,
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
        for index, alias in enumerate(item.record.aliases):
            wrong = _wrong_alias(alias, item.record.id, kind, ids[kind], claimed)
            if wrong:
                problems.error(item.path, item.line_of(f"aliases[{index + 1}]"), "aliases", *wrong)
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
