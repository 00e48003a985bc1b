"""A page's words as Pagefind 1.5 records them: positions with weights, and their postings in CBOR.

Every word of the text takes a position, punctuation too; a word indexed under several forms
(a compound's parts, an emoji in it, a form with diacritics) has them all at its position. The
positions of one word on a page are written as `[-weight-1, first, differences...]` per weight,
default weight first; meta words likewise per meta field. Almost every word of a Chinese page is a
single character indexed as itself, so those take a fast path; the rest go the general way.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import chain, repeat
from operator import add, itemgetter
from typing import NamedTuple

from . import cbor
from .segment import pieces, segments
from .words import Indexed, indexable

TITLE_WEIGHT = 7 * 24  # Pagefind's auto weight for h1, times its scale of 24 for weight 1
TEXT_WEIGHT = 24
_DEFAULT_WEIGHT = 25  # what Pagefind sorts first and starts from (no weight of ours is 25)
_MARKS = {TITLE_WEIGHT: cbor.integer(-TITLE_WEIGHT - 1), TEXT_WEIGHT: cbor.integer(-TEXT_WEIGHT - 1)}
_NO_META = cbor.int_array([])
_TEXT_HEADS = [cbor.head(4, count + 1) + _MARKS[TEXT_WEIGHT] for count in range(4096)]  # `[-25,` before so many positions
_COUNT, _ENCODED = itemgetter(1), itemgetter(2)  # of a word's state in `Reading.simple`

Occurrences = dict[str, list[tuple[str | None, int, int]]]  # word -> (form with diacritics, weight or field, position)
Key = str | tuple[Indexed, ...] | None  # a position's word when indexed as itself alone, else its forms, or nothing


class Reading(NamedTuple):
    """A page's text as Pagefind reads it."""

    content: str  # the text of the fragment: words separated as Pagefind separates them
    simple: tuple[dict[str, list], dict[str, list]]  # title, text: word -> [last position, count, positions]
    others: Occurrences  # words of several forms, with their weights
    word_count: int


class Postings(NamedTuple):
    """A page's postings, ready to be joined with other pages'."""

    words: tuple[str, ...]
    units: tuple[int, ...]  # Pagefind's chunking size of each posting
    encoded: tuple[bytes, ...]  # each word's `[locs, meta_locs]`
    variants: tuple[tuple[str, str, int, bytes], ...]  # (word, form, units, `[locs, meta_locs]`)


class _Learnt(dict[str, tuple[Key, ...]]):
    """What each piece of text gives, learnt once per process the first time it is looked up: the key of
    each position it takes (a word indexed as itself alone, its several forms, or None), and in `texts`
    its text in the content."""

    def __init__(self, segmented: bool) -> None:
        super().__init__()
        self.segmented = segmented
        self.texts: dict[str, str] = {}

    def __missing__(self, piece: str) -> tuple[Key, ...]:
        self.texts[piece], keys = _piece(piece, self.segmented)
        self[piece] = keys
        return keys


_LEARNT = (_Learnt(False), _Learnt(True))  # by whether the language is segmented
_LEARNT_AT_MOST = 1 << 18


def read(title: Sequence[str], text: Sequence[str], segmented: bool) -> Reading:
    """Return what Pagefind reads from the pieces (text without white space) of a page's title and text."""
    learnt = _LEARNT[segmented]
    if len(learnt) > _LEARNT_AT_MOST:
        learnt.clear()
        learnt.texts.clear()
    title_keys = list(chain.from_iterable(map(learnt.__getitem__, title)))  # learns the pieces not known yet
    text_keys = list(chain.from_iterable(map(learnt.__getitem__, text)))
    content = "".join(map(learnt.texts.__getitem__, chain(title, text))).removesuffix("\u200b").removesuffix(" ")
    simple: tuple[dict[str, list], dict[str, list]] = ({}, {})
    others: Occurrences = {}
    start = 0
    uint = cbor.UINTS if len(title_keys) + len(text_keys) < len(cbor.UINTS) else cbor.Uints()
    for weight, keys, found in ((TITLE_WEIGHT, title_keys, simple[0]), (TEXT_WEIGHT, text_keys, simple[1])):
        # Each word's positions are written as CBOR differences as they come: [last, count, bytes].
        for position, key in enumerate(keys, start):
            if key.__class__ is str:
                state = found.get(key)
                if state is None:
                    found[key] = [position, 1, bytearray(uint[position])]
                else:
                    state[2] += uint[position - state[0]]
                    state[0] = position
                    state[1] += 1
            elif key is not None:
                _occur(others, key, weight, position)
        start += len(keys)
    return Reading(content, simple, others, max(start, 1))


def _piece(piece: str, segmented: bool) -> tuple[str, tuple[Key, ...]]:
    """Return a piece's text in the content, and the key of each position it takes."""
    words = segments(piece) if segmented and not piece.startswith("___") else (piece,)
    text: list[str] = []
    keys: list[Key] = []
    for index, word in enumerate(words):
        base = word.replace("\u200b", "")
        if not base:
            continue
        text.append(base + (" " if index == len(words) - 1 else "") + ("\u200b" if segmented else ""))
        found = indexable(base)
        if len(found) == 1 and found[0].original is None:
            keys.append(found[0].word)
        else:
            keys.append(found or None)
    return "".join(text), tuple(keys)


