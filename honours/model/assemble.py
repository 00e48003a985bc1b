"""Put the records of every file together into the Site: honours expanded, scores read, every link checked."""
from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..config import SiteConfig
from ..dates import PartialDate
from ..errors import Problems
from .assessed import Assessed
from .assessments import Assessment, Commentary, read_assessment
from .checks import Parsed
from .kinds import Shape
from .history import check_history
from .links import check_links
from .naming import Naming, naming
from .quotas import check_honours
from .records import KINDS, Campaign, Honour, HonourEntry, kind_named
from .site import Site
from .source import Source, Sources
from .reading import Read

Typed = dict[str, dict[str, Any]]  # the records of each kind by id


def assemble(reads: list[Read], config: SiteConfig, problems: Problems, assessed: Assessed | None = None) -> Site | None:
    """Return the validated Site, or None when any record or reference is wrong; score files checked by an earlier
    build against the same scheme and subjects are not checked again if `assessed` says how they were."""
    typed, sources = _records(reads, config, problems)
    namings: dict[str, Naming] = {}

    def named(kind: str, text: str) -> str:
        """Return the id a recipient is named by: its id, or a name only one record has (else as written)."""
        if text in typed[kind]:
            return text
        if kind not in namings:
            namings[kind] = naming(kind_named(kind).label, typed[kind])
        return namings[kind].find(text).id or text  # an unknown or shared name is reported by check_links

    honours = [found for read in reads if kind_named(read.kind).shape is Shape.LIST and read.id in typed["campaign"]
               for item in read.parsed for found in _honours_of_entry(item, typed["campaign"][read.id], problems, named)]
    assessments = _assessments([read for read in reads if kind_named(read.kind).shape is Shape.SCORES], typed, problems,
                               assessed or Assessed(None))
    site = Site(config, typed, tuple(honour for honour, _ in honours), assessments,
                Sources(sources, {id(honour): source for honour, source in honours}))
    # A record that exists but failed to parse is not also reported as missing wherever it is named.
    broken = {(read.kind, read.id) for read in reads if read.failed}
    check_links(site, [item for read in reads for item in read.parsed], problems, broken)
    check_honours(site, {read.id: read.parsed[0] for read in reads if read.kind == "campaign" and read.parsed},
                  problems)
    check_history(site, problems)
    return None if problems.errors else site


def _records(reads: list[Read], config: SiteConfig, problems: Problems) -> tuple[Typed, dict[tuple[str, str], Source]]:
    """Return the records of every kind of one record a file, and where each was read; an id two files take is
    reported."""
    typed: Typed = {kind.name: {} for kind in KINDS if kind.shape is Shape.RECORD}
    sources: dict[tuple[str, str], Source] = {}
    first_seen: dict[tuple[str, str], Read] = {}
    for read in reads:
        if read.kind not in typed or read.failed:
            continue
        if (read.kind, read.id) in first_seen:
            other = first_seen[(read.kind, read.id)]
            problems.error(read.path, None, None, f"编号“{read.id}”重复：{_shown(other.path, config)} 也用了这个文件名",
                           "编号取自文件名，请给其中一个文件改名")
            continue
        first_seen[(read.kind, read.id)] = read
        if read.parsed:
            typed[read.kind][read.id] = read.parsed[0].record
            sources[(read.kind, read.id)] = read.parsed[0].source
    return typed, sources


def _assessments(reads: list[Read], typed: Typed, problems: Problems, assessed: Assessed) -> dict[str, list[Assessment]]:
    """Return each campaign's assessments, oldest period first, with their commentaries attached."""
    found: dict[str, list[Assessment]] = {}
    commentaries: dict[str, Commentary] = typed["commentary"]
    for read in reads:
        campaign_id = read.id.split("/")[0]
        campaign = typed["campaign"].get(campaign_id)
        if campaign is None or read.raw is None:
            continue
        scheme = typed["scheme"].get(campaign.scheme) if campaign.scheme else None
        if scheme is None:
            if not campaign.scheme:
                problems.error(read.path, None, None, "活动没有指定考核标准，无法读取考核分数",
                               f"在 {campaign_id}/index.md 中加一行 scheme: 考核标准编号（content/schemes/ 下的文件名）")
            continue  # an unknown scheme is reported where the campaign names it
        subjects = typed[scheme.subject]
        assessment = assessed.assessment(read.path, read.digest, scheme, subjects, problems, functools.partial(
            read_assessment, campaign_id, read.path, read.raw.data, scheme, subjects))
        if assessment is not None:
            commentary = commentaries.get(f"{campaign_id}/{read.path.stem}")
            found.setdefault(campaign_id, []).append(replace(assessment, commentary=commentary))
    for items in found.values():
        items.sort(key=lambda a: a.period)
        for earlier, later in zip(items, items[1:]):
            if earlier.period == later.period:
                problems.error(later.path, None, None, f"考核期 {later.period.label} 有两个文件（另见 {earlier.path.name}）",
                               "每个考核期只保留一个文件（.yaml、.csv 或 .xlsx 之一）")
    return found


