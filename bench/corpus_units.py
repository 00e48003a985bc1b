"""The group of the benchmark corpus (bench/corpus.py): its tree of units and the people in them.

Also what every part of the corpus shares: the data files in corpus_data/, the random streams, the years
and Chinese numerals.
"""
from __future__ import annotations

import bisect
import itertools
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from random import Random
from typing import Any

from pypinyin import Style, lazy_pinyin

DATA = Path(__file__).with_name("corpus_data")  # the word lists and tables the corpus is drawn from
FIRST_YEAR, LAST_YEAR = 2006, 2025
GROUP = "瀚海能源集团有限公司"
GROUP_SHORT = "瀚海集团"
GROUP_ID = "hanhai-jituan"


# ======================================================================================== utilities


def load(name: str) -> dict[str, Any]:
    """Return the TOML file corpus_data/`name`."""
    with open(DATA / name, "rb") as file:
        return tomllib.load(file)


def load_rows(name: str) -> list[list[str]]:
    """Return the rows of the tab-separated file corpus_data/`name`, without its # comments."""
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line and not line.startswith("#")]


def rng_for(seed: int, part: str) -> Random:
    """Return the random stream of one part of the corpus, independent of the others."""
    return Random(f"{seed}:{part}")


CN_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """Return 1..99 in Chinese numerals: 一, 十, 十二, 二十三."""
    tens, ones = divmod(n, 10)
    if tens == 0:
        return CN_DIGITS[ones]
    return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + (CN_DIGITS[ones] if ones else "")


# ============================================================================================ names

NAMES = load("names.toml")
GIVEN = NAMES["given"]
MINORITIES = NAMES["minorities"]
SURNAME_READINGS: dict[str, str] = NAMES["surname_readings"]
HAN_NAMED_MINORITIES: dict[str, int] = NAMES["han_named_minorities"]
SURNAMES = [(surname, float(weight)) for surname, weight in load_rows("surnames.tsv")]  # (surname, per cent)


@cache
def _char_pinyin(char: str) -> str:
    return lazy_pinyin(char, style=Style.NORMAL, errors="ignore")[0] if char.strip("·") else ""


def romanise(text: str) -> str:
    """Return the toneless pinyin of `text`, letters only (吕 → lv)."""
    return "".join(re.sub(r"[^a-z]", "", _char_pinyin(c)) for c in text)


@dataclass(frozen=True)
class Name:
    """A person's name, with its parts romanised for the record's id."""

    text: str
    slug: str
    ethnicity: str | None  # None for 汉族
    surname: str  # or the first word of a name without one: 艾力 of 艾力·买买提


class NameMaker:
    """Chinese names with a realistic surname distribution and a few minority names."""

    def __init__(self, rng: Random):
        self.rng = rng
        self.surnames = [s for s, _ in SURNAMES]
        self.cumulative = list(itertools.accumulate(w for _, w in SURNAMES))

    def surname(self) -> str:
        return self.surnames[bisect.bisect(self.cumulative, self.rng.random() * self.cumulative[-1])]

    def make(self, female: bool) -> Name:
        roll = self.rng.random()
        if roll < 0.006:
            return self._dotted(MINORITIES["uyghur"], female, "维吾尔族")
        if roll < 0.008:
            return self._dotted(MINORITIES["kazakh"], female, "哈萨克族")
        if roll < 0.011:
            return self._single_word(MINORITIES["mongolian"], female, "蒙古族")
        if roll < 0.013:
            return self._single_word(MINORITIES["tibetan"], female, "藏族", pairs=True)
        surname = self.surname()
        given = self._given(female)
        peoples = list(HAN_NAMED_MINORITIES)
        ethnicity = self.rng.choices(peoples, list(HAN_NAMED_MINORITIES.values()))[0] if roll > 0.95 else None
        slug = f"{SURNAME_READINGS.get(surname) or romanise(surname)}-{romanise(given)}"
        return Name(surname + given, slug, ethnicity, surname)

    def _given(self, female: bool) -> str:
        sex = "female" if female else "male"
        if self.rng.random() < 0.28:
            return self.rng.choice(GIVEN[f"{sex}_single"])
        first, second = GIVEN[f"{sex}_first"], GIVEN[f"{sex}_second"]
        a, b = self.rng.choice(first), self.rng.choice(second)
        return a + (b if b != a else self.rng.choice(second))

    def _dotted(self, names: dict[str, list[str]], female: bool, ethnicity: str) -> Name:
        given = self.rng.choice(names["female" if female else "male"])
        father = self.rng.choice(names["fathers"])
        return Name(f"{given}·{father}", f"{romanise(given)}-{romanise(father)}", ethnicity, given)

    def _single_word(self, names: dict[str, list[str]], female: bool, ethnicity: str,
                     pairs: bool = False) -> Name:
        """A name of one word (巴特尔, 其其格) or, with `pairs`, of two (扎西次仁, 次仁卓玛)."""
        last = self.rng.choice(names["female" if female else "male"])
        first = self.rng.choice([n for n in names["male"] if n != last]) if pairs else ""
        return Name(first + last, romanise(first + last), ethnicity, first or last)


