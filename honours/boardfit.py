"""How a display board's cards grow to fill it: the largest card at which the whole roll still fits.

Every size on a board card is a multiple of the card's width (templates/print/board.html and the
board rules of print.css set them from it), so a roll's layout is one card width and an arrangement:
which award groups share a shelf (a band across the board), and how many rows each group wraps over.
Shrinking the card shrinks every arrangement, so whether a roll fits is monotone in the card width
and a bisection finds the largest; for one width, the arrangement of least height is found exactly
by dynamic programming over where shelves break (groups keep the roll's order).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

# A card's proportions as the board's styles draw them, in card widths (w) and name sizes (t).
NAME = 0.13  # t: a name's size, over the card's width
GAP = 0.12  # between cards, in w
PERSON_ROW = 4 / 3 + 4.0 * NAME + GAP  # a 3:4 photo, the plate (3.2 t and its padding) and the gap
UNIT_CARD = 1.3  # a unit's card is wider: its photo is 4:3
UNIT_ROW = UNIT_CARD * 3 / 4 + 3.0 * NAME + GAP
PLAQUE_CARD = 10 * NAME  # a name plaque holds ten characters
PLAQUE_ROW = 3.45 * NAME + GAP
HEADING = 3.15 * NAME  # a group's heading and note above its cards, with the space above it
SPACING = 2.4 * NAME  # between groups on one shelf
_SPARE = 0.98  # what the estimate leaves to spare: fonts' line boxes are not exactly their size

_ROW = {"person": PERSON_ROW, "unit": UNIT_ROW, "plaque": PLAQUE_ROW}
_CARD = {"person": 1.0, "unit": UNIT_CARD, "plaque": PLAQUE_CARD}


@dataclass(frozen=True, slots=True)
class GroupSize:
    """What the fit needs of an award group: how its cards look, how many, how long its heading is."""

    tile: str  # person (a portrait card), unit (a team photo card) or plaque (a unit's name plaque)
    count: int
    heading_chars: int  # the heading, in characters
    note_chars: int  # the ordering note and count beside it

    def heading_width(self) -> float:
        """Return the heading's width in card widths: the title with its rules, then the note."""
        return NAME * (self.heading_chars * 1.3 + 7.2 + self.note_chars * 0.55 + 0.4)

    def card_width(self) -> float:
        return _CARD[self.tile]

    def height(self, rows: int) -> float:
        """Return the group's height over `rows` rows of cards, in card widths."""
        return HEADING + rows * _ROW[self.tile]

    def width(self, across: int) -> float:
        """Return the group's width with `across` cards a row (at least its heading's), in card widths."""
        return max(across * self.card_width() + (across - 1) * GAP, self.heading_width())


@dataclass(frozen=True, slots=True)
class Placed:
    """An award group on the board: cards a row, rows, and its width and height in mm."""

    across: int
    rows: int
    width: float
    height: float


@dataclass(frozen=True, slots=True)
class Shelf:
    """Award groups side by side across the board, and the shelf's height in mm."""

    groups: tuple[Placed, ...]
    height: float


@dataclass(frozen=True, slots=True)
class BoardFit:
    """The largest card at which a roll fits a panel, and where each group goes; sizes in mm."""

    card: float
    shelves: tuple[Shelf, ...]
    room: float  # the panel's height the cards may take
    fits: bool  # False when even the smallest card overflows: the roll runs on to a second board

    @property
    def name_size(self) -> float:
        return round(self.card * NAME, 2)

    @property
    def height(self) -> float:
        return round(sum(shelf.height for shelf in self.shelves), 2)

    @property
    def placed(self) -> tuple[Placed, ...]:
        """Return every group's placing, in the roll's order."""
        return tuple(group for shelf in self.shelves for group in shelf.groups)


def fit_board(groups: list[GroupSize], width: float, room: float, card_range: tuple[float, float]) -> BoardFit:
    """Return the largest card in `card_range` (mm) at which `groups` fit `width` × `room` mm, and their places.

    If none fits, the smallest card, arranged as flat as it goes, with `fits` False.
    """
    low, high = card_range
    width, room = width * _SPARE, room * _SPARE
    if not groups:
        return BoardFit(high, (), room, True)
    high = min(high, width)
    if _arrange(groups, high, width, room) is not None:
        return _fit(groups, high, width, room, True)
    if _arrange(groups, low, width, room) is None:
        return _fit(groups, low, width, math.inf, False)
    while high - low > 0.05:  # bisect to a twentieth of a millimetre
        middle = (low + high) / 2
        low, high = (middle, high) if _arrange(groups, middle, width, room) is not None else (low, middle)
    return _fit(groups, math.floor(low * 20) / 20, width, room, True)


def _fit(groups: list[GroupSize], card: float, width: float, room: float, fits: bool) -> BoardFit:
    shelves = _arrange(groups, card, width, room)
    assert shelves is not None
    return BoardFit(card, shelves, room, fits)


def _arrange(groups: list[GroupSize], card: float, width: float, room: float) -> tuple[Shelf, ...] | None:
    """Return the arrangement of least height at `card` mm, shelves in order; None if it is taller than `room`."""
    best: list[tuple[float, tuple[Shelf, ...]]] = [(0.0, ())]
    for end in range(1, len(groups) + 1):
        options = []
        for start in range(end - 1, -1, -1):
            if sum(g.width(1) for g in groups[start:end]) * card + (end - start - 1) * SPACING * card > width:
                break  # even one card a row of each is too wide: so is any longer shelf
            shelf = _shelf(groups[start:end], card, width)
            if shelf is not None and best[start][0] + shelf.height <= room:
                options.append((best[start][0] + shelf.height, best[start][1] + (shelf,)))
        if not options:
            return None
        best.append(min(options, key=lambda option: option[0]))
    return best[-1][1]


def _shelf(groups: list[GroupSize], card: float, width: float) -> Shelf | None:
    """Return the lowest shelf of `groups` side by side within `width` mm at `card` mm, each wrapping as needed."""
    heights = sorted({g.height(rows) for g in groups for rows in _row_counts(g.count)})
    spacing = (len(groups) - 1) * SPACING
    wide = lambda height: sum(g.width(_across(g, height)) for g in groups) + spacing  # noqa: E731
    low, high = 0, len(heights) - 1
    if wide(heights[high]) * card > width:
        return None
    while low < high:  # the lowest height at which the shelf is narrow enough
        middle = (low + high) // 2
        low, high = (low, middle) if wide(heights[middle]) * card <= width else (middle + 1, high)
    placed = []
    for g in groups:
        across = _across(g, heights[low])
        rows = math.ceil(g.count / across)
        placed.append(Placed(across, rows, round(g.width(across) * card, 2), round(g.height(rows) * card, 2)))
    return Shelf(tuple(placed), round(max(p.height for p in placed), 2))


def _row_counts(count: int) -> set[int]:
    """Return the numbers of rows `count` cards can take with a full first row."""
    return {math.ceil(count / across) for across in range(1, count + 1)}


def _across(group: GroupSize, height: float) -> int:
    """Return the fewest cards a row at which `group` stands no taller than `height` (card widths)."""
    rows = max(1, min(group.count, int((height - HEADING) / _ROW[group.tile] + 1e-9)))
    return math.ceil(group.count / rows)
