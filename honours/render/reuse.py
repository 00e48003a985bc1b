"""Which pages of the previous build would render to the same bytes, so they need not be rendered again.

A page is reused when nothing it was drawn from changed: the engine, the templates and the settings
(one digest for the whole site, engine.py's `engine_key`), the page itself, and every record, table, query and
photo its template read (see `render/reads.py`), each compared by digest. Its file in output/ must
also be exactly as this build's predecessor wrote it. Anything else renders again, so a change the
reads do not see costs time, never correctness; the tests compare incremental and cold builds.
"""
from __future__ import annotations

import itertools
import operator
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ..cachefiles import load_state, save_state
from ..write import Stamp
from .fingerprints import Fingerprints
from .reads import SUMMARY, Key

_FILE = "pages.pickle"
_VERSION = 9
# The places of the keys a page read, four bytes each: a large site's pages read near a million keys, which
# as tuples of ints took 30 MB and most of the time of saving and loading. Saved as their bytes, which pickle
# copies whole.
Places = array
_PLACE = "I"
_State = tuple[bytes, Places, Stamp, tuple[str, ...]]  # a page's PageState, as save works on it


@dataclass(frozen=True, slots=True)
class PageState:
    """What one page was drawn from (its own digest, and the keys it read, by their place in the build's
    table of keys), the stamp of the file it was written to, and the photo files it shows."""

    page: bytes
    keys: Places
    stamp: Stamp
    photos: tuple[str, ...] = ()  # site paths: published, and kept in the cache, while the page is


