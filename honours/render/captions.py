"""Captions set as a print shop sets them: shrunk to fit a line, broken only between words, never after a “·”.

Chinese has no spaces, so a browser (or WeasyPrint) breaks a caption wherever the line ends:
高级工/程师, 秘书/科科长, 井下作业/队修井一/班. Unit and post names are compounds of organisation
words, so a word ends after an organisation suffix (队, 班, 部, 科, 室, 站, 中心, 车间 …) that is
neither the name's first character nor followed by a single character (班长, 副部长 stay whole):
井下作业队|修井一班, 秘书科|科长, 技术中心|副主任. A dictionary segmenter (jieba) would know more
words but weighs tens of megabytes, and these names are made of few words; a job title without a
suffix (高级工程师) is one word and shrinks rather than breaks.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_SUFFIXES = ("中心", "车间", "窗口", "队", "班", "部", "科", "室", "站", "厂")
_SPLIT = re.compile(r"(?<=[^\s])(" + "|".join(_SUFFIXES) + r")(?=[^\s]{2,})")
_JOINERS = re.compile(r"\s*[·•]\s*|\s+")


@dataclass(frozen=True, slots=True)
class Caption:
    """A caption's lines and the size to set them at, as a fraction of the caption's own size."""

    lines: tuple[str, ...]
    scale: float


def words(text: str) -> list[str]:
    """Return the words a name may break between: at spaces and “·”, and after organisation suffixes."""
    found = []
    for part in _JOINERS.split(text.strip()):
        if part:
            found += [word for word in re.sub(_SPLIT, r"\1\n", part).split("\n") if word]
    return found


def measure(text: str) -> float:
    """Return a text's width in ems: a Chinese character is one, a Latin letter or digit about half."""
    return sum(0.55 if ord(char) < 0x2E80 else 1.0 for char in text)


def caption_lines(text: str, width: float, floor: float = 0.75, most: int = 3) -> Caption:
    """Return `text` on as few lines as read at `floor` of its size or more within `width` ems.

    One line if it fits, shrunk if need be; else broken between words, “·” dropped where it breaks.
    A word longer than the width at the floor shrinks further: it is never broken.
    """
    if not text:
        return Caption((), 1.0)
    parts = words(text)
    best = Caption((text,), min(1.0, width / measure(text)))
    if best.scale >= floor:
        return best
    for count in range(2, min(most, len(parts)) + 1):
        lines = _balanced(parts, count)
        caption = Caption(lines, min(1.0, width / max(measure(line) for line in lines)))
        if caption.scale >= floor:
            return caption
        best = max(best, caption, key=lambda c: c.scale)
    return best


def tile_lines(text: str, width: float, height: float, line_height: float = 1.3) -> Caption:
    """Return a name for a tile `width` × `height` ems in the largest type its words allow, a line being
    `line_height` ems: 井下作业队 / 修井一班, never 井下作业 / 队修井一 / 班."""
    parts = words(text) or [text]
    best = Caption((), 0.0)
    for count in range(1, len(parts) + 1):
        lines = _balanced(parts, count)
        scale = min(1.0, width / max(measure(line) for line in lines), height / (count * line_height))
        if scale > best.scale + 1e-9:
            best = Caption(lines, scale)
    return best


def _balanced(parts: list[str], count: int) -> tuple[str, ...]:
    """Return `parts` joined into `count` lines whose longest is as short as it can be (names are short)."""
    if count == 1:
        return ("".join(parts),)
    best: tuple[str, ...] = ()
    for first in range(1, len(parts) - count + 2):
        rest = _balanced(parts[first:], count - 1)
        lines = ("".join(parts[:first]), *rest)
        if not best or max(map(measure, lines)) < max(map(measure, best)):
            best = lines
    return best


_GENERIC = re.compile(r"(党总支|党支部|党委|支部|委员会|工作站|办公室)$")


def unit_mark(name: str, short_name: str | None = None) -> str:
    """Return up to four characters that tell a unit from its sisters on a placeholder tile: its short name,
    else its name's first word without a generic ending (采油一队党支部 → 采油一队, 人力资源部 → 人力资源)."""
    if short_name and measure(short_name) <= 4:
        return short_name
    distinctive = _GENERIC.sub("", name) or name
    return (words(distinctive) or [distinctive])[0][:4]
