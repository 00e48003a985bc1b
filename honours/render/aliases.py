"""Redirect pages: when a record's id changes, its old addresses (its `aliases`) lead readers on.

They are not planned pages: no template draws them and nothing they show is looked up in the
site, so they are made whole on every build, and sitemaps (built from the planned pages) leave
them out.
"""
from __future__ import annotations

import html
from collections.abc import Iterator

from ..model.site import Site
from . import urls
from .pages import Page


def redirect_pages(site: Site, planned: list[Page]) -> dict[str, str]:
    """Return a redirect page at each old address of every page of every record with aliases.

    A record's pages are those planned for it (its own, its printable form, a campaign's results and
    rolls); each one's path holds the record's id, which the old id stands in for.
    """
    redirects: dict[str, str] = {}
    for page in planned:
        for old in _old_paths(page):
            redirects[old] = _redirect(site, old, page.path, page.title)
    return redirects


def _old_paths(page: Page) -> Iterator[str]:
    """Yield the addresses a page had under its record's old ids."""
    record = page.record
    for alias in getattr(record, "aliases", ()) if record is not None else ():
        parts = page.path.split("/")
        # The id is a folder (campaigns/<id>/…) or a page's name (units/<id>.html) right under its section's
        # folder, which a printable page has under print/ (and a share page under print/share/).
        at = next(at for at, part in enumerate(parts) if at and part in (record.id, f"{record.id}.html"))
        parts[at] = parts[at].replace(record.id, alias, 1)
        yield "/".join(parts)


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
