"""The files made for machines from the whole site: the Atom feed, sitemap.xml and robots.txt."""
from __future__ import annotations

import datetime as dt
import html
import re
import urllib.parse
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import nh3

from .. import derive
from ..model.records import Bulletin, Campaign, Honour
from ..model.site import Site
from . import urls
from .markdown import MarkdownRenderer
from .pages import PRINT, Page

FEED = "feed.xml"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
FEED_ENTRIES = 50  # feed readers keep what they have seen: the feed need only carry the latest news
ATOM = "http://www.w3.org/2005/Atom"
SITEMAPS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Records give days, not times: a day is taken to start at midnight China Standard Time, the readers' time.
CHINA_TIME = dt.timezone(dt.timedelta(hours=8))
# A site with nothing to announce yet still needs a feed date, one that no rebuild changes.
NOTHING_YET = dt.date(1970, 1, 1)
# Characters XML 1.0 cannot hold at all, not even escaped: dropped so the files always parse.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# A line break between two Chinese characters is where a paragraph was wrapped, not a space.
_WRAPPED = re.compile(r"(?<=[^\x00-\x7f])[ \t]*\n\s*(?=[^\x00-\x7f])")


@dataclass(frozen=True, slots=True)
class Entry:
    """One entry of the feed: a bulletin, or the honours a campaign conferred on one day."""

    key: str  # the site path (with a fragment when a page has several entries) its id is made from
    title: str
    author: str
    date: dt.date
    link: str  # the site path of the page it announces
    summary: str | None = None
    content: str | None = None  # HTML
    category: str | None = None


def site_files(site: Site, planned: list[Page]) -> dict[str, str]:
    """Return the sitemap and robots.txt by their site paths (the feed, FEED, is `atom_feed`)."""
    return {SITEMAP: sitemap(site, planned), ROBOTS: robots(site)}


def atom_feed(site: Site) -> str:
    """Return the Atom feed (RFC 4287) of the latest bulletins and honours, newest first.

    Given the site a page is (render/reads.py NotedSite), it notes what it reads, as a page does: a build
    keeps the feed as it is while nothing it read changed (its honour lists order names by their readings).
    """
    config = site.config
    entries = latest_entries(site)
    feed = ET.Element("feed", {"xmlns": ATOM, XML_LANG: config.language})
    _add(feed, "id", entry_id(site, FEED))
    _add(feed, "title", config.text("feed_title").format(site=config.title))
    if config.subtitle:
        _add(feed, "subtitle", config.subtitle)
    # The newest entry's day, never the build's time: two builds of the same site are byte-identical.
    _add(feed, "updated", _timestamp(entries[0].date if entries else NOTHING_YET))
    ET.SubElement(feed, "link", rel="self", type="application/atom+xml", href=address(site, FEED))
    ET.SubElement(feed, "link", rel="alternate", type="text/html", href=address(site, urls.HOME))
    _add(ET.SubElement(feed, "author"), "name", config.organisation or config.title)
    _add(feed, "generator", "honours")
    feed.extend(_entry_element(site, entry) for entry in entries)
    return _xml(feed)


def sitemap(site: Site, planned: list[Page]) -> str:
    """Return sitemap.xml: every web page but the printable ones and 404.html."""
    urlset = ET.Element("urlset", {"xmlns": SITEMAPS})
    for page in planned:
        if page.section != PRINT and page.path != urls.NOT_FOUND:
            _add(ET.SubElement(urlset, "url"), "loc", address(site, page.path))
    return _xml(urlset)


def robots(site: Site) -> str:
    """Return robots.txt: keep every crawler out, unless site.toml lets search engines in."""
    if not site.config.search_engines:
        return "# To let search engines index this site, set search_engines = true in site.toml.\n" \
               "User-agent: *\nDisallow: /\n"
    lines = ["User-agent: *", "Allow: /"]
    if site.config.base_url:  # a sitemap is announced by its absolute address only
        lines += ["", f"Sitemap: {site.config.base_url}{SITEMAP}"]
    return "\n".join(lines) + "\n"


def address(site: Site, path: str) -> str:
    """Return how the feed and sitemap link a site path: absolute under base_url, else from the site's top folder."""
    return (site.config.base_url or "") + urllib.parse.quote(path, safe="/#")


def entry_id(site: Site, key: str) -> str:
    """Return the permanent id of the feed or an entry: its address under base_url, else a name-based UUID."""
    if site.config.base_url:
        return address(site, key)
    # Without an address the site has no name of its own but its title and organisation: the ids are
    # made from them and the page, so they stay the same from build to build and machine to machine.
    namespace = uuid.uuid5(uuid.NAMESPACE_URL, f"honours:{site.config.title}\n{site.config.organisation or ''}")
    return uuid.uuid5(namespace, key).urn


