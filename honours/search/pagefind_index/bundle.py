"""The bundle's shared files, made from every page's index: word chunks, filters, meta and entry.

Pages are numbered in the order of the entries. Each word's postings are joined in page order with
page numbers written as differences, as Pagefind writes them; words are cut into chunks as
Pagefind cuts them (a chunk ends once it holds 20,000 locations), and every file is named after
the digest of its content, so the same entries always make the same bundle.
"""
from __future__ import annotations

import json
import os
from collections import defaultdict, deque
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import chain, repeat
from operator import sub

from . import cbor
from .compress import compress
from .page import PageIndex, full_hash
from .words import INCLUDE_CHARACTERS

BUNDLE = "pagefind"
CHUNK_SIZE = 20_000  # Pagefind's index_chunk_size: locations (plus one per page) in a chunk


@dataclass
class Compressed:
    """Compressed index files by their content's digest, so that a rebuild compresses only new ones."""

    files: dict[str, bytes] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)

    def many(self, files: dict[str, tuple[str, bytes]]) -> dict[str, bytes]:
        """Return each file (path -> (digest, data)) compressed, compressing the new ones in parallel threads."""
        new = {digest: data for digest, data in files.values() if digest not in self.files}
        if new:
            with ThreadPoolExecutor(min(os.cpu_count() or 1, 8)) as pool:  # zlib lets other threads run
                self.files.update(zip(new, pool.map(compress, new.values())))
        self.used.update(digest for digest, _ in files.values())
        return {path: self.files[digest] for path, (digest, _) in files.items()}

    def prune(self) -> None:
        """Forget the files no build since the last prune asked for."""
        self.files = {digest: data for digest, data in self.files.items() if digest in self.used}
        self.used = set()


@dataclass(frozen=True, slots=True)
class Site:
    """What the shared files need besides the pages: the language's key and the Pagefind version."""

    language: str  # as Pagefind names it, e.g. zh-cn
    version: str  # written into the meta and entry files; pagefind.js compares it with its own
    # What fragment names begin with. pagefind.js gives a result's fragment name as its id, so bundles
    # merged in one search (honours' shards) give each a prefix of its own to keep ids apart.
    fragment_prefix: str = ""


def shared_files(pages: Sequence[PageIndex], site: Site, fields: Sequence[str],
                 compressed: Compressed) -> dict[str, bytes]:
    """Return the bundle's files made from `pages` (numbered in order), except Pagefind's own scripts."""
    fragment_names = [site.fragment_prefix + name
                      for name in _names(site.language, (page.hash for page in pages), step=1)]
    files = {f"{BUNDLE}/fragment/{name}.pf_fragment": page.fragment for page, name in zip(pages, fragment_names)}
    raw: dict[str, tuple[str, bytes]] = {}  # path -> (digest, content) of the files still to compress
    filters = _filter_files(pages, site.language, raw)
    chunks = _chunk_files(pages, site.language, raw)
    pages_meta = [cbor.array([cbor.text(name), cbor.uint(page.word_count)]) for page, name in zip(pages, fragment_names)]
    meta = cbor.array([cbor.text(site.version), cbor.array(pages_meta), cbor.array(chunks), cbor.array(filters),
                       cbor.array([]), cbor.text_array(fields)])
    digest = full_hash(meta)
    meta_name = f"{site.language}_{digest[:len(site.language) + 8]}"
    raw[f"{BUNDLE}/pagefind.{meta_name}.pf_meta"] = (digest, meta)
    files.update(compressed.many(raw))
    entry = {"version": site.version,
             "languages": {site.language: {"hash": meta_name, "wasm": None, "page_count": len(pages)}},
             "include_characters": list(INCLUDE_CHARACTERS)}
    files[f"{BUNDLE}/pagefind-entry.json"] = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode()
    return files


def _names(language: str, digests: Iterable[str], step: int = 2) -> list[str]:
    """Return a file name for each digest: its first 7 characters, longer where two would collide.

    Pagefind lengthens a fragment's name by one character at a time, other names by two.
    """
    names: list[str] = []
    taken: dict[str, str] = {}
    for digest in digests:
        length = 7
        while (name := f"{language}_{digest[:length]}") in taken and taken[name] != digest and length < len(digest):
            length += step
        taken[name] = digest
        names.append(name)
    return names


def _filter_files(pages: Sequence[PageIndex], language: str, files: dict[str, tuple[str, bytes]]) -> list[bytes]:
    """Add a file per filter (each value with its pages, values sorted) to `files`; return the meta's list."""
    by_filter: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for number, page in enumerate(pages):
        for name, values in page.filters:
            for value in values:
                by_filter[name][value].append(number)
    encoded = []
    for name in sorted(by_filter):
        values = [cbor.array([cbor.text(value), cbor.int_array(numbers)])
                  for value, numbers in sorted(by_filter[name].items())]
        encoded.append((name, cbor.array([cbor.text(name), cbor.array(values)])))
    listed = []
    for (name, data), file_name in zip(encoded, _names(language, (full_hash(data) for _, data in encoded))):
        files[f"{BUNDLE}/filter/{file_name}.pf_filter"] = (full_hash(data), data)
        listed.append(cbor.array([cbor.text(name), cbor.text(file_name)]))
    return listed


