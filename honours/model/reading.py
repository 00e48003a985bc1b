"""Reading one content file: its records parsed and checked on their own, with what was found, its stamp and digest.

A large site read from scratch is read by worker processes where they can be forked, each its share of the
files; what they read comes back pickled as a build's state is (cachefiles.py), in the order of the files.
"""
from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..cachefiles import Stamp, stamp_of, state_bytes
from ..config import SiteConfig
from ..errors import Problem, Problems
from ..fields import Context, parse_record
from ..load.files import SHEET_SUFFIXES, RawRecord, read_file
from ..load.limits import MEGABYTE
from ..load.yaml_source import YamlList
from ..orderings import script_of
from ..processes import forks, pool_context
from .attached import Attached
from .bodies import BodyChecker
from .checks import Checker, Parsed, check_hidden, check_placeholders, parsed
from .kinds import Shape
from .records import HonourEntry, kind_named

PARALLEL_FROM = 400  # files to read: fewer are read in this process, sooner than workers would start
_WORKERS = 8

File = tuple[str, str, Path]  # a content file: its kind, the id of its record and its path


@dataclass(frozen=True, slots=True)
class Read:
    """One content file as read: its records parsed and checked on their own (a list file's entries, each
    with the lines of its fields), a score table as it is (read against its scheme on every build), and
    what reading it found."""

    kind: str
    id: str
    path: Path
    parsed: tuple[Parsed, ...] = ()
    raw: Any = None
    problems: tuple[Problem, ...] = ()
    failed: bool = False  # it did not parse: its records are missing, and not reported missing where named
    needs: tuple[str, ...] = ()  # the files its records name (photos): read again when one appears or goes
    digest: bytes = b""  # of its bytes, when read from a file


@dataclass(frozen=True, slots=True)
class Kept:
    """A file as read, and what it was when read: its stamp and digest."""

    stamp: Stamp
    digest: bytes
    read: Read


class Reader:
    """What reading a file needs: the settings, and the checks a record gets on its own."""

    def __init__(self, config: SiteConfig) -> None:
        self.config = config
        self.checker = Checker(BodyChecker(config.root), script_of(config.language))


def read_files(reader: Reader, files: list[File]) -> list[Kept]:
    """Return each file read, parsed and checked, in order: by worker processes when there are many to read."""
    workers = _workers(len(files))
    if workers < 2:
        return [read_now(reader, *file) for file in files]
    global _JOB
    _JOB = reader, files
    try:
        with ProcessPoolExecutor(workers, mp_context=pool_context("fork")) as pool:
            shares = list(pool.map(_read_share, range(workers), [workers] * workers))
    finally:
        _JOB = None
    found: list[Kept] = [None] * len(files)  # type: ignore[list-item]  # each filled from its share below
    for share, data in enumerate(shares):
        found[share::workers] = pickle.loads(data)
    return found


def _workers(files: int) -> int:
    """Return how many processes should read this many files: all cores for many, none but this one for few."""
    if files < PARALLEL_FROM or not forks():  # the workers inherit the reader and the list: fork only
        return 1
    return min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1, _WORKERS)


_JOB: tuple[Reader, list[File]] | None = None  # what a forked worker reads: set just before forking


def _read_share(share: int, shares: int) -> bytes:
    """Read every `shares`-th file from `share` (in a worker); return them pickled as a build's state is."""
    assert _JOB is not None, "set before the workers were forked"
    reader, files = _JOB
    return state_bytes([read_now(reader, *file) for file in files[share::shares]])


def read_now(reader: Reader, kind: str, record_id: str, path: Path) -> Kept:
    """Read, parse and check one file now."""
    found = Problems()
    try:
        stat = os.stat(path)
    except OSError:
        stamp, data = (0, 0, 0, 0), None
    else:
        stamp, data = stamp_of(stat), _bytes(path, stat.st_size, reader.config.max_file_mb)
    # The digest of the bytes parsed, read once; a file too large to read is hashed in pieces before it is refused.
    digest = hashlib.blake2b(data, digest_size=16).digest() if data is not None else file_digest(path) or b""
    raws = read_file(kind, record_id, path, found, reader.config.max_file_mb, data)
    read = parse(reader, kind_named(kind).shape, raws, found) if raws else None
    problems = tuple(found.items)
    if read is None:
        return Kept(stamp, digest, Read(kind, record_id, path, problems=problems, failed=True))
    return Kept(stamp, digest, Read(kind, record_id, path, read[0], read[1], problems,
                                    read[0] == () and kind_named(kind).shape is Shape.RECORD, read[2], digest))


