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
from collections.abc import Mapping
from dataclasses import is_dataclass
from typing import Any, Hashable

Key = tuple[Hashable, ...]


class Reads:
    """The keys one page read from the site, in the order first read."""

    __slots__ = ("keys",)

    def __init__(self) -> None:
        self.keys: dict[Key, None] = {}

    def add(self, key: Key) -> None:
        self.keys[key] = None


class Digests:
    """Digests of values, stable across runs; each record's is worked out once per build.

    A digest is of the value's repr. Records, views and their fields are dataclasses, tuples, dates and
    strings, whose reprs spell out every field; a value with a default `<object at 0x…>` repr would
    only make its page render every time, never reuse a stale page. Records are immutable, so the
    digest of one is remembered by identity (the record is kept alive so its id is not reused).
    """

    def __init__(self) -> None:
        self._known: dict[int, tuple[Any, bytes]] = {}

    def of(self, value: Any) -> bytes:
        if isinstance(value, (list, tuple)):
            return _hash(type(value).__name__.encode() + b"".join(self.of(item) for item in value))
        if isinstance(value, Mapping):
            return _hash(b"map" + b"".join(_hash(repr(key).encode()) + self.of(item) for key, item in value.items()))
        if is_dataclass(value):
            known = self._known.get(id(value))
            if known is None:
                known = self._known[id(value)] = (value, _hash(repr(value).encode("utf-8", "surrogatepass")))
            return known[1]
        return _hash(repr(value).encode("utf-8", "surrogatepass"))


def _hash(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()
