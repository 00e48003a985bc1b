"""How printable pages (光荣榜 on paper, 展板, 彩页) lay out their cards, in millimetres.

A board has a fixed physical size, so its cards must be as large as will fit: that is worked out
here, and the templates only place what they are given.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ..boardfit import GAP, NAME, PLAQUE_CARD, UNIT_CARD, BoardFit, GroupSize, fit_board, fits_at
from ..paper import Board, Paper

PORTRAIT = 4 / 3  # a person's photo is 3:4, height over width
GROUP = 3 / 4  # a unit's photo is 4:3
_PAPER_MARGIN = 12.0  # mm: office printers cannot print to the edge
_PAPER_CARD = 40.0  # mm: the narrowest card on paper, a photo a reader still recognises
_BOARD_CARD = (28.0, 360.0)  # mm: the narrowest and widest card on a board
LEGIBLE_NAME = 8.0  # mm: a board's names are too small below this, read from a few metres
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
    """A display board: its sheet, the banner's height, the cards' grid and where each group goes, all in mm."""

    sheet: Sheet
    banner: float
    grid: Grid
    fit: BoardFit

    @property
    def legible(self) -> bool:
        """Return whether the names read from a few metres: at least 8 mm high."""
        return self.fit.fits and self.grid.type_size >= LEGIBLE_NAME


def board_layout(board: Board, bleed: float, groups: list[GroupSize]) -> BoardLayout:
    """Return the layout whose cards are the largest at which every group fits on the board (honours/boardfit.py).

    If even the narrowest cards do not fit, the board runs on to a second board of the same size.
    """
    sheet, banner, room = _board_sheet(board, bleed)
    fit = fit_board(groups, sheet.content_width, room, _BOARD_CARD)
    return BoardLayout(sheet, banner, board_grid(fit.card), fit)


def board_legible(board: Board, groups: list[GroupSize]) -> bool:
    """Return whether the groups fit the board with names 8 mm high: quicker than working out the layout."""
    sheet, _, room = _board_sheet(board, 0.0)
    return fits_at(groups, sheet.content_width, room, LEGIBLE_NAME / NAME)


def _board_sheet(board: Board, bleed: float) -> tuple[Sheet, float, float]:
    """Return a board's sheet, its banner's height and the room its panel leaves the cards, in mm."""
    margin = round(max(20.0, 0.04 * min(board.width_mm, board.height_mm)), 1)
    sheet = Sheet(board.width_mm, board.height_mm, margin, bleed)
    banner = round(min(0.2 * board.height_mm, 0.12 * board.width_mm), 1)
    return sheet, banner, board.height_mm - 2 * margin - banner - 0.5  # the panel is 0.5 mm short (print.css)


def board_grid(card: float) -> Grid:
    """Return the grid of a board's cards `card` mm wide: every other size is in proportion (boardfit)."""
    unit_card = round(card * UNIT_CARD, 2)
    return Grid(0, card, round(card * PORTRAIT, 2), 0, unit_card, round(unit_card * GROUP, 2), round(card * GAP, 2),
                0, round(card * PLAQUE_CARD, 2))


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