def _bytes(path: Path, size: int, max_mb: int | None) -> bytes | None:
    """Return a text file's bytes if it is not too large to read; None to leave the file to read_file."""
    if path.suffix.lower() in SHEET_SUFFIXES or (max_mb is not None and size > max_mb * MEGABYTE):
        return None
    try:
        return path.read_bytes()
    except OSError:
        return None  # read_file reads it again, and says why it cannot


def parse(reader: Reader, shape: Shape, raws: list[RawRecord],
          problems: Problems) -> tuple[tuple[Parsed, ...], Any, tuple[str, ...]] | None:
    """Return a file's records parsed and checked, its raw scores, and the files its records name."""
    raw = raws[0]
    check_hidden(raw, problems)
    check_placeholders(raw, problems)
    if shape is Shape.SCORES:
        return (), raw, ()
    ctx = Context(raw.path, problems, raw.path.parent, reader.config.root)
    if shape is Shape.LIST:
        entries = _entries(reader, raw, ctx)
        return entries, None, tuple(need for entry in entries for need in _files_named(entry.record))
    kind = kind_named(raw.kind)
    line = getattr(raw.data, "line", 1)
    internal = {"id": raw.id}
    if kind.body:
        internal[kind.body] = raw.body
    if "sample" in kind.record.__slots__:  # init's sample campaign gives way to any real one on the home page
        internal["sample"] = any(found.sample for found in raw.placeholders)
    record = parse_record(kind.record, raw.data, ctx, line, internal)
    if record is None:
        return (), None, ()
    item = parsed(record, raw.data, raw.path, reader.checker, raw.body_line)
    return (item,), None, tuple(_files_named(item.record))


def _entries(reader: Reader, raw: RawRecord, ctx: Context) -> tuple[Parsed, ...]:
    """Return the entries of a list file (a campaign's honours.yaml), each parsed and checked."""
    if raw.data is None or raw.data == {}:
        return ()
    if not isinstance(raw.data, YamlList):
        ctx.problems.error(raw.path, getattr(raw.data, "line", 1), None, "honours.yaml 应当是一个列表",
                           "每项以“- award: 奖项编号”开头")
        return ()
    found = []
    for index, item in enumerate(raw.data):
        entry = parse_record(HonourEntry, item, ctx, raw.data.line_of(index), {})
        if entry is not None:
            found.append(parsed(entry, item, raw.path, reader.checker))
    return tuple(found)


def _files_named(record: Any) -> Iterable[str]:
    """Yield the files a record's fields (its photos) and its body's links name, whose existence parsing checked."""
    for name in record.__slots__:
        value = getattr(record, name, None)
        if isinstance(value, Path) and name != "source":
            yield str(value)
        elif isinstance(value, Attached):
            yield from (str(link.file) for link in value.links)


def read_records(raws: list[RawRecord], config: SiteConfig, problems: Problems) -> list[Read]:
    """Return records already read from their files (a roster import's, as they would be written) as read."""
    reader = Reader(config)
    reads = []
    for raw in raws:
        found = Problems()
        parsed_file = parse(reader, kind_named(raw.kind).shape, [raw], found)
        problems.items.extend(found.items)
        records, scores, _ = parsed_file or ((), None, ())
        failed = parsed_file is None or (not records and kind_named(raw.kind).shape is Shape.RECORD)
        reads.append(Read(raw.kind, raw.id, raw.path, records, scores, tuple(found.items), failed))
    return reads


def file_digest(path: str | Path) -> bytes | None:
    try:
        with open(path, "rb") as stream:  # in pieces: a file too large to read is hashed before it is refused
            return hashlib.file_digest(stream, lambda: hashlib.blake2b(digest_size=16)).digest()
    except OSError:
        return None


