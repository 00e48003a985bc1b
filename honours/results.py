"""What assessments add up to: totals, rankings with 并列, group rankings, 前 N 名, stars, change and roll-ups."""
from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, replace
from statistics import fmean
from typing import Any

from .model.assessments import Assessment, Deduction, ScoreRow
from .model.records import Campaign
from .model.scheme import Scheme
from .model.site import Site
from .orderings import sort_key
from .periods import Period


@dataclass(frozen=True, slots=True)
class ResultRow:
    """One unit's (or person's) line in a period's score table."""

    subject: str
    name: str
    group: str | None
    items: tuple[float | None, ...]  # in the scheme's item order
    categories: tuple[float | None, ...]  # subtotals, in the scheme's category order
    deductions: tuple[Deduction, ...]
    deducted: float
    bonus: float
    bonus_reason: str | None
    total: float | None
    comment: str | None
    rank: int | None = None
    tied: bool = False  # 并列: another row has the same rank
    group_rank: int | None = None
    group_tied: bool = False
    star: str | None = None
    top: bool = False
    change: int | None = None  # places gained since the previous period (negative: lost)
    periods: int = 1  # how many periods a rolled-up row was computed from


@dataclass(frozen=True, slots=True)
class Results:
    """A campaign's score table for one period, in rank order."""

    campaign: Campaign
    scheme: Scheme
    period: Period
    rows: tuple[ResultRow, ...]
    date: dt.date | None
    assessment: Assessment | None  # None for a period rolled up from shorter ones
    parts: tuple[Period, ...] = ()  # the periods a roll-up was computed from
    previous: Period | None = None

    @property
    def rolled_up(self) -> bool:
        return self.assessment is None

    def row(self, subject: str) -> ResultRow | None:
        return next((r for r in self.rows if r.subject == subject), None)


@dataclass(frozen=True, slots=True)
class Standing:
    """One subject's row in a period's results, and what links it: what the subject's own page shows of them.

    Its repr (and so its digest, render/reads.py) is its period and row: not the other rows, whose names it
    does not show, nor the campaign and scheme, which a trend names apart.
    """

    campaign: Campaign = dataclasses.field(repr=False)
    scheme: Scheme = dataclasses.field(repr=False)
    period: Period
    mine: ResultRow

    def row(self, subject: str) -> ResultRow | None:
        return self.mine if self.mine.subject == subject else None


def _round(value: float) -> float:
    return round(value + 0.0, 2)


def score_row(site: Site, scheme: Scheme, row: ScoreRow, day: dt.date) -> ResultRow:
    """Return a row's subtotals and total: items add up by category, less deductions, plus bonus; the subject
    named as it was on `day`."""
    items = tuple(row.score(item.id) for item in scheme.items)
    categories = []
    for category in scheme.categories:
        scores = [row.score(item.id) for item in category.items]
        known = [s for s in scores if s is not None]
        categories.append(_round(sum(known)) if known else None)
    deducted = _round(sum(d.points for d in row.deductions))
    known_categories = [c for c in categories if c is not None]
    total = _round(sum(known_categories) - deducted + row.bonus) if known_categories else None
    return ResultRow(row.subject, _name(site, scheme, row.subject, day), _group(site, scheme, row.subject, day), items,
                     tuple(categories), row.deductions, deducted, row.bonus, row.bonus_reason, total, row.comment)


def roll_up(scheme: Scheme, parts: list[list[ResultRow]]) -> list[ResultRow]:
    """Return rows combining several periods' rows per subject, by the scheme's rule (average or sum)."""
    combine = fmean if scheme.rollup == "average" else sum
    by_subject: dict[str, list[ResultRow]] = {}
    for rows in parts:
        for row in rows:
            by_subject.setdefault(row.subject, []).append(row)
    combined = []
    for subject, rows in by_subject.items():
        def over(values: list[float | None]) -> float | None:
            known = [v for v in values if v is not None]
            return _round(combine(known)) if known else None
        items = tuple(over([r.items[i] for r in rows]) for i in range(len(scheme.items)))
        categories = tuple(over([r.categories[i] for r in rows]) for i in range(len(scheme.categories)))
        totals = [r.total for r in rows]
        combined.append(ResultRow(
            subject, rows[0].name, rows[0].group, items, categories,
            tuple(d for r in rows for d in r.deductions), over([r.deducted for r in rows]) or 0.0,
            over([r.bonus for r in rows]) or 0.0, "；".join(r.bonus_reason for r in rows if r.bonus_reason) or None,
            over(totals), None, periods=len([t for t in totals if t is not None])))
    return combined


