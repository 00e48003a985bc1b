"""The Jinja2 environment: the site's templates over the default theme, strict and autoescaped.

Templates are given the site as a `NotedSite` made for the page (render/reads.py), as `site`; the
functions below that look records up take it from the page's context, so what they read is noted
with the page. Private fields (工号, phone) are not in the records at all (model/records.py), so no
sandbox is needed to keep them from templates.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from .. import derive
from ..config import SiteConfig
from ..dates import PartialDate
from ..engine import template_folders
from ..model.attached import Attached
from ..model.records import KINDS, Person
from ..orderings import pad_name
from . import captions, docgrid, urls
from .charts import NARROW_WIDTH, WIDTH, Bar, ChartWords, Series, ValueAxis, bar_chart, line_chart
from .fonts import font_stacks
from .markdown import MarkdownRenderer
from .printed import short_citation
from .reads import BODY_FIELDS, Recorder, body_key


def _compiled_templates(folder: Path) -> jinja2.BytecodeCache | None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:  # a cache is only a shortcut
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


class _Environment(jinja2.Environment):
    """Templates reach no private name (one with a leading _): what the code keeps for itself, such as where
    each record was read from (absolute paths, the lines of private fields), stays out of every page.
    Not a sandbox: a name is refused by its spelling, the cost of one string test per attribute looked up.

    A record's body is noted where a template reads it, in `reading`: the recorder of the page being
    rendered (render/reads.py keeps bodies apart from the rest of their records).
    """

    reading: Recorder | None = None

    def getattr(self, obj: Any, attribute: str) -> Any:
        if attribute.startswith("_"):
            return self.undefined(obj=obj, name=attribute)
        if attribute in BODY_FIELDS:
            self._note_body(obj, attribute)
        try:  # Jinja's own first step, taken here: the pages of a large site look up tens of millions of attributes
            return getattr(obj, attribute)
        except AttributeError:
            return super().getattr(obj, attribute)  # an item of that name, else undefined

    def getitem(self, obj: Any, argument: Any) -> Any:
        if isinstance(argument, str):
            # site["_x"] falls back on an attribute when there is no such item: the same rule then.
            if argument.startswith("_") and not hasattr(obj, "__getitem__"):
                return self.undefined(obj=obj, name=argument)
            if argument in BODY_FIELDS:  # record["biography"], and the attribute= of filters (map, sort…)
                self._note_body(obj, argument)
        return super().getitem(obj, argument)

    def _note_body(self, obj: Any, name: str) -> None:
        if self.reading is not None and (key := body_key(obj, name)) is not None:
            self.reading.note(key)


def _attribute(environment: jinja2.Environment, obj: Any, name: str) -> Any:
    """The `attr` filter, under the environment's rule."""
    return environment.getattr(obj, name)


def make_environment(config: SiteConfig, compiled: Path | None = None) -> jinja2.Environment:
    """Return the environment every page of a site is rendered in; templates compiled once are kept in
    `compiled` (by name and a digest of their source), sparing an edit's rebuild half a second."""
    env = _Environment(loader=jinja2.FileSystemLoader(template_folders(config.root)),
                       autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                       bytecode_cache=_compiled_templates(compiled) if compiled else None)
    env.filters["attr"] = jinja2.pass_environment(_attribute)
    text = config.text
    env.globals.update(
        config=config, t=lambda key, **kw: text(key).format(**kw), navigation=_navigation(text),
        honour_roll=_with_site(lambda site, campaign, award=None: site.honour_roll(campaign.id, award)),
        campaign_bulletins=_with_site(derive.campaign_bulletins),
        recipient=_with_site(lambda site, honour: site.recipient(honour)),
        post=_with_site(lambda site, honour: site.post(honour)),
        award_title=derive.award_title, caption_lines=captions.caption_lines, tile_lines=captions.tile_lines,
        award_of=_with_site(lambda site, honour: site.campaigns[honour.campaign].award(honour.award)),
        campaign_of=_with_site(lambda site, honour: site.campaigns[honour.campaign]),
        picture=_with_site(lambda site, record, lazy=True: site.picture(record, lazy)),
        print_picture=_with_site(lambda site, record, width, height, product: site.print_picture(record, width, height,
                                                                                                 product)),
        pdf_of=_with_site(lambda site, path: site.pdf_of(path)),
        share_images=_with_site(lambda site, path: site.share_images(path)), share_page=urls.share_page,
        font_stacks=font_stacks, printed=urls.printed, print_roll=urls.print_roll, board_page=urls.board_page,
        certificates_page=urls.certificates_page,
        colour_page=urls.colour_page, url=_url, asset=_asset, srcset=_srcset, honour_roll_page=urls.honour_roll_page,
        screen_page=urls.screen_page,
        year_page=urls.year_page, results_page=urls.results_page, assessment_bulletin_page=urls.assessment_bulletin_page,
        totals_chart=jinja2.pass_context(lambda context, results: _totals_chart(context["site"], context["page"],
                                                                                results)),
        trend_chart=functools.partial(_trend_chart, text),
        change_label=functools.partial(_change_label, text),
        edition=jinja2.pass_context(lambda context: _edition(config, context["page"].path)),
        once=_once,
        paths={"home": urls.HOME, **{kind.nav: urls.index_of(kind.nav) for kind in KINDS if kind.index},
               "years": urls.YEARS, "search": urls.SEARCH},
    )
    _add_filters(env, config)
    return env


