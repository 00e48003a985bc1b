"""Stroke counts and stroke-shape sequences, and the 姓氏笔画 sort keys built on them.

The tables in data/ give each character's strokes in the five classes of the standard
(GF 3002-1999, GF 0023-2020): 1 横 (提 too), 2 竖 (竖钩 too), 3 撇, 4 点 (捺 too), 5 折 (every
turning or hooked stroke). The number of digits is the stroke count. Provenance: data/PROVENANCE.md.
"""
from __future__ import annotations

from functools import cache
from importlib import resources

from .names import MIDDLE_DOTS, is_han, name_core

SCRIPTS = ("hans", "hant")
# A character with no data sorts after every character with data.
_UNKNOWN = 1000
# A two-character name compares as if a blank stood between surname and given name:
# 王伟 before 王书茂. The blank sorts before every character.
_BLANK = (-1, "", 0)


@cache
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    """Return the simplified-standard and traditional-standard sequences of every character."""
    hans: dict[str, str] = {}
    hant: dict[str, str] = {}
    folder = resources.files(__package__) / "data"
    for row in _rows(folder / "strokes-cnchar.tsv"):
        hans[row[0]] = row[1]
    for char, own, traditional in _rows(folder / "strokes-cns.tsv"):
        if own != "-":
            hans.setdefault(char, own)
        if traditional != "-":
            hant[char] = traditional
    return hans, hant


def _rows(path) -> list[list[str]]:
    text = path.read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


def stroke_sequence(char: str, script: str = "hans") -> str | None:
    """Return a character's stroke-shape sequence ("1121" for 王), or None when there is no data.

    `script` "hant" follows the traditional standard (Taiwan's CNS 11643), which writes some
    parts differently (艹 in four strokes), and falls back to the simplified one.
    """
    hans, hant = _tables()
    if script == "hant" and char in hant:
        return hant[char]
    return hans.get(char)


def missing_characters(name: str, script: str = "hans") -> list[str]:
    """Return the characters of a name that have no stroke data, in the order they occur."""
    return [c for c in name_core(name) if is_han(c) and stroke_sequence(c, script) is None]


def char_key(char: str, script: str) -> tuple[int, str, int]:
    """Return one character's 笔画 key: stroke count, stroke shapes, code point."""
    if not is_han(char):
        return (0, "", ord(char))  # digits and letters in unit names come before characters
    sequence = stroke_sequence(char, script)
    if sequence is None:
        return (_UNKNOWN, "", ord(char))
    return (len(sequence), sequence, ord(char))


def _sorted_chars(name: str) -> str:
    return "".join(c for c in name_core(name) if c not in MIDDLE_DOTS)


def stroke_key(name: str, *, person: bool = True, script: str = "hans") -> tuple:
    """Return the 姓氏笔画 key: character by character, fewer strokes first, then the stroke
    shapes in the order 横竖撇点折, then the code point; a two-character person's name
    compares with a blank in the gap."""
    chars = _sorted_chars(name)
    keys = [char_key(c, script) for c in chars]
    if person and len(chars) == 2 and all(is_han(c) for c in chars):
        keys.insert(1, _BLANK)
    return (tuple(keys), name)


def stroke_count_key(name: str, *, person: bool = True, script: str = "hans") -> tuple:
    """Return the key office suites use: character by character, stroke count, then code point."""
    keys = tuple((k[0], k[2]) for k in (char_key(c, script) for c in _sorted_chars(name)))
    return (keys, name)
