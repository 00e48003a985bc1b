"""Which pages of the previous build would render to the same bytes, so they need not be rendered again.

A page is reused when nothing it was drawn from changed: the engine, the templates and the settings
(one `engine_key` for the whole site), the page itself, and every record, table, query and
photo its template read (see `render/reads.py`), each compared by digest. Its file in output/ must
also be exactly as this build's predecessor wrote it. Anything else renders again, so a change the
reads do not see costs time, never correctness; the tests compare incremental and cold builds.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..cachefiles import load_state, save_state
from ..config import SiteConfig
from ..write import Stamp
from .pages import Page
from .reads import Fingerprints, Key

_FILE = "pages.pickle"
_VERSION = 5
ENGINE_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True, slots=True)
class PageState:
    """What one page was drawn from (its own digest, and the keys it read, by their place in the build's
    table of keys), the stamp of the file it was written to, and the photo files it shows."""

    page: bytes
    keys: tuple[int, ...]
    stamp: Stamp
    photos: tuple[str, ...] = ()  # site paths: published, and kept in the cache, while the page is


def engine_key(config: SiteConfig, template_folders: list[Path]) -> bytes:
    """Return a digest of everything every page depends on: engine code and data, templates, settings."""
    hasher = hashlib.blake2b(digest_size=16)
    for folder in [ENGINE_ROOT, *template_folders]:
        if not folder.is_dir():
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            hasher.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    hasher.update(repr(config).encode("utf-8", "surrogatepass"))
    return hasher.digest()


class PreviousBuild:
    """The pages the last successful build wrote into one output folder, what each was drawn from, and
    what each key read gave then."""

    def __init__(self, cache: Path, output: Path, engine: bytes) -> None:
        self._file = cache / _FILE
        self._output = str(output.resolve())
        self._engine = engine
        output_seen, engine_seen, keys, digests, pages = load_state(self._file, _VERSION) or (None, None, [], [], {})
        # Pages written into another folder, or drawn by other code, templates or settings: render them all.
        same = (output_seen, engine_seen) == (self._output, engine)
        # Kept as tuples: pickling a slotted dataclass runs Python for each of ten thousand pages.
        self.pages: dict[str, PageState] = {path: PageState(*state) for path, state in pages.items()} if same else {}
        self.keys: list[Key] = keys if same else []
        self._digests: list[bytes] = digests if same else []
        self._changed: set[int] | None = None  # the keys that give something else now, once worked out

    def reusable(self, page: Page, page_digest: bytes, fingerprints: Fingerprints, existing: dict[str, Stamp]) -> bool:
        """Return whether `page` would render to the bytes already in output/: nothing it read gives
        anything else now."""
        state = self.pages.get(page.path)
        if state is None or state.page != page_digest or existing.get(page.path) != state.stamp:
            return False
        if self._changed is None:  # each key looked at once, however many pages read it: a page reads tens
            self._changed = {index for index, (key, digest) in enumerate(zip(self.keys, self._digests))
                             if fingerprints.of(key) != digest}
        return self._changed.isdisjoint(state.keys)

    def save(self, pages: dict[str, tuple[bytes, tuple[Key, ...], Stamp, tuple[str, ...]]],
             fingerprints: Fingerprints) -> None:
        """Remember this build's pages (digest, keys read, stamp, photos) for the next build."""
        table: dict[Key, int] = {}
        states = {path: (digest, tuple(table.setdefault(key, len(table)) for key in keys), stamp, photos)
                  for path, (digest, keys, stamp, photos) in pages.items()}
        keys = list(table)
        save_state(self._file, _VERSION, (self._output, self._engine, keys, [fingerprints.of(k) for k in keys], states))

    def read_of_kind(self, kind: str, paths: Iterable[str]) -> list[Key]:
        """Return the keys of one kind (e.g. "attachment") that any of these pages of the last build read."""
        wanted = {index for index, key in enumerate(self.keys) if key[0] == kind}
        if not wanted:  # most sites: none at all
            return []
        found = {index for path in paths for index in self.pages[path].keys if index in wanted}
        return [self.keys[index] for index in sorted(found)]

    def keys_of(self, path: str) -> tuple[Key, ...]:
        """Return the keys a page of the last build read."""
        return tuple(self.keys[index] for index in self.pages[path].keys)