def _with_site(function: Callable[..., Any]) -> Callable[..., Any]:
    """Return `function` as a template function given the page's site first, so its lookups are noted with the page."""
    return jinja2.pass_context(lambda context, *args, **kwargs: function(context["site"], *args, **kwargs))


def _navigation(text: Callable[[str], str]) -> list[tuple[str, str, str]]:
    """Return the menu: (key, path, label) of the home page, each section of records, and the years."""
    sections = [(kind.nav, urls.index_of(kind.nav), f"nav_{kind.nav}") for kind in KINDS if kind.index]
    entries = [("home", urls.HOME, "nav_home"), *sections, ("years", urls.YEARS, "nav_years")]
    return [(key, path, text(label).format()) for key, path, label in entries]  # formatted as t() formats


def _add_filters(env: jinja2.Environment, config: SiteConfig) -> None:
    renderer = MarkdownRenderer()
    text = config.text

    @jinja2.pass_context
    def render_markdown(context: jinja2.runtime.Context, value: str | None) -> Markup:
        site, page = context["site"], context["page"]
        linked = _attachment_links(site, page, value) if isinstance(value, Attached) else None
        return Markup(renderer.render(value or "", lambda code, level: _shortcode(env, site, code, page, level),
                                      linked))

    env.filters["markdown"] = render_markdown
    env.filters["doc_grid"] = docgrid.grid_runs
    env.filters["cn_date"] = lambda value: _cn_date(value, text("date_format"))
    # Padding (张　伟) aligns names in columns; it is applied after sorting, only when asked for.
    env.filters["list_name"] = lambda record: (pad_name(record.name) if config.pad_names
                                               and isinstance(record, Person) else record.name)
    env.filters["points"] = _points
    env.filters["short_citation"] = short_citation
    env.filters["mm"] = lambda value: f"{value:g}mm"
    # A link inside CSS: a font's file name may hold quotes or Chinese, which url("…") must not see raw.
    env.filters["css_url"] = lambda link: urllib.parse.quote(link, safe="/.-_~#")
    env.filters["css_content"] = _css_content
    env.filters["iso"] = lambda value: value.iso() if isinstance(value, PartialDate) else value.isoformat()


def _attachment_links(site: Any, page: Any, text: Attached) -> Callable[[str], str | None]:
    """Return how a text's links to files beside its record read from this page: the published files, relative
    (percent-encoded, so that a file's Chinese name stays as it is in the traditional edition too)."""
    def link(url: str) -> str | None:
        found = text.file_of(url)
        if found is None:
            return None
        return urllib.parse.quote(urls.relative(page.path, site.attachment(found.file)), safe="/") + found.tail
    return link


def _totals_chart(site: Any, page: Any, results: Any) -> Markup:
    """Return a period's totals as a bar chart: the top N in red, stars and 前 N 名 noted."""
    table = site.units if results.scheme.subject == "unit" else site.people
    text = site.config.text
    bars = [Bar(row.name, row.total, mark=f"★{row.star}" if row.star else "", highlight=row.top, href=urls.relative(page.path, urls.page_of(table[row.subject])))
            for row in results.rows]
    return _for_every_screen(lambda width: bar_chart(
        bars, title=text("chart_totals_title").format(period=results.period.label), maximum=results.scheme.max,
        unit=text("chart_points"), words=_chart_words(text), width=width))


def _trend_chart(text: Callable[[str], str], subject: str, periods: list[Any]) -> Markup:
    """Return a unit's totals over a campaign's periods as a line chart."""
    values = [r.row(subject).total if r.row(subject) else None for r in periods]
    scheme = periods[0].scheme
    return _for_every_screen(lambda width: line_chart(
        [Series(text("chart_total"), values)], labels=[r.period.short_label for r in periods],
        title=text("chart_trend_title").format(campaign=periods[0].campaign.title),
        axis=ValueAxis(maximum=scheme.max, unit=text("chart_points")), words=_chart_words(text), width=width))


