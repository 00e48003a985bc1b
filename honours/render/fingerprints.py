"""What each key a page read gives now, as a digest: a later build compares it with the last build's
to tell whether a page would come out the same (render/reuse.py). The keys are those of render/reads.py."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .digests import digest as _hash
from . import reads
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

    def summary_reads(self, key: Key) -> tuple[Key, ...] | None:
        """Return what a summarised value read, if it was worked out in this build (render/reuse.py)."""
        summary = self._site.summary(key, work_out=False)
        return None if summary is None else summary.reads

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
            case (reads.PICTURED, kind, record_id):
                record = site.table(kind).get(record_id)
                return b"" if record is None else _hash(self._record(record) + self._photo(record).encode())
            case (reads.SUMMARY, _, _):
                return site.summary(key).digest  # type: ignore[union-attr]
            case ("pdf", path):
                return _hash(repr(site.pdf_of(path)).encode())
            case ("share", path):
                return _hash(repr(site.share_images(path)).encode())
            case ("attachment", file):
                return _hash(repr(site.attachment_digest(Path(file))).encode())
        raise ValueError(f"not a site read: {key!r}")