def _occur(occurrences: Occurrences, found: tuple[Indexed, ...], weight: int, position: int) -> None:
    """Record one word of text: each indexed form at this position, parts with a share of the weight."""
    parts = sum(1 for item in found if item.part)
    share = max(weight // parts, 1) if parts and weight > 0 else 0
    for item in found:
        occurrences.setdefault(item.word, []).append((item.original, share if item.part else weight, position))


def meta_words(meta: dict[str, str], fields: Sequence[str]) -> Occurrences:
    """Return the words of the meta values: each value split at white space, numbered from 0 in its field."""
    found: Occurrences = {}
    for name, value in meta.items():
        field = fields.index(name)
        for position, word in enumerate(pieces(value)):
            for item in indexable(word):
                found.setdefault(item.word, []).append((item.original, field, position))
    return found


def postings(reading: Reading, meta: Occurrences) -> Postings:
    """Return the page's postings: for each word its `[locs, meta_locs]`, then its diacritic variants."""
    title, text = reading.simple
    general = reading.others.keys() | meta.keys()
    made = _text_postings(text, text.keys() - title.keys() - general)
    variants: list[tuple[str, str, int, bytes]] = []
    for word in sorted((title.keys() | text.keys() | general) - made.keys()):
        if word in general:
            plain = [(weight, position) for weight, found in ((TITLE_WEIGHT, title), (TEXT_WEIGHT, text))
                     for position in _positions(found.get(word))]
            plain += [(weight, position) for original, weight, position in reading.others.get(word, ()) if original is None]
            plain_meta = [(field, position) for original, field, position in meta.get(word, ()) if original is None]
            if plain or plain_meta:
                made[word] = _posting(plain, plain_meta)
            variants += _variants(word, reading.others.get(word, ()), meta.get(word, ()))
        else:
            made[word] = _simple_posting(text.get(word), title.get(word))
    words = sorted(made)
    encoded, units = zip(*map(made.__getitem__, words)) if words else ((), ())
    return Postings(tuple(words), units, encoded, tuple(variants))


def _text_postings(text: dict[str, list], alone: set[str]) -> dict[str, tuple[bytes, int]]:
    """Return the posting and size of each word found only in the text, as itself: most words of a page.

    The same as `_simple_posting` gives them, in C-level passes rather than a call a word.
    """
    words = list(alone)
    states = list(map(text.__getitem__, words))
    counts = list(map(_COUNT, states))
    if max(counts, default=0) >= len(_TEXT_HEADS):
        return {word: _simple_posting(state, None) for word, state in zip(words, states)}
    encoded = map(b"".join, zip(map(_TEXT_HEADS.__getitem__, counts), map(_ENCODED, states), repeat(_NO_META)))
    return dict(zip(words, zip(encoded, map(add, counts, repeat(2)))))


def _simple_posting(text: list | None, title: list | None) -> tuple[bytes, int]:
    """Return the posting of a word found only as itself: text positions, then title positions."""
    if title is None:
        count = text[1] + 1
        return cbor.head(4, count) + _MARKS[TEXT_WEIGHT] + text[2] + _NO_META, count + 1
    if text is None:
        count = title[1] + 1
        return cbor.head(4, count) + _MARKS[TITLE_WEIGHT] + title[2] + _NO_META, count + 1
    count = text[1] + title[1] + 2
    return b"".join((cbor.head(4, count), _MARKS[TEXT_WEIGHT], text[2], _MARKS[TITLE_WEIGHT], title[2],
                     _NO_META)), count + 1


def _positions(state: list | None) -> list[int]:
    """Return the positions a word's state holds, decoding the differences written as they came."""
    if state is None:
        return []
    positions, total = [], 0
    for delta in cbor.read_uints(bytes(state[2])):
        total += delta
        positions.append(total)
    return positions


def _variants(word: str, text: Iterable[tuple[str | None, int, int]],
              meta: Iterable[tuple[str | None, int, int]]) -> list[tuple[str, str, int, bytes]]:
    """Return the postings of a word's diacritic forms: those of the text by form, then new ones of the meta."""
    forms: dict[str, tuple[list[tuple[int, int]], list[tuple[int, int]]]] = {}
    for original, weight, position in sorted(text, key=lambda item: item[0] or ""):
        if original is not None:
            forms.setdefault(original, ([], []))[0].append((weight, position))
    for original, field, position in sorted(meta, key=lambda item: item[0] or ""):
        if original is not None:
            forms.setdefault(original, ([], []))[1].append((field, position))
    return [(word, form, size, posting) for form, locations in forms.items() for posting, size in [_posting(*locations)]]


def _posting(locations: list[tuple[int, int]], meta_locations: list[tuple[int, int]]) -> tuple[bytes, int]:
    """Return one word's `[locs, meta_locs]` on a page, CBOR-encoded, and its size in chunking units."""
    by_weight = sorted(locations, key=lambda item: (0 if item[0] == _DEFAULT_WEIGHT else item[0], item[1]))
    locs = _packed(by_weight, _DEFAULT_WEIGHT)
    meta_locs = _packed(sorted(meta_locations), None)
    return cbor.int_array(locs) + cbor.int_array(meta_locs), len(locs) + len(meta_locs) + 1


def _packed(items: list[tuple[int, int]], current: int | None) -> list[int]:
    """Return (group, position) pairs as Pagefind packs them: a marker `-group-1` where the group changes,
    followed by the absolute position, then each position as the difference from the one before."""
    packed: list[int] = []
    last = 0
    for group, position in items:
        if group != current:
            packed += (-group - 1, position)
            current = group
        else:
            packed.append(position - last)
        last = position
    return packed