def _for_every_screen(draw: Callable[[float], str]) -> Markup:
    """Return a chart drawn wide and again for a phone; site.css shows the one that fits the screen, so its
    text is never drawn below 11 px (a wide chart squeezed onto a phone would shrink it to about 6 px)."""
    return Markup(f'<div class="chart-wide">{draw(WIDTH)}</div><div class="chart-narrow">{draw(NARROW_WIDTH)}</div>')


@jinja2.pass_context
def _once(context: jinja2.runtime.Context, macro: jinja2.runtime.Macro, *args: Any, **kwargs: Any) -> Any:
    """Return `macro(*args, **kwargs)`, drawn once for the pages that show it: a campaign's roll and each of its
    awards' rolls show the same award groups, its certificates page and each award's the same certificates.

    The macro's output must depend on the page only through the page's folder (its relative links): the
    key is the macro, that folder and the arguments, which are compared by value (records are frozen).
    """
    folder = context["page"].path.rpartition("/")[0]
    key = (macro._func.__code__, folder, args, tuple(sorted(kwargs.items())))
    return context["site"].fragment(key, lambda: macro(*args, **kwargs))


def _edition(config: SiteConfig, path: str) -> dict[str, str] | None:
    """Return the link from a page to the same page in the other edition (simplified or traditional), if there is one."""
    if config.edition_of is not None:
        folder, label, lang = config.edition_of, config.text("edition_simplified"), "zh-CN"
    elif config.traditional_edition is not None:
        folder, label, lang = config.traditional_edition, config.text("edition_traditional"), config.edition_language
    else:
        return None
    return {"href": "../" * path.count("/") + f"{folder}/{path}", "label": label, "lang": lang}


def _chart_words(text: Callable[[str], str]) -> ChartWords:
    return ChartWords(text("chart_no_data"), text("chart_not_assessed"), text("chart_unit_caption"))


def _points(value: float | None) -> str:
    """Return points as score tables print them: 43, 42.5, 186.33; — when not assessed."""
    if value is None:
        return "—"
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _change_label(text: Callable[[str], str], change: int | None) -> str:
    """Return a change of rank as the table prints it: ↑2, ↓1, 持平."""
    if change is None:
        return "—"
    return text("results_unchanged") if change == 0 else (f"↑{change}" if change > 0 else f"↓{-change}")


@jinja2.pass_context
def _url(context: jinja2.runtime.Context, target: Any) -> str:
    """Return the relative link from the page being rendered to a record or a site path."""
    if isinstance(target, jinja2.Undefined):
        target._fail_with_undefined_error()  # names the missing variable, like any other use of it
    path = target if isinstance(target, str) else urls.page_of(target)
    return urls.relative(context["page"].path, path)


@jinja2.pass_context
def _srcset(context: jinja2.runtime.Context, items: tuple[tuple[str, int], ...]) -> str:
    """Return a srcset attribute: each file linked relatively from the page, with its pixel width."""
    return ", ".join(f"{urls.relative(context['page'].path, path)} {width}w" for path, width in items)


@jinja2.pass_context
def _asset(context: jinja2.runtime.Context, name: str) -> str:
    return urls.relative(context["page"].path, "assets/" + name)


def _css_content(text: str) -> Markup:
    """Return text as the value of CSS `content:` (page margins), in strings that nothing in it can end.

    Every character but letters, digits and spaces is written as a CSS escape, so a quote, a
    backslash, a line break or `</style>` in a title stays text; `{page}` and `{pages}` become the
    page counters.
    """
    parts = re.split(r"(\{pages?\})", str(text))
    return Markup(" ".join(
        f"counter({part[1:-1]})" if part in ("{page}", "{pages}")
        else '"' + "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in part) + '"'
        for part in parts if part))


def _cn_date(value: dt.date | PartialDate | None, pattern: str) -> str:
    if value is None:
        return ""
    if isinstance(value, PartialDate):
        return str(value)
    return pattern.format(year=value.year, month=value.month, day=value.day)


def _shortcode(env: jinja2.Environment, site: Any, code: Any, page: Any, heading_level: int) -> str:
    """Return a shortcode's HTML, rendered for the page it sits in (its links relative, its reads noted with it),
    its headings at `heading_level` (one below the heading it follows)."""
    campaign = site.campaigns[code.arguments["campaign"]]
    template = env.get_template(f"shortcodes/{code.name}.html")
    return template.render(campaign=campaign, award=code.arguments.get("award"), page=page, site=site,
                           heading_level=heading_level)
