"""What a campaign's honours must respect together: no honour given twice, and each award's quota (名额).

Both checks are one pass over the honours with a dictionary, and report once per honour or award, not
per line: a honours.yaml of 100,000 lines with a list pasted twice is reported in a screenful.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import Problems
from .checks import Parsed
from .records import Campaign, Honour
from .site import Site, source_of
from .source import Source

# Honours given twice are reported one by one up to this many in a file; the rest are counted in one line.
LISTED_DUPLICATES = 10

# The same honour: one award of one campaign, to one unit or person, on one date. Its level, rank and
# citation are not part of it: 五星 and 四星 of the same award on the same day contradict each other.
HonourKey = tuple[str, str, str, str, dt.date]


@dataclass(slots=True)
class _Repeated:
    """An honour written more than once: where first, where next, and how many times more."""

    first: Honour
    second: Honour
    more: int = 0


def check_honours(site: Site, declarations: Mapping[str, Parsed], problems: Problems) -> None:
    """Report every honour given twice (an error), and every award named more often than its quota (a warning)."""
    unique = _without_duplicates(site, problems)
    _check_quotas(site, unique, declarations, problems)


def _where(site: Site, honour: Honour) -> Source:
    found = source_of(site, honour)
    assert found is not None  # every honour of a site is read from its campaign's honours.yaml
    return found


def _key(honour: Honour) -> HonourKey:
    return honour.campaign, honour.award, honour.recipient_kind, honour.recipient, honour.date


def _without_duplicates(site: Site, problems: Problems) -> list[Honour]:
    """Report the honours given twice; return the honours with each written once, in file order."""
    first: dict[HonourKey, Honour] = {}
    repeated: dict[HonourKey, _Repeated] = {}  # in the order the second writings come
    for honour in site.honours:
        key = _key(honour)
        if key not in first:
            first[key] = honour
        elif key in repeated:
            repeated[key].more += 1
        else:
            repeated[key] = _Repeated(first[key], honour)
    by_file: dict[Path, list[_Repeated]] = {}
    for repeat in repeated.values():
        by_file.setdefault(_where(site, repeat.second).path, []).append(repeat)
    for path, repeats in by_file.items():
        for repeat in repeats[:LISTED_DUPLICATES]:
            _report_duplicate(site, repeat, problems)
        if len(repeats) > LISTED_DUPLICATES:
            rest = repeats[LISTED_DUPLICATES:]
            times = sum(1 + repeat.more for repeat in rest)
            problems.error(path, _where(site, rest[0].second).line, None,
                           f"从这一行起还有 {len(rest)} 项表彰重复（共 {times} 处），上面只列出了前 {LISTED_DUPLICATES} 项",
                           "同一奖项只授予同一单位或个人一次：删去重复的各项后再检查")
    return list(first.values())


def _report_duplicate(site: Site, repeat: _Repeated, problems: Problems) -> None:
    honour = repeat.second
    campaign = site.campaigns[honour.campaign]
    award = campaign.award(honour.award)
    recipient = site.table(honour.recipient_kind).get(honour.recipient)
    who = f"“{recipient.name}”（{honour.recipient}）" if recipient is not None else f"“{honour.recipient}”"
    more = f"，此后还重复了 {repeat.more} 次" if repeat.more else ""
    where = _where(site, honour)
    problems.error(where.path, where.line, honour.recipient_kind,
                   f"{who}在第 {_where(site, repeat.first).line} 行已获得“{award.name if award else honour.award}”"
                   f"（{honour.when}），这里又写了一次{more}",
                   "同一奖项只授予同一单位或个人一次：删去重复的一项；若确是不同日期的两次表彰，给每项写明各自的 date")


def _check_quotas(site: Site, honours: Sequence[Honour], declarations: Mapping[str, Parsed],
                  problems: Problems) -> None:
    """Warn once for each award named more often than its quota, at the first honour beyond it."""
    named: dict[tuple[str, str], list[Honour]] = {}
    for honour in honours:
        named.setdefault((honour.campaign, honour.award), []).append(honour)
    for (campaign_id, award_id), conferred in named.items():
        campaign = site.campaigns[campaign_id]
        award = campaign.award(award_id)
        if award is None or award.quota is None or len(conferred) <= award.quota:
            continue
        beyond = _where(site, conferred[award.quota])
        problems.warning(beyond.path, beyond.line, "award",
                         f"奖项“{award.name}”（{award.id}）的名额是 {award.quota} 个，名单中有 {len(conferred)} 个："
                         f"从这一行起多出 {len(conferred) - award.quota} 个",
                         f"删去多出的；若名额有变，改正{_declared(site, campaign, award_id, declarations)}的 quota")


def _declared(site: Site, campaign: Campaign, award_id: str, declarations: Mapping[str, Parsed]) -> str:
    """Return where an award is declared, as reports show places: `content/campaigns/x/index.md 第 28 行`."""
    parsed = declarations.get(campaign.id)
    if parsed is None:
        return f" {campaign.id} 的 index.md 中该奖项"
    index = next(i for i, award in enumerate(campaign.awards) if award.id == award_id)
    path = parsed.path.relative_to(site.config.root) if parsed.path.is_relative_to(site.config.root) else parsed.path
    return f" {path.as_posix()} 第 {parsed.line_of(f'awards[{index + 1}]')} 行该奖项"
