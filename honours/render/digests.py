"""Digests of what pages are drawn from, stable across runs: of records, of values worked out from them."""
from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import is_dataclass
from typing import Any


class Digests:
    """Digests of values, stable across runs; each record's is worked out once per build.

    A digest is of the value's repr. Records, views and their fields are dataclasses, tuples, dates and
    strings, whose reprs spell out every field but a record's body, which is a read of its own (its field
    is declared repr=False; render/reads.py); a value with a default `<object at 0x…>` repr would
    only make its page render every time, never reuse a stale page. Records are immutable, so the
    digest of one is remembered by identity (the record is kept alive so its id is not reused).
    """

    def __init__(self) -> None:
        self._known: dict[int, tuple[Any, bytes]] = {}

    def of(self, value: Any) -> bytes:
        if isinstance(value, (list, tuple)):
            return digest(type(value).__name__.encode() + b"".join(self.of(item) for item in value))
        if isinstance(value, Mapping):
            return digest(b"map" + b"".join(digest(repr(key).encode()) + self.of(item) for key, item in value.items()))
        if is_dataclass(value):
            known = self._known.get(id(value))
            if known is None:
                known = self._known[id(value)] = (value, digest(repr(value).encode("utf-8", "surrogatepass")))
            return known[1]
        return digest(repr(value).encode("utf-8", "surrogatepass"))


def digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()
