"""Where a certificate's parts go on its paper, in millimetres, and at what size each fits.

One layout serves both ways of printing: 套打 prints only the parts, where the insert bought from
a stationer leaves room for them; 完整版 prints the same parts on blank card, with a border and the
荣誉证书 heading around them. The default boxes are drawn for A4 landscape (297×210 mm) and scaled
to other papers; site.toml's [certificates.fields.*] places any of them exactly.
"""
from __future__ import annotations

import functools
import math
import unicodedata
from dataclasses import dataclass

from .settings import CertificateSettings, FieldBox

PARTS = ("name", "text", "issuer", "date", "number")
_DESIGN = (297.0, 210.0)  # the paper the default boxes are drawn for
# part: x, y, width, height in mm, type size in pt, alignment
_DEFAULT_BOXES = {
    "name": (40.0, 74.0, 217.0, 14.0, 22.0, "left"),
    "text": (40.0, 91.0, 217.0, 50.0, 20.0, "left"),
    "issuer": (146.0, 147.0, 115.0, 11.0, 18.0, "center"),
    "date": (146.0, 159.0, 115.0, 11.0, 18.0, "center"),
    "number": (40.0, 181.0, 130.0, 8.0, 11.0, "left"),
}
_HEADING = (26.0, 30.0, 46.0)  # 完整版: the heading's top and height in mm, and its size in pt
_SEAL_DIAMETER = 42.0
_LINE_HEIGHT = 1.75  # of the wording, in ems
_PT = 25.4 / 72  # mm in a point
_SMALLEST = 8.0  # pt: below this a part no longer shrinks to fit


@dataclass(frozen=True, slots=True)
class Box:
    """One part's place on the paper in mm (the printer's offset applied), its type size in pt and alignment."""

    part: str
    x: float
    y: float
    w: float
    h: float
    size: float
    align: str

    @property
    def place(self) -> str:
        """Return where the box is, as CSS: written here once rather than by a macro for every part of every
        certificate (a campaign's certificates page has thousands)."""
        return f"left: {self.x:g}mm; top: {self.y:g}mm; width: {self.w:g}mm; height: {self.h:g}mm;"


@dataclass(frozen=True, slots=True)
class Seal:
    """The circle kept free for the real seal, in mm (centre and diameter)."""

    x: float
    y: float
    diameter: float


@dataclass(frozen=True, slots=True)
class CertificateLayout:
    """A certificate's paper and the place of each part on it."""

    width: float
    height: float
    boxes: tuple[Box, ...]
    seal: Seal
    whole: bool  # 完整版: border and heading printed too
    font: str  # the print styles' role: kaiti or songti
    heading: Box  # where 完整版 prints 荣誉证书

    def box(self, part: str) -> Box:
        return next(box for box in self.boxes if box.part == part)


def certificate_layout(settings: CertificateSettings) -> CertificateLayout:
    """Return where each part of a certificate goes under these settings."""
    width, height = settings.paper.width, settings.paper.height
    across, down = width / _DESIGN[0], height / _DESIGN[1]
    scale = min(across, down)
    dx, dy = settings.offset_x, settings.offset_y
    boxes = []
    for part in PARTS:
        x, y, w, h, size, align = _DEFAULT_BOXES[part]
        given: FieldBox | None = getattr(settings.fields, part)
        if given is None:
            x, y, w, h, size = x * across, y * down, w * across, h * down, size * scale
        else:
            x, y, w, h, size, align = given.x, given.y, given.w, given.h, given.size or size * scale, given.align or align
        boxes.append(Box(part, round(x + dx, 2), round(y + dy, 2), round(w, 2), round(h, 2), round(size, 1), align))
    issuer, date = boxes[2], boxes[3]
    seal = Seal(settings.seal.x + dx, settings.seal.y + dy, settings.seal.diameter) if settings.seal else \
        Seal(round(issuer.x + issuer.w / 2, 2), round((issuer.y + date.y + date.h) / 2, 2), _SEAL_DIAMETER)
    top, tall, size = _HEADING
    heading = Box("heading", round(dx, 2), round(top * down + dy, 2), width, round(tall * down, 2),
                  round(size * scale, 1), "center")
    return CertificateLayout(width, height, tuple(boxes), seal, settings.mode == "完整版",
                             "kaiti" if settings.font == "楷体" else "songti", heading)


def text_width(text: str) -> float:
    """Return how wide `text` sets, in ems: a Chinese character or full-width mark one, anything else about half."""
    return sum(1.0 if unicodedata.east_asian_width(char) in "WF" else 0.55 for char in text)


@functools.lru_cache(maxsize=4096)  # a campaign's page and its awards' fit the same words, and issuer and date recur
def fitted_size(box: Box, text: str) -> float:
    """Return the type size, at most the box's, at which `text` fits its box: the wording on lines with its
    first indented two characters, any other part on one line."""
    size, width = box.size, text_width(text)
    while size > _SMALLEST and not _fits(box, width, size):
        size -= 0.5
    return size


def _fits(box: Box, width: float, size: float) -> bool:
    """Return whether words `width` ems wide fit the box at `size` pt."""
    em = size * _PT
    if box.part != "text":
        return width * em <= box.w
    per_line = max(1, math.floor(box.w / em))
    lines = math.ceil((width + 2) / per_line)
    return lines * em * _LINE_HEIGHT <= box.h + 0.01
