"""Pagefind 1.5's search bundle, written directly from the search entries instead of by the binary.

The browser side stays Pagefind's own pagefind.js and wasm (statics.py takes them from the binary);
this package writes the index files they read, exactly as Pagefind 1.5.2 writes them for the pages
`_page` (../pagefind.py) makes, but for the page order (the entries' here, the file system's there).
All index files are gzip of `pagefind_dcd` + the content; CBOR arrays are minicbor structs:

- `pagefind-entry.json`: `{"version", "languages": {lang: {"hash", "wasm": null, "page_count"}},
  "include_characters"}`; `lang` is the page's lang lower-cased (`zh-cn`, `zh-hant-tw`).
- `pagefind.<lang>_<hash>.pf_meta`: `[version, [[fragment name, word count]] by page number,
  [[from, to, chunk name]], [[filter, file name]], sorts: [], meta fields (sorted)]`.
- `index/<name>.pf_index`: `[[[word, [[page Δ, locs, meta_locs]], [[form, pages]]]]]`, words sorted,
  page numbers as differences; `locs` are positions grouped by weight (a marker `-weight-1`, the
  first position, then differences; weight 1 is 24, an h1 168), `meta_locs` grouped by meta field
  (`-field-1`, ...). The third element holds the forms a word had before its diacritics were taken off.
- `filter/<name>.pf_filter`: `[filter, [[value, [pages]]]]`, values sorted.
- `fragment/<name>.pf_fragment`: JSON `{"url", "content", "word_count", "filters", "meta", "anchors"}`;
  `content` is the text's words joined as Pagefind joins them (a zero-width space after each word,
  a space where the text had one), `word_count` the number of word positions.

Names are the language, `_` and the first 7 characters of the content's SHA-1 (bytes in hex without
leading zeros); the meta's take 8 + len(lang). How a page's words are found: page.py, postings.py,
segment.py (charabia's segmentation) and words.py (Pagefind's normalisation).
"""
from __future__ import annotations

import logging
import os
from collections.abc import Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial

from ...processes import pool_context
from ..entries import SearchEntry
from .bundle import BUNDLE, Compressed, Site, shared_files
from .page import PageIndex, Unsupported, language_key, page_index
from .statics import static_files, version_of

__all__ = ["BundleCache", "PageIndex", "Unsupported", "page_index", "static_files", "write_bundle"]

log = logging.getLogger(__name__)
_PARALLEL_FROM = 2000  # pages to index before it pays to start worker processes
CHECKED = ("1.5.2",)  # the Pagefind versions whose binary this writer was compared with (tests/test_search_bundle.py)


@dataclass
class BundleCache:
    """What one build keeps for the next: each entry's page index, and the compressed index files."""

    pages: dict[tuple[str, SearchEntry], PageIndex] = field(default_factory=dict)
    compressed: Compressed = field(default_factory=Compressed)


def write_bundle(entries: Sequence[SearchEntry], language: str, static: Mapping[str, bytes],
                 cache: BundleCache | None = None, fragment_prefix: str = "") -> dict[str, bytes]:
    """Return every file of Pagefind's bundle for `entries`, by site path under pagefind/.

    `static` are Pagefind's browser files by name (see `static_files`); `cache`, kept between
    builds, spares the work for entries and index files that did not change. Fragment names begin
    with `fragment_prefix`: a bundle merged with others (`pagefind.mergeIndex`) needs names of its own.
    Unsupported for a language Pagefind stems or segments with a dictionary, or another Pagefind version.
    """
    cache = cache if cache is not None else BundleCache()
    key = language_key(language)
    version = version_of(dict(static))
    if version not in CHECKED:
        raise Unsupported(f"this writer was checked against Pagefind {', '.join(CHECKED)}, not {version}")
    pages = _pages(entries, key, cache)
    fields = sorted({name for page in pages for name in page.meta_fields})
    pages = [page if list(page.meta_fields) == fields else page_index(entry, key, fields)
             for entry, page in zip(entries, pages)]
    files = {f"{BUNDLE}/{name}": data for name, data in static.items()}
    files.update(shared_files(pages, Site(key, version, fragment_prefix), fields, cache.compressed))
    cache.compressed.prune()
    return dict(sorted(files.items()))


def _pages(entries: Sequence[SearchEntry], key: str, cache: BundleCache) -> list[PageIndex]:
    """Return each entry's page index, from the cache or made now (in worker processes when many are new)."""
    missing = list(dict.fromkeys(entry for entry in entries if (key, entry) not in cache.pages))
    workers = min(os.cpu_count() or 1, 8)
    if len(missing) >= _PARALLEL_FROM and workers > 1:
        with ProcessPoolExecutor(workers, mp_context=pool_context("fork")) as pool:
            made = list(pool.map(partial(page_index, language=key), missing, chunksize=256))
    else:
        made = [page_index(entry, key) for entry in missing]
    kept = {(key, entry): cache.pages[(key, entry)] for entry in entries if (key, entry) in cache.pages}
    kept.update(((key, entry), page) for entry, page in zip(missing, made))
    cache.pages = kept
    log.debug("search bundle: %d pages indexed, %d kept", len(made), len(entries) - len(made))
    return [kept[(key, entry)] for entry in entries]