def _chunk_files(pages: Sequence[PageIndex], language: str, files: dict[str, tuple[str, bytes]]) -> list[bytes]:
    """Add the word index chunks to `files`; return the meta's list of chunks (first word, last word, file)."""
    postings = _Postings.gather(pages)
    chunks: list[list[str]] = [[]]
    size = 0
    for word in sorted(postings.encoded.keys() | postings.variants.keys()):
        chunks[-1].append(word)
        size += postings.size(word)
        if size >= CHUNK_SIZE:
            chunks.append([])
            size = 0
    chunks = [chunk for chunk in chunks if chunk]
    encoded = [cbor.array_of(1, [cbor.array_of(len(chunk), map(postings.encode, chunk))]) for chunk in chunks]
    digests = [full_hash(data) for data in encoded]
    listed = []
    for (first, last), data, digest, name in zip(_ranges(chunks), encoded, digests, _names(language, digests)):
        files[f"{BUNDLE}/index/{name}.pf_index"] = (digest, data)
        listed.append(cbor.array([cbor.text(first), cbor.text(last), cbor.text(name)]))
    return listed


def _ranges(chunks: list[list[str]]) -> list[tuple[str, str]]:
    """Return each chunk's first and last word, cut between neighbours to the shortest prefixes that differ."""
    ranges = [[chunk[0], chunk[-1]] for chunk in chunks]
    for before, after in zip(ranges, ranges[1:]):
        common = 0
        for a, b in zip(after[0], before[1]):
            if a != b:
                break
            common += 1
        to, start = before[1][:common + 1], after[0][:common + 1]
        if to >= before[0]:  # never make a chunk end before it starts
            before[1] = to
        after[0] = start
    return [(first, last) for first, last in ranges]


class _Postings:
    """Every word's postings over all pages in page order, each `[page Δ,` head followed by the page's encoding."""

    def __init__(self, count: int) -> None:
        self.heads = [b"\x83" + cbor.uint(delta) for delta in range(count)]  # `[page Δ,` by Δ
        self.encoded: dict[str, list[bytes]] = defaultdict(list)  # head, posting, head, posting...
        self.last: dict[str, int] = defaultdict(int)  # the last page number a word was posted on
        self.units: dict[str, list[int]] = defaultdict(list)
        self.variants: dict[str, dict[str, list[tuple[int, bytes, int]]]] = defaultdict(dict)

    @classmethod
    def gather(cls, pages: Sequence[PageIndex]) -> _Postings:
        """Return the postings of `pages`, numbered in order."""
        postings = cls(len(pages))
        extend, append = list.extend, list.append
        for number, page in enumerate(pages):
            # C-level passes only: a large site has millions of postings.
            words = page.words
            deltas = map(sub, repeat(number), map(postings.last.__getitem__, words))
            heads = map(postings.heads.__getitem__, deltas)
            deque(map(extend, map(postings.encoded.__getitem__, words), zip(heads, page.postings)), maxlen=0)
            postings.last.update(zip(words, repeat(number)))
            deque(map(append, map(postings.units.__getitem__, words), page.units), maxlen=0)
            for word, form, units, posting in page.variants:
                postings.variants[word].setdefault(form, []).append((number, posting, units))
        return postings

    def size(self, word: str) -> int:
        """Return the word's size in chunking units: its locations, one per page, one per variant."""
        variants = self.variants.get(word, {})
        return (sum(self.units.get(word, ())) + len(variants)
                + sum(units for postings in variants.values() for _, _, units in postings))

    def encode(self, word: str) -> bytes:
        """Return the word's entry in a chunk: `[word, pages, additional_variants]`."""
        encoded = self.encoded.get(word, [])
        variants = [cbor.array([cbor.text(form), self._pages([n for n, _, _ in found], [e for _, e, _ in found])])
                    for form, found in self.variants.get(word, {}).items()]
        return b"\x83" + cbor.text(word) + cbor.array_of(len(encoded) // 2, encoded) + cbor.array(variants)

    def _pages(self, numbers: list[int], encoded: list[bytes]) -> bytes:
        """Return a list of `[page, locs, meta_locs]`, each page number as the difference from the one before."""
        heads = map(self.heads.__getitem__, map(sub, numbers, chain((0,), numbers)))
        return cbor.array_of(len(numbers), chain.from_iterable(zip(heads, encoded)))