def _honours_of_entry(item: Parsed, campaign: Campaign, problems: Problems,
                      named: Callable[[str, str], str]) -> list[tuple[Honour, Source]]:
    """Return one Honour per recipient of an entry of a campaign's honours.yaml, with where it was written; a
    recipient named by name is given by the id `named` finds for it."""
    entry: HonourEntry = item.record
    recipients = _recipients(item)
    if (wrong := _wrong_entry(item, campaign, [(kind, rid) for kind, rid, _ in recipients])) is not None:
        problems.error(item.path, *wrong)
        return []
    award = campaign.award(entry.award)
    assert award is not None  # _wrong_entry says so otherwise
    # An entry without a day was conferred at the campaign's end, known perhaps only to the month: shown as written.
    when = PartialDate.parse(entry.date) if entry.date else campaign.end
    day, path = when.first_day(), item.path  # once an entry: it may list thousands
    return [(Honour(campaign=campaign.id, award=award.id, recipient_kind=kind, recipient=named(kind, rid), date=day,
                    when=when, level=entry.level, rank=entry.rank, citation=entry.citation), Source(path, line))
            for kind, rid, line in recipients]


def _recipients(item: Parsed) -> list[tuple[str, str, int]]:
    """Return the kind, id and line of each recipient of an entry: the entry's line for `unit:`/`person:`,
    each item's own for `units:`/`people:` (so that a problem with one of a long list points at it)."""
    entry: HonourEntry = item.record
    lines = dict(item.lines)  # once: an entry may list thousands
    found = [(kind, rid, item.line) for kind, rid in (("unit", entry.unit), ("person", entry.person)) if rid]
    for kind, listed in (("unit", "units"), ("person", "people")):
        found += [(kind, rid, lines.get(f"{listed}[{index + 1}]", item.line))
                  for index, rid in enumerate(getattr(entry, listed))]
    return found


def _wrong_entry(item: Parsed, campaign: Campaign,
                 recipients: list[tuple[str, str]]) -> tuple[int, str | None, str, str] | None:
    """Return (line, field, message, hint) of what makes an entry confer nothing, or None when it is right."""
    entry: HonourEntry = item.record
    award = campaign.award(entry.award)
    if award is None:
        known = "、".join(a.id for a in campaign.awards) or "（活动还没有声明任何奖项）"
        return (item.line_of("award"), "award", f"活动中没有编号为“{entry.award}”的奖项",
                f"可用：{known}；奖项在 index.md 的 awards 中声明")
    if not recipients:
        return item.line, None, "没有写授予谁", "加一行 unit: 单位编号 或 person: 人员编号（多个用 units/people）"
    if {kind for kind, _ in recipients} != {award.recipient}:
        wanted = "单位（unit/units）" if award.recipient == "unit" else "个人（person/people）"
        written = dict(item.lines)
        field_name = next(k for k in ("unit", "units", "person", "people") if k in written)
        return (item.line_of(field_name), field_name, f"奖项“{award.name}”只授予{wanted}",
                f"改用 {'unit/units' if award.recipient == 'unit' else 'person/people'}")
    if entry.citation and len(recipients) > 1:
        return item.line_of("citation"), "citation", "多个对象不能共用一段事迹", "每个对象单独写一项，或去掉 citation"
    if entry.level is not None and entry.level not in award.levels:
        levels = "、".join(award.levels) if award.levels else "（该奖项未设等级）"
        return item.line_of("level"), "level", f"“{entry.level}”不是奖项“{award.name}”的等级", f"可用：{levels}"
    if award.levels and entry.level is None:
        return item.line, "level", f"奖项“{award.name}”分等级，需写明等级", "加一行 level: " + award.levels[0]
    return None


def _shown(path: Path, config: SiteConfig) -> str:
    try:
        return path.relative_to(config.root).as_posix()
    except ValueError:
        return path.as_posix()
