"""Which pages a site has (the printable ones under print/ too), and rendering each with its template."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from .. import derive, results
from ..errors import Problems
from ..model.reads import Reads
from ..model.site import Site
from . import urls
from .fonts import site_fonts
from .printed import GroupSize, board_layout, colour_page_layout, paper_layout
from .. import theme


PRINT_SECTION = "print"  # the section of printable pages (under print/)
# The pages search finds, by template, and the string key of the kind of page each is.
SEARCH_KINDS = {
    "person.html": "search_kind_person",
    "unit.html": "search_kind_unit",
    "campaign.html": "search_kind_campaign",
    "honour_roll.html": "search_kind_honour_roll",
    "bulletin.html": "search_kind_bulletin",
    "assessment_bulletin.html": "search_kind_bulletin",
}


@dataclass(frozen=True, slots=True)
class Page:
    """One output page: where it goes, which template draws it, and what it is about."""

    path: str
    template: str
    title: str
    section: str  # which navigation entry is current
    context: dict[str, Any] = field(default_factory=dict)


def plan_pages(site: Site, pagefind: bool = True) -> Iterator[Page]:
    """Yield every page of the site, lists first, then one page per record.

    `pagefind` says whether the search page may ask Pagefind (a served site), or only the index
    for reading from a folder (a year archive).
    """
    text = site.config.text
    campaigns = derive.campaigns_newest_first(site)
    bulletins = derive.bulletins_newest_first(site)
    yield Page(urls.HOME, "home.html", site.config.title, "home", {
        "campaigns": campaigns, "bulletins": bulletins[: site.config.home_bulletins],
        "featured": derive.featured_campaign(site)})
    yield Page(urls.CAMPAIGNS, "campaigns.html", text("campaigns_title"), "campaigns", {"campaigns": campaigns})
    every = results.all_results(site)
    for campaign in campaigns:
        of_campaign = every[campaign.id]
        yield Page(urls.page_of(campaign), "campaign.html", campaign.title, "campaigns", {
            "campaign": campaign, "results": of_campaign, "standings": results.latest(of_campaign)})
        for period in of_campaign:
            title = text("results_of").format(campaign=campaign.title, period=period.period.label)
            yield Page(urls.results_page(period), "results.html", title, "campaigns",
                       {"campaign": campaign, "results": period, "all_results": of_campaign})
            if not period.rolled_up:
                yield Page(urls.assessment_bulletin_page(period), "assessment_bulletin.html",
                           _bulletin_title(period, text), "campaigns", {"campaign": campaign, "results": period})
        yield Page(urls.honour_roll_page(campaign), "honour_roll.html",
                   text("honour_roll_of").format(campaign=campaign.title), "campaigns", {"campaign": campaign})
    yield Page(urls.UNITS, "units.html", text("units_title"), "units", {"roots": site.children(None)})
    for unit in sorted(site.units.values(), key=lambda u: u.id):
        yield Page(urls.page_of(unit), "unit.html", unit.name, "units",
                   {"unit": unit, "trend": results.trend(site, every, unit.id)})
    yield Page(urls.PEOPLE, "people.html", text("people_title"), "people", {"roots": site.children(None)})
    for person in sorted(site.people.values(), key=lambda p: p.id):
        yield Page(urls.page_of(person), "person.html", person.name, "people", {"person": person})
    yield Page(urls.BULLETINS, "bulletins.html", text("bulletins_title"), "bulletins", {"bulletins": bulletins})
    for bulletin in bulletins:
        yield Page(urls.page_of(bulletin), "bulletin.html", bulletin.title, "bulletins", {"bulletin": bulletin})
    years = site.years()
    yield Page(urls.YEARS, "years.html", text("years_title"), "years", {"years": years})
    for year in years:
        of_year = [c for c in campaigns if site.campaign_year(c) == year]
        yield Page(urls.year_page(year), "year.html", text("year_title").format(year=year), "years", {
            "year": year, "campaigns": of_year,
            "honour_count": sum(len(site.honours_in(c.id)) for c in of_year),
            "bulletins": [b for b in bulletins if b.date.year == year]})
    yield Page(urls.SEARCH, "search.html", text("search_title"), "search", {
        "years": [str(year) for year in years], "campaign_titles": [c.title for c in campaigns],
        "kinds": list(dict.fromkeys(text(kind) for kind in SEARCH_KINDS.values())), "pagefind": pagefind})
    yield Page(urls.NOT_FOUND, "404.html", text("not_found_title"), "", {})
    yield from _print_pages(site, every)


def _print_pages(site: Site, every: dict[str, list[results.Results]]) -> Iterator[Page]:
    """Yield the printable pages: each campaign's roll (whole and per award), board and assessment
    bulletins, each unit's colour page, each bulletin as an official document."""
    text = site.config.text
    fonts = site_fonts([site.config.root / "assets", theme.ASSETS])

    def printable(path: str, template: str, title: str, **context: Any) -> Page:
        return Page(path, f"print/{template}", title, PRINT_SECTION, {**context, "fonts": fonts})

    for campaign in derive.campaigns_newest_first(site):
        roll = derive.honour_roll(site, campaign)
        if roll:
            sheet, grid = paper_layout(campaign.paper or site.config.paper)
            title = text("print_roll_of").format(campaign=campaign.title)
            yield printable(urls.print_roll(campaign), "honour_roll.html", title,
                            campaign=campaign, award=None, sheet=sheet, grid=grid)
            awards = [award for award in campaign.awards if any(g.award.id == award.id for g in roll)]
            for award in awards if len(awards) > 1 else ():
                yield printable(urls.print_roll(campaign, award.id), "honour_roll.html", f"{title} · {award.name}",
                                campaign=campaign, award=award.id, sheet=sheet, grid=grid)
            layout = board_layout(campaign.board or site.config.board, site.config.bleed,
                                  [GroupSize(g.award.recipient, len(g.honours), len(g.heading), len(text(g.order_note)))
                                   for g in roll])
            yield printable(urls.board_page(campaign), "board.html", text("board_of").format(campaign=campaign.title),
                            campaign=campaign, layout=layout)
        for period in every[campaign.id]:
            if not period.rolled_up:
                yield printable(urls.printed(urls.assessment_bulletin_page(period)), "assessment_bulletin.html",
                                _bulletin_title(period, text), campaign=campaign, results=period)
    for unit in sorted(site.units.values(), key=lambda u: u.id):
        if members := site.members(unit.id):
            sheet, grid = colour_page_layout(len(members), len(site.honours_of("unit", unit.id)), site.config.bleed)
            yield printable(urls.colour_page(unit), "colour_page.html", text("colour_page_of").format(unit=unit.name),
                            unit=unit, sheet=sheet, grid=grid)
    for bulletin in derive.bulletins_newest_first(site):
        yield printable(urls.printed(urls.page_of(bulletin)), "bulletin.html",
                        text("print_document_of").format(title=bulletin.title), bulletin=bulletin)


