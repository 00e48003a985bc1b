"""What a page's template is given besides the page and its record: one frozen dataclass per kind of page.

A view holds only what tells one page of its kind from another (a period, an award, the fonts);
what it shows is worked out when the page renders, from the site the page is given, so every record
and list it shows is noted as read by that page (render/reads.py). A view's context names are those
its template uses (`home.html` reads `featured`, `bulletins` …).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .. import derive, results, screen
from . import urls
from .fonts import SiteFont
from .board import campaign_board
from .printed import colour_page_layout, paper_layout, share_layout

if TYPE_CHECKING:
    from .pages import Page
    from .reads import NotedSite


class View:
    """What a template is given besides its page and record, worked out as the page renders."""

    __slots__ = ()

    def context(self, site: NotedSite, page: Page) -> dict[str, Any]:
        return {}


@dataclass(frozen=True, slots=True)
class Listing(View):
    """The page listing every record of a kind: given them under the kind's table name (`campaigns`)."""

    kind: str
    table: str

    def context(self, site: NotedSite, page: Page) -> dict[str, Any]:
        return {self.table: site.listed(self.kind)}


@dataclass(frozen=True, slots=True)
class Home(View):
    def context(self, site: NotedSite, page: Page) -> dict[str, Any]:
        return {"campaigns": site.listed("campaign"), "featured": derive.featured_campaign(site),
                "bulletins": site.listed("bulletin")[: site.config.home_bulletins]}


@dataclass(frozen=True, slots=True)
class CampaignScores(View):
    """A campaign's page: the results of every period, and the latest standings."""

    def context(self, site: NotedSite, page: Page) -> dict[str, Any]:
        found = site.results(page.record.id)
        return {"results": found, "standings": results.latest(found)}


@dataclass(frozen=True, slots=True)
class PeriodResults(View):
    """A period's score table, with the campaign's other periods to link."""

    period: str  # its slug, e.g. 2024-03

    def context(self, site: NotedSite, page: Page) -> dict[str, Any]:
        found = site.results(page.record.id)
        return {"results": _of_period(found, self.period), "all_results": found}


@dataclass(frozen=True, slots=True)
class ResultsBulletin(View):
    """A period's 考核通报."""

    period: str

    def context(self, site: NotedSite, page: Page) -> dict[str, Any]:
        return {"results": _of_period(site.results(page.record.id), self.period)}


@dataclass(frozen=True, slots=True)
class UnitScores(View):
    """A unit's page: its totals over each campaign's periods."""

    def context(self, site: NotedSite, page: Page) -> dict[str, Any]:
        return {"trend": site.trend(page.record.id)}


@dataclass(frozen=True, slots=True)
class Years(View):
    def context(self, site: NotedSite, page: Page) -> dict[str, Any]:
        return {"years": site.years()}


@dataclass(frozen=True, slots=True)
class Year(View):
    year: int

    def context(self, site: NotedSite, page: Page) -> dict[str, Any]:
        campaigns = [c for c in site.listed("campaign") if site.campaign_year(c) == self.year]
        return {"year": self.year, "campaigns": campaigns,
                "honour_count": sum(len(site.honours_in(c.id)) for c in campaigns),
                "bulletins": [b for b in site.listed("bulletin") if b.date.year == self.year]}


@dataclass(frozen=True, slots=True)
class Search(View):
    """The search page: the filters' choices, and whether it may ask Pagefind (a served site)."""

    kinds: tuple[str, ...]  # the kinds of page search finds, as their filter names them
    pagefind: bool
    shards: int  # how many shards the index is in (urls.search_shards)

    def context(self, site: NotedSite, page: Page) -> dict[str, Any]:
        return {"years": [str(year) for year in site.years()], "kinds": list(self.kinds), "pagefind": self.pagefind,
                "campaign_titles": [c.title for c in site.listed("campaign")],
                "fallback_indexes": [urls.fallback_index(shard) for shard in range(self.shards)],
                "search_order": urls.SEARCH_ORDER if self.shards > 1 else None,
                "pagefind_bundles": [urls.pagefind_bundle(shard) for shard in range(1, self.shards)]}


