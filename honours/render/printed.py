"""How printable pages (光荣榜 on paper, 展板, 彩页) lay out their cards, in millimetres.

A board has a fixed physical size, so its cards must be as large as will fit: that is worked out
here, and the templates only place what they are given.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ..paper import Board, Paper

PORTRAIT = 4 / 3  # a person's photo is 3:4, height over width
GROUP = 3 / 4  # a unit's photo is 4:3
_PAPER_MARGIN = 12.0  # mm: office printers cannot print to the edge
_PAPER_CARD = 40.0  # mm: the narrowest card on paper, a photo a reader still recognises
_BOARD_CARD = (28.0, 200.0)  # mm: the narrowest and widest card on a board
_COLOUR_BAND = 78.0  # mm: a colour page's red band with the unit's name, and the heading under it
_COLOUR_HONOUR = 7.5  # mm: one line of the unit's honours on a colour page


@dataclass(frozen=True, slots=True)
class Sheet:
    """One printed page's trimmed size, bleed and margins, all in mm."""

    width: float
    height: float
    margin: float
    bleed: float = 0.0

    @property
    def size(self) -> str:
        """Return the CSS `size` of the page: the trimmed size (WeasyPrint adds the bleed around it)."""
        return f"{self.width:g}mm {self.height:g}mm"

    @property
    def content_width(self) -> float:
        return self.width - 2 * self.margin


@dataclass(frozen=True, slots=True)
class Grid:
    """Cards in columns: how many across, and the card and photo sizes, in mm."""

    columns: int
    card: float  # the width of a person's card
    photo_height: float
    unit_columns: int
    unit_card: float
    unit_photo_height: float
    gap: float
    plaque_columns: int  # units with no photo, named on plaques as many across as hold ten characters
    plaque: float  # a plaque's width

    @property
    def type_size(self) -> float:
        """Return the size of a card's name in mm; the rest of the type scales with it."""
        return type_size(self.card)


def type_size(card: float) -> float:
    """Return the size of a name on a card `card` mm wide, in mm."""
    return round(card * 0.13, 2)


