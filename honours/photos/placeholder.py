"""The dignified stand-in for a missing photo: the surname in gold on deep red, as an SVG."""
from __future__ import annotations

from html import escape

_RED = "#8b1c1c"
_GOLD = "#d9b45a"
_FONTS = ("'Microsoft YaHei','PingFang SC','Noto Serif CJK SC','Noto Sans CJK SC',"
          "'Source Han Serif SC','SimSun',serif")


def placeholder_svg(initial: str, width: int, height: int) -> bytes:
    """Return an SVG `width`×`height` (only their ratio matters) showing `initial`'s first character."""
    character = escape(initial.strip()[:1], quote=False)  # element text: only &, < and > need escaping
    inset = round(min(width, height) * 0.05)
    font_size = round(min(width, height) * 0.5)
    text = (f'<text x="50%" y="50%" text-anchor="middle" dominant-baseline="central" fill="{_GOLD}" '
            f'font-family="{_FONTS}" font-size="{font_size}">{character}</text>') if character else ""
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
           f'width="{width}" height="{height}" role="img">'
           f'<rect width="{width}" height="{height}" fill="{_RED}"/>'
           f'<rect x="{inset}" y="{inset}" width="{width - 2 * inset}" height="{height - 2 * inset}" '
           f'fill="none" stroke="{_GOLD}" stroke-width="{max(1, inset // 4)}"/>'
           f'{text}</svg>\n')
    return svg.encode("utf-8")
