"""The Site: every record, indexed by id, with the relations between them resolved once."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from ..config import SiteConfig
from .assessments import Assessment
from .records import Bulletin, Campaign, Honour, Person, Unit
from .scheme import Scheme


class Site:
    """All records of a site and their relations; built once after validation, then read-only."""

    def __init__(self, config: SiteConfig, units: Mapping[str, Unit], people: Mapping[str, Person],
                 campaigns: Mapping[str, Campaign], bulletins: Mapping[str, Bulletin],
                 honours: tuple[Honour, ...], schemes: Mapping[str, Scheme] | None = None,
                 assessments: Mapping[str, list[Assessment]] | None = None):
        self.config = config
        self.units = dict(units)
        self.people = dict(people)
        self.campaigns = dict(campaigns)
        self.bulletins = dict(bulletins)
        self.honours = honours
        self.schemes = dict(schemes or {})
        self.assessments = {k: tuple(v) for k, v in (assessments or {}).items()}
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

    def children(self, unit_id: str | None) -> list[Unit]:
        """Return the units directly under `unit_id` (the top units for None), by weight."""
        return self._children.get(unit_id, [])

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

    def honours_of(self, kind: str, record_id: str) -> list[Honour]:
        """Return the honours conferred on one unit or person, newest first."""
        return sorted(self._honours_of.get((kind, record_id), []), key=lambda h: h.date, reverse=True)

    def honours_in(self, campaign_id: str) -> list[Honour]:
        """Return a campaign's honours in the order its honours.yaml gives them."""
        return self._honours_in.get(campaign_id, [])

    def recipient_name(self, honour: Honour) -> str:
        """Return the name of whoever received `honour`."""
        table = self.units if honour.recipient_kind == "unit" else self.people
        return table[honour.recipient].name

    def campaign_year(self, campaign: Campaign) -> int:
        """Return the year a campaign is archived under."""
        return campaign.year or campaign.start.year

    def years(self) -> list[int]:
        """Return every year with a campaign or a bulletin, newest first."""
        found = {self.campaign_year(c) for c in self.campaigns.values()}
        found |= {b.date.year for b in self.bulletins.values()}
        return sorted(found, reverse=True)
