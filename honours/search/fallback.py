"""The search index for a site opened from a folder (file://), where Pagefind cannot fetch its index.

It is a plain script setting one variable, which a page may load from file:// where it could not
fetch a JSON file, and `assets/js/search.js` searches it in the browser. Chinese needs no word
segmentation there: every term typed is looked for as a substring of the title and text, which
finds a name or any part of a citation exactly.
"""
from __future__ import annotations

import json

from .entries import SearchEntry

FALLBACK_INDEX = "search/index.js"
TEXT_LIMIT = 4000  # characters of a page's text kept: names and titles come first, long bulletins are cut


def fallback_index(entries: list[SearchEntry]) -> str:
    """Return the script holding every entry: its path, title, kind, years, campaigns and text."""
    campaigns = sorted({c for entry in entries for c in entry.campaigns})
    kinds = list(dict.fromkeys(entry.kind for entry in entries))
    number = {title: i for i, title in enumerate(campaigns)}
    pages = [[entry.path, entry.title, kinds.index(entry.kind), list(entry.years),
              [number[c] for c in entry.campaigns], entry.text[:TEXT_LIMIT]] for entry in entries]
    data = {"kinds": kinds, "campaigns": campaigns, "pages": pages}
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return ("// The search index for reading this site from a folder; made by honours, do not edit.\n"
            f"window.honoursSearchIndex = {body};\n")
