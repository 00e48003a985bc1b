"""Which pages a site has: each says what it is, which template draws it, and what it shows.

Every kind of record with a page (model/records.py) gets a page per record and a page listing them
all, in the order of the site's sections; a campaign also has its honour roll and its results, and
the printable forms (under print/) come last.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from .. import derive, results, theme
from ..model.kinds import RecordKind
from ..model.records import CAMPAIGN, KINDS, Campaign, Unit, kind_of
from ..model.site import Site
from . import urls
from .fonts import SiteFont, site_fonts
from .printed import GroupSize, board_layout, colour_page_layout, paper_layout
from .views import (CampaignScores, Home, Listing, PeriodResults, Printed, PrintedBoard, PrintedColourPage,
                    PrintedResults, PrintedRoll, ResultsBulletin, Search, UnitScores, View, Year, Years)

WEB = "web"
PRINT = "print"  # printable pages, under print/
# How the search page lists the kinds of page it finds: people first, whom readers look for most.
# A kind of record not named here comes after these.
SEARCH_ORDER = ("person", "unit", "campaign", "honour_roll", "bulletin")
Every = dict[str, list[results.Results]]  # each campaign's results, by period


@dataclass(frozen=True, slots=True)
class Page:
    """One output page: where it goes, what it is, which template draws it, and what it shows."""

    path: str
    kind: str  # what the page is: a record kind's name for a record's page, else "home", "honour_roll" …
    template: str
    title: str
    section: str = WEB  # WEB or PRINT
    nav: str = ""  # the navigation entry it comes under
    record: Any = None  # the record it is about, or whose page it belongs to (a campaign's results)
    view: View | None = None  # what else its template shows
    search: str | None = None  # how search results name its kind (a string key), if search finds it

    def context(self) -> dict[str, Any]:
        """Return what its template is given: the page, its record by its kind's name, and its view."""
        context: dict[str, Any] = {"page": self}
        if self.record is not None:
            context[kind_of(self.record).name] = self.record
        if self.view is not None:
            context.update(self.view.context())
        return context


def plan_pages(site: Site, pagefind: bool = True) -> Iterator[Page]:
    """Yield every page of the site: home, each section's list and records, years, search, then print.

    `pagefind` says whether the search page may ask Pagefind (a served site), or only the index
    for reading from a folder (a year archive).
    """
    every = results.all_results(site)
    yield _home(site)
    for kind in _paged():
        yield from _section(site, kind, every)
    yield from _years(site)
    yield _search(site, pagefind)
    yield Page(urls.NOT_FOUND, "not_found", "404.html", site.config.text("not_found_title"))
    yield from _print_pages(site, every)


def _paged() -> list[RecordKind]:
    return [kind for kind in KINDS if kind.page]


def _home(site: Site) -> Page:
    view = Home(derive.campaigns_newest_first(site), derive.bulletins_newest_first(site)[: site.config.home_bulletins],
                derive.featured_campaign(site))
    return Page(urls.HOME, "home", "home.html", site.config.title, nav="home", view=view)


def _section(site: Site, kind: RecordKind, every: Every) -> Iterator[Page]:
    """Yield a kind's list page, then each record's page (and a campaign's own pages after it)."""
    text = site.config.text
    records = kind.sort(site.table(kind.name).values())
    if kind.index:
        yield Page(urls.index_of(kind.nav), f"{kind.name}_index", kind.index, text(f"{kind.nav}_title"), nav=kind.nav,
                   view=Listing(kind.nav, tuple(records)))
    search = f"search_kind_{kind.name}" if kind.search else None
    for record in records:
        yield Page(kind.page_of(record.id), kind.name, kind.page, getattr(record, kind.title), nav=kind.nav,
                   record=record, view=_record_view(site, record, every), search=search)
        if kind is CAMPAIGN:
            yield from _campaign_pages(site, record, every[record.id])


def _record_view(site: Site, record: Any, every: Every) -> View | None:
    """Return what a record's page shows besides the record: a campaign's scores, a unit's trend."""
    if isinstance(record, Campaign):
        return CampaignScores(every[record.id], results.latest(every[record.id]))
    if isinstance(record, Unit):
        return UnitScores(results.trend(site, every, record.id))
    return None


def _campaign_pages(site: Site, campaign: Campaign, periods: list[results.Results]) -> Iterator[Page]:
    """Yield a campaign's results for each period (and each 考核通报), then its honour roll."""
    text = site.config.text
    for period in periods:
        title = text("results_of").format(campaign=campaign.title, period=period.period.label)
        yield Page(urls.results_page(period), "results", "results.html", title, nav=CAMPAIGN.nav, record=campaign,
                   view=PeriodResults(period, periods))
        if not period.rolled_up:
            yield Page(urls.assessment_bulletin_page(period), "assessment_bulletin", "assessment_bulletin.html",
                       results_bulletin_title(period, text), nav=CAMPAIGN.nav, record=campaign,
                       view=ResultsBulletin(period), search="search_kind_bulletin")
    yield Page(urls.honour_roll_page(campaign), "honour_roll", "honour_roll.html",
               text("honour_roll_of").format(campaign=campaign.title), nav=CAMPAIGN.nav, record=campaign,
               search="search_kind_honour_roll")


