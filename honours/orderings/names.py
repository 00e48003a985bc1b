"""What of a name is sorted, how a pasted list splits into names, and how names are padded for print."""
from __future__ import annotations

import re

# Annotations printed after a name: 张伟（女，回族）, 李明(特邀).
_ANNOTATION = re.compile(r"[（(][^（）()]*[）)]")
# Full-width spaces pad names for alignment (刘　英); other spaces are typing noise.
_SPACE = re.compile(r"[\s\u3000]+")
# Middle dots join the parts of minority and foreign names (艾力更·依明巴海); they stay in
# the name but carry no strokes or sound.
MIDDLE_DOTS = "·・•‧"
_SEPARATORS = "\n\r\t 、，,;；"
_FULL_WIDTH_SPACE = "\u3000"


def name_core(name: str) -> str:
    """Return the part of a name that is sorted: no annotations, no padding, middle dots kept."""
    return _SPACE.sub("", _ANNOTATION.sub("", name))


def is_han(char: str) -> bool:
    """Return whether a character is a CJK ideograph (the basic block or an extension)."""
    code = ord(char)
    return (0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF
            or 0x20000 <= code <= 0x3134F)


def split_names(text: str) -> list[str]:
    """Return the names in a pasted list, each exactly as typed.

    Names are separated by line breaks, spaces, 、 or ，; separators inside an annotation
    （女，回族） do not split. Full-width spaces separate names too, except where they pad a
    name: a lone character before one (刘　英) belongs to the name that follows.
    """
    names: list[str] = []
    current: list[str] = []
    depth = 0
    for char in text:
        depth += char in "（("
        depth -= char in "）)" and depth > 0
        if depth == 0 and char in _SEPARATORS:
            names.append("".join(current))
            current = []
        else:
            current.append(char)
    names.append("".join(current))
    return [name for token in names for name in _split_padded(token) if name.strip(_FULL_WIDTH_SPACE)]


def _split_padded(token: str) -> list[str]:
    parts = re.split(r"(\u3000+)", token.strip(_FULL_WIDTH_SPACE))
    names: list[str] = []
    pending = ""
    for index in range(0, len(parts), 2):
        word, gap = parts[index], parts[index + 1] if index + 1 < len(parts) else ""
        if not pending and len(word) == 1 and gap:
            pending = word + gap  # a surname padded away from its given name
            continue
        names.append(pending + word)
        pending = ""
    return names


def pad_name(name: str, width: int = 3) -> str:
    """Return a two-character name padded with a full-width space to the width of three (张　伟).

    Lists in print align their names in columns; padding is applied after sorting and only
    to names of exactly two characters with nothing else around them.
    """
    if len(name) == 2 and all(is_han(c) for c in name) and width == 3:
        return name[0] + _FULL_WIDTH_SPACE + name[1]
    return name
