"""How a display board's cards grow to fill it: the largest card at which the whole roll still fits.

Every size on a board card is a multiple of the card's width (templates/print/board.html and the
board rules of print.css set them from it), so a roll's layout is one card width and an arrangement:
which award groups share a shelf (a band across the board), and how many rows each group wraps over.
Shrinking the card shrinks every arrangement, so whether a roll fits is monotone in the card width
and a bisection finds the largest; for one width, the arrangement of least height is found exactly
by dynamic programming over where shelves break (groups keep the roll's order).
"""
from __future__ import annotations

import bisect
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
    options = [_options(group) for group in groups]
    candidates: dict[tuple[int, int], list[float]] = {}
    # No card is larger than one whose cards alone, in one row each, would cover the panel.
    area = sum(g.count * g.card_width() * (g.height(1) - HEADING) for g in groups)
    high = min(high, width, math.sqrt(width * room / area) * 1.01)
    if _arrange(options, high, width, room, candidates) is not None:
        return _fit(options, max(high, low), width, room, True)
    if _arrange(options, low, width, room, candidates) is None:
        return _fit(options, low, width, math.inf, False)
    while high - low > 0.1:  # bisect to a tenth of a millimetre
        middle = (low + high) / 2
        low, high = (middle, high) if _arrange(options, middle, width, room, candidates) is not None else (low, middle)
    return _fit(options, math.floor(low * 10) / 10, width, room, True)


def fits_at(groups: list[GroupSize], width: float, room: float, card: float) -> bool:
    """Return whether `groups` fit `width` × `room` mm with cards `card` mm wide."""
    return _arrange([_options(g) for g in groups], card, width * _SPARE, room * _SPARE, {}) is not None


@dataclass(frozen=True, slots=True)
class _Options:
    """A group's ways of wrapping, fewest rows first: heights (ascending) and widths in card widths."""

    group: GroupSize
    heights: tuple[float, ...]
    widths: tuple[float, ...]
    across: tuple[int, ...]


def _options(group: GroupSize) -> _Options:
    rows = sorted({math.ceil(group.count / across) for across in range(1, group.count + 1)})
    across = [math.ceil(group.count / r) for r in rows]
    return _Options(group, tuple(group.height(r) for r in rows), tuple(group.width(a) for a in across), tuple(across))


def _fit(options: list[_Options], card: float, width: float, room: float, fits: bool) -> BoardFit:
    breaks = _arrange(options, card, width, room, {})
    assert breaks is not None
    return BoardFit(card, tuple(_placed(options[start:end], height, card) for start, end, height in breaks), room, fits)


Break = tuple[int, int, float]  # a shelf: its first group, the one after its last, its height in card widths


def _arrange(options: list[_Options], card: float, width: float, room: float,
             candidates: dict[tuple[int, int], list[float]]) -> list[Break] | None:
    """Return the shelves of least total height at `card` mm, in order; None if they are taller than `room`.
    `candidates` keeps each shelf's possible heights, which do not depend on the card."""
    across, limit = width / card, room / card  # the panel in card widths
    best: list[tuple[float, list[Break]]] = [(0.0, [])]
    for end in range(1, len(options) + 1):
        found: tuple[float, list[Break]] | None = None
        narrowest = -SPACING
        for start in range(end - 1, -1, -1):
            narrowest += options[start].widths[-1] + SPACING
            if narrowest > across:
                break  # even the narrowest wrapping of each is too wide: so is any longer shelf
            if (start, end) not in candidates:  # the same at every card width: worked out once a fit
                candidates[start, end] = sorted({h for option in options[start:end] for h in option.heights})
            height = _shelf_height(options[start:end], candidates[start, end], across)
            total = best[start][0] + height
            if total <= limit and (found is None or total < found[0]):
                found = (total, best[start][1] + [(start, end, height)])
        if found is None:
            return None
        best.append(found)
    return best[-1][1]


def _shelf_height(options: list[_Options], heights: list[float], across: float) -> float:
    """Return the lowest of `heights` (card widths) at which the groups stand side by side within `across`;
    inf if none."""
    spacing = (len(options) - 1) * SPACING
    low, high = 0, len(heights) - 1
    if _width(options, heights[high]) + spacing > across:
        return math.inf
    while low < high:
        middle = (low + high) // 2
        low, high = (low, middle) if _width(options, heights[middle]) + spacing <= across else (middle + 1, high)
    return max(option.heights[_wrapping(option, heights[low])] for option in options)


def _width(options: list[_Options], height: float) -> float:
    """Return the groups' widths side by side, each wrapped as narrow as `height` allows (no spacing)."""
    return sum(option.widths[_wrapping(option, height)] for option in options)


def _wrapping(option: _Options, height: float) -> int:
    """Return the index of a group's narrowest wrapping no taller than `height` (its flattest if none is)."""
    return max(0, bisect.bisect_right(option.heights, height + 1e-9) - 1)


def _placed(options: list[_Options], height: float, card: float) -> Shelf:
    placed = []
    for option in options:
        count, group = option.across[_wrapping(option, height)], option.group
        rows = math.ceil(group.count / count)
        placed.append(Placed(count, rows, round(group.width(count) * card, 2), round(group.height(rows) * card, 2)))
    return Shelf(tuple(placed), round(max(p.height for p in placed), 2))
