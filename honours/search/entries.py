"""What search finds: one entry per page of a person, unit, campaign, honour roll or bulletin.

Both search engines are fed the same entries, so a name or a title finds the same pages whether
the site is served (Pagefind) or opened from a folder (the fallback index): the text is the page's
own `<main>` as a reader sees it, and the filters (year, campaign, kind) come from the records.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from html.parser import HTMLParser

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
    for page in pages:
        if page.search is None:
            continue
        years, campaigns = _filters(site, page.record)
        entries.append(SearchEntry(page.path, page.title, site.config.text(page.search),
                                   tuple(str(y) for y in sorted(years, reverse=True)),
                                   tuple(c.title for c in sorted(campaigns, key=lambda c: c.start, reverse=True)),
                                   text_of(page.path)))
    return entries


def _filters(site: Site, record: Any) -> tuple[set[int], set[Campaign]]:
    """Return the years and campaigns a page's record belongs to: a campaign itself; the campaign a record
    names and the year it is dated; the campaigns of the honours a unit or person received."""
    if record is None:
        return set(), set()
    kind = kind_of(record)
    campaigns: set[Campaign] = {record} if isinstance(record, Campaign) else set()
    campaigns |= {site.campaigns[target] for spec in specs(type(record)) if spec.ref == "campaign"
                  for target in _ids(getattr(record, spec.attr))}
    if kind.name in RECIPIENTS:
        campaigns |= {site.campaigns[h.campaign] for h in site.honours_of(kind.name, record.id)}
    years = {site.campaign_year(c) for c in campaigns}
    if kind.year is not None and not isinstance(record, Campaign):
        years.add(kind.year(record))
    return years, campaigns


def _ids(value: Any) -> tuple[str, ...]:
    """Return the ids a reference field holds: none, one, or a list."""
    return value if isinstance(value, tuple) else (value,) if value else ()


def main_text(html: str) -> str:
    """Return the text a reader sees in a page's `<main>`, without its breadcrumbs and print links."""
    start, end = html.find("<main"), html.rfind("</main>")
    if start < 0 or end < 0:
        return ""
    reader = _TextReader()
    reader.feed(html[start:end])
    reader.close()
    return reader.text()


class _TextReader(HTMLParser):
    """Collect text, one line per block element, skipping navigation, scripts and hidden parts."""

    BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "dt", "dd", "tr", "figcaption", "blockquote", "section", "div",
              "header", "caption", "br"}
    SKIPPED = {"nav", "script", "style", "template", "svg", "button"}
    VOID = {"br", "img", "meta", "link", "input", "hr", "source", "wbr", "col", "area", "base", "embed", "track"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._lines: list[str] = []
        self._line: list[str] = []
        self._stack: list[bool] = []  # per open element: whether it hides its content

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.BLOCKS:
            self._break()
        if tag in self.VOID:
            return
        names = (dict(attrs).get("class") or "").split()
        hidden = tag in self.SKIPPED or "print-links" in names or any(name == "hidden" for name, _ in attrs)
        self._stack.append(hidden or (bool(self._stack) and self._stack[-1]))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        if self._stack:
            self._stack.pop()
        if tag in self.BLOCKS:
            self._break()

    def handle_data(self, data: str) -> None:
        if not (self._stack and self._stack[-1]):
            self._line.append(data)

    def _break(self) -> None:
        line = " ".join("".join(self._line).split())
        if line:
            self._lines.append(line)
        self._line = []

    def text(self) -> str:
        self._break()
        return "\n".join(self._lines)
