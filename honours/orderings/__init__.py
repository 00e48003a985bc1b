"""How Chinese honour lists are ordered, and the note their headings print.

Pure functions: `sort_key(name, by)` for one name, `sort_names(names, by)` for a list. A key is worked out
once a process (a person is on many lists); `known_keys` takes keys an earlier build worked out.
  strokes        姓氏笔画 (the official rule: counts, then stroke shapes 横竖撇点折; the default)
  strokes-count  stroke counts, then code point (what office suites do)
  pinyin         姓氏拼音 (surname readings, then tones, then strokes)
  rank           by rank or score
  given          as listed (排名不分先后)
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TypeVar

from .names import is_han, name_core, pad_name, split_names
from .pinyin import pinyin_key
from .strokes import missing_characters, stroke_count_key, stroke_key, stroke_sequence

__all__ = ["ORDERINGS", "NAME_ORDERINGS", "KeyArgs", "known_keys", "sort_key", "sort_names", "script_of",
           "missing_characters", "stroke_sequence", "split_names", "name_core", "pad_name", "is_han"]

NAME_ORDERINGS = ("strokes", "strokes-count", "pinyin")
ORDERINGS = NAME_ORDERINGS + ("rank", "given")

_KEYS = {"strokes": stroke_key, "strokes-count": stroke_count_key, "pinyin": pinyin_key}
T = TypeVar("T")
KeyArgs = tuple[str, str, bool, str]  # what a key is of: name, ordering, whether a person's name, script
_FOUND: dict[KeyArgs, tuple] = {}


def script_of(language: str) -> str:
    """Return the stroke standard a site's language follows: traditional for zh-TW and zh-HK."""
    return "hant" if language in ("zh-TW", "zh-HK") else "hans"


def sort_key(name: str, by: str, *, person: bool = True, script: str = "hans") -> tuple:
    """Return the key that orders `name` by one of NAME_ORDERINGS."""
    args = (name, by, person, script)
    found = _FOUND.get(args)
    if found is None:
        found = _FOUND[args] = _KEYS[by](name, person=person, script=script)
    return found


def known_keys(keys: Mapping[KeyArgs, tuple]) -> None:
    """Take keys worked out by this same code before (kept by a build for the next) as sort_key's own: ordering
    by pinyin then loads pypinyin's dictionaries (about 0.3 s) only for a name not read before."""
    _FOUND.update(keys)


def sort_names(items: Iterable[T], by: str, *, name: Callable[[T], str] = str, person: bool = True,
               script: str = "hans") -> list[T]:
    """Return items ordered by their names; "given" and "rank" keep the order they come in."""
    items = list(items)
    if by not in _KEYS:
        return items
    return sorted(items, key=lambda item: sort_key(name(item), by, person=person, script=script))
