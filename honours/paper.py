"""Sheet sizes for print: paper (A4, A3, portrait or landscape) and display boards in millimetres."""
from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

# ISO 216, in millimetres, portrait.
PAPERS = {"A4": (210.0, 297.0), "A3": (297.0, 420.0)}
_LANDSCAPE = ("横向", "横版", "横", "landscape")
_PORTRAIT = ("纵向", "竖向", "竖版", "竖", "portrait")
# Boards are cut from sheets up to 5 m; smaller than A5 is no board.
BOARD_LIMITS = (148.0, 5000.0)


class Paper(NamedTuple):
    """A paper size and orientation, e.g. A4 portrait (210×297 mm) or A3 landscape (420×297 mm)."""

    name: str
    landscape: bool = False

    @property
    def size_mm(self) -> tuple[float, float]:
        width, height = PAPERS[self.name]
        return (height, width) if self.landscape else (width, height)

    @property
    def css(self) -> str:
        """Return the value of CSS `@page { size: … }`."""
        return f"{self.name} {'landscape' if self.landscape else 'portrait'}"

    def __str__(self) -> str:
        return f"{self.name}{' 横向' if self.landscape else ''}"


class Board(NamedTuple):
    """A display board's finished size (trimmed, without bleed) in millimetres."""

    width_mm: float
    height_mm: float

    def __str__(self) -> str:
        return f"{self.width_mm:g}×{self.height_mm:g} mm"


def parse_paper(text: str) -> Paper:
    """Return the paper named by `text`: "A4", "A3 横向", "a4 landscape"; ValueError if unknown."""
    words = unicodedata.normalize("NFKC", text).strip().upper().replace("LANDSCAPE", "landscape") \
        .replace("PORTRAIT", "portrait")
    found = re.fullmatch(r"(A[34])\s*(\S*)", words)
    if not found or found.group(2) not in ("", *_LANDSCAPE, *_PORTRAIT):
        raise ValueError(text)
    return Paper(found.group(1), found.group(2) in _LANDSCAPE)


def parse_board(text: str) -> Board:
    """Return the board size in `text`: "2400x1200", "2400×1200 mm", "1200*900"; ValueError if not a size."""
    words = unicodedata.normalize("NFKC", text).strip().lower()
    found = re.fullmatch(r"(\d+(?:\.\d+)?)\s*[x×*]\s*(\d+(?:\.\d+)?)\s*(?:mm|毫米)?", words)
    if not found:
        raise ValueError(text)
    width, height = float(found.group(1)), float(found.group(2))
    low, high = BOARD_LIMITS
    if not (low <= width <= high and low <= height <= high):
        raise ValueError(text)
    return Board(width, height)
