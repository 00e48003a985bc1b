"""Making one shard of the search index, and what the cache keeps of it between builds.

A shard (render/urls.py `search_shard`) is its own script index and its own Pagefind bundle. The
cache keeps, per shard, its pages' texts (`texts-N.pickle`) and its bundle's files with what the
writer learnt of each page (`bundle-N.pickle`): a build loads them only for a shard it makes
again, or whose files output/ lacks. What every build reads is small (`index.pickle`, see
`Remembered`): each page's text digest, and each shard's keys and files.
"""
from __future__ import annotations

import dataclasses
import logging
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..cachefiles import load_state, save_state
from ..processes import pool_context
from ..render import urls
from ..write import Stamp
from .entries import SearchEntry
from .fallback import fallback_index
from .pagefind import BUNDLE, PagefindUnavailable, make_bundle
from .pagefind_index import BundleCache, Unsupported, write_bundle

log = logging.getLogger(__name__)

_VERSION = 1
_INDEX_FILES = re.compile(r"(index|fragment|filter)/|pagefind\..*\.pf_meta$|pagefind-entry\.json$")
_LEGACY = "search.pickle"  # what builds kept before shards: one pickle with every text and the whole bundle


@dataclass(frozen=True, slots=True)
class Script:
    """A script index (or the order script) as a build made it."""

    key: bytes  # a digest of what it was made from
    size: int
    digest: bytes  # of its bytes
    seen: Stamp | None = None  # its stamp in output/, once a build found it there holding these bytes


@dataclass(frozen=True, slots=True)
class Bundle:
    """A shard's Pagefind bundle as a build made it; its files are named after their content, but for
    the entry file, which names the meta file: the set of files says which bundle output/ holds."""

    key: bytes
    sizes: dict[str, int]  # site path -> size


@dataclass(frozen=True, slots=True)
class Remembered:
    """What a part's search remembers of its last build, read by every build."""

    shards: int = 0
    texts: dict[str, bytes] = field(default_factory=dict)  # each searched page's text digest
    scripts: dict[str, Script] = field(default_factory=dict)  # by site path
    bundles: dict[int, Bundle] = field(default_factory=dict)  # by shard


class Store:
    """The search state of one part in its cache folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def remembered(self) -> Remembered:
        state = load_state(self.folder / "index.pickle", _VERSION)
        return state if isinstance(state, Remembered) else Remembered()

    def remember(self, state: Remembered) -> None:
        save_state(self.folder / "index.pickle", _VERSION, state)
        for old in [self.folder / _LEGACY, *self._shard_files(state.shards)]:
            old.unlink(missing_ok=True)

    def texts(self, shards: Iterator[int] | range) -> dict[str, str]:
        """Return the texts kept for the pages of these shards, by path."""
        texts: dict[str, str] = {}
        for shard in shards:
            texts.update(load_state(self.folder / f"texts-{shard}.pickle", _VERSION) or {})
        return texts

    def keep_texts(self, shard: int, texts: dict[str, str]) -> None:
        save_state(self.folder / f"texts-{shard}.pickle", _VERSION, texts)

    def bundle(self, shard: int, key: bytes) -> dict[str, bytes] | None:
        """Return the files of the bundle kept for a shard, if it was made from `key`."""
        state = load_state(self.folder / f"bundle-{shard}.pickle", _VERSION)
        return state[1] if state is not None and state[0] == key else None

    def _shard_files(self, shards: int) -> list[Path]:
        """Return the files of shards past the last one: left from a build with more shards."""
        found = self.folder.glob("*-*.pickle") if self.folder.is_dir() else []
        return [path for path in found if (m := re.fullmatch(r"(?:texts|bundle)-(\d+)\.pickle", path.name))
                and int(m.group(1)) >= shards]


@dataclass(frozen=True, slots=True)
class ShardJob:
    """What to make of one shard: its script index, its Pagefind bundle, or both."""

    shard: int
    entries: list[SearchEntry]
    script: bool
    bundle: bytes  # the key of the bundle to make; b"" for none
    language: str
    static: dict[str, bytes] | None  # Pagefind's browser files for the writer; None: Pagefind's binary makes it


@dataclass(frozen=True, slots=True)
class ShardMade:
    """What was made of a shard."""

    shard: int
    files: dict[str, str | bytes]
    bundle: bool  # whether its bundle is among them
    failure: str = ""  # why Pagefind did not make its bundle, if asked to


def make_shards(jobs: list[ShardJob], folder: Path) -> list[ShardMade]:
    """Make each shard, in worker processes when several bundles are to be made; keep their bundles in `folder`."""
    # Scratch folders a killed build left: the build holds the site's lock (honours/lock.py), so none is in use.
    for leftover in folder.glob("scratch-*"):
        shutil.rmtree(leftover, ignore_errors=True)
    bundles = sum(1 for job in jobs if job.bundle)
    workers = min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1, 8,
                  bundles)
    if workers < 2:
        return [make_shard(job, folder) for job in jobs]
    # Forked: the workers start at once, and each keeps only its own shard's pages in memory.
    with ProcessPoolExecutor(workers, mp_context=pool_context("fork")) as pool:
        return list(pool.map(make_shard, jobs, [folder] * len(jobs)))


def make_shard(job: ShardJob, folder: Path) -> ShardMade:
    """Make a shard's files; a bundle made is kept in `folder` with what the writer learnt, for next time."""
    files: dict[str, str | bytes] = {}
    if job.script:
        files[urls.fallback_index(job.shard)] = fallback_index(job.entries, job.shard)
    if not job.bundle:
        return ShardMade(job.shard, files, False)
    kept = load_state(folder / f"bundle-{job.shard}.pickle", _VERSION)
    cache = kept[2] if kept is not None else BundleCache()
    prefix = f"{job.shard}_" if job.shard else ""  # fragment names, which pagefind.js gives as ids, stay apart
    try:
        try:
            if job.static is None:
                raise Unsupported("no writer for this site")
            made = write_bundle(job.entries, job.language, job.static, cache, prefix)
        except Unsupported as exc:
            log.debug("search shard %d: Pagefind's binary makes the bundle (%s)", job.shard, exc)
            folder.mkdir(parents=True, exist_ok=True)
            # A scratch folder of its own: never one another build (or shard) is filling or deleting.
            with tempfile.TemporaryDirectory(prefix=f"scratch-{job.shard}-", dir=folder, ignore_cleanup_errors=True) as scratch:
                made = make_bundle(job.entries, job.language, Path(scratch), prefix)
            cache = BundleCache()
    except PagefindUnavailable as exc:
        return ShardMade(job.shard, files, False, str(exc))
    bundle = placed(made, job.shard)
    save_state(folder / f"bundle-{job.shard}.pickle", _VERSION, (job.bundle, bundle, cache))
    return ShardMade(job.shard, {**files, **bundle}, True)


def placed(bundle: dict[str, bytes], shard: int) -> dict[str, bytes]:
    """Return a bundle's files in its shard's folder; one merged into the first needs no scripts of its own."""
    folder = urls.pagefind_bundle(shard)
    inside = {path.removeprefix(f"{BUNDLE}/"): data for path, data in bundle.items()}
    return {folder + name: data for name, data in inside.items() if shard == 0 or _INDEX_FILES.match(name)}


def with_texts(entries: list[SearchEntry], texts: dict[str, str]) -> list[SearchEntry]:
    """Return the entries with their texts."""
    return [dataclasses.replace(entry, text=texts[entry.path]) for entry in entries]
