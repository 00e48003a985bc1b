"""The Site: every record, indexed by id, with the relations between them resolved once."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any, Generic, TypeVar

from ..config import SiteConfig
from .assessments import Assessment
from .reads import Key, Reads
from .records import Bulletin, Campaign, Honour, Person, Unit
from .scheme import Scheme

R = TypeVar("R")


class Table(Mapping[str, R], Generic[R]):
    """One kind of record by id; every lookup is noted in the reads of the page being rendered."""

    __slots__ = ("name", "_records", "_site")

    def __init__(self, name: str, records: Mapping[str, R], site: Site) -> None:
        self.name = name
        self._records = dict(records)
        self._site = site

    def __getitem__(self, record_id: str) -> R:
        self._site.note(("record", self.name, record_id))
        return self._records[record_id]

    def __contains__(self, record_id: object) -> bool:
        self._site.note(("record", self.name, record_id))
        return record_id in self._records

    def __iter__(self) -> Iterator[str]:
        self._site.note(("table", self.name))
        return iter(self._records)

    def __len__(self) -> int:
        self._site.note(("table", self.name))
        return len(self._records)

    def get(self, record_id: str, default: Any = None) -> Any:  # Mapping.get would catch KeyError per miss
        self._site.note(("record", self.name, record_id))
        return self._records.get(record_id, default)

    def values(self):  # type: ignore[override]  # a plain dict view: walked once per page, not per key
        self._site.note(("table", self.name))
        return self._records.values()

    def items(self):  # type: ignore[override]
        self._site.note(("table", self.name))
        return self._records.items()

    def __repr__(self) -> str:
        return f"Table({self.name!r}, {self._records!r})"


class Site:
    """All records of a site and their relations; built once after validation, then read-only.

    While a page renders (`reading`), every record, table and query it looks up is noted in its
    `Reads`, which is how a rebuild knows which pages could have changed.
    """

    TABLES = ("units", "people", "campaigns", "bulletins", "schemes", "assessments")

    def __init__(self, config: SiteConfig, units: Mapping[str, Unit], people: Mapping[str, Person],
                 campaigns: Mapping[str, Campaign], bulletins: Mapping[str, Bulletin],
                 honours: tuple[Honour, ...], schemes: Mapping[str, Scheme] | None = None,
                 assessments: Mapping[str, list[Assessment]] | None = None):
        self.config = config
        self._reads: Reads | None = None
        self.units: Table[Unit] = Table("units", units, self)
        self.people: Table[Person] = Table("people", people, self)
        self.campaigns: Table[Campaign] = Table("campaigns", campaigns, self)
        self.bulletins: Table[Bulletin] = Table("bulletins", bulletins, self)
        self.schemes: Table[Scheme] = Table("schemes", schemes or {}, self)
        self.assessments: Table[tuple[Assessment, ...]] = Table(
            "assessments", {k: tuple(v) for k, v in (assessments or {}).items()}, self)
        self._honours = honours
        self._children: dict[str | None, list[Unit]] = defaultdict(list)
        for unit in sorted(units.values(), key=lambda u: (u.weight, u.id)):
            self._children[unit.parent].append(unit)
        self._members: dict[str, list[Person]] = defaultdict(list)
        for person in people.values():
            self._members[person.unit].append(person)
        self._honours_of: dict[tuple[str, str], list[Honour]] = defaultdict(list)
        self._honours_in: dict[str, list[Honour]] = defaultdict(list)
        for honour in honours:
            self._honours_of[(honour.recipient_kind, honour.recipient)].append(honour)
            self._honours_in[honour.campaign].append(honour)

    def with_config(self, config: SiteConfig) -> Site:
        """Return the same records under other settings (the traditional edition's), as a site of its own."""
        return Site(config, dict(self.units.items()), dict(self.people.items()), dict(self.campaigns.items()),
                    dict(self.bulletins.items()), self._honours, dict(self.schemes.items()),
                    {key: list(value) for key, value in self.assessments.items()})

    @contextmanager
    def reading(self, reads: Reads | None):
        """Note every lookup made inside the block in `reads` (None: note nothing)."""
        outer, self._reads = self._reads, reads
        try:
            yield reads
        finally:
            self._reads = outer

    def note(self, key: Key) -> None:
        """Note that the page being rendered read `key` (nothing when no page is rendering)."""
        if self._reads is not None:
            self._reads.add(key)

    def answer(self, key: Key) -> Any:
        """Return what `key` reads now, noting nothing: a record (None if gone), a table or a query's answer."""
        with self.reading(None):
            match key:
                case ("record", table, record_id):
                    return getattr(self, table).get(record_id)
                case ("table", table):
                    return getattr(self, table)
                case ("query", name, args):
                    answer = getattr(self, name)
                    return answer(*args) if callable(answer) else answer
        raise ValueError(f"not a site read: {key!r}")

    @property
    def honours(self) -> tuple[Honour, ...]:
        """Every honour, in file order."""
        self.note(("query", "honours", ()))
        return self._honours

    def children(self, unit_id: str | None) -> list[Unit]:
        """Return the units directly under `unit_id` (the top units for None), by weight."""
        self.note(("query", "children", (unit_id,)))
        return self._children.get(unit_id, [])

    def members(self, unit_id: str) -> list[Person]:
        """Return the people whose unit is `unit_id`, in file order."""
        self.note(("query", "members", (unit_id,)))
        return self._members.get(unit_id, [])

    def ancestors(self, unit: Unit) -> list[Unit]:
        """Return the chain of parent units from the top down to `unit`'s parent."""
        chain = []
        while unit.parent is not None:
            unit = self.units[unit.parent]
            chain.append(unit)
        return chain[::-1]

    def honours_of(self, kind: str, record_id: str) -> list[Honour]:
        """Return the honours conferred on one unit or person, newest first."""
        self.note(("query", "honours_of", (kind, record_id)))
        return sorted(self._honours_of.get((kind, record_id), []), key=lambda h: h.date, reverse=True)

    def honours_in(self, campaign_id: str) -> list[Honour]:
        """Return a campaign's honours in the order its honours.yaml gives them."""
        self.note(("query", "honours_in", (campaign_id,)))
        return self._honours_in.get(campaign_id, [])

    def recipient(self, honour: Honour) -> Unit | Person:
        """Return the unit or person who received `honour`."""
        table = self.units if honour.recipient_kind == "unit" else self.people
        return table[honour.recipient]

    def recipient_name(self, honour: Honour) -> str:
        """Return the name of whoever received `honour`."""
        return self.recipient(honour).name

    def campaign_year(self, campaign: Campaign) -> int:
        """Return the year a campaign is archived under."""
        return campaign.year or campaign.start.year

    def years(self) -> list[int]:
        """Return every year with a campaign or a bulletin, newest first."""
        found = {self.campaign_year(c) for c in self.campaigns.values()}
        found |= {b.date.year for b in self.bulletins.values()}
        return sorted(found, reverse=True)
