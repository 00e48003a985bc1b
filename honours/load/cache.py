"""Records read from unchanged files, remembered between builds so a rebuild parses only what changed.

A file counts as unchanged while its size, times and inode are (as git decides). An entry whose file
changed within a second of being remembered is "racy": a quick second edit could keep every stamp,
so such a file is re-read and its bytes compared before the entry is trusted.
"""
from __future__ import annotations

import hashlib
import logging
import os
import pickle
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import Problem, Problems

log = logging.getLogger(__name__)

_FILE = "records.pickle"
_VERSION = 1
_RACY_NS = 1_000_000_000


@dataclass(frozen=True, slots=True)
class _Entry:
    stamp: tuple[int, int, int, int]
    digest: bytes
    records: list
    problems: list[Problem]  # warnings met while reading, reported again on every build


class ReadCache:
    """What each record file held when last read: its records and the warnings reading it gave."""

    def __init__(self, folder: Path | None) -> None:
        self._file = folder / _FILE if folder else None
        self._old: dict[tuple, _Entry] = {}
        self._saved_at = 0
        self._new: dict[tuple, _Entry] = {}
        if self._file is not None:
            try:
                with self._file.open("rb") as stream:
                    version, self._saved_at, self._old = pickle.load(stream)
                if version != _VERSION:
                    self._old = {}
            except Exception:  # missing, from another version, or damaged: read everything again
                self._old = {}

    def read(self, key: tuple, path: Path, problems: Problems, reader: Callable[[Problems], list]) -> list:
        """Return `reader`'s records for `path`, from memory when the file is unchanged."""
        try:
            stamp = _stamp(os.stat(path))
        except OSError:
            return reader(problems)
        entry = self._old.get(key)
        if entry is not None and entry.stamp == stamp and max(stamp[1], stamp[2]) < self._saved_at - _RACY_NS:
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
        if self._file is None:
            return
        try:
            self._file.parent.mkdir(parents=True, exist_ok=True)
            partial = self._file.with_suffix(".partial")
            with partial.open("wb") as stream:
                pickle.dump((_VERSION, time.time_ns(), self._new), stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(partial, self._file)
        except OSError as exc:  # a cache that cannot be written only costs time next build
            log.warning("could not save the record cache: %s", exc)

    def _reuse(self, key: tuple, entry: _Entry, problems: Problems) -> list:
        self._new[key] = entry
        problems.items.extend(entry.problems)
        return entry.records


def _stamp(stat: os.stat_result) -> tuple[int, int, int, int]:
    return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)
