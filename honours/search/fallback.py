"""The search index for a site opened from a folder (file://), where Pagefind cannot fetch its index.

Each shard of the index is a plain script adding its pages to one global list, which a page may
load from file:// where it could not fetch a JSON file, and `assets/js/search.js` searches them
all in the browser. Chinese needs no word segmentation there: every term typed is looked for as a
substring of the title and text, which finds a name or any part of a citation exactly.

The shards hold the pages in page order each; with several, `search/order.js` says which shard
each page of the site comes from in turn, so that search.js lists results in page order as one
index would. It is small (a character a page) and changes only when pages come, go or move.
"""
from __future__ import annotations

import json

from .entries import SearchEntry

TEXT_LIMIT = 4000  # characters of a page's text kept: names and titles come first, long bulletins are cut
SHARD_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"  # search.js has the same


def fallback_index(entries: list[SearchEntry], shard: int) -> str:
    """Return the script holding a shard's entries: each one's path, title, kind, years, campaigns and text."""
    campaigns = sorted({c for entry in entries for c in entry.campaigns})
    kinds = list(dict.fromkeys(entry.kind for entry in entries))
    number = {title: i for i, title in enumerate(campaigns)}
    kind_number = {kind: i for i, kind in enumerate(kinds)}
    pages = [[entry.path, entry.title, kind_number[entry.kind], list(entry.years),
              [number[c] for c in entry.campaigns], entry.text[:TEXT_LIMIT]] for entry in entries]
    data = {"shard": shard, "kinds": kinds, "campaigns": campaigns, "pages": pages}
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return ("// A shard of the search index for reading this site from a folder; made by honours, do not edit.\n"
            f"(window.honoursSearchShards = window.honoursSearchShards || []).push({body});\n")


def order_script(shards: list[int]) -> str:
    """Return the script naming the shard of each searched page, in page order."""
    order = "".join(SHARD_DIGITS[shard] for shard in shards)
    return ("// Which shard of the search index each page is in, in page order; made by honours, do not edit.\n"
            f'window.honoursSearchOrder = "{order}";\n')