@dataclass(frozen=True, slots=True)
class Screen(View):
    """A campaign's lobby-screen slideshow: one award's, or (None) the awards the [screen] settings show."""

    award: str | None

    def context(self, site: NotedSite, page: Page) -> dict[str, Any]:
        shown = (self.award,) if self.award else screen.shown_awards(site, page.record.id)
        return {"award": self.award, "shown_awards": shown, "settings": site.config.screen, "stages": screen.STAGES}


@dataclass(frozen=True, slots=True)
class Printed(View):
    """A printable page: the site's own fonts, which its styles name."""

    fonts: tuple[SiteFont, ...]

    def context(self, site: NotedSite, page: Page) -> dict[str, Any]:
        return {"fonts": self.fonts}


@dataclass(frozen=True, slots=True)
class PrintedRoll(View):
    """A campaign's honour roll on paper, whole or one award's."""

    fonts: tuple[SiteFont, ...]
    award: str | None

    def context(self, site: NotedSite, page: Page) -> dict[str, Any]:
        sheet, grid = paper_layout(page.record.paper or site.config.paper)
        return {"fonts": self.fonts, "award": self.award, "sheet": sheet, "grid": grid}


@dataclass(frozen=True, slots=True)
class Share(View):
    """The page a share image (长图) is made from: a roll, whole or one award's, 1080 px wide in parts."""

    fonts: tuple[SiteFont, ...]
    award: str | None

    def context(self, site: NotedSite, page: Page) -> dict[str, Any]:
        sheet, grid = share_layout()
        return {"fonts": self.fonts, "award": self.award, "sheet": sheet, "grid": grid}


# A bulletin's honours shortcode, `{{< honours campaign="x" award="y" >}}`: the award it lists.
_SHORTCODE = re.compile(r"\{\{<\s*honours\b([^>]*)>\}\}")
_AWARD = re.compile(r"\baward\s*=\s*\"([^\"]*)\"")


@dataclass(frozen=True, slots=True)
class ShareBulletin(View):
    """The page a bulletin's share image is made from: its title, its opening, and the honours it lists."""

    fonts: tuple[SiteFont, ...]

    def context(self, site: NotedSite, page: Page) -> dict[str, Any]:
        bulletin = page.record
        listed = [attachment.award for attachment in bulletin.attachments]
        listed += [found.group(1) if (found := _AWARD.search(args)) else None
                   for args in _SHORTCODE.findall(site.body_of(bulletin))]
        campaign = site.campaigns[bulletin.campaign] if bulletin.campaign in site.campaigns else None
        awards = list(dict.fromkeys(listed)) if campaign else []
        sheet, grid = share_layout()
        return {"fonts": self.fonts, "campaign": campaign, "awards": [None] if None in awards else awards,
                "lead": _SHORTCODE.sub("", site.body_of(bulletin)), "sheet": sheet, "grid": grid}


@dataclass(frozen=True, slots=True)
class PrintedBoard(View):
    fonts: tuple[SiteFont, ...]

    def context(self, site: NotedSite, page: Page) -> dict[str, Any]:
        layout, shelves = campaign_board(site, page.record, site.honour_roll(page.record.id))
        return {"fonts": self.fonts, "layout": layout, "shelves": shelves}


@dataclass(frozen=True, slots=True)
class PrintedColourPage(View):
    fonts: tuple[SiteFont, ...]

    def context(self, site: NotedSite, page: Page) -> dict[str, Any]:
        unit = page.record
        sheet, grid = colour_page_layout(len(site.members(unit.id)), len(site.honours_of("unit", unit.id)),
                                         site.config.bleed)
        return {"fonts": self.fonts, "sheet": sheet, "grid": grid}


@dataclass(frozen=True, slots=True)
class PrintedResults(View):
    fonts: tuple[SiteFont, ...]
    period: str

    def context(self, site: NotedSite, page: Page) -> dict[str, Any]:
        return {"fonts": self.fonts, "results": _of_period(site.results(page.record.id), self.period)}


def _of_period(found: list[results.Results], slug: str) -> results.Results:
    return next(r for r in found if r.period.slug == slug)
