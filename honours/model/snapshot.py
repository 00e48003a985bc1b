"""What a build keeps of the files it read: each file's records, parsed and checked on their own.

The next build reads, parses and checks again only the files that changed: a file counts as
unchanged while its stamp is (see cachefiles.py), and one changed too close to the last save to be
judged by its stamp is read and its bytes compared. A file whose records refer to other files
(photos) is read again when one of those appeared or went. A file with errors is never kept, so its
errors are found again. What the files hold together (references, ids, honours, scores) is checked
by assemble.py on every build, from the records kept here.

Saving every file's records after an edit of one would cost a large site more than reading that one
file: a build writes only the entries that differ from records.pickle, to a small file of changes
beside it, until they are many enough to write records.pickle again; a build that read nothing new
writes nothing.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .. import collector
from ..cachefiles import changed_at, load_state, save_state, settled, stamp_of
from ..config import SiteConfig
from ..errors import Problems
from ..load.files import content_files
from .assessed import Assessed
from .reading import Kept, Read, Reader, file_digest, read_files, read_records
from .records import KINDS

__all__ = ["Read", "Snapshot", "read_records"]

_FILE = "records.pickle"
_CHANGES = "records-changes.pickle"  # the entries that differ from records.pickle's, and those it has no more
_VERSION = 4
_REWRITE = 16  # records.pickle is written again once its changes are a sixteenth of the entries
_CODE = Path(__file__).resolve().parent.parent  # the parsing and checking code, whose output is kept


@dataclass
class Snapshot:
    """The files of the last build, by path, as read; reading a site through it reads only what changed."""

    folder: Path | None
    key: bytes = b""  # the code and settings the records were read with: other ones read everything again
    kept: dict[str, Kept] = field(default_factory=dict)
    saved_at: int = 0  # when the entries were last saved (records.pickle, or its changes)
    base: dict[str, Kept] = field(default_factory=dict)  # the entries as records.pickle holds them
    base_at: int = 0  # when records.pickle was saved: the changes file names the one it was written against
    loaded: dict[str, Kept] = field(default_factory=dict)  # the entries as this build found them
    assessed: Assessed = field(default_factory=lambda: Assessed(None))  # the score files checked, kept beside
    spared: bool = False  # whether the records read are to be left alone by the cycle collector (see `opened`)

    @classmethod
    @contextlib.contextmanager
    def opened(cls, folder: Path | None, config: SiteConfig) -> Iterator[Snapshot]:
        """Yield the snapshot kept in `folder`, and save what was read through it if the block ends without error.

        Until the block ends, the cycle collector leaves alone the records loaded and read (collector.py).
        """
        with collector.frozen():
            with collector.paused(freeze=True):
                snapshot = cls.load(folder, config)
            snapshot.spared = True
            yield snapshot
            snapshot.save()

    @staticmethod
    def preload(folder: Path) -> None:
        """Load the snapshot kept in `folder` into memory, for a build to come (cachefiles.keep_resident)."""
        if load_state(folder / _FILE, _VERSION, resident=True) is not None:
            load_state(folder / _CHANGES, _VERSION, resident=True)

    @classmethod
    def load(cls, folder: Path | None, config: SiteConfig) -> Snapshot:
        """Return the snapshot kept in `folder` (an empty one if none, or kept by other code or settings)."""
        key = _key(config)
        if folder is None:
            return cls(folder, key)
        assessed = Assessed(folder, key)
        with collector.paused():
            saved = load_state(folder / _FILE, _VERSION, resident=True)
            changes = load_state(folder / _CHANGES, _VERSION, resident=True) \
                if saved is not None and saved[0] == key else None
        if saved is None or saved[0] != key:
            return cls(folder, key, assessed=assessed)
        _, base_at, base = saved
        kept, saved_at = dict(base), base_at
        if changes is not None and changes[0] == base_at:
            _, saved_at, changed, removed = changes
            kept.update(changed)
            for path in removed:
                kept.pop(path, None)
        return cls(folder, key, kept, saved_at, base, base_at, dict(kept), assessed)

    def read_site(self, config: SiteConfig, problems: Problems) -> list[Read]:
        """Return every content file as read: kept ones from the last build, the others read now."""
        listed = Problems()  # what finding the files says, told in its place among what reading them says
        files = [(file, len(listed.items)) for file in content_files(config.content, KINDS, listed)]
        entries = [self._reuse(str(path)) for (_, _, path), _ in files]
        unread = [index for index, entry in enumerate(entries) if entry is None]
        with collector.paused(freeze=self.spared):
            for index, entry in zip(unread, read_files(Reader(config), [files[index][0] for index in unread])):
                entries[index] = entry
        told, kept, reads = 0, {}, []
        for ((_, _, path), listed_before), entry in zip(files, entries):
            problems.items.extend(listed.items[told:listed_before])
            told = listed_before
            assert entry is not None
            problems.items.extend(entry.read.problems)
            reads.append(entry.read)
            if not any(p.severity.name == "ERROR" for p in entry.read.problems):
                kept[str(path)] = entry
        problems.items.extend(listed.items[told:])
        self.kept = kept
        return reads

    def save(self) -> None:
        """Keep the files read by this build (and only those): nothing if they are the ones found, only the
        entries that differ from records.pickle's while they are few, else all of them."""
        self.assessed.save()
        if self.folder is None or _same(self.kept, self.loaded):
            return
        changed = {path: entry for path, entry in self.kept.items() if self.base.get(path) is not entry}
        removed = [path for path in self.base if path not in self.kept]
        now = time.time_ns()
        if self.base and len(changed) + len(removed) <= max(len(self.kept) // _REWRITE, 64):
            save_state(self.folder / _CHANGES, _VERSION, (self.base_at, now, changed, removed), resident=True)
        else:
            save_state(self.folder / _FILE, _VERSION, (self.key, now, self.kept), resident=True)
            self.base, self.base_at = self.kept, now
            (self.folder / _CHANGES).unlink(missing_ok=True)  # written against the records.pickle replaced
        self.saved_at, self.loaded = now, dict(self.kept)

    def _reuse(self, path: str) -> Kept | None:
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
        return Kept(stamp, entry.digest, entry.read) if file_digest(path) == entry.digest else None


def _same(kept: dict[str, Kept], loaded: dict[str, Kept]) -> bool:
    """Return whether a build kept exactly the entries it found: the same files, each entry as it was loaded."""
    return len(kept) == len(loaded) and all(loaded.get(path) is entry for path, entry in kept.items())


def _key(config: SiteConfig) -> bytes:
    """Return a digest of what reading a file depends on besides the file: the code, and the settings."""
    hasher = hashlib.blake2b(repr(config).encode("utf-8", "surrogatepass"), digest_size=16)
    for path in sorted(_CODE.rglob("*.py")):
        hasher.update(path.read_bytes())
    return hasher.digest()


