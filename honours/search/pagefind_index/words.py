"""Which words Pagefind 1.5 indexes for one word of text (`get_indexable_words` in its splitting.rs).

A word is indexed as its letters and digits (and the "include characters"), lower-cased, with
diacritics taken off (the form with them is kept as a variant). A word that holds other characters
or a capital after its first letter is also indexed by its parts (`three-antelopes`, `ThreeAntelopes`
-> `three`, `antelopes`), each with a share of the word's weight, and any emoji in it on its own.
No stemming: Pagefind stems none of the languages this writer supports (see page.py).
"""
from __future__ import annotations

import string
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from .segment import pieces

# Pagefind's default `include_characters` (connector punctuation), written to pagefind-entry.json.
INCLUDE_CHARACTERS = ("_", "‿", "⁀", "⁔", "︳", "︴", "﹍", "﹎", "﹏", "＿")
# Kept in a word besides letters and digits: the include characters, and the few symbols Rust counts
# as alphabetic (Other_Alphabetic outside the marks: circled and squared Latin letters, U+0345).
_KEPT = frozenset(INCLUDE_CHARACTERS) | frozenset(
    chr(code) for low, high in ((0x345, 0x345), (0x24B6, 0x24E9), (0x1F130, 0x1F149), (0x1F150, 0x1F169),
                                (0x1F170, 0x1F189)) for code in range(low, high + 1))
_ALPHABETIC = _KEPT - frozenset(INCLUDE_CHARACTERS)
_DELIMITERS = str.maketrans({char: " " for char in string.punctuation})


class Indexed(NamedTuple):
    """One word to index: its key in the index, the diacritic form it stands for, whether it is a part."""

    word: str
    original: str | None  # the word with its diacritics, when they were taken off for `word`
    part: bool  # a part of a compound word: it gets a share of the word's weight


@lru_cache(maxsize=1 << 16)
def indexable(raw: str) -> tuple[Indexed, ...]:
    """Return the words Pagefind indexes for `raw`, one word of a page's text or of a meta value."""
    normalized = "".join(_lower(char) for char in raw if char.isalnum() or char in _KEPT)
    found: list[Indexed] = []
    if normalized:
        found.append(_undiacritic(normalized, part=False))
    if not _maybe_compound(raw):
        return tuple(found)
    parts = _discrete_words(raw)
    if normalized and (" " in parts or not normalized.startswith(parts)):
        # Parts of one character are not indexed (Pagefind counts UTF-8 bytes here).
        found += [_undiacritic(part, part=True) for part in pieces(parts) if len(part.encode()) > 1]
    found += [Indexed(emoji, None, False) for emoji in _emoji(raw)]
    return tuple(found)


def _lower(char: str) -> str:
    """Lower-case one character as Rust's `make_ascii_lowercase` then `to_lowercase` for capitals do."""
    return char.lower() if char.isupper() or "A" <= char <= "Z" else char


def _undiacritic(word: str, part: bool) -> Indexed:
    """Return `word` without combining marks after canonical decomposition, keeping the original if it changed."""
    if word.isascii():
        return Indexed(word, None, part)
    plain = "".join(char for char in unicodedata.normalize("NFD", word) if not unicodedata.category(char).startswith("M"))
    return Indexed(plain, word, part) if plain != word else Indexed(word, None, part)


def _maybe_compound(raw: str) -> bool:
    """Return whether `raw` may be a compound: any character that is no letter or digit, or a capital after the first."""
    return any(not (char.isalnum() or char in _ALPHABETIC) for char in raw) or any(char.isupper() for char in raw[1:])


def _discrete_words(raw: str) -> str:
    """Return the parts of a compound word, space-separated and lower-cased (convert_case's `to_case(Lower)`).

    ASCII punctuation becomes spaces first (Pagefind 1.5.2 keeps soft hyphens); then words split at spaces and where
    case or digits change: `aB`, `ABc` (before the B), `a1`, `A1`, `1a`, `1A`.
    """
    graphemes = _graphemes(raw.translate(_DELIMITERS))
    words: list[str] = []
    current: list[str] = []
    for index, grapheme in enumerate(graphemes):
        if grapheme == " ":
            words.append("".join(current))
            current = []
            continue
        current.append(grapheme)
        if _boundary_after(graphemes, index):
            words.append("".join(current))
            current = []
    words.append("".join(current))
    return " ".join(word.lower() for word in pieces(" ".join(words)))


def _boundary_after(graphemes: list[str], index: int) -> bool:
    """Return whether convert_case splits between grapheme `index` and the next one."""
    if index + 1 >= len(graphemes):
        return False
    here, after = graphemes[index], graphemes[index + 1]
    if _is_lower(here) and (_is_upper(after) or _is_digit(after)):
        return True
    if _is_upper(here) and (_is_digit(after) or (_is_upper(after) and index + 2 < len(graphemes)
                                                 and _is_lower(graphemes[index + 2]))):
        return True
    return _is_digit(here) and (_is_lower(after) or _is_upper(after))


