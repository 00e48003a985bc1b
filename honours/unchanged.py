"""Whether a build would only redo the last one: no file it reads changed, output/ is as it left it,
and so is the cache it made it from (deleting a cache folder, to have its work done again, is a change).

Then the build is skipped, its warnings are reported again, and output/ is not touched: the quick
answer to `build` run twice, or run by a scheduled job on an unchanged shared folder.
"""
from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass
from pathlib import Path

from .cachefiles import changed_at, load_state, save_state, settled, stamp_of
from .errors import Problem
from .write import Stamp

_FILE = "build.pickle"
_VERSION = 3
_OWN = {_FILE, "build.lock"}


@dataclass(frozen=True, slots=True)
class LastBuild:
    """What the last successful build read, made and reported."""

    inputs: bytes
    output: dict[str, Stamp]
    caches: tuple[tuple[str, int], ...]  # the cache's entries as it left them (cache_entries)
    problems: list[Problem]
    pages: int
    photos: int
    saved_at: int


def inputs_digest(folders: list[Path], files: list[Path], extra: bytes) -> tuple[bytes, int]:
    """Return a digest of every file's path and stamp under `folders` and of `files`, and the newest stamp."""
    hasher = hashlib.blake2b(extra, digest_size=16)
    newest = 0
    for path in [str(f) for f in files] + [p for folder in folders if folder.is_dir() for p in _walk(str(folder))]:
        try:
            stat = os.stat(path)
        except OSError:
            hasher.update(f"{path}\0missing\0".encode("utf-8", "surrogatepass"))
            continue
        stamp = stamp_of(stat)
        newest = max(newest, changed_at(stamp))
        hasher.update(f"{path}\0{stamp}\0".encode("utf-8", "surrogatepass"))
    return hasher.digest(), newest


def _walk(folder: str) -> list[str]:
    """Return the paths of the files under `folder`, in a fixed order (as strings: a large site has
    tens of thousands, and this runs on every build, even one that is skipped)."""
    found = []
    for parent, folders, names in os.walk(folder):
        folders.sort()
        found.extend(os.path.join(parent, name) for name in sorted(names))
    return found


def unchanged(cache: Path, inputs: bytes, newest: int, output: dict[str, Stamp]) -> LastBuild | None:
    """Return the last build if it read exactly these inputs and `output` (an inventory) is as it left it."""
    last = load_state(cache / _FILE, _VERSION)
    if last is None or last.inputs != inputs or not settled(newest, last.saved_at):
        return None
    return last if output == last.output and cache_entries(cache) == last.caches else None


def cache_entries(cache: Path) -> tuple[tuple[str, int], ...]:
    """Return the cache's top entries (the PDF shelf, photos, search, the edition's …) by name and inode:
    one deleted, or remade, is told from the one the last build left, whatever it holds."""
    try:
        with os.scandir(cache) as entries:
            return tuple(sorted((entry.name, entry.inode()) for entry in entries if entry.name not in _OWN))
    except OSError:
        return ()


def remember(cache: Path, inputs: bytes, output: dict[str, Stamp], problems: list[Problem], pages: int,
             photos: int) -> None:
    """Record a successful build, and the inventory of the output/ it left, for the next one to compare with."""
    save_state(cache / _FILE, _VERSION, LastBuild(inputs, output, cache_entries(cache), problems, pages, photos,
                                                  time.time_ns()))


def forget(cache: Path) -> None:
    """Drop the record of the last build (a build is under way that may change output/)."""
    (cache / _FILE).unlink(missing_ok=True)
