"""One search entry as Pagefind 1.5 indexes it: its fragment, and its words with positions and weights.

This is what Pagefind makes of the page `_page` in ../pagefind.py writes for an entry: an `<h1>` with
the title (auto weight 7) and one `<p>` per line of text (weight 1), every Han character a word of its
own, each block ended by " · " so that no full stop is added; the filters and meta come from
`data-v` attributes. The result depends on the entry and the language only, so a build keeps it
for unchanged entries.
"""
from __future__ import annotations

import hashlib
import html.entities
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..entries import SearchEntry
from ..pagefind import _HAN, FILTER_CAMPAIGN, FILTER_KIND, FILTER_YEAR
from .compress import compress
from .postings import meta_words, postings, read
from .segment import WHITE_SPACE

_BLOCK_END = "·"  # what `_page` ends each block with, between no-break spaces
_SPACE = re.escape(WHITE_SPACE)
_HAN_CLASS = _HAN.pattern.strip("()")
# The pieces of `_characters(text)` split at white space: a Han character, or a run of anything else.
_PIECES = re.compile(f"{_HAN_CLASS}|[^{_SPACE}{_HAN_CLASS[1:-1]}]+")
_PRIVATE = re.compile(rf"___PAGEFIND_[^{_SPACE}]+[{_SPACE}]?")
_EDGES = re.compile(rf"^[{_SPACE}]+|[{_SPACE}]+$")
_SPACES = re.compile(rf"[{_SPACE}]{{2,}}")
_NEWLINES = re.compile(r"(\n|\r\n)+")
_ENTITY = re.compile(r"&(?:#([0-9]+)|#[xX]([0-9a-fA-F]+)|([A-Za-z][A-Za-z0-9]*));")
_SEGMENTED = ("zh", "ja", "th")  # languages Pagefind's extended build segments
# Languages Pagefind stems (its get_stemmer): this writer has no stemmer, so it refuses them.
STEMMED = frozenset("ar hy eu ca da nl en eo et fi fr de el hi hu id ga it lt nb ne nn no pt ro ru sr pl es sv ta tr yi"
                    .split())


class Unsupported(ValueError):
    """This writer cannot write what Pagefind would: a language it stems or segments with a dictionary, or
    a Pagefind version it was not checked against. Pagefind's binary can still make the bundle."""


@dataclass(frozen=True, slots=True)
class PageIndex:
    """What one page adds to the bundle: its fragment, filters and postings, without its page number.

    A posting is one word's `[locs, meta_locs]` on this page, CBOR-encoded, with its size in
    Pagefind's chunking units (one per location, plus one).
    """

    url: str
    fragment: bytes  # the fragment's file: its JSON, signed and compressed
    hash: str  # Pagefind's digest of the fragment's JSON (hex SHA-1, bytes unpadded)
    word_count: int
    filters: tuple[tuple[str, tuple[str, ...]], ...]  # by filter name; values as the page gives them
    meta_fields: tuple[str, ...]  # sorted: the field ids in meta_locs index this
    words: tuple[str, ...]  # posted words, each once
    units: tuple[int, ...]
    postings: tuple[bytes, ...]  # each word's posting
    variants: tuple[tuple[str, str, int, bytes], ...]  # (word, form with diacritics, units, posting)


def language_key(language: str) -> str:
    """Return the language as Pagefind names it (the page's lang, lower-cased); Unsupported if this writer can't."""
    key = language.lower()
    base = key.split("-")[0]
    if base in STEMMED or base in ("ja", "th"):
        raise Unsupported(f"Pagefind indexes {language} with a stemmer or dictionary this writer lacks")
    return key


def page_index(entry: SearchEntry, language: str, fields: Sequence[str] | None = None) -> PageIndex:
    """Return what Pagefind makes of the page for `entry` in `language` (a key from `language_key`).

    `fields` are the site's meta fields, if this page lacks some (they number the meta locations).
    """
    title = [*_PIECES.findall(entry.title), _BLOCK_END]
    lines = [line for line in entry.text.split("\n") if line and line != entry.title]
    # Each line's pieces and a block end after it, found in one pass: the block ends stand between newlines.
    text = _PIECES.findall(f"\n{_BLOCK_END}\n".join(lines) + f"\n{_BLOCK_END}") if lines else []
    reading = read(title, text, language.split("-")[0] in _SEGMENTED)
    meta = {"kind": _PRIVATE.sub("", entry.kind), "title": _PRIVATE.sub("", entry.title)}
    fields = tuple(fields) if fields is not None else tuple(sorted(meta))
    filters = _filters(entry)
    data = {"url": "/" + entry.path, "content": reading.content, "word_count": reading.word_count,
            "filters": {name: list(values) for name, values in filters}, "meta": dict(sorted(meta.items())),
            "anchors": []}
    fragment = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    found = postings(reading, meta_words(meta, fields))
    return PageIndex(data["url"], compress(fragment), full_hash(fragment), reading.word_count, filters, fields,
                     found.words, found.units, found.encoded, found.variants)


def full_hash(data: bytes) -> str:
    """Return Pagefind's digest: SHA-1 in hex, each byte without a leading zero (Rust's `{:x?}`)."""
    return "".join(map("{:x}".format, hashlib.sha1(data).digest()))


def normalize_content(text: str) -> str:
    """Return `text` as Pagefind tidies a filter value: entities decoded, trimmed, runs of white space made one space.

    The value was decoded once already when the HTML was read, so an entity in the value itself
    (`&amp;` written in a title) is decoded too, as Pagefind does; only entities with their `;`.
    """
    text = _EDGES.sub("", _ENTITY.sub(_entity, text))
    text = _NEWLINES.sub(" ", text)
    return _SPACES.sub(" ", text)


def _entity(found: re.Match[str]) -> str:
    """Return the character a complete entity (`&name;`, `&#n;`, `&#xh;`) stands for, or the entity if none."""
    decimal, hexadecimal, name = found.groups()
    if name is not None:
        return html.entities.html5.get(name + ";", found.group())
    code = int(decimal) if decimal is not None else int(hexadecimal, 16)
    return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else found.group()


def _filters(entry: SearchEntry) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Return the page's filters in the order its fragment lists them: by name, values as the page gives them."""
    given = {FILTER_YEAR: entry.years, FILTER_CAMPAIGN: entry.campaigns, FILTER_KIND: (entry.kind,)}
    return tuple((name, tuple(map(_filter_value, given[name]))) for name in sorted(given) if given[name])


@lru_cache(maxsize=1 << 12)
def _filter_value(value: str) -> str:
    """Return a filter value as the fragment gives it: the same few years, campaigns and kinds recur on every page."""
    return _PRIVATE.sub("", normalize_content(value))
