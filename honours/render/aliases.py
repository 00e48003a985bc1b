"""Redirect pages: when a record's id changes, its old addresses (its `aliases`) lead readers on.

They are not planned pages: no template draws them and nothing they show is looked up in the
site, so they are made whole on every build, and sitemaps (built from the planned pages) leave
them out.
"""
from __future__ import annotations

import dataclasses
import html
import posixpath
from collections.abc import Iterator, Mapping

from ..model.records import Bulletin, Campaign, Person, Unit
from ..model.site import Site
from . import urls
from .pages import Page

Renamable = Unit | Person | Campaign | Bulletin


def redirect_pages(site: Site, planned: list[Page]) -> dict[str, str]:
    """Return a redirect page at each old address of every page of every record with aliases."""
    titles = {page.path: page.title for page in planned}
    redirects: dict[str, str] = {}
    for record in _renamed(site):
        for alias in record.aliases:
            for old, new in _moves(record, alias, titles):
                redirects[old] = _redirect(site, old, new, titles[new])
    return redirects


def _renamed(site: Site) -> Iterator[Renamable]:
    """Yield every record that lists old ids, in a fixed order."""
    tables: list[Mapping[str, Renamable]] = [site.units, site.people, site.campaigns, site.bulletins]
    for table in tables:
        yield from (table[record_id] for record_id in sorted(table) if table[record_id].aliases)


def _moves(record: Renamable, alias: str, titles: dict[str, str]) -> Iterator[tuple[str, str]]:
    """Yield (old address, current address) for each planned page of `record`, the alias standing for its id."""
    for current, old in zip(_addresses(record), _addresses(dataclasses.replace(record, id=alias))):
        if current.endswith("/"):  # a folder: every page in it
            yield from ((old + path[len(current):], path) for path in sorted(titles) if path.startswith(current))
        elif current in titles:  # a colour page is planned only for a unit with members
            yield old, current


def _addresses(record: Renamable) -> tuple[str, ...]:
    """Return the pages and folders (ending in /) that are the record's: their paths hold its id."""
    page = urls.page_of(record)
    match record:
        case Campaign():
            folder = posixpath.dirname(page) + "/"
            return folder, urls.printed(folder)
        case Unit():
            return page, urls.colour_page(record)
        case Bulletin():
            return page, urls.printed(page)
    return (page,)


def _redirect(site: Site, old: str, new: str, title: str) -> str:
    """Return the page at `old` that sends the reader to `new`: at once, or by a link if refresh is off."""
    config = site.config
    link = html.escape(urls.relative(old, new))
    heading = config.text("redirect_title").format(title=title)
    return (
        "<!doctype html>\n"
        f'<html lang="{html.escape(config.language)}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex">\n'
        f'<meta http-equiv="refresh" content="0; url={link}">\n'
        f"<title>{html.escape(heading)} · {html.escape(config.title)}</title>\n"
        f'<link rel="canonical" href="{link}">\n'
        "</head>\n"
        "<body>\n"
        f"<p>{html.escape(config.text('redirect_text').format())}"
        f'<a href="{link}">{html.escape(title)}</a></p>\n'
        "</body>\n"
        "</html>\n"
    )
