"""What a page read from the site, so that a rebuild can tell whether the page would come out the same.

A page is drawn from its own context plus whatever its template looks up in the `Site`. While a page
renders, the site notes each lookup as a key into the page's `Reads`:

    ("record", table, id)      one record, e.g. ("record", "units", "zuzhi-bu")
    ("table", table)           a whole table, when a template walks all of it
    ("query", name, args)      a query such as ("query", "members", ("zuzhi-bu",)): its answer also
                               changes when a record joins or leaves, which no single record shows
    ("picture", table, id, lazy)  the photo markup of a record, which changes with the photo's bytes

A later build recomputes the digest of every key a page read; if none changed (and neither did the
page's context, templates, settings or engine), the page would render to the same bytes.
"""
from __future__ import annotations

import hashlib
from typing import Any, Hashable

Key = tuple[Hashable, ...]


class Reads:
    """The keys one page read from the site, in the order first read."""

    __slots__ = ("keys",)

    def __init__(self) -> None:
        self.keys: dict[Key, None] = {}

    def add(self, key: Key) -> None:
        self.keys[key] = None


def digest(value: Any) -> bytes:
    """Return a digest of a value's repr, stable across runs.

    Records, views and their fields are dataclasses, tuples, dates and strings, whose reprs spell out
    every field; a value with a default `<object at 0x…>` repr would only make its page render
    every time, never reuse a stale page.
    """
    return hashlib.blake2b(repr(value).encode("utf-8", "surrogatepass"), digest_size=16).digest()