def latest_entries(site: Site) -> list[Entry]:
    """Return the feed's entries: bulletins and honours by day, newest first, at most FEED_ENTRIES."""
    # Only the newest can make the cut, and an honours entry orders its campaign's whole roll: the
    # entries are chosen by (date, key) first, and only the chosen ones are made.
    renderer = MarkdownRenderer()
    bulletins = {urls.page_of(b): b for b in derive.bulletins_newest_first(site)[:FEED_ENTRIES]}
    days = {f"{urls.honour_roll_page(c)}#{day.isoformat()}": (day, c)
            for c in site.campaigns.values() for day in {h.date for h in site.honours_in(c.id)}}
    chosen = sorted([(b.date, key) for key, b in bulletins.items()] + [(day, key) for key, (day, _) in days.items()],
                    reverse=True)[:FEED_ENTRIES]
    entries = [_bulletin_entry(site, bulletins[key], renderer) for _, key in chosen if key in bulletins]
    by_campaign: dict[str, set[dt.date]] = {}
    for day, key in chosen:
        if key in days:
            by_campaign.setdefault(days[key][1].id, set()).add(day)
    for campaign_id, chosen_days in by_campaign.items():
        entries += _honour_entries(site, site.campaigns[campaign_id], chosen_days)
    entries.sort(key=lambda entry: (entry.date, entry.key), reverse=True)
    return entries


def _bulletin_entry(site: Site, bulletin: Bulletin, renderer: MarkdownRenderer) -> Entry:
    """Return a bulletin's entry, summarised by its number and first paragraph."""
    opening = first_paragraph(renderer, site.body_of(bulletin))
    if bulletin.number and opening:
        summary = site.config.text("feed_summary").format(number=bulletin.number, text=opening)
    else:
        summary = bulletin.number or opening or None
    page = urls.page_of(bulletin)
    return Entry(page, bulletin.title, bulletin.issuer, bulletin.date, page, summary=summary, category=bulletin.kind)


def first_paragraph(renderer: MarkdownRenderer, body: str) -> str:
    """Return the first paragraph of a Markdown body as plain text, without markup or shortcodes."""
    found = re.search(r"<p>(.*?)</p>", renderer.render(body, lambda code, level: ""), re.S)
    if found is None:
        return ""
    text = html.unescape(nh3.clean(found.group(1), tags=set()))
    return " ".join(_WRAPPED.sub("", text).split())


def _honour_entries(site: Site, campaign: Campaign, days: set[dt.date]) -> list[Entry]:
    """Return one entry for each of these days on which a campaign conferred honours, listing them by award."""
    roll = derive.honour_roll(site, campaign)
    entries = []
    for day in sorted(days):
        of_day = [(group, [h for h in group.honours if h.date == day]) for group in roll]
        of_day = [(group, honours) for group, honours in of_day if honours]
        page = urls.honour_roll_page(campaign)
        # A campaign may confer honours on several days, each its own news: the day tells their ids apart.
        entries.append(Entry(f"{page}#{day.isoformat()}", _honours_title(site, campaign, of_day), campaign.organiser,
                             day, page, content=_honours_html(site, of_day)))
    return entries


def _honours_title(site: Site, campaign: Campaign, of_day: list[tuple[derive.AwardGroup, list[Honour]]]) -> str:
    """Return e.g. 2024年文明部室创建活动：表彰先进集体 3 个、先进个人 12 名."""
    text = site.config.text
    counts = []
    for kind in ("unit", "person"):
        recipients = {h.recipient for _, honours in of_day for h in honours if h.recipient_kind == kind}
        if recipients:
            counts.append(text(f"feed_count_{kind}").format(count=len(recipients)))
    return text("feed_honours_title").format(campaign=campaign.title, counts="、".join(counts))


def _honours_html(site: Site, of_day: list[tuple[derive.AwardGroup, list[Honour]]]) -> str:
    """Return the HTML of an honours entry: each award with its ordering note, then its recipients' names."""
    parts = []
    for group, honours in of_day:
        note = site.config.text(group.order_note)
        names = "、".join(_recipient_link(site, honour) for honour in honours)
        parts.append(f"<h3>{html.escape(group.heading)}<small>{html.escape(note)}</small></h3>\n<p>{names}</p>")
    return "\n".join(parts)


def _recipient_link(site: Site, honour: Honour) -> str:
    """Return a recipient's name linked to their page."""
    record = site.recipient(honour)
    return f'<a href="{html.escape(address(site, urls.page_of(record)))}">{html.escape(record.name)}</a>'


def _entry_element(site: Site, entry: Entry) -> ET.Element:
    """Return an entry as Atom: id, title, updated, link and author always; summary, content, category if any."""
    element = ET.Element("entry")
    _add(element, "id", entry_id(site, entry.key))
    _add(element, "title", entry.title)
    _add(element, "updated", _timestamp(entry.date))
    ET.SubElement(element, "link", rel="alternate", type="text/html", href=address(site, entry.link))
    _add(ET.SubElement(element, "author"), "name", entry.author)
    if entry.category:
        ET.SubElement(element, "category", term=entry.category)
    if entry.summary:
        _add(element, "summary", entry.summary)
    if entry.content:
        _add(element, "content", entry.content).set("type", "html")
    return element


def _add(parent: ET.Element, tag: str, text: str) -> ET.Element:
    """Append an element holding `text`, without the characters XML cannot hold."""
    element = ET.SubElement(parent, tag)
    element.text = _NOT_XML.sub("", text)
    return element


def _timestamp(day: dt.date) -> str:
    """Return a day as Atom's date-time: its midnight, China Standard Time."""
    return dt.datetime.combine(day, dt.time(), CHINA_TIME).isoformat()


def _xml(root: ET.Element) -> str:
    """Return a document as UTF-8 XML text, indented so a person can read it."""
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
