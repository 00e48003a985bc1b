"""Site search: Pagefind's bundles for a served site, and plain-script indexes for one opened from a folder.

The search page (`search.html`, with `assets/js/search.js`) uses Pagefind when the site is served
over http and falls back to the script indexes from file://, where Pagefind cannot fetch its files.
Both index the same entries (see entries.py), split into shards (render/urls.py) so that an edit
makes one shard again rather than the whole index: each shard is its own Pagefind bundle, merged
in the browser with `pagefind.mergeIndex`, and its own script. A shard whose entries did not
change is neither loaded from the cache nor written again (shards.py); a page that was not
rendered again keeps its text from last time.
"""
from __future__ import annotations

import dataclasses
import enum
import hashlib
import io
import pickle
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problems
from ..model.site import Site
from ..render import urls
from ..render.pages import Page
from ..write import Stamp
from .entries import SearchEntry, main_text, search_entries
from .fallback import order_script
from .pagefind import PagefindUnavailable, version
from .pagefind_index import CHECKED, Unsupported, language_key, static_files
from .pagefind_index.statics import version_of
from .shards import Bundle, Remembered, Script, ShardJob, Store, make_shards, with_texts

__all__ = ["Pagefind", "SearchFiles", "SearchShelf"]

_FORMAT = b"search 2"  # how entries become files, besides the engine's code


class Pagefind(enum.Enum):
    """What becomes of Pagefind's bundles in a build."""

    NONE = "none"  # no bundle: a site read from a folder (a year archive) searches with the script indexes only
    KEEP = "keep"  # the last bundles made, even if entries changed since (a quick build while editing)
    REMAKE = "remake"  # each made again if any of its entries changed


@dataclass(frozen=True, slots=True)
class SearchFiles:
    """The search files of a build: those to write, and those output/ already holds as they should be."""

    written: dict[str, str | bytes]
    kept: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Asked:
    """What one build asks of the shelf, besides its pages."""

    pagefind: Pagefind
    language: str
    existing: Mapping[str, Stamp]
    reread: Callable[[str], str]


@dataclass(slots=True)
class _Shard:
    """One shard in this build: its entries (without their texts), its keys, and what to make of it."""

    number: int
    entries: list[SearchEntry] = field(default_factory=list)
    script: bytes = b""  # the key of its script index: a digest of its entries
    bundle: bytes = b""  # the key of its Pagefind bundle
    make_script: bool = False
    make_bundle: bool = False


class _Stale(Exception):
    """The cache said a page's text was one thing, and its page in output/ says another."""


class SearchShelf:
    """The search files of the last build, in the cache: each page's text, each shard's script and bundle.

    `convert` gives the words taken from the records (titles, campaigns, kinds) as the traditional
    edition shows them.
    """

    def __init__(self, folder: Path, engine: bytes, problems: Problems,
                 convert: Callable[[str], str] | None = None) -> None:
        self._store = Store(folder)
        self._engine = engine  # the engine's code among it: how entries become files
        self._problems = problems
        self._convert = convert

    def files(self, site: Site, pages: list[Page], fresh: Mapping[str, str], reread: Callable[[str], str],
              pagefind: Pagefind, existing: Mapping[str, Stamp]) -> SearchFiles:
        """Return the search files for these pages: the script indexes, and Pagefind's bundles unless NONE.

        A page's text is the one taken as it was rendered in this build (`fresh`), else the one kept from
        the last build, else read back from its HTML in output/ with `reread(path)`, which reads a file of
        output/ as text. `existing` (what output/ holds: path -> size and time) says which files of
        unchanged shards are there already: those are kept, not written.
        """
        asked = _Asked(pagefind, site.config.language, existing, reread)
        entries = self._entries(site, pages)
        last = self._store.remembered()
        try:
            return self._files(entries, fresh, asked, last)
        except _Stale:  # never seen; but should the cache not match output/, it is not to be trusted at all
            return self._files(entries, fresh, asked, Remembered())

    def _files(self, entries: list[SearchEntry], fresh: Mapping[str, str], asked: _Asked,
               last: Remembered) -> SearchFiles:
        count = urls.search_shards(len(entries))
        layout = [urls.search_shard(entry.path, count) for entry in entries]
        shards = [_Shard(number) for number in range(count)]
        for entry, number in zip(entries, layout):
            shards[number].entries.append(entry)
        build = _Build(self, asked, last, count)
        build.take_texts(entries, fresh)
        if count > 1:
            build.order(order_script(layout))
        for shard in shards:
            build.key(shard)
            build.plan(shard)
        build.make([shard for shard in shards if shard.make_script or shard.make_bundle])
        remembered = Remembered(count, build.digests, build.scripts, build.bundles)
        if remembered != last:
            self._store.remember(remembered)
        return SearchFiles(build.written, tuple(build.kept))

    def _entries(self, site: Site, pages: list[Page]) -> list[SearchEntry]:
        """Return the entries of these pages, without their texts; in the edition's words if it has them."""
        entries = search_entries(site, pages, lambda path: "")
        if self._convert is None:
            return entries
        convert, words = self._convert, {}  # kinds and campaigns recur on every page: each converted once

        def word(text: str) -> str:
            if text not in words:
                words[text] = convert(text)
            return words[text]
        return [dataclasses.replace(e, title=convert(e.title), kind=word(e.kind),
                                    campaigns=tuple(word(c) for c in e.campaigns)) for e in entries]

    def unavailable(self, reason: str) -> None:
        self._problems.warning(None, None, None,
                               f"Pagefind 未能运行，站内搜索只用内置索引（较慢，只在浏览器里逐页查找）：{reason}",
                               "安装 Pagefind：pip install \"pagefind[extended]\"（README 的安装命令已包含）")


