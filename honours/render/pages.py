"""Which pages a site has: each says what it is, which template draws it, and what it shows.

Every kind of record with a page (model/records.py) gets a page per record and a page listing them
all, in the order of the site's sections; a campaign also has its honour roll and its results, and
the printable forms (under print/) come last.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .. import results, theme
from ..model.kinds import RecordKind
from ..certificates.wording import certificate_at, serials
from ..model.records import BULLETIN, CAMPAIGN, KINDS, UNIT, Award, Campaign, Unit, kind_of
from ..model.site import Site
from . import urls
from .certificates import PrintedCertificates
from .fonts import SiteFont, site_fonts
from .views import (CampaignScores, Home, Listing, PeriodResults, Printed, PrintedBoard, PrintedColourPage,
                    PrintedResults, PrintedRoll, ResultsBulletin, Screen, Search, Share, ShareBulletin, UnitScores, View, Year, Years)

if TYPE_CHECKING:
    from .reads import NotedSite

WEB = "web"
PRINT = "print"  # printable pages, under print/
# How the search page lists the kinds of page it finds: people first, whom readers look for most.
# A kind of record not named here comes after these.
SEARCH_ORDER = ("person", "unit", "campaign", "honour_roll", "bulletin")


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

    def context(self, site: NotedSite) -> dict[str, Any]:
        """Return what its template is given: the site, the page, its record by its kind's name, and what its
        view works out from the site."""
        context: dict[str, Any] = {"site": site, "page": self}
        if self.record is not None:
            context[kind_of(self.record).name] = self.record
        if self.view is not None:
            context.update(self.view.context(site, self))
        return context


def plan_pages(site: Site, pagefind: bool = True) -> Iterator[Page]:
    """Yield every page of the site: home, each section's list and records, years, search, then print.

    `pagefind` says whether the search page may ask Pagefind (a served site), or only the index
    for reading from a folder (a year archive). Planning works out nothing a page shows: only which
    pages there are.
    """
    planned = [Page(urls.HOME, "home", "home.html", site.config.title, nav="home", view=Home())]
    for kind in _paged():
        planned += _section(site, kind)
    planned += _years(site)
    yield from planned
    yield _search(site, pagefind, urls.search_shards(sum(1 for page in planned if page.search)))
    yield Page(urls.NOT_FOUND, "not_found", "404.html", site.config.text("not_found_title"))
    yield from _print_pages(site)


def _paged() -> list[RecordKind]:
    return [kind for kind in KINDS if kind.page]


def _section(site: Site, kind: RecordKind) -> Iterator[Page]:
    """Yield a kind's list page, then each record's page (and a campaign's own pages after it)."""
    text = site.config.text
    if kind.index:
        yield Page(urls.index_of(kind.nav), f"{kind.name}_index", kind.index, text(f"{kind.nav}_title"), nav=kind.nav,
                   view=Listing(kind.name, kind.nav))
    search = f"search_kind_{kind.name}" if kind.search else None
    view = CampaignScores() if kind is CAMPAIGN else UnitScores() if kind is UNIT else None
    for record in kind.sort(site.table(kind.name).values()):
        yield Page(kind.page_of(record.id), kind.name, kind.page, getattr(record, kind.title), nav=kind.nav,
                   record=record, view=view, search=search)
        if kind is CAMPAIGN:
            yield from _campaign_pages(site, record)


def _campaign_pages(site: Site, campaign: Campaign) -> Iterator[Page]:
    """Yield a campaign's results for each period (and each 考核通报), then its honour roll."""
    text = site.config.text
    sheets = {a.period: a for a in site.assessments.get(campaign.id, ())}
    for period, own in results.periods_of(site, campaign):
        title = text("results_of").format(campaign=campaign.title, period=period.label)
        yield Page(urls.period_page(campaign.id, period.slug), "results", "results.html", title, nav=CAMPAIGN.nav,
                   record=campaign, view=PeriodResults(period.slug))
        if own:
            yield Page(urls.period_page(campaign.id, period.slug, "-bulletin"), "assessment_bulletin",
                       "assessment_bulletin.html", _bulletin_title(campaign, sheets[period], text), nav=CAMPAIGN.nav,
                       record=campaign, view=ResultsBulletin(period.slug), search="search_kind_bulletin")
    yield Page(urls.honour_roll_page(campaign), "honour_roll", "honour_roll.html",
               text("honour_roll_of").format(campaign=campaign.title), nav=CAMPAIGN.nav, record=campaign,
               search="search_kind_honour_roll")
    yield from _screen_pages(site, campaign)


def _screen_pages(site: Site, campaign: Campaign) -> Iterator[Page]:
    """Yield a campaign's lobby-screen slideshows (电子屏): the whole roll, then (for several awards) each award's."""
    honoured = {honour.award for honour in site.honours_in(campaign.id)}
    awards = [award for award in campaign.awards if award.id in honoured]
    if not awards:
        return
    title = site.config.text("screen_of").format(campaign=campaign.title)
    yield Page(urls.screen_page(campaign), "screen", "screen.html", title, nav=CAMPAIGN.nav, record=campaign,
               view=Screen(None))
    for award in awards if len(awards) > 1 else ():
        yield Page(urls.screen_page(campaign, award.id), "screen", "screen.html", f"{title} · {award.name}",
                   nav=CAMPAIGN.nav, record=campaign, view=Screen(award.id))


def _years(site: Site) -> Iterator[Page]:
    text = site.config.text
    yield Page(urls.YEARS, "years", "years.html", text("years_title"), nav="years", view=Years())
    for year in site.years():
        yield Page(urls.year_page(year), "year", "year.html", text("year_title").format(year=year), nav="years",
                   view=Year(year))


def _search(site: Site, pagefind: bool, shards: int) -> Page:
    text = site.config.text
    kinds = [kind.name for kind in KINDS if kind.search] + ["honour_roll"]
    kinds.sort(key=lambda name: SEARCH_ORDER.index(name) if name in SEARCH_ORDER else len(SEARCH_ORDER))
    view = Search(tuple(dict.fromkeys(text(f"search_kind_{name}") for name in kinds)), pagefind, shards)
    return Page(urls.SEARCH, "search", "search.html", text("search_title"), nav="search", view=view)


def _print_pages(site: Site) -> Iterator[Page]:
    """Yield the printable pages: each campaign's roll (whole and per award), board and 考核通报, then each
    record's printable form (a unit's colour page, a bulletin as an official document)."""
    fonts = site_fonts([site.config.root / "assets", theme.ASSETS])
    for campaign in CAMPAIGN.sort(site.campaigns.values()):
        yield from _printed_roll(site, campaign, fonts)
        sheets = {a.period: a for a in site.assessments.get(campaign.id, ())}
        for period, own in results.periods_of(site, campaign):
            if own:
                yield Page(urls.printed(urls.period_page(campaign.id, period.slug, "-bulletin")), "printed_results",
                           "print/assessment_bulletin.html", _bulletin_title(campaign, sheets[period], site.config.text),
                           PRINT, PRINT, campaign, PrintedResults(fonts, period.slug))
    yield Page(urls.CERTIFICATE_CALIBRATION, "certificate_calibration", "print/certificates.html",
               site.config.text("certificates_calibration"), PRINT, PRINT, None, PrintedCertificates(fonts, calibration=True))
    for kind in KINDS:
        if kind.printable:
            for record in kind.sort(site.table(kind.name).values()):
                if (view := _printed_form(site, record, fonts)) is not None:
                    name = getattr(record, kind.title)
                    title = site.config.text(kind.printable.title).format(title=name, **{kind.name: name})
                    yield Page(urls.printed(kind.page_of(record.id)), f"printed_{kind.name}", kind.printable.template,
                               title, PRINT, PRINT, record, view)
    for bulletin in BULLETIN.sort(site.bulletins.values()):
        yield Page(urls.share_page(urls.printed(BULLETIN.page_of(bulletin.id))), "share", "print/share_bulletin.html",
                   site.config.text("share_of").format(title=bulletin.title), PRINT, PRINT, bulletin, ShareBulletin(fonts))


def _printed_roll(site: Site, campaign: Campaign, fonts: tuple[SiteFont, ...]) -> Iterator[Page]:
    """Yield a campaign's honour roll on paper, whole and (for several awards) per award, and its board."""
    text = site.config.text
    honoured = {honour.award for honour in site.honours_in(campaign.id)}
    awards = [award for award in campaign.awards if award.id in honoured]
    if not awards:
        return
    title = text("print_roll_of").format(campaign=campaign.title)
    yield Page(urls.print_roll(campaign), "printed_roll", "print/honour_roll.html", title, PRINT, PRINT, campaign,
               PrintedRoll(fonts, None))
    for award in awards if len(awards) > 1 else ():
        yield Page(urls.print_roll(campaign, award.id), "printed_roll", "print/honour_roll.html",
                   f"{title} · {award.name}", PRINT, PRINT, campaign, PrintedRoll(fonts, award.id))
    yield Page(urls.board_page(campaign), "board", "print/board.html", text("board_of").format(campaign=campaign.title),
               PRINT, PRINT, campaign, PrintedBoard(fonts))
    yield from _certificates(site, campaign, awards, fonts)
    yield from _share_pages(site, campaign, awards, fonts)


def _certificates(site: Site, campaign: Campaign, awards: list[Award], fonts: tuple[SiteFont, ...]) -> Iterator[Page]:
    """Yield a campaign's certificates (荣誉证书): all in its roll's order, each award's, and each honour's."""
    title = site.config.text("certificates_of").format(campaign=campaign.title)
    yield Page(urls.certificates_page(campaign), "certificates", "print/certificates.html", title, PRINT, PRINT,
               campaign, PrintedCertificates(fonts))
    for award in awards:
        yield Page(urls.certificates_page(campaign, award.id), "certificates", "print/certificates.html",
                   site.config.text("certificates_of_award").format(campaign=campaign.title, award=award.name),
                   PRINT, PRINT, campaign, PrintedCertificates(fonts, award.id))
    for serial in serials(site, campaign) if site.config.certificates.per_honour else ():
        certificate = certificate_at(site, campaign, serial)
        name = certificate.salutation.rstrip("：:")
        yield Page(urls.certificate_page(campaign, serial), "certificate", "print/certificates.html",
                   site.config.text("certificate_of").format(name=name, number=certificate.number), PRINT, PRINT,
                   campaign, PrintedCertificates(fonts, serial=serial))



def _share_pages(site: Site, campaign: Campaign, awards: list[Any], fonts: tuple[SiteFont, ...]) -> Iterator[Page]:
    """Yield the pages a campaign's share images (长图) are made from: its roll, and (for several) each award's."""
    text = site.config.text
    title = text("honour_roll_of").format(campaign=campaign.title)
    yield Page(urls.share_page(urls.print_roll(campaign)), "share", "print/share.html",
               text("share_of").format(title=title), PRINT, PRINT, campaign, Share(fonts, None))
    for award in awards if len(awards) > 1 else ():
        yield Page(urls.share_page(urls.print_roll(campaign, award.id)), "share", "print/share.html",
                   text("share_of").format(title=f"{title} · {award.name}"), PRINT, PRINT, campaign, Share(fonts, award.id))


def _printed_form(site: Site, record: Any, fonts: tuple[SiteFont, ...]) -> View | None:
    """Return the view of a record's printable form, or None when it has none: a unit without members."""
    if isinstance(record, Unit):
        return PrintedColourPage(fonts) if site.members(record.id) else None
    return Printed(fonts)


def _bulletin_title(campaign: Campaign, sheet: Any, text: Callable[[str], str]) -> str:
    """Return the title of a period's 考核通报: its commentary's, or the catalogue's."""
    if sheet.commentary and sheet.commentary.title:
        return sheet.commentary.title
    return text("results_bulletin_title").format(period=sheet.period.label, campaign=campaign.title)


def printable(pages: list[Page]) -> list[Page]:
    """Return the printable pages among these."""
    return [page for page in pages if page.section == PRINT]

