"""The lobby screen (电子屏, 一体机): its settings in site.toml's [screen] table, and how many cards a slide holds.

A screen page is a slideshow drawn on a stage of fixed size, 1920×1080 (landscape) or 1080×1920
(portrait, the standing 一体机), scaled to whatever screen shows it. Because the stage never
changes size, how many cards fit on one slide is known when the site is built: it is worked out
here, and the page's script only deals the cards out into slides of that many.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .errors import Problems
from .fields import field

if TYPE_CHECKING:
    from .model.site import Site

ORIENTATIONS = ("landscape", "portrait")


@dataclass(frozen=True, slots=True, kw_only=True)
class ScreenSettings:
    """How screen pages show a campaign's honour roll, unless the screen's address says otherwise."""

    orientation: str = field("方向", "landscape for a 16:9 screen (1920×1080), portrait for a standing 9:16 one "
                             "(1080×1920).", default="landscape", choices=ORIENTATIONS,
                             note="横屏 landscape（1920×1080）或竖屏 portrait（1080×1920，立式一体机）",
                             example="landscape")
    seconds: int = field("每页秒数", "How long each slide stays on the screen, in seconds.", default=8, minimum=2,
                         maximum=600, note="每一页停留的秒数", example=8)
    awards: tuple[str, ...] = field("奖项", "The ids of the awards a campaign's screen shows, in campaigns that "
                                    "confer them; all its awards when empty.", default=(),
                                    note="电子屏只放这些奖项（奖项编号）；不填时放全部奖项",
                                    example=["wenming-bushi"])


@dataclass(frozen=True, slots=True)
class Stage:
    """One orientation's stage in CSS px: how many cards of each kind a slide holds, and their photos' size."""

    width: int
    height: int
    people: tuple[int, int]  # columns and rows of people's cards
    units: tuple[int, int]  # of units' cards: wider photos, longer names
    person_photo: tuple[int, int]  # width and height, 3:4
    unit_photo: tuple[int, int]  # 4:3

    def per_slide(self, recipient: str) -> int:
        columns, rows = self.people if recipient == "person" else self.units
        return columns * rows

    @property
    def cards(self) -> str:
        """Return the card sizes the page's script sets on the stage: a person's card width, a unit's, then
        their photos' width and height (px), from the columns a slide holds, its 48 px margins and 32 px gaps."""
        def card(columns: int) -> int:
            return int((self.width - 96 - 32 * (columns - 1)) / columns)
        return " ".join(str(size) for size in (card(self.people[0]), card(self.units[0]), *self.person_photo,
                                               *self.unit_photo))


# Chosen so that a portrait stays large from across a lobby, a person's name stands on one line at
# 56 px and a unit's on two at 48 px, under a heading of one line; tests/test_screen.py checks in
# Chromium that every slide of the example fits.
STAGES = {"landscape": Stage(1920, 1080, people=(5, 2), units=(3, 2), person_photo=(210, 280), unit_photo=(360, 270)),
          "portrait": Stage(1080, 1920, people=(3, 3), units=(2, 3), person_photo=(300, 400), unit_photo=(456, 342))}


def check_awards(site: Site, problems: Problems) -> None:
    """Report each award the [screen] table names that no campaign confers, at its line of site.toml."""
    config = site.config
    known = {award.id for campaign in site.campaigns.values() for award in campaign.awards}
    unknown = [award for award in config.screen.awards if award not in known]
    if not unknown:
        return
    path = config.root / "site.toml"
    from .config import setting_line  # the config imports this module for its settings

    listed = "、".join(sorted(known)) or "无"
    for award in unknown:
        problems.error(path, setting_line(path, "screen.awards"), "screen.awards", f"没有编号为“{award}”的奖项",
                       f"写活动 index.md 中 awards 下某个奖项的 id（可用：{listed}），或删去这一项")


def shown_awards(site: Site, campaign_id: str) -> tuple[str, ...]:
    """Return the ids of a campaign's awards its screen shows by default: those of them the settings name, or all."""
    campaign = site.campaigns[campaign_id]
    wanted = [award.id for award in campaign.awards if award.id in site.config.screen.awards]
    return tuple(wanted) or tuple(award.id for award in campaign.awards)

