"""What each key a page read gives now, as a digest: a later build compares it with the last build's
to tell whether a page would come out the same (render/reuse.py). The keys are those of render/reads.py."""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import is_dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .reads import Key, NotedSite

if TYPE_CHECKING:
    from .pages import Page


class Fingerprints:
    """What each read key gives now, as a digest worked out from the records' digests, not their values.

    A key about records (a record, a table, who is in a unit) is told by the records' digests and ids;
    a picture by its record and its photo's bytes; a PDF by its link. `record_digest` gives a record's
    digest (`Digests.of`: of its repr, worked out once a record); `photo_digest` a photo file's.
    """

    def __init__(self, site: NotedSite, record_digest: Callable[[Any], bytes],
                 photo_digest: Callable[[Any], str]) -> None:
        self._site, self._record, self._photo = site, record_digest, photo_digest
        self._known: dict[Key, bytes] = {}

    def of(self, key: Key) -> bytes:
        found = self._known.get(key)
        if found is None:
            found = self._known[key] = self._work_out(key)
        return found

    def _pictured(self, kind: str, record_id: str) -> bytes:
        """Return the digest of a record and its photos (b"" if it is gone), worked out once a record: a record is
        pictured in several sizes, on the web and on each printed form. It is every such key's digest: a key's
        own arguments (its size, its form) are the same in both builds it is compared between."""
        key = ("pictured", kind, record_id)
        if key not in self._known:
            record = self._site.table(kind).get(record_id)
            self._known[key] = b"" if record is None else _hash(self._record(record) + self._photo(record).encode())
        return self._known[key]

    def page(self, page: Page) -> bytes:
        """Return the digest of a page itself: its place, what it is, its template, title, record (but its body,
        which the page notes if it shows it) and view."""
        record = self._record(page.record) if page.record is not None else b""
        return _hash(repr((page.path, page.kind, page.template, page.title, page.section, page.nav, page.view,
                           page.search)).encode("utf-8", "surrogatepass") + record)

    def _work_out(self, key: Key) -> bytes:
        site = self._site
        match key:
            case ("record", "assessments", campaign_id):
                return _hash(repr(site.assessments.get(campaign_id)).encode("utf-8", "surrogatepass"))
            case ("record", table, record_id):
                record = getattr(site, table).get(record_id)
                return b"" if record is None else self._record(record)
            case ("body", table, record_id):
                record = getattr(site, table).get(record_id)
                return b"" if record is None else _hash(site.body_of(record).encode("utf-8", "surrogatepass"))
            case ("table", "assessments"):
                return _hash(repr(tuple(site.assessments.items())).encode("utf-8", "surrogatepass"))
            case ("table", table):
                return _hash(b"".join(r.id.encode() + self._record(r) for r in getattr(site, table).values()))
            case ("query", "children" | "members" | "merged_units", args):
                return _hash("\0".join(r.id for r in getattr(site, key[1])(*args)).encode())
            case ("query", name, args):
                found = getattr(site, name)
                return _hash(repr(found(*args) if callable(found) else found).encode("utf-8", "surrogatepass"))
            case ("picture" | "print_picture", kind, record_id, *_):
                return self._pictured(kind, record_id)
            case ("pdf", path):
                return _hash(repr(site.pdf_of(path)).encode())
            case ("share", path):
                return _hash(repr(site.share_images(path)).encode())
            case ("attachment", file):
                return _hash(repr(site.attachment_digest(Path(file))).encode())
        raise ValueError(f"not a site read: {key!r}")


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
