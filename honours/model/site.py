"""The Site: every record, indexed by id, with the relations between them resolved once, then read-only."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from ..config import SiteConfig
from ..dates import PartialDate
from .assessments import Assessment
from .records import Bulletin, Campaign, Honour, Person, Unit, kind_named, kind_of, tabled
from .scheme import Scheme
from .source import Source, Sources

_NEVER = PartialDate(9999)  # sorts units merged on no stated date last


class Site:
    """All records of a site and their relations; assembled once after validation, then never changed.

    Where each record was read from is for messages only: records do not hold it, and the Site keeps it
    private (no attribute or query of its gives it; `source_of` is for the code), so no template can show a
    file's absolute path or the names of its private fields. `{{ person.source }}` is an undefined name.

    Each kind with a table (see records.KINDS) is an attribute named after it: `site.units`,
    `site.people` ..., a read-only mapping by id. The queries below are what templates and the
    derived lists look records up by; render/reads.py notes which of them each page used.
    """

    units: Mapping[str, Unit]
    people: Mapping[str, Person]
    campaigns: Mapping[str, Campaign]
    bulletins: Mapping[str, Bulletin]
    schemes: Mapping[str, Scheme]

    def __init__(self, config: SiteConfig, records: Mapping[str, Mapping[str, Any]], honours: tuple[Honour, ...],
                 assessments: Mapping[str, list[Assessment]] | None = None, sources: Sources | None = None):
        self.__dict__.update({kind.table: MappingProxyType(dict(records.get(kind.name, {}))) for kind in tabled()})
        self.__dict__.update(config=config, _honours=tuple(honours), assessments=MappingProxyType(
            {key: tuple(value) for key, value in (assessments or {}).items()}), _sources=sources or Sources())
        children: dict[str | None, list[Unit]] = defaultdict(list)
        for unit in sorted(self.units.values(), key=lambda u: (u.weight, u.id)):
            children[unit.parent].append(unit)
        merged: dict[str, list[Unit]] = defaultdict(list)
        for unit in sorted(self.units.values(), key=lambda u: (u.merged_on or _NEVER, u.id)):
            if unit.merged_into is not None:
                merged[unit.merged_into].append(unit)
        members: dict[str, list[Person]] = defaultdict(list)
        for person in self.people.values():
            members[person.unit].append(person)
        honours_of: dict[tuple[str, str], list[Honour]] = defaultdict(list)
        honours_in: dict[str, list[Honour]] = defaultdict(list)
        for honour in honours:
            honours_of[(honour.recipient_kind, honour.recipient)].append(honour)
            honours_in[honour.campaign].append(honour)
        self.__dict__.update(_children=dict(children), _merged=dict(merged), _members=dict(members),
                             _honours_in=dict(honours_in),
                             _honours_of={key: sorted(found, key=lambda h: h.date, reverse=True)
                                          for key, found in honours_of.items()})

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"the site is read-only once assembled ({name})")

    def table(self, kind: str) -> Mapping[str, Any]:
        """Return the records of a kind ("unit") by id."""
        return getattr(self, kind_named(kind).table or kind)

    def records(self) -> dict[str, dict[str, Any]]:
        """Return every table's records by kind, as the constructor takes them."""
        return {kind.name: dict(getattr(self, kind.table)) for kind in tabled()}

    def with_config(self, config: SiteConfig) -> Site:
        """Return the same records under other settings (the traditional edition's), as a site of its own."""
        return Site(config, self.records(), self._honours, {key: list(value) for key, value in self.assessments.items()},
                    self._sources)

    @property
    def honours(self) -> tuple[Honour, ...]:
        """Every honour, in file order."""
        return self._honours

    def children(self, unit_id: str | None) -> list[Unit]:
        """Return the units directly under `unit_id` (the top units for None), by weight."""
        return self._children.get(unit_id, [])

    def merged_units(self, unit_id: str) -> list[Unit]:
        """Return the units merged into `unit_id`, earliest merger first."""
        return self._merged.get(unit_id, [])

    def members(self, unit_id: str) -> list[Person]:
        """Return the people whose unit is `unit_id`, in file order."""
        return self._members.get(unit_id, [])

    def ancestors(self, unit: Unit) -> list[Unit]:
        """Return the chain of parent units from the top down to `unit`'s parent."""
        chain = []
        while unit.parent is not None:
            unit = self.units[unit.parent]
            chain.append(unit)
        return chain[::-1]

    def body_of(self, record: Any) -> str:
        """Return a record's Markdown body ("" for a kind that has none)."""
        body = kind_of(record).body
        return getattr(record, body) if body else ""

    def honours_of(self, kind: str, record_id: str) -> list[Honour]:
        """Return the honours conferred on one unit or person, newest first."""
        return self._honours_of.get((kind, record_id), [])

    def honours_in(self, campaign_id: str) -> list[Honour]:
        """Return a campaign's honours in the order its honours.yaml gives them."""
        return self._honours_in.get(campaign_id, [])

    def recipient(self, honour: Honour) -> Unit | Person:
        """Return the unit or person who received `honour`; a unit under the name it had then (Unit.names)."""
        record = self.table(honour.recipient_kind)[honour.recipient]
        return record.as_on(honour.date) if isinstance(record, Unit) else record

    def recipient_name(self, honour: Honour) -> str:
        """Return the name of whoever received `honour`."""
        return self.recipient(honour).name

    def post(self, honour: Honour) -> tuple[Unit, str | None]:
        """Return the unit and position a person held when honoured (see Person.posts)."""
        unit_id, position = self.people[honour.recipient].post_at(honour.date)
        return self.units[unit_id].as_on(honour.date), position

    def campaign_year(self, campaign: Campaign) -> int:
        """Return the year a campaign is archived under."""
        year = kind_named("campaign").year
        assert year is not None
        return year(campaign)

    def years(self) -> list[int]:
        """Return every year a record of a dated kind (a campaign, a bulletin) belongs to, newest first."""
        found = {kind.year(record) for kind in tabled() if kind.year for record in self.table(kind.name).values()}
        return sorted(found, reverse=True)


def source_of(site: Site, record: Any) -> Source | None:
    """Return where a record (or an honour) was read from; None for anything else (a period's results)."""
    if isinstance(record, Honour):
        return site._sources.honours.get(id(record))
    try:
        return site._sources.records.get((kind_of(record).name, record.id))
    except (KeyError, AttributeError):
        return None


def sources_of(site: Site) -> Sources:
    """Return where every record of a site was read from, for a site made of some of them (an archive's)."""
    return site._sources