class _Build:
    """One build of the search files: what is kept, what is made, and what to remember of it."""

    def __init__(self, shelf: SearchShelf, asked: _Asked, last: Remembered, count: int) -> None:
        self.shelf, self.store, self.asked = shelf, shelf._store, asked
        self.previous = last.shards  # the texts kept are by the last build's shards
        self.last = last if last.shards == count else Remembered(texts=last.texts)  # shards as laid out then
        self.texts: dict[str, str] = {}  # the texts at hand: taken in this build, or read back
        self.digests: dict[str, bytes] = {}  # of every page's text
        self.written: dict[str, str | bytes] = {}
        self.kept: list[str] = []
        self.scripts: dict[str, Script] = {}
        self.bundles: dict[int, Bundle] = {}
        self.engine = _serialised((version(), asked.language))  # what the bundles are made by, besides the entries

    def take_texts(self, entries: list[SearchEntry], fresh: Mapping[str, str]) -> None:
        """Take each page's text digest: of its text rendered now, else as remembered, else read back."""
        for entry in entries:
            text = fresh.get(entry.path)
            if text is None and entry.path not in self.last.texts:
                text = main_text(self.asked.reread(entry.path))
            if text is None:
                self.digests[entry.path] = self.last.texts[entry.path]
            else:
                self.texts[entry.path] = text
                self.digests[entry.path] = _text_digest(text)

    def key(self, shard: _Shard) -> None:
        """Work out the keys of a shard's script and bundle: digests of its entries and their texts."""
        described = [(e.path, e.title, e.kind, e.years, e.campaigns, self.digests[e.path]) for e in shard.entries]
        shard.script = _digest(_FORMAT + self.shelf._engine + _serialised((shard.number, described)))
        shard.bundle = _digest(shard.script + self.engine)

    def order(self, script: str) -> None:
        """Keep or write the script saying which shard each page is in."""
        key = _text_digest(script)  # its own content: nothing else makes it
        if not self.keep_script(urls.SEARCH_ORDER, key):
            self.add_script(urls.SEARCH_ORDER, key, script)

    def plan(self, shard: _Shard) -> None:
        """Keep what output/ holds of a shard as it should be; note what is to be made of it."""
        shard.make_script = not self.keep_script(urls.fallback_index(shard.number), shard.script)
        shard.make_bundle = self.asked.pagefind is not Pagefind.NONE and not self.keep_bundle(shard)

    def keep_script(self, path: str, key: bytes) -> bool:
        """Keep a script that output/ holds as made from `key`; return whether it did."""
        old = self.last.scripts.get(path)
        if old is None or old.key != key or (seen := _seen(old, path, self.asked)) is None:
            return False
        self.scripts[path] = dataclasses.replace(old, seen=seen)
        self.kept.append(path)
        return True

    def add_script(self, path: str, key: bytes, script: str) -> None:
        data = script.encode("utf-8", "surrogatepass")
        self.scripts[path] = Script(key, len(data), _digest(data))
        self.written[path] = script

    def keep_bundle(self, shard: _Shard) -> bool:
        """Keep (or restore from the cache) the bundle a shard should have; return False if it is to be made."""
        keep = self.asked.pagefind is Pagefind.KEEP  # a quick build makes no bundle
        old = self.last.bundles.get(shard.number)
        if old is None or (not keep and old.key != shard.bundle):
            return keep
        if all(self.asked.existing.get(path, (-1, 0))[0] == size for path, size in old.sizes.items()):
            self.kept += old.sizes
        elif (files := self.store.bundle(shard.number, old.key)) is not None:
            self.written.update(files)
        else:
            return keep
        self.bundles[shard.number] = old
        return True

    def make(self, shards: list[_Shard]) -> None:
        """Make what the shards lack, from their entries with their texts."""
        if not shards:
            return
        self.fill(shards)
        static, able = self.writer() if any(shard.make_bundle for shard in shards) else (None, False)
        jobs = [ShardJob(shard.number, with_texts(shard.entries, self.texts), shard.make_script,
                         shard.bundle if shard.make_bundle and able else b"", self.asked.language, static)
                for shard in shards]
        failures = set()
        for made, shard in zip(make_shards(jobs, self.store.folder), shards):
            script = urls.fallback_index(shard.number)
            if script in made.files:
                self.add_script(script, shard.script, made.files.pop(script))  # type: ignore[arg-type]
            self.written.update(made.files)
            if made.bundle:
                self.bundles[shard.number] = Bundle(shard.bundle, {path: len(data) for path, data in made.files.items()})
            if made.failure:
                failures.add(made.failure)
        for failure in sorted(failures):
            self.shelf.unavailable(failure)

    def fill(self, shards: list[_Shard]) -> None:
        """Take the texts of the shards to make: kept in the cache, else read back from output/; keep them anew."""
        relaid = self.last.shards == 0  # the shards were laid out otherwise (or not at all): all are made
        stored = self.store.texts(range(self.previous) if relaid else [shard.number for shard in shards])
        for shard in shards:
            for entry in shard.entries:
                if entry.path not in self.texts:
                    self.texts[entry.path] = self.kept_text(entry.path, stored.get(entry.path))
            texts = {entry.path: self.texts[entry.path] for entry in shard.entries}
            if relaid or any(stored.get(path) != text for path, text in texts.items()):
                self.store.keep_texts(shard.number, texts)

    def kept_text(self, path: str, stored: str | None) -> str:
        """Return a page's text as the last build took it: kept in the cache, else read back from output/."""
        if stored is not None and _text_digest(stored) == self.digests[path]:
            return stored
        text = main_text(self.asked.reread(path))
        if _text_digest(text) != self.digests[path]:
            raise _Stale(path)
        return text

    def writer(self) -> tuple[dict[str, bytes] | None, bool]:
        """Return Pagefind's browser files for the writer (None: Pagefind's binary makes the bundles), and
        whether Pagefind can make them at all (if not, the build is warned)."""
        try:
            language_key(self.asked.language)
            static = static_files(self.store.folder)
        except Unsupported:
            return None, True
        except PagefindUnavailable as exc:
            self.shelf.unavailable(str(exc))
            return None, False
        return (static if version_of(static) in CHECKED else None), True