def _bulletin_title(period: results.Results, text: Callable[[str], str]) -> str:
    commentary = period.assessment.commentary if period.assessment else None
    if commentary and commentary.title:
        return commentary.title
    return text("results_bulletin_title").format(period=period.period.label, campaign=period.campaign.title)


@dataclass(frozen=True, slots=True)
class Rendered:
    """A page's HTML and what its template read from the site to draw it."""

    html: str
    reads: Reads


def render_pages(env: jinja2.Environment, site: Site, pages: list[Page], problems: Problems) -> dict[str, Rendered]:
    """Return every page rendered; a template error is reported against the template, not raised."""
    rendered = {}
    for page in pages:
        try:
            template = env.get_template(page.template)
            with site.reading(Reads()) as reads:
                html = template.render(page=page, **page.context)
            rendered[page.path] = Rendered(html, reads)
        except jinja2.TemplateSyntaxError as exc:
            problems.error(_template_path(exc.filename, page.template), exc.lineno, None,
                           f"模板语法错误：{exc.message}", "检查模板中 {{ }} 与 {% %} 是否成对")
            break
        except jinja2.TemplateError as exc:
            line, name = _template_line(exc)
            problems.error(_template_path(name, page.template), line, None,
                           f"模板出错（渲染 {page.path} 时）：{exc}", "检查模板中用到的变量名是否正确")
            break
    return rendered


def _template_path(filename: str | None, fallback: str) -> Path:
    return Path(filename) if filename else Path("templates") / fallback


def _template_line(exc: Exception) -> tuple[int | None, str | None]:
    """Return the template file and line an error happened at, from the traceback Jinja rewrote."""
    tb = exc.__traceback__
    found: tuple[int | None, str | None] = (None, None)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".html"):
            found = (tb.tb_lineno, filename)
        tb = tb.tb_next
    return found
