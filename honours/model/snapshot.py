"""What a build keeps of the files it read: each file's records, parsed and checked on their own.

The next build reads, parses and checks again only the files that changed: a file counts as
unchanged while its stamp is (see cachefiles.py), and one changed too close to the last save to be
judged by its stamp is read and its bytes compared. A file whose records refer to other files
(photos) is read again when one of those appeared or went. A file with errors is never kept, so its
errors are found again. What the files hold together (references, ids, honours, scores) is checked
by assemble.py on every build, from the records kept here.
"""
from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..cachefiles import Stamp, changed_at, load_state, save_state, settled, stamp_of
from ..config import SiteConfig
from ..errors import Problem, Problems
from ..fields import Context, parse_record
from ..load.files import RawRecord, content_files, read_file
from ..load.yaml_source import YamlList
from ..orderings import script_of
from .attached import Attached
from .bodies import BodyChecker
from .checks import Checker, Parsed, check_hidden, check_placeholders, parsed
from .kinds import Shape
from .records import KINDS, HonourEntry, kind_named

_FILE = "records.pickle"
_VERSION = 3
_CODE = Path(__file__).resolve().parent.parent  # the parsing and checking code, whose output is kept


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


@dataclass(frozen=True, slots=True)
class _Kept:
    stamp: Stamp
    digest: bytes
    read: Read


@dataclass
class Snapshot:
    """The files of the last build, by path, as read; reading a site through it reads only what changed."""

    folder: Path | None
    key: bytes = b""  # the code and settings the records were read with: other ones read everything again
    kept: dict[str, _Kept] = field(default_factory=dict)
    saved_at: int = 0

    @classmethod
    def load(cls, folder: Path | None, config: SiteConfig) -> Snapshot:
        """Return the snapshot kept in `folder` (an empty one if none, or kept by other code or settings)."""
        key = _key(config)
        saved = load_state(folder / _FILE, _VERSION) if folder else None
        if saved is None or saved[0] != key:
            return cls(folder, key)
        return cls(folder, key, saved[2], saved[1])

    def read_site(self, config: SiteConfig, problems: Problems) -> list[Read]:
        """Return every content file as read: kept ones from the last build, the others read now."""
        reader = _Reader(config)
        kept: dict[str, _Kept] = {}
        reads = []
        for kind, record_id, path in content_files(config.content, KINDS, problems):
            entry = self._reuse(str(path)) or _read(reader, kind, record_id, path)
            problems.items.extend(entry.read.problems)
            reads.append(entry.read)
            if not any(p.severity.name == "ERROR" for p in entry.read.problems):
                kept[str(path)] = entry
        self.kept = kept
        return reads

    def save(self) -> None:
        """Keep the files read by this build (and only those)."""
        if self.folder is not None:
            save_state(self.folder / _FILE, _VERSION, (self.key, time.time_ns(), self.kept))

    def _reuse(self, path: str) -> _Kept | None:
        """Return a file's entry from the last build if the file, and the files its records name, are unchanged."""
        entry = self.kept.get(path)
        if entry is None:
            return None
        try:
            stamp = stamp_of(os.stat(path))
        except OSError:
            return None
        if any(not os.path.isfile(need) for need in entry.read.needs):
            return None
        if entry.stamp == stamp and settled(changed_at(stamp), self.saved_at):
            return entry
        return _Kept(stamp, entry.digest, entry.read) if _digest(path) == entry.digest else None


def read_records(raws: list[RawRecord], config: SiteConfig, problems: Problems) -> list[Read]:
    """Return records already read from their files (a roster import's, as they would be written) as read."""
    reader = _Reader(config)
    reads = []
    for raw in raws:
        found = Problems()
        parsed_file = _parse(reader, kind_named(raw.kind).shape, [raw], found)
        problems.items.extend(found.items)
        records, scores, _ = parsed_file or ((), None, ())
        failed = parsed_file is None or (not records and kind_named(raw.kind).shape is Shape.RECORD)
        reads.append(Read(raw.kind, raw.id, raw.path, records, scores, tuple(found.items), failed))
    return reads


def _key(config: SiteConfig) -> bytes:
    """Return a digest of what reading a file depends on besides the file: the code, and the settings."""
    hasher = hashlib.blake2b(repr(config).encode("utf-8", "surrogatepass"), digest_size=16)
    for path in sorted(_CODE.rglob("*.py")):
        hasher.update(path.read_bytes())
    return hasher.digest()


def _digest(path: str | Path) -> bytes | None:
    try:
        with open(path, "rb") as stream:  # in pieces: a file too large to read is hashed before it is refused
            return hashlib.file_digest(stream, lambda: hashlib.blake2b(digest_size=16)).digest()
    except OSError:
        return None


class _Reader:
    """What reading a file needs: the settings, and the checks a record gets on its own."""

    def __init__(self, config: SiteConfig) -> None:
        self.config = config
        self.checker = Checker(BodyChecker(config.root), script_of(config.language))


def _read(reader: _Reader, kind: str, record_id: str, path: Path) -> _Kept:
    """Read, parse and check one file now."""
    found = Problems()
    try:
        stamp = stamp_of(os.stat(path))
    except OSError:
        stamp = (0, 0, 0, 0)
    digest = _digest(path) or b""
    raws = read_file(kind, record_id, path, found, reader.config.max_file_mb)
    read = _parse(reader, kind_named(kind).shape, raws, found) if raws else None
    problems = tuple(found.items)
    if read is None:
        return _Kept(stamp, digest, Read(kind, record_id, path, problems=problems, failed=True))
    return _Kept(stamp, digest, Read(kind, record_id, path, read[0], read[1], problems,
                                     read[0] == () and kind_named(kind).shape is Shape.RECORD, read[2]))


def _parse(reader: _Reader, shape: Shape, raws: list[RawRecord],
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


def _entries(reader: _Reader, raw: RawRecord, ctx: Context) -> tuple[Parsed, ...]:
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
