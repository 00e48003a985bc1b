"""Where each record's page lives, and links between pages as relative paths that work from file://."""
from __future__ import annotations

import functools
import hashlib
import posixpath
import re
from typing import Any

from ..model.records import Campaign, Unit, kind_of

HOME = "index.html"
YEARS = "years/index.html"
NOT_FOUND = "404.html"
SEARCH = "search.html"  # at the root, so a result's site path is also its link
_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,80}")


def page_of(record: Any) -> str:
    """Return the site-relative path of a record's page (as its kind declares it); built from ids, never titles."""
    kind = kind_of(record)
    if kind.url is None:
        raise TypeError(f"no page for {type(record).__name__}")
    return kind.page_of(record.id)


def index_of(table: str) -> str:
    """Return the path of the page listing a kind's records (see RecordKind.index)."""
    return f"{table}/index.html"


def honour_roll_page(campaign: Campaign) -> str:
    """Return the path of a campaign's honour roll (photo wall) page."""
    return f"campaigns/{campaign.id}/honour-roll.html"


def results_page(results: Any) -> str:
    """Return the path of a campaign's score table for one period."""
    return period_page(results.campaign.id, results.period.slug)


def assessment_bulletin_page(results: Any) -> str:
    """Return the path of a period's 考核通报."""
    return period_page(results.campaign.id, results.period.slug, "-bulletin")


def period_page(campaign_id: str, period: str, suffix: str = "") -> str:
    """Return the path of a campaign's page for one period: its results, or (`-bulletin`) its 考核通报."""
    return f"campaigns/{campaign_id}/results/{period}{suffix}.html"


def printed(path: str) -> str:
    """Return the path of the printable form of a page: the same place under print/."""
    return f"print/{path}"


def print_roll(campaign: Campaign, award: str | None = None) -> str:
    """Return the path of a campaign's honour roll on paper, whole or for one award.

    An award's id is typed by hand and checked by no file system: one that would not make a safe
    file name on every system is replaced by the award's place in the campaign.
    """
    if award is None:
        return printed(f"campaigns/{campaign.id}/honour-roll.html")
    if not _SAFE_NAME.fullmatch(award):
        award = f"award-{next(i for i, a in enumerate(campaign.awards, start=1) if a.id == award)}"
    return printed(f"campaigns/{campaign.id}/honour-roll-{award}.html")


def certificates_page(campaign: Campaign, award: str | None = None) -> str:
    """Return the path of a campaign's certificates (荣誉证书), all of them or one award's."""
    if award is None:
        return printed(f"campaigns/{campaign.id}/certificates.html")
    return print_roll(campaign, award).replace("/honour-roll-", "/certificates-", 1)


def certificate_page(campaign: Campaign, serial: int) -> str:
    """Return the path of one honour's certificate: by its place in honours.yaml, which its number carries too."""
    return printed(f"campaigns/{campaign.id}/certificates/{serial:03d}.html")


# One calibration page for the site: the paper and boxes are site.toml's.
CERTIFICATE_CALIBRATION = printed("certificates/calibration.html")

def screen_page(campaign: Campaign, award: str | None = None) -> str:
    """Return the path of a campaign's lobby-screen slideshow (电子屏), whole or for one award.

    A file beside the honour roll, not a folder's index.html: a TV box opening the site from a USB
    stick (file://) opens no index.html by itself.
    """
    folder, name = print_roll(campaign, award).removeprefix(printed("")).rsplit("/", 1)
    return f"{folder}/{name.replace('honour-roll', 'screen', 1)}"


def share_page(path: str) -> str:
    """Return the path of the page a share image (长图) is made from: a page's printable form, under print/share/."""
    return printed(f"share/{path.removeprefix(printed(''))}")


def share_image(path: str, part: int, parts: int) -> str:
    """Return where part `part` (from 1) of `parts` of a share page's image goes: beside it, numbered when several."""
    return path.removesuffix(".html") + (f"-{part}.png" if parts > 1 else ".png")


def board_page(campaign: Campaign) -> str:
    """Return the path of a campaign's display board (展板)."""
    return printed(f"campaigns/{campaign.id}/board.html")


def colour_page(unit: Unit) -> str:
    """Return the path of a unit's colour page (彩页)."""
    return printed(f"units/{unit.id}.html")


def pdf_of(path: str) -> str:
    """Return where the PDF of a printable page goes: beside it, as .pdf."""
    return path.removesuffix(".html") + ".pdf"


# Search is split into shards of about this many pages, each its own Pagefind bundle and script index,
# so that an edit rebuilds one shard's index rather than the whole site's.
PAGES_PER_SHARD = 1000
MOST_SHARDS = 32


def search_shards(pages: int) -> int:
    """Return how many shards search has for this many searched pages: a power of two, one for a small site."""
    shards = 1
    while shards * PAGES_PER_SHARD < pages and shards < MOST_SHARDS:
        shards *= 2
    return shards


def search_shard(path: str, shards: int) -> int:
    """Return the shard a searched page is in: by a digest of its path, so it stays there from build to build."""
    return int.from_bytes(hashlib.blake2b(path.encode(), digest_size=4).digest(), "big") % shards


def pagefind_bundle(shard: int) -> str:
    """Return the folder of a shard's Pagefind bundle: pagefind/ (which also holds Pagefind's scripts) for the first."""
    return "pagefind/" if shard == 0 else f"pagefind/shard-{shard}/"


SEARCH_ORDER = "search/order.js"  # which shard each searched page is in, for the script indexes (search/fallback.py)


def fallback_index(shard: int) -> str:
    """Return the script index of a shard, read by search.js where Pagefind cannot be (a site opened from a folder)."""
    return "search/index.js" if shard == 0 else f"search/index-{shard}.js"


def year_page(year: int) -> str:
    """Return the path of a year's archive page."""
    return f"years/{year}.html"


def relative(from_page: str, target: str) -> str:
    """Return the link from one page to a site path, e.g. `../people/zhang-wei.html`."""
    target, _, fragment = target.partition("#")
    folder = from_page.rpartition("/")[0]
    if target.endswith("/") or target == folder or folder.startswith(target + "/"):
        link = posixpath.relpath(target, folder or ".")  # a folder, not a file: rare enough to work out in full
    elif not folder:  # a page at the top: every site path is its own link
        link = target
    elif target.startswith(folder + "/"):
        link = target[len(folder) + 1:]
    else:
        link = _relative(target, folder)
    return f"{link}#{fragment}" if fragment else link


@functools.lru_cache(maxsize=4096)
def _up(folder: str, target_folder: str) -> tuple[str, int]:
    """Return how a link from `folder` to a file in `target_folder` begins (`../../x/`), and where the
    file's path continues after the folders the two share."""
    ours, theirs = folder.split("/"), target_folder.split("/") if target_folder else []
    common = 0
    while common < min(len(ours), len(theirs)) and ours[common] == theirs[common]:
        common += 1
    shared = len("/".join(theirs[:common])) + 1 if common else 0
    return "../" * (len(ours) - common), shared


def _relative(target: str, folder: str) -> str:
    # A site has few folders: how to climb out of one to another is worked out once per pair.
    up, shared = _up(folder, target.rpartition("/")[0])
    return (up + target[shared:]).rstrip("/") or "."
