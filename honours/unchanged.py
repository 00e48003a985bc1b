"""Whether a build would only redo the last one: no file it reads changed, and output/ is as it left it.

Then the build is skipped, its warnings are reported again, and output/ is not touched: the quick
answer to `build` run twice, or run by a scheduled job on an unchanged shared folder.
"""
from __future__ import annotations

import hashlib
import logging
import os
import pickle
import time
from dataclasses import dataclass
from pathlib import Path

from .errors import Problem
from .write import Stamp, inventory

log = logging.getLogger(__name__)

_FILE = "build.pickle"
_VERSION = 1
_RACY_NS = 1_000_000_000  # a file changed this close to the last build could keep its stamp


@dataclass(frozen=True, slots=True)
class LastBuild:
    """What the last successful build read, made and reported."""

    inputs: bytes
    output: dict[str, Stamp]
    problems: list[Problem]
    pages: int
    photos: int
    saved_at: int


def inputs_digest(folders: list[Path], files: list[Path], extra: bytes) -> tuple[bytes, int]:
    """Return a digest of every file's path and stamp under `folders` and of `files`, and the newest stamp."""
    hasher = hashlib.blake2b(extra, digest_size=16)
    newest = 0
    for path in files + [p for folder in folders if folder.is_dir() for p in _walk(folder)]:
        try:
            stat = os.stat(path)
        except OSError:
            hasher.update(f"{path}\0missing\0".encode("utf-8", "surrogatepass"))
            continue
        stamp = (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)
        newest = max(newest, stat.st_mtime_ns, stat.st_ctime_ns)
        hasher.update(f"{path}\0{stamp}\0".encode("utf-8", "surrogatepass"))
    return hasher.digest(), newest


def _walk(folder: Path) -> list[Path]:
    found = []
    for parent, folders, names in os.walk(folder):
        folders.sort()
        found.extend(Path(parent) / name for name in sorted(names))
    return found


def unchanged(cache: Path, inputs: bytes, newest: int, output: Path) -> LastBuild | None:
    """Return the last build if it read exactly these inputs and output/ is still as it left it."""
    try:
        with (cache / _FILE).open("rb") as stream:
            version, last = pickle.load(stream)
    except Exception:  # no record of a last build: build
        return None
    if version != _VERSION or last.inputs != inputs or newest >= last.saved_at - _RACY_NS:
        return None
    return last if inventory(output) == last.output else None


def remember(cache: Path, inputs: bytes, output: Path, problems: list[Problem], pages: int, photos: int) -> None:
    """Record a successful build for the next one to compare with."""
    last = LastBuild(inputs, inventory(output), problems, pages, photos, time.time_ns())
    try:
        cache.mkdir(parents=True, exist_ok=True)
        partial = cache / (_FILE + ".partial")
        with partial.open("wb") as stream:
            pickle.dump((_VERSION, last), stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, cache / _FILE)
    except OSError as exc:  # the next build just does the work
        log.warning("could not record the build: %s", exc)


def forget(cache: Path) -> None:
    """Drop the record of the last build (a build is under way that may change output/)."""
    (cache / _FILE).unlink(missing_ok=True)