def grid_for(width: float, card: float) -> Grid:
    """Return the grid with the widest cards of at least `card` mm that fill `width` mm."""
    gap = round(card * 0.12, 2)
    columns = max(1, int((width + gap) // (card + gap)))
    card = round((width - (columns - 1) * gap) / columns, 2)
    unit_columns = max(1, columns - 1)  # a team photo is 4:3: one card fewer across than portraits
    unit_card = round((width - (unit_columns - 1) * gap) / unit_columns, 2)
    plaque_columns = max(1, int((width + gap) // (type_size(card) * 10 + gap)))
    plaque = math.floor((width - (plaque_columns - 1) * gap) / plaque_columns * 100) / 100
    return Grid(columns, card, round(card * PORTRAIT, 2), unit_columns, unit_card, round(unit_card * GROUP, 2), gap,
                plaque_columns, plaque)


def paper_layout(paper: Paper) -> tuple[Sheet, Grid]:
    """Return an office printer's sheet of `paper` and its grid of cards."""
    width, height = paper.size_mm
    sheet = Sheet(width, height, _PAPER_MARGIN)
    return sheet, grid_for(sheet.content_width, _PAPER_CARD)


# A share image (长图) for phones: 1080 px wide, in parts of at most 10,000 px (WeasyPrint's pages),
# at CSS's 96 px to the inch; its cards are about four across, the size a phone shows well.
SHARE_WIDTH_PX = 1080
SHARE_PART_PX = 10000
_PX = 25.4 / 96  # mm


def share_layout() -> tuple[Sheet, Grid]:
    """Return the sheet of one part of a share image and its grid of cards, in mm."""
    sheet = Sheet(round(SHARE_WIDTH_PX * _PX, 3), round(SHARE_PART_PX * _PX, 3), round(40 * _PX, 3))
    return sheet, grid_for(sheet.content_width, 52.0)


def colour_page_layout(members: int, honours: int, bleed: float) -> tuple[Sheet, Grid]:
    """Return a colour page (彩页): A4 whose colours run off the edge, so with bleed, and cards as large
    as fit its members on the one page below the unit's band and honours (a big unit runs on)."""
    sheet = Sheet(210.0, 297.0, 14.0, bleed)
    room = sheet.height - 2 * sheet.margin - _COLOUR_BAND - _COLOUR_HONOUR * min(honours, 12)
    card = 57.0
    while card > 30.0:
        grid = grid_for(sheet.content_width, card)
        if math.ceil(members / grid.columns) * (grid.photo_height + grid.type_size * 4.6 + grid.gap) <= room:
            break
        card -= 1.0
    return sheet, grid_for(sheet.content_width, card)


@dataclass(frozen=True, slots=True)
class BoardLayout:
    """A display board: its sheet, the banner's height and the cards' grid, all in mm."""

    sheet: Sheet
    banner: float
    grid: Grid


@dataclass(frozen=True, slots=True)
class GroupSize:
    """What a board needs to know of an award group to place it: who, how many, how long its heading is."""

    recipient: str  # unit or person
    count: int
    heading_chars: int  # the heading and its ordering note, in characters
    note_chars: int


def board_layout(board: Board, bleed: float, groups: list[GroupSize]) -> BoardLayout:
    """Return the layout whose cards are the largest that fit every group on the board.

    The board places groups side by side in shelves (templates/print/board.html), so a small group
    beside a large one costs no height. If even the narrowest cards do not fit, the board goes on
    to a second board of the same size.
    """
    margin = round(max(20.0, 0.04 * min(board.width_mm, board.height_mm)), 1)
    sheet = Sheet(board.width_mm, board.height_mm, margin, bleed)
    banner = round(min(0.2 * board.height_mm, 0.12 * board.width_mm), 1)
    room = board.height_mm - 2 * margin - banner
    low, high = _BOARD_CARD
    card = min(high, sheet.content_width / 2)
    # The estimate of how groups pack is rough: leave it a tenth of the room to spare, and of the width.
    while card > low and _packed_height(grid_for(sheet.content_width, card), groups,
                                        sheet.content_width * 0.9) > room * 0.9:
        card -= 1.0
    return BoardLayout(sheet, banner, grid_for(sheet.content_width, max(card, low)))


def _packed_height(grid: Grid, groups: list[GroupSize], width: float) -> float:
    """Return how tall the groups stand in shelves, each group as wide as its cards or its heading."""
    size = grid.type_size
    spacing = 2.4 * size  # between groups side by side
    shelves = shelf = used = 0.0
    for group in groups:
        units = group.recipient == "unit"
        columns, card = (grid.unit_columns, grid.unit_card) if units else (grid.columns, grid.card)
        across = min(group.count, columns)
        heading = size * (group.heading_chars * 1.3 + 7.2 + group.note_chars * 0.55 + 0.4)
        box = min(max(across * card + (across - 1) * grid.gap, heading), width)
        row = grid.unit_photo_height + size * 3.2 if units else grid.photo_height + size * 5.2
        tall = size * 2.6 + math.ceil(group.count / columns) * (row + grid.gap)
        if used and used + spacing + box > width + 0.01:
            shelves, shelf, used = shelves + shelf, 0.0, 0.0
        used += (spacing if used else 0.0) + box
        shelf = max(shelf, tall)
    return shelves + shelf


def short_citation(text: str | None, limit: int = 42) -> str:
    """Return a citation as plain text of at most `limit` characters, for a card: its first sentence or so."""
    if not text:
        return ""
    plain = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links and images keep their text
    plain = re.sub(r"[*_`#>~|]+", "", plain)
    plain = " ".join(plain.split())
    if len(plain) <= limit:
        return plain
    cut = plain[:limit]
    stop = max(cut.rfind(mark) for mark in "。；！？")
    return cut[: stop + 1] if stop >= limit // 2 else cut[: limit - 1] + "…"

