"""Ids for the records an import creates: pinyin as the example site writes them (bai-yulan, xuanchuan-bu)."""
from __future__ import annotations

import re

from ..orderings import is_han, name_core
from ..orderings.names import MIDDLE_DOTS
from ..orderings.pinyin import COMPOUND_SURNAMES, readings

# The last words of unit names, kept apart in ids as the example's are (xuanchuan-bu, zhushui-huayan-ban).
UNIT_ENDINGS = ("党总支", "党支部", "办公室", "中心", "窗口", "车间", "部", "室", "科", "处", "班", "队", "组", "站",
                "所", "厂", "院", "委")
RESERVED = {"index"}


def person_id(name: str) -> str:
    """Return a person's id from their name: surname, then given name (白玉兰 bai-yulan, 艾力·买买提 ai-li-maimaiti)."""
    parts = [part for part in re.split(f"[{MIDDLE_DOTS}]", name_core(name)) if part]
    words: list[str] = []
    for index, part in enumerate(parts):
        said = _syllables(part, person=index == 0)
        if index == 0 and is_han(part[0]) and len(said) > 1:
            surname = 2 if part[:2] in COMPOUND_SURNAMES else 1
            words += ["".join(said[:surname]), "".join(said[surname:])]
        else:
            words.append("".join(said))
    return "-".join(word for word in words if word) or "person"


def unit_id(name: str) -> str:
    """Return a unit's id from its name, its ending apart (党委宣传部 dangweixuanchuan-bu)."""
    core = name_core(name)
    ending = next((e for e in UNIT_ENDINGS if core.endswith(e) and len(core) > len(e)), "")
    words = ["".join(_syllables(core[:len(core) - len(ending)], person=False)),
             "".join(_syllables(ending, person=False))]
    return "-".join(word for word in words if word) or "unit"


def unique_id(base: str, taken: set[str], tag: str | None = None) -> str:
    """Return `base`, or `base-<tag>` (a staff number), or `base-2`, `-3` …: the first not taken (ignoring case)."""
    candidates = [base]
    if tag and (slug := re.sub(r"[^a-z0-9]+", "-", tag.casefold()).strip("-")):
        candidates.append(f"{base}-{slug}")
    for candidate in candidates:
        if candidate.casefold() not in taken and candidate not in RESERVED:
            return candidate
    number = 2
    while f"{base}-{number}".casefold() in taken:
        number += 1
    return f"{base}-{number}"


def _syllables(text: str, person: bool) -> list[str]:
    """Return each character's pinyin without tones (ü as v); letters and digits as themselves, lower-case."""
    if not text:
        return []
    chars = "".join(c for c in name_core(text) if c not in MIDDLE_DOTS)
    said = []
    for char, reading in zip(chars, readings(text, person=person)):
        sound = reading.rstrip("012345") if is_han(char) else char
        said.append(re.sub(r"[^a-z0-9]", "", sound.casefold()))
    return [s for s in said if s]
