"""Where to crop, how large to make each file, and how small a JPEG may be decoded."""
from __future__ import annotations

import math

from PIL import Image

Box = tuple[int, int, int, int]

# Without a focus point, keep the upper centre: in a portrait or a group photo that is where faces are.
DEFAULT_FOCUS = (0.5, 1 / 3)

# EXIF orientation -> the transpose that shows the photo upright (1 needs none).
UPRIGHT = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}

# A width this close below the largest adds a file but no visible sharpness.
_NEAR = 0.8


def upright_size(width: int, height: int, orientation: int) -> tuple[int, int]:
    """Return the size of the photo as shown, after its EXIF orientation is applied."""
    return (height, width) if orientation in (5, 6, 7, 8) else (width, height)


def stored_box(box: Box, stored: tuple[int, int], orientation: int) -> Box:
    """Return an upright photo's `box` as the box of the same pixels in the stored image, before it is turned."""
    left, top, right, bottom = box
    width, height = stored
    return {
        2: (width - right, top, width - left, bottom),
        3: (width - right, height - bottom, width - left, height - top),
        4: (left, height - bottom, right, height - top),
        5: (top, left, bottom, right),
        6: (top, height - right, bottom, height - left),
        7: (width - bottom, height - right, width - top, height - left),
        8: (width - bottom, left, width - top, right),
    }.get(orientation, box)


def crop_box(size: tuple[int, int], aspect: float | None,
             focus: tuple[float, float] | None) -> Box:
    """Return the largest box of `aspect` (width/height) in an upright image, centred on `focus` if it fits."""
    width, height = size
    if aspect is None:
        return (0, 0, width, height)
    fx, fy = focus if focus is not None else DEFAULT_FOCUS
    fx, fy = min(max(fx, 0.0), 1.0), min(max(fy, 0.0), 1.0)
    if width / height > aspect:
        cut = max(1, min(width, round(height * aspect)))
        left = _clamp(round(fx * width - cut / 2), 0, width - cut)
        return (left, 0, left + cut, height)
    cut = max(1, min(height, round(width / aspect)))
    top = _clamp(round(fy * height - cut / 2), 0, height - cut)
    return (0, top, width, top + cut)


def output_widths(crop_width: int, widths: tuple[int, ...]) -> tuple[int, ...]:
    """Return the widths to make from a crop this wide: never wider than the crop, never upscaled."""
    wanted = sorted(set(widths))
    top = min(crop_width, wanted[-1])
    kept = [w for w in wanted if w < top and w <= top * _NEAR]
    return (*kept, top)


def height_for(width: int, box: Box) -> int:
    """Return the height of an output `width` pixels wide with the crop's proportions."""
    box_width, box_height = box[2] - box[0], box[3] - box[1]
    return max(1, round(width * box_height / box_width))


def draft_request(stored: tuple[int, int], box: Box, largest: int) -> tuple[int, int]:
    """Return the smallest stored-orientation size a JPEG may be decoded at and still fill `largest` px."""
    ratio = min(1.0, largest / (box[2] - box[0]))
    width, height = stored
    return (max(1, math.ceil(width * ratio)), max(1, math.ceil(height * ratio)))


def print_pixels(width_mm: float, height_mm: float, dpi: int) -> tuple[int, int]:
    """Return the pixel size of a print `width_mm` × `height_mm` at `dpi`."""
    return (max(1, round(width_mm / 25.4 * dpi)), max(1, round(height_mm / 25.4 * dpi)))


def _clamp(value: int, low: int, high: int) -> int:
    return max(low, min(value, high))
