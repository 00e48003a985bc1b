"""What a page's template is given besides the page and its record: one frozen dataclass per kind of page.

A view's fields are the names its template uses (`home.html` reads `featured`, `bulletins` …).
Views hold records and derived values only, whose reprs spell out every field, so a page's digest
(render/reuse.py) covers everything it was given.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from ..model.records import Bulletin, Campaign
from ..results import Results
from .fonts import SiteFont
from .printed import BoardLayout, Grid, Sheet


class View:
    """What a template is given: a view's fields, by name."""

    __slots__ = ()

    def context(self) -> dict[str, Any]:
        return {field.name: getattr(self, field.name) for field in dataclasses.fields(self)}  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Listing(View):
    """The page listing every record of a kind: given them under the kind's table name (`campaigns`)."""

    table: str
    records: tuple[Any, ...]

    def context(self) -> dict[str, Any]:
        return {self.table: self.records}


@dataclass(frozen=True, slots=True)
class Home(View):
    campaigns: list[Campaign]
    bulletins: list[Bulletin]
    featured: Campaign | None


@dataclass(frozen=True, slots=True)
class CampaignScores(View):
    """A campaign's page: the results of every period, and the latest standings."""

    results: list[Results]
    standings: Results | None


@dataclass(frozen=True, slots=True)
class PeriodResults(View):
    """A period's score table, with the campaign's other periods to link."""

    results: Results
    all_results: list[Results]


@dataclass(frozen=True, slots=True)
class ResultsBulletin(View):
    """A period's 考核通报."""

    results: Results


@dataclass(frozen=True, slots=True)
class UnitScores(View):
    """A unit's page: its totals over each campaign's periods."""

    trend: list[tuple[Campaign, list[Results]]]


@dataclass(frozen=True, slots=True)
class Years(View):
    years: list[int]


@dataclass(frozen=True, slots=True)
class Year(View):
    year: int
    campaigns: list[Campaign]
    honour_count: int
    bulletins: list[Bulletin]


@dataclass(frozen=True, slots=True)
class Search(View):
    """The search page: the filters' choices, and whether it may ask Pagefind (a served site)."""

    years: list[str]
    campaign_titles: list[str]
    kinds: list[str]
    pagefind: bool


@dataclass(frozen=True, slots=True)
class Printed(View):
    """A printable page: the site's own fonts, which its styles name."""

    fonts: tuple[SiteFont, ...]


@dataclass(frozen=True, slots=True)
class PrintedRoll(View):
    """A campaign's honour roll on paper, whole or one award's."""

    fonts: tuple[SiteFont, ...]
    award: str | None
    sheet: Sheet
    grid: Grid


@dataclass(frozen=True, slots=True)
class PrintedBoard(View):
    fonts: tuple[SiteFont, ...]
    layout: BoardLayout


@dataclass(frozen=True, slots=True)
class PrintedColourPage(View):
    fonts: tuple[SiteFont, ...]
    sheet: Sheet
    grid: Grid


@dataclass(frozen=True, slots=True)
class PrintedResults(View):
    fonts: tuple[SiteFont, ...]
    results: Results