# ============================================================================================ units


@dataclass(frozen=True)
class Branch:
    """A line of business: the names of its teams and crews and the words of its texts."""

    key: str
    word: str  # as in 扎根采油一线
    teams: tuple[tuple[str, str], ...]  # (name, id part)
    crews: tuple[tuple[str, str], ...]
    workers: tuple[str, ...]
    objects: str
    skills: str
    innovations: tuple[str, ...]
    metrics: tuple[str, ...]


def _named(items: list[str]) -> tuple[tuple[str, str], ...]:
    """Parse ["采购站:caigou-zhan", "配送中心:peisong"] into (name, id part) pairs."""
    return tuple((name, slug) for name, slug in (item.split(":") for item in items))


def _numbered(name: str, slug: str, count: int) -> tuple[tuple[str, str], ...]:
    """采油一队:1dui … for the numbered teams of a branch."""
    return tuple((name.format(n=cn_number(i)), slug.format(n=i)) for i in range(1, count + 1))


def _branch(table: dict[str, Any]) -> Branch:
    """A branch of branches.toml."""
    numbered = table.get("numbered_teams")
    teams = _numbered(numbered["name"], numbered["id"], numbered["count"]) if numbered else ()
    return Branch(table["key"], table["word"], teams + _named(table.get("teams", [])),
                  _named(table.get("crews", [])), tuple(table["workers"]), table["objects"], table["skills"],
                  tuple(table["innovations"]), tuple(table["metrics"]))


BRANCHES = {branch.key: branch for branch in map(_branch, load("branches.toml")["branch"])}
OFFICE = BRANCHES.pop("office")  # the HQ, offices and party branches

UNITS = load("units.toml")
SUB_UNITS: list[list[str]] = UNITS["sub_units"]  # (name, short name, id, kind, branch)
SUB_OFFICES = _named(UNITS["sub_offices"])
SUB_WINDOWS = _named(UNITS["sub_windows"])
HQ_DEPARTMENTS = _named(UNITS["hq"]["departments"])
HQ_WINDOWS: dict[str, list[str]] = UNITS["hq"]["windows"]  # department id: (name, id)
HQ_BRANCHES = 8


@dataclass(eq=False)
class Unit:
    """A unit of the tree, as the generator plans it."""

    id: str
    name: str
    kind: str
    parent: Unit | None
    branch: Branch
    folder: str
    short_name: str | None = None
    weight: int = 0
    children: list[Unit] = field(default_factory=list)
    members: list[Person] = field(default_factory=list)
    photo: str | None = None
    priority: tuple[int, int, int] = (0, 0, 0)

    def add(self, child: Unit) -> Unit:
        self.children.append(child)
        return child

    @property
    def top(self) -> Unit:
        """The 二级单位 (or 机关) the unit belongs to; the group itself for the root."""
        unit = self
        while unit.parent is not None and unit.parent.parent is not None:
            unit = unit.parent
        return unit

    def subtree(self) -> Iterator[Unit]:
        yield self
        for child in self.children:
            yield from child.subtree()

    def headcount(self) -> int:
        return sum(len(u.members) for u in self.subtree())


def _hq(root: Unit) -> Unit:
    """The HQ (机关) with its departments, service windows and party branches, interleaved."""
    hq = root.add(Unit("jituan-jiguan", f"{GROUP}机关", "机关", root, OFFICE, "jiguan", "集团公司机关", 1))
    branches = [Unit(f"jiguan-di{i}-dangzhibu", f"机关第{cn_number(i)}党支部", "党支部", hq, OFFICE, "jiguan",
                     weight=50 + i) for i in range(1, HQ_BRANCHES + 1)]
    for index, (name, slug) in enumerate(HQ_DEPARTMENTS):
        department = hq.add(Unit(slug, name, "部室", hq, OFFICE, "jiguan", weight=index + 1))
        if slug in HQ_WINDOWS:
            window_name, window_id = HQ_WINDOWS[slug]
            department.add(Unit(window_id, window_name, "服务窗口", department, OFFICE, "jiguan", weight=80))
        if index % 3 == 0 and branches:
            hq.add(branches.pop(0))
    for branch in branches:
        hq.add(branch)
    return hq