def ranked(site: Site, scheme: Scheme, rows: list[ResultRow], previous: Results | None) -> tuple[ResultRow, ...]:
    """Return rows in rank order with ranks (1, 2, 2, 4), group ranks, stars, 前 N 名 and change."""
    order = sorted(rows, key=lambda r: (r.total is None, -(r.total or 0), sort_key(r.name, "strokes", person=False)))
    ranks = _competition_ranks([r.total for r in order])
    group_ranks: dict[int, tuple[int | None, bool]] = {}
    if scheme.group_by:
        for group in {r.group for r in order}:
            members = [i for i, r in enumerate(order) if r.group == group]
            for i, rank in zip(members, _competition_ranks([order[i].total for i in members])):
                group_ranks[i] = rank
    result = []
    for i, row in enumerate(order):
        rank, tied = ranks[i]
        group_rank, group_tied = group_ranks.get(i, (None, False))
        before = previous.row(row.subject) if previous else None
        change = before.rank - rank if before and before.rank and rank else None
        result.append(_with(row, rank=rank, tied=tied, group_rank=group_rank, group_tied=group_tied,
                            star=scheme.star(row.total), top=bool(scheme.top and rank and rank <= scheme.top),
                            change=change))
    return tuple(result)


def _competition_ranks(totals: list[float | None]) -> list[tuple[int | None, bool]]:
    """Return (rank, tied) for totals in descending order: equal totals share a rank (1, 2, 2, 4)."""
    ranks: list[tuple[int | None, bool]] = []
    for i, total in enumerate(totals):
        if total is None:
            ranks.append((None, False))
            continue
        rank = ranks[i - 1][0] if i and totals[i - 1] == total else i + 1
        ranks.append((rank, totals.count(total) > 1))
    return ranks


def _with(row: ResultRow, **changes) -> ResultRow:
    return replace(row, **changes)


def campaign_results(site: Site, campaign: Campaign) -> list[Results]:
    """Return every period's results of a campaign, oldest first: its own sheets, then roll-ups of them."""
    scheme = site.schemes.get(campaign.scheme or "")
    assessments = site.assessments.get(campaign.id, ())
    if scheme is None or not assessments:
        return []
    own = {a.period: [score_row(site, scheme, row, a.period.last_day()) for row in a.rows] for a in assessments}
    sheets = {a.period: a for a in assessments}
    done: dict[Period, Results] = {}
    for period, parts in _periods(list(own)):
        rows = own[period] if period in own else roll_up(scheme, [own[p] for p in parts])
        previous = done.get(period.previous())
        sheet = sheets.get(period)
        done[period] = Results(campaign, scheme, period, ranked(site, scheme, rows, previous),
                               sheet.date if sheet else None, sheet, parts, previous.period if previous else None)
    return sorted(done.values(), key=lambda r: (r.period.year, r.period.first_month, r.period.months_long))


def periods_of(site: Site, campaign: Campaign) -> list[tuple[Period, bool]]:
    """Return a campaign's periods with results, each with whether it has a sheet of its own, as
    campaign_results orders them; without working out any scores."""
    own = [a.period for a in site.assessments.get(campaign.id, ())] if site.schemes.get(campaign.scheme or "") else []
    periods = [period for period, _ in _periods(own)]
    return [(period, period in own) for period in sorted(periods, key=lambda p: (p.year, p.first_month, p.months_long))]


def _periods(own: list[Period]) -> list[tuple[Period, tuple[Period, ...]]]:
    """Return the periods with sheets and those rolled up from the finest of them, with their parts."""
    if not own:
        return []
    finest = min(p.months_long for p in own)
    rolled: dict[Period, list[Period]] = {}
    for period in own:
        if period.months_long == finest:
            for longer in period.enclosing():
                if longer not in own:
                    rolled.setdefault(longer, []).append(period)
    periods = sorted(set(own) | set(rolled), key=lambda p: (p.months_long, p))
    return [(period, tuple(sorted(rolled.get(period, ())))) for period in periods]


def latest(results: list[Results]) -> Results | None:
    """Return the newest period with a sheet of its own: what the campaign page shows as standings."""
    own = [r for r in results if not r.rolled_up]
    end = lambda r: (r.period.year * 12 + r.period.first_month + r.period.months_long, -r.period.months_long)  # noqa: E731
    return max(own, key=end) if own else None


def trend(site: Any, subject: str) -> list[tuple[Campaign, list[Standing]]]:
    """Return, per campaign (newest first), a unit's or person's standing in each finest-grained period's results.

    `site` works out each campaign's results once per build (render/reads.py, NotedSite.results).
    """
    found = []
    assessed = [site.campaigns[campaign_id] for campaign_id in site.assessments]
    for campaign in sorted(assessed, key=lambda c: c.start.first_day(), reverse=True):
        standings = [Standing(r.campaign, r.scheme, r.period, mine) for r in site.results(campaign.id)
                     if (mine := r.row(subject)) is not None]
        if standings:
            finest = min(s.period.months_long for s in standings)
            found.append((campaign, [s for s in standings if s.period.months_long == finest]))
    return found


def _name(site: Site, scheme: Scheme, subject: str, day: dt.date) -> str:
    return site.units[subject].as_on(day).name if scheme.subject == "unit" else site.people[subject].name


def _group(site: Site, scheme: Scheme, subject: str, day: dt.date) -> str | None:
    if not scheme.group_by or scheme.subject != "unit":
        return None
    unit = site.units[subject]
    if scheme.group_by == "parent":
        return site.units[unit.parent].as_on(day).name if unit.parent else None
    return unit.kind
