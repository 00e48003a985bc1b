"""Records read from unchanged files, remembered between builds so a rebuild parses only what changed.

A file counts as unchanged while its stamp is (see cachefiles.py); one changed too close to the
last save to be judged by its stamp is re-read and its bytes compared before its entry is trusted.
"""
from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..cachefiles import Stamp, changed_at, load_state, save_state, settled, stamp_of
from ..errors import Problem, Problems

_FILE = "records.pickle"
_VERSION = 2


@dataclass(frozen=True, slots=True)
class _Entry:
    stamp: Stamp
    digest: bytes
    records: list
    problems: list[Problem]  # warnings met while reading, reported again on every build


class ReadCache:
    """What each record file held when last read: its records and the warnings reading it gave."""

    def __init__(self, folder: Path | None) -> None:
        self._file = folder / _FILE if folder else None
        saved = load_state(self._file, _VERSION) if self._file else None
        self._saved_at, self._old = saved or (0, {})
        self._new: dict[tuple, _Entry] = {}

    def read(self, key: tuple, path: Path, problems: Problems, reader: Callable[[Problems], list]) -> list:
        """Return `reader`'s records for `path`, from memory when the file is unchanged."""
        try:
            stamp = stamp_of(os.stat(path))
        except OSError:
            return reader(problems)
        entry = self._old.get(key)
        if entry is not None and entry.stamp == stamp and settled(changed_at(stamp), self._saved_at):
            return self._reuse(key, entry, problems)
        try:
            digest = hashlib.blake2b(path.read_bytes(), digest_size=16).digest()
        except OSError:
            return reader(problems)
        if entry is not None and entry.digest == digest:
            return self._reuse(key, _Entry(stamp, digest, entry.records, entry.problems), problems)
        found = Problems()
        records = reader(found)
        problems.items.extend(found.items)
        if not found.errors:  # a broken file is read again next time, so its errors are reported again
            self._new[key] = _Entry(stamp, digest, records, found.items)
        return records

    def save(self) -> None:
        """Remember the files read by this build (and only those)."""
        if self._file is not None:
            save_state(self._file, _VERSION, (time.time_ns(), self._new))

    def _reuse(self, key: tuple, entry: _Entry, problems: Problems) -> list:
        self._new[key] = entry
        problems.items.extend(entry.problems)
        return entry.records
