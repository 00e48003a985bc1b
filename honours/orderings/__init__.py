"""How Chinese honour lists are ordered, and the note their headings print.

Pure functions: `sort_key(name, by)` for one name, `sort_names(names, by)` for a list.
  strokes        姓氏笔画 (the official rule: counts, then stroke shapes 横竖撇点折; the default)
  strokes-count  stroke counts, then code point (what office suites do)
  pinyin         姓氏拼音 (surname readings, then tones, then strokes)
  rank           by rank or score
  given          as listed (排名不分先后)
"""
from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import TypeVar

from .names import is_han, name_core, pad_name, split_names
from .pinyin import pinyin_key
from .strokes import missing_characters, stroke_count_key, stroke_key, stroke_sequence

__all__ = ["ORDERINGS", "NAME_ORDERINGS", "prepare", "sort_key", "sort_names", "script_of", "missing_characters",
           "stroke_sequence", "split_names", "name_core", "pad_name", "is_han"]

NAME_ORDERINGS = ("strokes", "strokes-count", "pinyin")
ORDERINGS = NAME_ORDERINGS + ("rank", "given")

_KEYS = {"strokes": stroke_key, "strokes-count": stroke_count_key, "pinyin": pinyin_key}
T = TypeVar("T")


def script_of(language: str) -> str:
    """Return the stroke standard a site's language follows: traditional for zh-TW and zh-HK."""
    return "hant" if language in ("zh-TW", "zh-HK") else "hans"


@functools.cache  # a person is on many lists: the honour rolls of each campaign, their unit's, the feed
def sort_key(name: str, by: str, *, person: bool = True, script: str = "hans") -> tuple:
    """Return the key that orders `name` by one of NAME_ORDERINGS."""
    return _KEYS[by](name, person=person, script=script)


def prepare(orderings: Iterable[str]) -> None:
    """Load now what ordering by these takes: pypinyin's dictionaries (about 0.3 s) for pinyin.

    A build does this before its render workers fork, so that they inherit the dictionaries rather than
    each loading them again, and the build's own lists (the feed's) find them loaded.
    """
    if "pinyin" in orderings:
        import pypinyin  # noqa: F401  (what pinyin.readings imports when first asked)


def sort_names(items: Iterable[T], by: str, *, name: Callable[[T], str] = str, person: bool = True,
               script: str = "hans") -> list[T]:
    """Return items ordered by their names; "given" and "rank" keep the order they come in."""
    items = list(items)
    if by not in _KEYS:
        return items
    return sorted(items, key=lambda item: sort_key(name(item), by, person=person, script=script))
