"""A campaign's display board (展板): its award groups as tiles of one kind each, fitted to the board.

The fitting is honours/boardfit.py's; here a campaign's roll becomes what it fits, and a roll that
cannot be read from a few metres on its board is warned about at the campaign. Every build warns so;
what the boards' fits were is kept between builds, so that only a board whose roll or size changed is
fitted again.
"""
from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import boardfit
from ..boardfit import GroupSize, Placed
from ..cachefiles import KeptResults
from ..derive import AwardGroup, honour_roll
from ..errors import Problems
from ..model.records import Campaign
from ..model.site import Site, source_of
from ..paper import Board
from . import printed
from .printed import LEGIBLE_NAME, BoardLayout, board_layout, board_legible

_FITS = "boards.pickle"
_FITS_VERSION = 1


@dataclass(frozen=True, slots=True)
class BoardGroup:
    """An award group on the board: its honours, the tile they show as, and its place."""

    group: AwardGroup
    tile: str  # person, unit (a card with its team photo or logo) or plaque (a unit's name, none has a photo)
    placed: Placed


def tile_of(site: Any, group: AwardGroup) -> str:
    """Return how a group's honours show: portraits, unit photos, or plaques when no unit has a photo or logo."""
    if group.award.recipient == "person":
        return "person"
    pictured = any(who.photo or who.logo for who in (site.recipient(h) for h in group.honours))
    return "unit" if pictured else "plaque"


def campaign_board(site: Any, campaign: Campaign, roll: list[AwardGroup]) -> tuple[BoardLayout, list[list[BoardGroup]]]:
    """Return a campaign's board layout and its groups shelf by shelf; `site` is a Site or a page's NotedSite."""
    tiles = [tile_of(site, group) for group in roll]
    layout = board_layout(campaign.board or site.config.board, site.config.bleed, _sizes(site, roll, tiles))
    shelves, index = [], 0
    for shelf in layout.fit.shelves:
        shelves.append([BoardGroup(roll[index + i], tiles[index + i], placed) for i, placed in enumerate(shelf.groups)])
        index += len(shelf.groups)
    return layout, shelves


def _sizes(site: Any, roll: list[AwardGroup], tiles: list[str]) -> list[GroupSize]:
    return [GroupSize(tile, len(group.honours), len(group.heading), _note_chars(site.config, group))
            for tile, group in zip(tiles, roll)]


def _note_chars(config: Any, group: AwardGroup) -> int:
    """Return the length of the note beside a group's heading: its ordering and its count."""
    count = config.text(f"count_{group.award.recipient}").format(count=len(group.honours))
    return len(config.text(group.order_note)) + 1 + len(count)


class BoardFits:
    """The boards too small for their rolls, worked out once for each board size and roll as the fit sees it
    (a large site's dozens of boards are each a search for the largest card), and kept in `folder` if given."""

    def __init__(self, folder: Path | None) -> None:
        self.kept = KeptResults(folder / _FITS if folder else None, _FITS_VERSION, _fitting_code())

    def too_small(self, board: Board, bleed: float, sizes: list[GroupSize]) -> BoardLayout | None:
        """Return the layout of a board whose names would be under 8 mm high, or None if they read."""
        key = (tuple(board), bleed, tuple(sizes))
        if key in self.kept.known:
            found = self.kept.known[key]
        else:
            found = None if board_legible(board, sizes) else board_layout(board, bleed, sizes)
        self.kept.used[key] = found
        return found

    def save(self) -> None:
        """Keep the boards of this build (and only those), unless they are the ones kept already."""
        self.kept.save()


def _fitting_code() -> bytes:
    """Return a digest of the code a board's fit is worked out by: another fits boards again."""
    hasher = hashlib.blake2b(digest_size=16)
    for module in (boardfit, printed):
        hasher.update(Path(module.__file__ or "").read_bytes())
    return hasher.digest()


def check_boards(site: Site, problems: Problems, folder: Path | None = None) -> None:
    """Warn at each campaign whose board's names would be under 8 mm high, or whose roll overflows its board.

    With a `folder`, the fits of boards checked by the last build there are not worked out again."""
    fits = BoardFits(folder)
    for campaign in site.campaigns.values():
        roll = honour_roll(site, campaign, ordered=False)  # the fit counts a group's cards, whatever their order
        if not roll:
            continue
        board = campaign.board or site.config.board
        layout = fits.too_small(board, site.config.bleed, _sizes(site, roll, [tile_of(site, group) for group in roll]))
        if layout is None:
            continue
        where = source_of(site, campaign)
        people = sum(len(group.honours) for group in roll)
        size = f"{board.width_mm:g}×{board.height_mm:g} 毫米"
        problem = (f"{people} 个表彰对象放不进一块 {size}的展板，超出部分会排到第二块" if not layout.fit.fits else
                   f"{people} 个表彰对象排在一块 {size}的展板上，姓名只有 {layout.grid.type_size:.1f} 毫米高"
                   f"（不到 {LEGIBLE_NAME:g} 毫米），站在两三米外看不清")
        larger = _larger(board.width_mm, board.height_mm, LEGIBLE_NAME / layout.grid.type_size)
        problems.warning(where.path if where else None, where.line_of("board") if where else None, "board", problem,
                         f"换一块更大的展板：在活动的 index.md 里写 board: {larger}（或改 site.toml 的 board）；"
                         "或者分两块展板，把一部分奖项放到另一个活动里")
    fits.save()


def _larger(width: float, height: float, factor: float) -> str:
    """Return a board size about `factor` times larger each way, in whole decimetres, as `board` is written."""
    return "x".join(f"{math.ceil(side * max(factor, 1.1) / 100) * 100:g}" for side in (width, height))
