"""The dignified stand-in for a missing photo, gold on deep red, as an SVG: a unit's short name, or for a
person a neutral silhouette (a name's first character is not always a surname: 古丽米拉·艾山)."""
from __future__ import annotations

from html import escape

_RED = "#8b1c1c"
_GOLD = "#d9b45a"
_FONTS = ("'Microsoft YaHei','PingFang SC','Noto Serif CJK SC','Noto Sans CJK SC',"
          "'Source Han Serif SC','SimSun',serif")


def placeholder_svg(initial: str, width: int, height: int) -> bytes:
    """Return an SVG `width`×`height` (only their ratio matters) showing `initial` (up to four characters),
    or a silhouette if it is empty."""
    mark = initial.strip()[:4]
    inset = round(min(width, height) * 0.05)
    font_size = round(min(min(width, height) * 0.5, (width - 4 * inset) / max(1, len(mark))))
    text = (f'<text x="50%" y="50%" text-anchor="middle" dominant-baseline="central" fill="{_GOLD}" '
            f'font-family="{_FONTS}" font-size="{font_size}">{escape(mark, quote=False)}</text>'  # only &, <, > matter
            if mark else _silhouette(width, height))
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
           f'width="{width}" height="{height}" role="img">'
           f'<rect width="{width}" height="{height}" fill="{_RED}"/>'
           f'<rect x="{inset}" y="{inset}" width="{width - 2 * inset}" height="{height - 2 * inset}" '
           f'fill="none" stroke="{_GOLD}" stroke-width="{max(1, inset // 4)}"/>'
           f'{text}</svg>\n')
    return svg.encode("utf-8")


def _silhouette(width: int, height: int) -> str:
    """Return a head and shoulders, centred and standing on the frame's foot, in gold."""
    unit = min(width, height * 0.75) / 100  # drawn on a 100 × 133 portrait, scaled to fit
    x, y = width / 2, height
    head = f'<circle cx="{x:.1f}" cy="{y - 63 * unit:.1f}" r="{18 * unit:.1f}" fill="{_GOLD}" fill-opacity=".85"/>'
    shoulders = (f'<path d="M{x - 38 * unit:.1f} {y - 8 * unit:.1f} C{x - 38 * unit:.1f} {y - 44 * unit:.1f} '
                 f'{x + 38 * unit:.1f} {y - 44 * unit:.1f} {x + 38 * unit:.1f} {y - 8 * unit:.1f} Z" '
                 f'fill="{_GOLD}" fill-opacity=".85"/>')
    return head + shoulders