def _seen(script: Script, path: str, asked: _Asked) -> Stamp | None:
    """Return the stamp of a script in output/ if it holds the bytes remembered; None if not.

    A script's name does not change with its content, and the cache is saved before publishing: a
    build that did not publish (it failed, or an edit interrupted it) leaves the old script in place.
    So a script is read back once, the first build after it was made, and known by its stamp after.
    """
    stamp = asked.existing.get(path)
    if stamp is None or stamp[0] != script.size:
        return None
    if stamp == script.seen:
        return stamp
    try:
        data = asked.reread(path).encode("utf-8", "surrogatepass")
    except (OSError, UnicodeError):
        return None
    return stamp if _digest(data) == script.digest else None


def _serialised(value: tuple) -> bytes:
    """Return nested tuples and lists of strings, bytes and numbers as bytes, the same for equal values.

    A pickle, ten times quicker than repr, but without its memo, which writes an object met before
    as a reference to it: equal values built with their strings shared otherwise would differ.
    """
    file = io.BytesIO()
    pickler = pickle.Pickler(file, protocol=5)
    pickler.fast = True  # no memo
    pickler.dump(value)
    return file.getvalue()


def _text_digest(text: str) -> bytes:
    return _digest(text.encode("utf-8", "surrogatepass"))


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()