class PreviousBuild:
    """The pages the last successful build wrote into one output folder, what each was drawn from, and
    what each key read gave then."""

    def __init__(self, cache: Path, output: Path, engine: bytes) -> None:
        self._file = cache / _FILE
        self._output = str(output.resolve())
        self._engine = engine
        output_seen, engine_seen, keys, digests, pages, checked, summaries = load_state(
            self._file, _VERSION, resident=True) or (None, None, [], [], {}, 0, {})
        # Pages written into another folder, or drawn by other code, templates or settings: render them all.
        same = (output_seen, engine_seen) == (self._output, engine)
        # Saved as tuples: pickling a slotted dataclass runs Python for each of ten thousand pages.
        self.pages: dict[str, PageState] = {path: PageState(digest, array(_PLACE, places), stamp, photos)
                                            for path, (digest, places, stamp, photos) in pages.items()} if same else {}
        self.keys: list[Key] = keys if same else []
        self._digests: list[bytes] = digests if same else []
        self._checked = checked if same else 0  # how many keys the table had when last rid of those no page reads
        # What each summary read (NotedSite.summarised), by the places of the summary and of the keys it read.
        self._summaries: dict[int, Places] = {place: array(_PLACE, reads) for place, reads in summaries.items()} \
            if same else {}
        self._changed: set[int] | None = None  # the keys that give something else now, once worked out
        self._lent: dict[str, tuple[tuple[Key, ...], Places]] = {}  # what keys_of gave, by page

    @staticmethod
    def preload(cache: Path) -> None:
        """Load the pages kept in `cache` into memory, for a build to come (cachefiles.keep_resident)."""
        load_state(cache / _FILE, _VERSION, resident=True)

    def reusable(self, path: str, page_digest: bytes, fingerprints: Fingerprints, existing: dict[str, Stamp]) -> bool:
        """Return whether the page at `path` would render to the bytes already in output/: nothing it read gives
        anything else now."""
        state = self.pages.get(path)
        if state is None or state.page != page_digest or existing.get(path) != state.stamp:
            return False
        return self._changed_keys(fingerprints).isdisjoint(state.keys)

    def _changed_keys(self, fingerprints: Fingerprints) -> set[int]:
        """Return the places of the keys that give something else now than in the last build."""
        if self._changed is None:  # each key looked at once, however many pages read it: a page reads tens
            changed = {index for index, (key, digest) in enumerate(zip(self.keys, self._digests))
                       if key[0] != SUMMARY and fingerprints.of(key) != digest}
            # A summary is worked out again (and told by its value's digest) only if something it read changed.
            for index, key in enumerate(self.keys):
                if key[0] != SUMMARY:
                    continue
                reads = self._summaries.get(index)
                if (reads is None or not changed.isdisjoint(reads)) and fingerprints.of(key) != self._digests[index]:
                    changed.add(index)
            self._changed = changed
        return self._changed

    def save(self, pages: dict[str, tuple[bytes, tuple[Key, ...], Stamp, tuple[str, ...]]],
             fingerprints: Fingerprints) -> None:
        """Remember this build's pages (digest, keys read, stamp, photos) for the next build.

        The table of keys starts as the last build's, so a kept page (its keys as keys_of gave them) keeps its
        places in it and only the pages rendered again are looked up: after an edit, a few of ten thousand.
        """
        table, place = self._table()
        states: dict[str, _State] = {}
        for path, (digest, keys, stamp, photos) in pages.items():
            lent = self._lent.get(path)
            places = lent[1] if lent is not None and lent[0] is keys else array(_PLACE, map(place, keys))
            states[path] = (digest, places, stamp, photos)
        summaries = self._summaries_now(table, place, fingerprints)
        keys = list(table)
        digests = self._digests_now(keys, fingerprints)
        checked = self._checked
        # Keys no page reads any more (a record renamed) still have their digests worked out by each build: once
        # the table has grown by an eighth, it is rid of them (not every time: that looks at every page's keys).
        if len(keys) > checked + checked // 8:
            if self.keys:  # a table made afresh holds only keys that pages read
                keys, digests, states, summaries = _compacted(keys, digests, states, summaries)
            checked = len(keys)
        saved = {path: (digest, places.tobytes(), stamp, photos)
                 for path, (digest, places, stamp, photos) in states.items()}
        summarised = {index: reads.tobytes() for index, reads in summaries.items()}
        save_state(self._file, _VERSION, (self._output, self._engine, keys, digests, saved, checked, summarised),
                   resident=True)

    def _summaries_now(self, table: dict[Key, int], place: Callable[[Key], int],
                       fingerprints: Fingerprints) -> dict[int, Places]:
        """Return what each summary in the table read: as worked out in this build, else (unchanged) as last time.
        The keys it read join the table."""
        found = {}
        for key, index in [(key, index) for key, index in table.items() if key[0] == SUMMARY]:
            reads = fingerprints.summary_reads(key)
            if reads is None and self._changed is not None and index in self._summaries:
                found[index] = self._summaries[index]
                continue
            if reads is None:
                fingerprints.of(key)  # worked out here
                reads = fingerprints.summary_reads(key) or ()
            found[index] = array(_PLACE, map(place, reads))
        return found

    def _table(self) -> tuple[dict[Key, int], Callable[[Key], int]]:
        """Return the last build's table of keys, by place, and what gives a key's place (a new key's the next)."""
        table: defaultdict[Key, int] = defaultdict(itertools.count(len(self.keys)).__next__)
        table.update(zip(self.keys, itertools.count()))
        return table, table.__getitem__

    def _digests_now(self, keys: list[Key], fingerprints: Fingerprints) -> list[bytes]:
        """Return what each key gives now: the last build's digest unless it changed (when that is known)."""
        if self._changed is None:  # no page was kept: nothing is known of the last build's keys
            return [fingerprints.of(key) for key in keys]
        digests = self._digests + [fingerprints.of(key) for key in keys[len(self.keys):]]
        for index in self._changed:
            digests[index] = fingerprints.of(keys[index])
        return digests

    def read_of_kind(self, kind: str, paths: Iterable[str]) -> list[Key]:
        """Return the keys of one kind (e.g. "attachment") that any of these pages of the last build read."""
        wanted = {index for index, key in enumerate(self.keys) if key[0] == kind}
        if not wanted:  # most sites: none at all
            return []
        found = {index for path in paths for index in self.pages[path].keys if index in wanted}
        return [self.keys[index] for index in sorted(found)]

    def keys_of(self, path: str) -> tuple[Key, ...]:
        """Return the keys a page of the last build read (save takes them back by their places, not looked up)."""
        places = self.pages[path].keys
        keys = operator.itemgetter(*places)(self.keys) if len(places) > 1 else tuple(self.keys[i] for i in places)
        self._lent[path] = (keys, places)
        return keys


def _compacted(keys: list[Key], digests: list[bytes], states: dict[str, _State], summaries: dict[int, Places]
               ) -> tuple[list[Key], list[bytes], dict[str, _State], dict[int, Places]]:
    """Return the table of keys (and their digests) without those no page reads (nor a summary a page reads), and
    the pages' states and the summaries by their new places."""
    used = set().union(*(places for _, places, _, _ in states.values()))
    summaries = {index: reads for index, reads in summaries.items() if index in used}
    used.update(*summaries.values())
    if len(used) == len(keys):
        return keys, digests, states, summaries
    kept = sorted(used)
    place = dict(zip(kept, itertools.count())).__getitem__
    return [keys[i] for i in kept], [digests[i] for i in kept], {
        path: (digest, array(_PLACE, map(place, places)), stamp, photos)
        for path, (digest, places, stamp, photos) in states.items()}, {
        place(index): array(_PLACE, map(place, reads)) for index, reads in summaries.items()}
