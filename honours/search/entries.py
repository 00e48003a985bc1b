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
    out. The pages are the theme's own HTML, so its tags can be read by patterns, as a browser would
    read them: each pass over a page's whole text (not a step of Python per tag) costs a page little.
    """
    start, end = html.find("<main"), html.rfind("</main>")
    if start < 0 or end < 0:
        return ""
    shown = _shown(_OPAQUE.sub("", html[start:end]))
    lines = (" ".join(html_lib.unescape(part).split()) for part in _TAG.sub("", _BLOCK.sub("\0", shown)).split("\0"))
    return "\n".join(line for line in lines if line)


def _shown(html: str) -> str:
    """Return html without the elements that hide what is in them; one that holds a block (or is one) leaves a
    block tag in its place, for the line it was on to end there."""
    parts, at, seen = [], 0, 0  # html[:at] is taken; a tag that hides is looked for from `seen` on
    while (clue := _CLUE.search(html, seen)) is not None:  # few tags say so: looked for by what they say
        begin = clue.start() if clue.group().startswith("<") else html.rfind("<", seen, clue.start())
        tag = _OPENING.match(html, begin) if begin >= 0 else None
        in_tag = tag is not None and tag.end() > clue.start()  # else the word is in the page's text
        seen = tag.end() if in_tag else clue.end()
        if not in_tag:
            continue
        name, attributes = tag.group("name").lower(), tag.group("attributes")
        if name in _VOID or attributes.rstrip().endswith("/") or not (name in _SKIPPED or _hides(attributes)):
            continue
        parts.append(html[at:tag.start()])
        at = seen = _past(html, name, tag.end())
        if name in _BLOCKS or _BLOCK.search(html, tag.end(), at):
            parts.append("<p>")
    parts.append(html[at:])
    return "".join(parts)


def _past(html: str, name: str, at: int) -> int:
    """Return where the element `name` that opened just before `at` ends: past its closing tag (those it holds
    counted), or the end if it is not closed."""
    depth = 1
    for tag in _named(name).finditer(html, at):
        depth += -1 if tag.group(1) else 1
        if not depth:
            return tag.end()
    return len(html)


@functools.lru_cache(maxsize=None)
def _named(name: str) -> re.Pattern[str]:
    """Return the pattern of an element's opening and closing tags."""
    return re.compile(rf"<(/?){re.escape(name)}(?=[\s/>])[^>]*>", re.I)


_OPAQUE = re.compile(r"<!--.*?-->|<(?:script|style)\b.*?</(?:script|style)\s*>", re.S | re.I)
_TAG = re.compile(r"</?[a-zA-Z][^\s/>]*[^>]*>")
_CLASS = re.compile(r"""\bclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_HIDDEN = re.compile(r"(?:^|\s)hidden(?=[\s=/]|$)", re.I)
_BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "dt", "dd", "tr", "figcaption", "blockquote", "section", "div",
           "header", "caption", "br"}
_SKIPPED = {"nav", "script", "style", "template", "svg", "button"}
_VOID = {"br", "img", "meta", "link", "input", "hr", "source", "wbr", "col", "area", "base", "embed", "track"}
_BLOCK = re.compile(rf"</?(?:{'|'.join(_BLOCKS)})(?=[\s/>])[^>]*>", re.I)
# What may begin a tag that hides what is in it: one of those skipped, or a hidden attribute or class.
_CLUE = re.compile(rf"hidden|print-links|<(?:{'|'.join(_SKIPPED)})(?=[\s/>])", re.I)
_OPENING = re.compile(r"<(?P<name>[a-zA-Z][^\s/>]*)(?P<attributes>[^>]*)>")


def _hides(attributes: str) -> bool:
    """Return whether a tag's attributes hide its content: `hidden`, or the print links' class."""
    if not attributes:
        return False
    if _HIDDEN.search(attributes):
        return True
    found = _CLASS.search(attributes)
    return bool(found) and "print-links" in "".join(part for part in found.groups() if part).split()