def _years(site: Site) -> Iterator[Page]:
    text = site.config.text
    years = site.years()
    yield Page(urls.YEARS, "years", "years.html", text("years_title"), nav="years", view=Years(years))
    campaigns = derive.campaigns_newest_first(site)
    bulletins = derive.bulletins_newest_first(site)
    for year in years:
        of_year = [c for c in campaigns if site.campaign_year(c) == year]
        view = Year(year, of_year, sum(len(site.honours_in(c.id)) for c in of_year),
                    [b for b in bulletins if b.date.year == year])
        yield Page(urls.year_page(year), "year", "year.html", text("year_title").format(year=year), nav="years",
                   view=view)


def _search(site: Site, pagefind: bool) -> Page:
    text = site.config.text
    kinds = [kind.name for kind in KINDS if kind.search] + ["honour_roll"]
    kinds.sort(key=lambda name: SEARCH_ORDER.index(name) if name in SEARCH_ORDER else len(SEARCH_ORDER))
    view = Search([str(year) for year in site.years()], [c.title for c in derive.campaigns_newest_first(site)],
                  list(dict.fromkeys(text(f"search_kind_{name}") for name in kinds)), pagefind)
    return Page(urls.SEARCH, "search", "search.html", text("search_title"), nav="search", view=view)


def _print_pages(site: Site, every: Every) -> Iterator[Page]:
    """Yield the printable pages: each campaign's roll (whole and per award), board and 考核通报, then each
    record's printable form (a unit's colour page, a bulletin as an official document)."""
    fonts = site_fonts([site.config.root / "assets", theme.ASSETS])
    for campaign in derive.campaigns_newest_first(site):
        yield from _printed_roll(site, campaign, fonts)
        for period in every[campaign.id]:
            if not period.rolled_up:
                yield Page(urls.printed(urls.assessment_bulletin_page(period)), "printed_results",
                           "print/assessment_bulletin.html", results_bulletin_title(period, site.config.text),
                           PRINT, PRINT, campaign, PrintedResults(fonts, period))
    for kind in KINDS:
        if kind.printable:
            for record in kind.sort(site.table(kind.name).values()):
                if (view := _printed_form(site, record, fonts)) is not None:
                    name = getattr(record, kind.title)
                    title = site.config.text(kind.printable.title).format(title=name, **{kind.name: name})
                    yield Page(urls.printed(kind.page_of(record.id)), f"printed_{kind.name}", kind.printable.template,
                               title, PRINT, PRINT, record, view)


def _printed_roll(site: Site, campaign: Campaign, fonts: tuple[SiteFont, ...]) -> Iterator[Page]:
    """Yield a campaign's honour roll on paper, whole and (for several awards) per award, and its board."""
    text = site.config.text
    roll = derive.honour_roll(site, campaign)
    if not roll:
        return
    sheet, grid = paper_layout(campaign.paper or site.config.paper)
    title = text("print_roll_of").format(campaign=campaign.title)
    yield Page(urls.print_roll(campaign), "printed_roll", "print/honour_roll.html", title, PRINT, PRINT, campaign,
               PrintedRoll(fonts, None, sheet, grid))
    awards = [award for award in campaign.awards if any(g.award.id == award.id for g in roll)]
    for award in awards if len(awards) > 1 else ():
        yield Page(urls.print_roll(campaign, award.id), "printed_roll", "print/honour_roll.html",
                   f"{title} · {award.name}", PRINT, PRINT, campaign, PrintedRoll(fonts, award.id, sheet, grid))
    layout = board_layout(campaign.board or site.config.board, site.config.bleed,
                          [GroupSize(g.award.recipient, len(g.honours), len(g.heading), len(text(g.order_note)))
                           for g in roll])
    yield Page(urls.board_page(campaign), "board", "print/board.html", text("board_of").format(campaign=campaign.title),
               PRINT, PRINT, campaign, PrintedBoard(fonts, layout))


def _printed_form(site: Site, record: Any, fonts: tuple[SiteFont, ...]) -> View | None:
    """Return what a record's printable form shows, or None when it has none: a unit without members."""
    if isinstance(record, Unit):
        members = site.members(record.id)
        if not members:
            return None
        sheet, grid = colour_page_layout(len(members), len(site.honours_of("unit", record.id)), site.config.bleed)
        return PrintedColourPage(fonts, sheet, grid)
    return Printed(fonts)


def results_bulletin_title(period: results.Results, text: Callable[[str], str]) -> str:
    """Return the title of a period's 考核通报: its commentary's, or the catalogue's."""
    commentary = period.assessment.commentary if period.assessment else None
    if commentary and commentary.title:
        return commentary.title
    return text("results_bulletin_title").format(period=period.period.label, campaign=period.campaign.title)


def printable(pages: list[Page]) -> list[Page]:
    """Return the printable pages among these."""
    return [page for page in pages if page.section == PRINT]