def _is_upper(grapheme: str) -> bool:
    return grapheme.upper() != grapheme.lower() and grapheme == grapheme.upper()


def _is_lower(grapheme: str) -> bool:
    return grapheme.upper() != grapheme.lower() and grapheme == grapheme.lower()


def _is_digit(grapheme: str) -> bool:
    return grapheme.isascii() and grapheme.isdigit()


def _graphemes(text: str) -> list[str]:
    """Return `text` cut into user-perceived characters: a character with its marks, joiners and selectors."""
    clusters: list[str] = []
    for char in text:
        if clusters and (unicodedata.category(char).startswith("M") or char in "\u200d\ufe0e\ufe0f"
                         or clusters[-1].endswith("\u200d") or _skin_tone(char)
                         or (_regional(char) and len(clusters[-1]) == 1 and _regional(clusters[-1]))):
            clusters[-1] += char
        else:
            clusters.append(char)
    return clusters


def _skin_tone(char: str) -> bool:
    return "\U0001f3fb" <= char <= "\U0001f3ff"


def _regional(char: str) -> bool:
    return "\U0001f1e6" <= char <= "\U0001f1ff"


def _emoji(raw: str) -> list[str]:
    """Return the emoji in `raw`, each indexed as a word of its own (as the `emojis` crate knows them)."""
    return [cluster for cluster in _graphemes(raw) if _is_emoji(cluster)]


def _is_emoji(cluster: str) -> bool:
    """Return whether a grapheme is an emoji the `emojis` crate knows, with or without its selector or skin tone.

    The single characters are those Pagefind 1.5.2 was seen to index as emoji; a keycap needs its
    U+20E3, a flag is a pair of regional indicators.
    """
    first = ord(cluster[0])
    if cluster[0] in "#*0123456789":
        return "\u20e3" in cluster
    if _regional(cluster[0]):
        return len(cluster) > 1 and _regional(cluster[1])
    return any(low <= first <= high for low, high in _EMOJI)


_EMOJI = tuple((int(low, 16), int(high or low, 16)) for low, _, high in (item.partition("-") for item in (
    "A9 AE 203C 2049 2122 2194-2199 21A9-21AA 231A-231B 2328 23CF 23E9-23F3 23F8-23FA 24C2 25AA-25AB 25B6 25C0 "
    "25FB-25FE 2600-2604 260E 2611 2614-2615 2618 261D 2620 2622-2623 2626 262A 262E-262F 2638-263A 2640 2642 "
    "2648-2653 265F-2660 2663 2665-2666 2668 267B 267E-267F 2692-2697 2699 269B-269C 26A0-26A1 26A7 26AA-26AB "
    "26B0-26B1 26BD-26BE 26C4-26C5 26C8 26CE-26CF 26D1 26D3-26D4 26E9-26EA 26F0-26F5 26F7-26FA 26FD 2702 2705 "
    "2708-270D 270F 2712 2714 2716 271D 2721 2728 2733-2734 2744 2747 274C 274E 2753-2755 2757 2763-2764 "
    "2795-2797 27A1 27B0 27BF 2934-2935 2B05-2B07 2B1B-2B1C 2B50 2B55 3030 303D 3297 3299 1F004 1F0CF "
    "1F170-1F171 1F17E-1F17F 1F18E 1F191-1F19A 1F201-1F202 1F21A 1F22F 1F232-1F23A 1F250-1F251 1F300-1F321 "
    "1F324-1F393 1F396-1F397 1F399-1F39B 1F39E-1F3F0 1F3F3-1F3F5 1F3F7-1F3FA 1F400-1F4FD 1F4FF-1F53D "
    "1F549-1F54E 1F550-1F567 1F56F-1F570 1F573-1F57A 1F587 1F58A-1F58D 1F590 1F595-1F596 1F5A4-1F5A5 1F5A8 "
    "1F5B1-1F5B2 1F5BC 1F5C2-1F5C4 1F5D1-1F5D3 1F5DC-1F5DE 1F5E1 1F5E3 1F5E8 1F5EF 1F5F3 1F5FA-1F64F "
    "1F680-1F6C5 1F6CB-1F6D2 1F6D5-1F6D7 1F6DD-1F6E5 1F6E9 1F6EB-1F6EC 1F6F0 1F6F3-1F6FC 1F7E0-1F7EB 1F7F0 "
    "1F90C-1F93A 1F93C-1F945 1F947-1F9AF 1F9B4-1F9FF 1FA70-1FA74 1FA78-1FA7C 1FA80-1FA86 1FA90-1FAAC "
    "1FAB0-1FABA 1FAC0-1FAC5 1FAD0-1FAD9 1FAE0-1FAE7 1FAF0-1FAF6").split()))
