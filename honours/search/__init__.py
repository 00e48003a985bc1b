"""Site search: Pagefind's bundle for a served site, and a plain-script index for one opened from a folder.

The search page (`search.html`, with `assets/js/search.js`) uses Pagefind when the site is served
over http and falls back to the script index from file://, where Pagefind cannot fetch its files.
Both index the same entries (see entries.py). Pagefind's bundle is kept in the cache and made
again only when an entry changed; a page that was not rendered again keeps its text from last time.
"""
from __future__ import annotations

import dataclasses
import enum
import hashlib
import pickle
from collections.abc import Callable, Mapping
from pathlib import Path

from ..cachefiles import load_state, save_state
from ..errors import Problems
from ..model.site import Site
from ..render.pages import Page
from .entries import SearchEntry, main_text, search_entries
from .fallback import FALLBACK_INDEX, fallback_index
from .pagefind import PagefindUnavailable, make_bundle, version

__all__ = ["FALLBACK_INDEX", "Pagefind", "SearchShelf"]

_VERSION = 1


class Pagefind(enum.Enum):
    """What becomes of Pagefind's bundle in a build."""

    NONE = "none"  # no bundle: a site read from a folder (a year archive) searches with the script index only
    KEEP = "keep"  # the last bundle made, even if entries changed since (a quick build while editing)
    REMAKE = "remake"  # made again if any entry changed


class SearchShelf:
    """The search files of the last build, in the cache: each page's text and Pagefind's bundle.

    `convert` gives the words taken from the records (titles, campaigns, kinds) as the traditional
    edition shows them.
    """

    def __init__(self, folder: Path, engine: bytes, problems: Problems,
                 convert: Callable[[str], str] | None = None) -> None:
        self._folder = folder
        self._engine = engine  # the engine's code among it: how entries become a bundle
        self._problems = problems
        self._convert = convert
        state = load_state(folder / "search.pickle", _VERSION) or ({}, b"", {})
        self._texts: dict[str, str] = state[0]
        self._bundle_key: bytes = state[1]
        self._bundle: dict[str, bytes] = state[2]

    def files(self, site: Site, pages: list[Page], fresh: Mapping[str, str], reread: Callable[[str], str],
              pagefind: Pagefind) -> dict[str, str | bytes]:
        """Return the search files for these pages: the fallback index, and Pagefind's bundle unless NONE.

        A page's text is the one taken as it was rendered in this build (`fresh`), else the one kept from
        the last build, else read back from its HTML in output/ with `reread(path)`.
        """
        texts: dict[str, str] = {}

        def text_of(path: str) -> str:
            text = fresh.get(path)
            if text is None:
                text = self._texts[path] if path in self._texts else main_text(reread(path))
            texts[path] = text
            return text

        remembered = (self._texts, self._bundle_key)
        entries = search_entries(site, pages, text_of)
        if self._convert is not None:
            convert = self._convert
            entries = [dataclasses.replace(e, title=convert(e.title), kind=convert(e.kind),
                                           campaigns=tuple(convert(c) for c in e.campaigns)) for e in entries]
        files: dict[str, str | bytes] = {FALLBACK_INDEX: fallback_index(entries)}
        if pagefind is not Pagefind.NONE:
            files.update(self._pagefind(entries, site.config.language, pagefind is Pagefind.REMAKE))
        self._texts = texts
        if (self._texts, self._bundle_key) != remembered:  # the bundle may be megabytes: saved only when new
            save_state(self._folder / "search.pickle", _VERSION, (self._texts, self._bundle_key, self._bundle))
        return files

    def _pagefind(self, entries: list[SearchEntry], language: str, remake: bool) -> dict[str, bytes]:
        key = hashlib.blake2b(pickle.dumps((self._engine, version(), language, entries)), digest_size=16).digest()
        if key != self._bundle_key and remake:
            try:
                self._bundle = make_bundle(entries, language, self._folder / "scratch")
            except PagefindUnavailable as exc:
                self._problems.warning(None, None, None,
                                       f"Pagefind 未能运行，站内搜索只用内置索引（较慢，只在浏览器里逐页查找）：{exc}",
                                       "安装 Pagefind：pip install \"pagefind[extended]\"（README 的安装命令已包含）")
                self._bundle = {}
            self._bundle_key = key if self._bundle else b""
        return self._bundle
