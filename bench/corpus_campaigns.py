"""The campaigns of the benchmark corpus (bench/corpus.py): their kinds, monthly scores and honours.

The kinds of campaign and their awards are in corpus_data/campaigns.toml, the score schemes in schemes.toml.
"""
from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from random import Random
from typing import Any

from corpus_units import FIRST_YEAR, GROUP, GROUP_SHORT, LAST_YEAR, Person, Unit, cn_number, load


def add_months(year: int, month: int, count: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + count
    return index // 12, index % 12 + 1


def split_evenly(total: int, weights: Sequence[float]) -> list[int]:
    """Split `total` in proportion to `weights` (largest remainder), so the parts sum to `total`."""
    whole = sum(weights) or 1.0
    exact = [total * w / whole for w in weights]
    parts = [math.floor(x) for x in exact]
    by_remainder = sorted(range(len(weights)), key=lambda i: (parts[i] - exact[i], i))
    for i in by_remainder[:total - sum(parts)]:
        parts[i] += 1
    return parts


# ============================================================================ schemes and campaigns


@dataclass(frozen=True)
class Scheme:
    """A score scheme: items (id, name, max) by category, with its rules as written to YAML."""

    id: str
    name: str
    categories: tuple[tuple[str, tuple[tuple[str, str, float], ...]], ...]
    bonus_cap: float
    stars: tuple[tuple[str, float], ...]
    top: int
    group_by: str | None
    subjects: tuple[str, ...]  # unit kinds assessed

    @property
    def items(self) -> list[tuple[str, str, float]]:
        return [item for _, items in self.categories for item in items]


def _scheme(table: dict[str, Any]) -> Scheme:
    """A scheme of schemes.toml."""
    categories = tuple((c["name"], tuple(tuple(item) for item in c["items"])) for c in table["category"])
    return Scheme(table["id"], table["name"], categories, table["bonus_cap"], tuple(map(tuple, table["stars"])),
                  table["top"], table.get("group_by"), tuple(table["subjects"]))


SCORES = load("schemes.toml")
SCHEMES = tuple(map(_scheme, SCORES["scheme"]))
DEDUCTION_REASONS: list[str] = SCORES["deduction_reasons"]
BONUS_REASONS: list[str] = SCORES["bonus_reasons"]
COMMENTS: list[str] = SCORES["comments"]


@dataclass(frozen=True)
class AwardKind:
    """An award a kind of campaign confers, and whom it is drawn from."""

    slug: str
    name: str
    recipient: str  # unit or person
    weight: float  # share of the campaign's honours
    unit_kinds: tuple[str, ...] = ()  # the kinds of unit honoured, or whose people are; () for any
    levels: tuple[str, ...] = ()
    order: str | None = None
    who: str | None = None  # female, young, party, leader
    prestige: bool = False  # few, each with a citation
    description: str = ""
    ranked: int = 0  # an order: rank award naming the first N
    from_scores: str | None = None  # "rank" or "stars": decided by the campaign's assessments


@dataclass(frozen=True)
class CampaignKind:
    """A kind of campaign: its title, organiser, timetable, awards and texts."""

    slug: str
    title: str  # {scope}, {year}, {n}
    organiser: str  # party, union, admin, youth, hq
    start: tuple[int, int]  # (month, years after the campaign year)
    end: tuple[int, int]
    awards: tuple[AwardKind, ...]
    phases: tuple[tuple[str, str], ...]
    goals: tuple[str, ...]
    theme: str
    scheme: str | None = None


def _kind(table: dict[str, Any]) -> CampaignKind:
    """A kind of campaign of campaigns.toml, with its awards."""
    awards = tuple(AwardKind(**{**award, "unit_kinds": tuple(award.get("unit_kinds", ())),
                                "levels": tuple(award.get("levels", ()))}) for award in table["award"])
    return CampaignKind(table["slug"], table["title"], table["organiser"], tuple(table["start"]),
                        tuple(table["end"]), awards, tuple(table["phases"].items()), tuple(table["goals"]),
                        table["theme"], table.get("scheme"))


KINDS = load("campaigns.toml")
CAMPAIGN_KINDS = tuple(map(_kind, KINDS["kind"]))
ASSESSED_KINDS = tuple(map(_kind, KINDS["assessed"]))  # assessed monthly under a scheme


@dataclass(frozen=True)
class Organiser:
    """Who runs a campaign and signs its bulletins."""

    name: str
    number_prefix: str  # 文号 before 〔year〕


def organiser_of(kind: str, scope: Unit) -> Organiser:
    short = GROUP_SHORT if scope.parent is None else scope.short_name or scope.name
    full = GROUP if scope.parent is None else scope.name
    return {"party": Organiser(f"中共{full}委员会", f"{short}党发"),
            "union": Organiser(f"{full}工会委员会", f"{short}工发"),
            "admin": Organiser(full, f"{short}发"),
            "youth": Organiser(f"共青团{full}委员会", f"{short}团发"),
            "hq": Organiser(f"中共{GROUP}机关委员会", "机关党发")}[kind]


@dataclass(eq=False)
class Award:
    """An award declared by one campaign."""

    kind: AwardKind
    quota: int | None = None
    recipients: list[Unit | Person] = field(default_factory=list)
    levels: list[str | None] = field(default_factory=list)
    ranks: list[int | None] = field(default_factory=list)
    averages: list[float | None] = field(default_factory=list)  # the year's average score, when it decided

    @property
    def id(self) -> str:
        return self.kind.slug


@dataclass(eq=False)
class Campaign:
    """A campaign as planned: its record fields, awards, honours, scores and bulletins."""

    id: str
    kind: CampaignKind
    year: int
    scope: Unit
    title: str
    organiser: Organiser
    start: tuple[int, int]
    end: tuple[int, int]
    awarded: dt.date
    awards: list[Award]
    order: str | None = None
    featured: bool = False
    months: list[Month] = field(default_factory=list)

    @property
    def scheme(self) -> Scheme | None:
        return next((s for s in SCHEMES if s.id == self.kind.scheme), None)

    def honour_count(self) -> int:
        return sum(len(a.recipients) for a in self.awards)


def campaign_years(count: int) -> list[int]:
    """Spread `count` campaigns over 2006–2025."""
    span = LAST_YEAR - FIRST_YEAR + 1
    return [FIRST_YEAR + (i * span + span // 2) // count if count < span else FIRST_YEAR + i * span // count
            for i in range(count)]


def plan_campaigns(rng: Random, total: int, assessed_total: int, units: list[Unit]) -> list[Campaign]:
    """Return `total` campaigns, oldest first: `assessed_total` assessed monthly, the rest of the ordinary kinds."""
    assessed = [round((k + 0.5) * total / assessed_total - 0.5) for k in range(assessed_total)]
    subs = [u for u in units if u.parent is not None and u.parent.parent is None and u.kind != "机关"]
    kinds = list(CAMPAIGN_KINDS)
    rng.shuffle(kinds)
    taken: dict[str, int] = {}  # campaign ids so far
    contests: dict[str, int] = {}  # 职业技能竞赛 held so far by each scope, for 第N届
    campaigns = []
    for index, year in enumerate(campaign_years(total)):
        if index in assessed:
            kind = ASSESSED_KINDS[assessed.index(index) % len(ASSESSED_KINDS)]
            scope = units[0]
        else:
            kind = kinds[index % len(kinds)]
            scope = rng.choice(subs) if subs and rng.random() < 0.3 else units[0]
        campaigns.append(_campaign(rng, kind, year, scope, taken, contests))
    for campaign in campaigns[-2:]:
        campaign.featured = True
    return campaigns


def _campaign(rng: Random, kind: CampaignKind, year: int, scope: Unit, taken: dict[str, int],
              contests: dict[str, int]) -> Campaign:
    scope_name = GROUP_SHORT + "公司" if scope.parent is None else scope.name
    contests[scope.id] = contests.get(scope.id, 0) + (kind.slug == "jineng")
    title = kind.title.format(scope=scope_name, year=year, n=cn_number(contests[scope.id] or 1))
    base = f"{kind.slug}-{year}" + ("" if scope.parent is None else f"-{scope.id}")
    taken[base] = taken.get(base, 0) + 1
    campaign_id = base if taken[base] == 1 else f"{base}-{taken[base]}"
    start = (year + kind.start[1], kind.start[0])
    end = (year + kind.end[1], kind.end[0])
    awarded = dt.date(end[0], end[1], rng.randint(10, 28))
    awards = [Award(a) for a in kind.awards]
    order = rng.choice((None, None, None, None, None, "pinyin", "strokes-count", "given"))
    return Campaign(campaign_id, kind, year, scope, title, organiser_of(kind.organiser, scope), start, end,
                    awarded, awards, order)


# ====================================================================================== assessments


@dataclass
class ScoreLine:
    """One unit's scores in one month."""

    unit: Unit
    items: list[tuple[str, float | None]]
    deductions: list[tuple[float, str]] = field(default_factory=list)
    bonus: float = 0.0
    bonus_reason: str = ""
    comment: str = ""

    @property
    def total(self) -> float:
        return round(sum(v for _, v in self.items if v is not None) - sum(p for p, _ in self.deductions)
                     + self.bonus, 1)


@dataclass
class Month:
    """One month's assessment of a campaign, and whether it has a 考核通报 commentary."""

    year: int
    month: int
    date: dt.date
    lines: list[ScoreLine]
    commentary: bool


def assess(rng: Random, campaign: Campaign, units: list[Unit]) -> None:
    """Give an assessed campaign a year of monthly scores for 20–40 units of the scheme's kinds."""
    scheme = campaign.scheme
    assert scheme is not None
    pool = [u for u in units if u.kind in scheme.subjects] or [u for u in units if u.parent is not None]
    subjects = sorted(rng.sample(pool, min(len(pool), rng.randint(20, 40))), key=lambda u: units.index(u))
    quality = {u.id: rng.uniform(0.84, 0.985) for u in subjects}
    for month in range(1, 13):
        next_year, next_month = add_months(campaign.year, month, 1)
        date = dt.date(next_year, next_month, rng.randint(3, 10))
        lines = [_score_line(rng, scheme, unit, quality[unit.id], month) for unit in subjects]
        campaign.months.append(Month(campaign.year, month, date, lines, commentary=month % 3 == 0))


def _score_line(rng: Random, scheme: Scheme, unit: Unit, quality: float, month: int) -> ScoreLine:
    items = []
    for item_id, _, maximum in scheme.items:
        if rng.random() < 0.01:
            items.append((item_id, None))  # not assessed this month
            continue
        step = 0.5 if maximum >= 20 else 0.1
        points = maximum * min(1.0, max(0.55, rng.gauss(quality, 0.03)))
        items.append((item_id, min(maximum, round(round(points / step) * step, 1))))
    line = ScoreLine(unit, items)
    if rng.random() < 0.12:
        for _ in range(rng.choice((1, 1, 2))):
            reason = f"{month}月{rng.randint(1, 28)}日{rng.choice(DEDUCTION_REASONS)}"
            line.deductions.append((rng.choice((0.5, 1, 1, 2)), reason))
    if rng.random() < 0.06:
        line.bonus = float(rng.randint(1, int(scheme.bonus_cap)))
        line.bonus_reason = rng.choice(BONUS_REASONS)
    if rng.random() < 0.05:
        line.comment = rng.choice(COMMENTS)
    return line


def yearly_standings(campaign: Campaign) -> list[tuple[Unit, float]]:
    """Return the assessed units by their average monthly total, best first."""
    totals: dict[str, list[float]] = {}
    units: dict[str, Unit] = {}
    for month in campaign.months:
        for line in month.lines:
            totals.setdefault(line.unit.id, []).append(line.total)
            units[line.unit.id] = line.unit
    averages = [(units[uid], round(sum(v) / len(v), 1)) for uid, v in totals.items()]
    return sorted(averages, key=lambda pair: (-pair[1], pair[0].id))


# =========================================================================================== honours


def confer_honours(rng: Random, campaigns: list[Campaign], units: list[Unit], people: list[Person],
                   total: int) -> None:
    """Confer `total` honours over the campaigns, each campaign a share, each award a share of that."""
    targets = split_evenly(total, [rng.uniform(0.4, 1.6) for _ in campaigns])
    carry = 0
    for campaign, target in zip(campaigns, targets, strict=True):
        carry += target
        carry -= _confer(rng, campaign, units, people, carry)


def _confer(rng: Random, campaign: Campaign, units: list[Unit], people: list[Person], target: int) -> int:
    """Confer about `target` honours in one campaign; return how many were conferred."""
    in_scope = set(map(id, campaign.scope.subtree()))
    scoped_units = [u for u in units if id(u) in in_scope]
    candidates = _ranked_people(rng, campaign, [p for p in people if id(p.unit) in in_scope] or people)
    fixed = [a for a in campaign.awards if a.kind.from_scores or a.kind.ranked]
    for award in fixed:
        if award.kind.from_scores:
            _from_scores(award, campaign)
        else:
            _ranked_award(award, candidates, campaign.year)
    free = [a for a in campaign.awards if a not in fixed]
    remaining = max(0, target - campaign.honour_count())
    capacity = {id(a): _capacity(a, scoped_units, candidates, campaign.year) for a in free}
    shares = _shares(remaining, free, capacity)
    for award in free:
        if award.kind.recipient == "unit":
            pool = [u for u in scoped_units if u.kind in award.kind.unit_kinds]
            award.recipients = rng.sample(pool, shares[id(award)])
        else:
            award.recipients = _take(candidates, award.kind, campaign.year, shares[id(award)])
        award.levels = _levels(award.kind.levels, len(award.recipients))
        award.ranks = [None] * len(award.recipients)
    for award in campaign.awards:
        award.quota = len(award.recipients) if award.kind.ranked or rng.random() < 0.5 else None
        for recipient in award.recipients:
            if isinstance(recipient, Person):
                recipient.honours.append(award.kind.name)
    return campaign.honour_count()


def _ranked_people(rng: Random, campaign: Campaign, pool: list[Person]) -> list[Person]:
    """People who had joined by the campaign's year, in a random order favouring the meritorious."""
    joined = [p for p in pool if p.joined[0] <= campaign.year] or pool
    return sorted(joined, key=lambda p: -math.log(rng.random() or 1e-12) / p.merit)  # exponential race


def _eligible(person: Person, award: AwardKind, year: int) -> bool:
    if award.unit_kinds and person.unit.kind not in award.unit_kinds:
        return False
    who = award.who
    if who == "female":
        return person.female
    if who == "young":
        return year - person.born[0] <= 35
    if who == "party":
        return person.party_year is not None and person.party_year <= year
    if who == "leader":
        return person.is_leader
    return True


def _take(candidates: list[Person], award: AwardKind, year: int, count: int) -> list[Person]:
    """Take the first `count` eligible candidates and move them to the end of the list, so a campaign
    names someone twice only when everyone else eligible is named already."""
    chosen = []
    for person in candidates:
        if len(chosen) >= count:
            break
        if _eligible(person, award, year):
            chosen.append(person)
    taken = set(map(id, chosen))
    candidates[:] = [p for p in candidates if id(p) not in taken] + chosen
    return chosen


def _capacity(award: Award, units: list[Unit], candidates: list[Person], year: int) -> int:
    if award.kind.recipient == "unit":
        return sum(1 for u in units if u.kind in award.kind.unit_kinds)
    return sum(1 for p in candidates if _eligible(p, award.kind, year))


def _shares(total: int, awards: list[Award], capacity: dict[int, int]) -> dict[int, int]:
    """Split `total` over the awards by weight, each at least one and none above its capacity."""
    shares = {id(a): 0 for a in awards}
    open_awards = [a for a in awards if capacity[id(a)] > 0]
    for award in open_awards[:total]:
        shares[id(award)] += 1
        total -= 1
    open_awards = [a for a in open_awards if shares[id(a)] < capacity[id(a)]]
    while total > 0 and open_awards:
        parts = split_evenly(total, [a.kind.weight for a in open_awards])
        for award, part in zip(open_awards, parts, strict=True):
            grant = min(part, capacity[id(award)] - shares[id(award)])
            shares[id(award)] += grant
            total -= grant
        open_awards = [a for a in open_awards if shares[id(a)] < capacity[id(a)]]
    return shares


def _levels(levels: tuple[str, ...], count: int) -> list[str | None]:
    """Levels for `count` recipients, fewer at the top: 1 : 2 : 3 for three levels."""
    if not levels:
        return [None] * count
    parts = split_evenly(count, list(range(1, len(levels) + 1)))
    return [level for level, part in zip(levels, parts, strict=True) for _ in range(part)]


def _ranked_award(award: Award, candidates: list[Person], year: int) -> None:
    award.recipients = _take(candidates, award.kind, year, award.kind.ranked)
    award.ranks = list(range(1, len(award.recipients) + 1))
    award.levels = [None] * len(award.recipients)


def _from_scores(award: Award, campaign: Campaign) -> None:
    """The first places, or the star levels, of the year's average scores."""
    scheme = campaign.scheme
    assert scheme is not None
    standings = yearly_standings(campaign)
    if award.kind.from_scores == "rank":
        top = standings[:scheme.top]
        award.recipients = [unit for unit, _ in top]
        award.ranks = list(range(1, len(top) + 1))
        award.levels = [None] * len(top)
        award.averages = [average for _, average in top]
        return
    starred = [(unit, next((level for level, least in scheme.stars if average >= least), None), average)
               for unit, average in standings]
    starred = [entry for entry in starred if entry[1] is not None]
    award.recipients = [unit for unit, _, _ in starred]
    award.levels = [level for _, level, _ in starred]
    award.ranks = [None] * len(starred)
    award.averages = [average for _, _, average in starred]


# ============================================================================================ phases


def campaign_phases(campaign: Campaign) -> list[tuple[str, str, str | None, str]]:
    """Return (name, start, end, summary) of the phases, spread evenly over the campaign's months.

    A phase that starts in the month the previous one ends starts 中旬 after it ends 上旬, as plans write it.
    """
    phases = campaign.kind.phases
    first = campaign.start[0] * 12 + campaign.start[1] - 1
    span = campaign.end[0] * 12 + campaign.end[1] - 1 - first
    begins = [first + span * i // len(phases) for i in range(len(phases))]

    def shares_month(i: int) -> bool:  # does phase i start in the month phase i - 1 ends?
        return begins[i] == begins[i - 1] or i % 2 == 1

    found = []
    for index, (name, summary) in enumerate(phases):
        start = _month(begins[index]) + (" 中旬" if index and shares_month(index) else "")
        end = None
        if index + 1 < len(phases):
            following = begins[index + 1]
            end = _month(following) + " 上旬" if shares_month(index + 1) else _month(following - 1)
        found.append((name, start, end, summary))
    return found


def _month(months: int) -> str:
    """Return a count of months since year 0 as 2024-03."""
    return f"{months // 12}-{months % 12 + 1:02d}"
