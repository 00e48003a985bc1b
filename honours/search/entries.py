"""What search finds: one entry per page of a person, unit, campaign, honour roll or bulletin.

Both search engines are fed the same entries, so a name or a title finds the same pages whether
the site is served (Pagefind) or opened from a folder (the fallback index): the text is the page's
own `<main>` as a reader sees it, and the filters (year, campaign, kind) come from the records.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
import functools
import html as html_lib
import operator
import re

from ..fields import specs
from ..model.records import RECIPIENTS, Campaign, kind_of
from ..model.site import Site
from ..render.pages import Page



@dataclass(frozen=True, slots=True)
class SearchEntry:
    """One page as search sees it: where it is, what it is called and says, and how it is filtered."""

    path: str
    title: str
    kind: str  # shown to readers, e.g. 人员
    years: tuple[str, ...]
    campaigns: tuple[str, ...]  # campaign titles: readers filter by what they read
    text: str  # the page's main content as plain text, blocks separated by newlines


def search_entries(site: Site, pages: Iterable[Page], text_of: Callable[[str], str]) -> list[SearchEntry]:
    """Return an entry for each page search finds, in page order; `text_of(path)` gives its main text."""
    entries = []
    # Many pages share their campaigns and year, and every page of a kind its label: each worked out once.
    filters: dict[tuple[frozenset[str], int | None], tuple[tuple[str, ...], tuple[str, ...]]] = {}
    labels: dict[str, str] = {}
    for page in pages:
        if page.search is None:
            continue
        found = _filters(site, page.record)
        if found not in filters:
            filters[found] = _years_and_titles(site, *found)
        if page.search not in labels:
            labels[page.search] = site.config.text(page.search)
        entries.append(SearchEntry(page.path, page.title, labels[page.search], *filters[found], text_of(page.path)))
    return entries


def _years_and_titles(site: Site, ids: frozenset[str], year: int | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Return the years (newest first) and the campaign titles (latest first) a page with these campaigns and year is filtered by."""
    campaigns = sorted((site.campaigns[i] for i in ids), key=lambda c: (c.start, c.id), reverse=True)
    years = {site.campaign_year(c) for c in campaigns} | ({year} if year is not None else set())
    return tuple(str(y) for y in sorted(years, reverse=True)), tuple(c.title for c in campaigns)


def _filters(site: Site, record: Any) -> tuple[frozenset[str], int | None]:
    """Return the campaigns (by id) a page's record belongs to, and the year it is dated: a campaign itself;
    the campaign a record names and its own year; the campaigns of the honours a unit or person received."""
    if record is None:
        return frozenset(), None
    kind = kind_of(record)
    ids: set[str] = {record.id} if isinstance(record, Campaign) else set()
    for attr in _campaign_fields(type(record)):
        ids.update(_ids(getattr(record, attr)))
    if kind.name in RECIPIENTS:
        ids.update(map(_CAMPAIGN, site.honours_of(kind.name, record.id)))
    year = kind.year(record) if kind.year is not None and not isinstance(record, Campaign) else None
    return frozenset(ids), year


_CAMPAIGN = operator.attrgetter("campaign")


@functools.cache
def _campaign_fields(record_type: type) -> tuple[str, ...]:
    """Return the fields of a record type that name campaigns."""
    return tuple(spec.attr for spec in specs(record_type) if spec.ref == "campaign")


def _ids(value: Any) -> tuple[str, ...]:
    """Return the ids a reference field holds: none, one, or a list."""
    return value if isinstance(value, tuple) else (value,) if value else ()


def main_text(html: str) -> str:
    """Return the text a reader sees in a page's `<main>`, without its breadcrumbs and print links.

    One line per block element; navigation, scripts, styles, charts, buttons and hidden parts left
    out. The pages are the theme's own HTML, so a scan of its tags reads them as a browser would.
    """
    start, end = html.find("<main"), html.rfind("</main>")
    if start < 0 or end < 0:
        return ""
    lines: list[str] = []
    line: list[str] = []
    hidden: list[bool] = []  # per open element: whether it hides what is in it
    at = start
    for tag in _TAG.finditer(html, start, end):
        if tag.start() > at and not (hidden and hidden[-1]):
            line.append(html[at:tag.start()])
        at = tag.end()
        name = (tag.group("name") or "").lower()
        if not name:  # a comment, or a script or style with what is in it
            continue
        if name in _BLOCKS:
            _break(line, lines)
        if tag.group("close"):
            if name not in _VOID and hidden:
                hidden.pop()
        elif name not in _VOID:
            hides = name in _SKIPPED or _hides(tag.group("attributes"))
            hidden.append(hides or (bool(hidden) and hidden[-1]))
            if tag.group("attributes").rstrip().endswith("/"):  # <rect … /> closes itself
                hidden.pop()
    if not (hidden and hidden[-1]):
        line.append(html[at:end])
    _break(line, lines)
    return "\n".join(lines)


_TAG = re.compile(r"<!--.*?-->|<(?:script|style)\b.*?</(?:script|style)\s*>"
                  r"|<(?P<close>/?)(?P<name>[a-zA-Z][^\s/>]*)(?P<attributes>[^>]*)>", re.S | re.I)
_CLASS = re.compile(r"""\bclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_HIDDEN = re.compile(r"(?:^|\s)hidden(?=[\s=/]|$)", re.I)
_BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "dt", "dd", "tr", "figcaption", "blockquote", "section", "div",
           "header", "caption", "br"}
_SKIPPED = {"nav", "script", "style", "template", "svg", "button"}
_VOID = {"br", "img", "meta", "link", "input", "hr", "source", "wbr", "col", "area", "base", "embed", "track"}


def _hides(attributes: str) -> bool:
    """Return whether a tag's attributes hide its content: `hidden`, or the print links' class."""
    if not attributes:
        return False
    if _HIDDEN.search(attributes):
        return True
    found = _CLASS.search(attributes)
    return bool(found) and "print-links" in "".join(part for part in found.groups() if part).split()


def _break(line: list[str], lines: list[str]) -> None:
    """End the line being collected: its text, entities decoded and spaces collapsed, if it has any."""
    text = " ".join(html_lib.unescape("".join(line)).split())
    if text:
        lines.append(text)
    line.clear()