def _sub_unit(root: Unit, index: int) -> Unit:
    """The index-th 二级单位 with its offices, windows, teams, crews and party branches."""
    if index < len(SUB_UNITS):
        name, short, uid, kind, key = SUB_UNITS[index]
    else:  # a corpus above scale 1 gets more oil plants
        n = index - len(SUB_UNITS) + 6
        name, short, uid = f"第{cn_number(n)}采油厂", f"采油{cn_number(n)}厂", f"caiyou-{n}chang"
        kind, key = "采油厂", "oil"
    branch = BRANCHES[key]
    sub = root.add(Unit(uid, name, kind, root, branch, uid, short, index + 2))
    offices = [Unit(f"{uid}-{slug}", f"{short}{office}", "科室", sub, OFFICE, uid, office, i + 1)
               for i, (office, slug) in enumerate(SUB_OFFICES)]
    teams = [Unit(f"{uid}-{slug}", f"{short}{team}", "基层队", sub, branch, uid, team, 10 + i)
             for i, (team, slug) in enumerate(branch.teams)]
    party = Unit(f"{uid}-jiguan-dangzhibu", f"{short}机关党支部", "党支部", sub, OFFICE, uid, weight=90)
    for position, unit in enumerate(_interleave(teams, offices)):
        sub.add(unit)
        if position == 3:
            sub.add(party)
    for (window, slug), office in zip(SUB_WINDOWS, (offices[4], offices[5]), strict=True):
        office.add(Unit(f"{uid}-{slug}", f"{short}{window}", "服务窗口", office, OFFICE, uid, window, 80))
    for team in teams:
        _crews(team, branch, uid)
    return sub


def _crews(team: Unit, branch: Branch, folder: str) -> None:
    crews = [Unit(f"{team.id}-{slug}", f"{team.short_name}{crew}", "班组", team, branch, folder, crew, i + 1)
             for i, (crew, slug) in enumerate(branch.crews[:3])]
    party = Unit(f"{team.id}-dangzhibu", f"{team.short_name}党支部", "党支部", team, OFFICE, folder, weight=90)
    for unit in (crews[0], party, *crews[1:]):
        team.add(unit)


def _interleave(first: list[Unit], second: list[Unit]) -> list[Unit]:
    merged = []
    for a, b in itertools.zip_longest(first, second):
        merged.extend(u for u in (a, b) if u is not None)
    return merged


def build_units(count: int) -> list[Unit]:
    """Return `count` units (root first, every parent before its children) of a balanced tree.

    A tree larger than needed is drawn, then cut: a unit's priority is the largest position among
    its siblings on its way from the root, so cutting keeps the first children of every unit and a
    small corpus still has every level and kind.
    """
    root = Unit(GROUP_ID, GROUP, "集团公司", None, OFFICE, "", GROUP_SHORT)
    hq = _hq(root)
    subs = 0
    while sum(1 for _ in root.subtree()) < count or subs == 0:
        _sub_unit(root, subs)
        subs += 1
    root.children.remove(hq)
    root.children.insert(min(1, len(root.children)), hq)
    ordered = list(root.subtree())
    for position, unit in enumerate(ordered):
        if unit.parent is not None:
            rank = unit.parent.children.index(unit)
            depth = unit.parent.priority[1] + 1
            unit.priority = (max(unit.parent.priority[0], rank), depth, position)
    kept = set(map(id, sorted(ordered, key=lambda u: u.priority)[:count]))
    for unit in ordered:
        unit.children = [c for c in unit.children if id(c) in kept]
    return [u for u in ordered if id(u) in kept]


# =========================================================================================== people

PEOPLE = load("people.toml")
EDUCATIONS: list[list[Any]] = PEOPLE["educations"]  # (education, youngest and oldest age at starting work)
LEADERS: dict[str, list[str]] = PEOPLE["leaders"]  # (head, deputy) of each kind of unit
TEAM_HEADS: dict[str, str] = PEOPLE["team_heads"]  # by the end of the team's name
DEPUTY_HEADS: dict[str, str] = PEOPLE["deputy_heads"]
STAFF_SHARE: dict[str, int] = PEOPLE["staff_share"]
TEAM_STAFF = tuple(PEOPLE["team_staff"])
LEADER_TITLES = frozenset(title for pair in LEADERS.values() for title in pair) | set(TEAM_HEADS.values())


@dataclass(eq=False)
class Person:
    """A person of the corpus: the record's fields and what the biography is written from."""

    id: str
    name: Name
    female: bool
    unit: Unit
    position: str
    born: tuple[int, int]
    joined: tuple[int, int]
    party_year: int | None
    education: str
    staff_no: str
    phone: str | None
    merit: float  # how likely the person is to be honoured
    shows_han: bool = False  # writes ethnicity: 汉族 although it is the default
    honours: list[str] = field(default_factory=list)  # the names of the awards, oldest first
    photo: str | None = None
    focus: tuple[float, float] | None = None

    @property
    def is_leader(self) -> bool:
        return self.position in LEADER_TITLES


def build_people(rng: Random, count: int, units: list[Unit]) -> list[Person]:
    """Return `count` people spread over the units by their kind's usual headcount."""
    names = NameMaker(rng)
    staffed = [u for u in units if STAFF_SHARE.get(u.kind, 1) > 0] or units
    cumulative = list(itertools.accumulate(STAFF_SHARE.get(u.kind, 1) for u in staffed))
    taken: dict[str, int] = {}
    people = []
    for index in range(count):
        unit = staffed[bisect.bisect(cumulative, rng.random() * cumulative[-1])] if index >= len(staffed) \
            else staffed[index]
        female = rng.random() < (0.55 if unit.kind in ("服务窗口", "部室", "科室") else 0.3)
        name = names.make(female)
        taken[name.slug] = taken.get(name.slug, 0) + 1
        person_id = name.slug if taken[name.slug] == 1 else f"{name.slug}-{taken[name.slug]}"
        person = _person(rng, person_id, name, female, unit, index)
        unit.members.append(person)
        people.append(person)
    return people


def _person(rng: Random, person_id: str, name: Name, female: bool, unit: Unit, index: int) -> Person:
    born_year = rng.randint(1964, 2001)
    education, youngest, oldest = rng.choice(EDUCATIONS)
    joined_year = min(LAST_YEAR, born_year + rng.randint(youngest, oldest))
    party = rng.random() < (0.7 if unit.kind in ("部室", "科室", "党支部") else 0.35)
    party_year = min(LAST_YEAR, joined_year + rng.randint(1, 12)) if party else None
    head, deputy = _leaders(unit)
    position = head if not unit.members else deputy if len(unit.members) == 1 else _staff_position(rng, unit)
    if position in ("党支部书记", "党委书记", "组织委员", "机关党委书记") and party_year is None:
        party_year = min(LAST_YEAR, joined_year + 3)
    phone = f"1{rng.choice('35789')}{rng.randrange(10**9):09d}" if rng.random() < 0.4 else None
    return Person(person_id, name, female, unit, position, (born_year, rng.randint(1, 12)),
                  (joined_year, rng.choice((7, 7, 7, 8, 3, 9))), party_year, education,
                  f"HH{joined_year % 100:02d}{index:06d}", phone,
                  rng.paretovariate(1.6), shows_han=rng.random() < 0.2)


def _leaders(unit: Unit) -> tuple[str, str]:
    """The titles of the unit's head and deputy: a 基层队 called 输油四站 is led by a 站长."""
    if unit.kind == "基层队":
        for suffix, head in TEAM_HEADS.items():
            if unit.name.endswith(suffix):
                return head, "党支部书记"
    head, deputy = LEADERS.get(unit.kind, ("负责人", "副职"))
    return head, deputy


def _staff_position(rng: Random, unit: Unit) -> str:
    """A position below the unit's leaders; a branch lists its trades most common first."""
    if unit.kind == "基层队":
        return rng.choice(TEAM_STAFF + unit.branch.workers)
    if unit.kind == "党支部":
        return rng.choice(PEOPLE["party_staff"])
    if unit.kind in DEPUTY_HEADS:
        return rng.choice((DEPUTY_HEADS[unit.kind], *PEOPLE["executives"]))
    workers = unit.branch.workers
    return rng.choices(workers, range(len(workers) * 2, len(workers), -1))[0]
