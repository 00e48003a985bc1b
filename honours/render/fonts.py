"""The typefaces printed pages ask for: the office's own fonts from assets/fonts/, else Noto CJK.

Official documents are set in 仿宋 (body), 小标宋 (titles), 黑体 and 楷体 (headings); offices own
these fonts (仿宋_GB2312, 方正小标宋简体 ...) but may not publish them with the software. A site
drops its font files into assets/fonts/; each is recognised by the family names inside it, and
printed pages use it first. Without them, the print falls back to Noto Serif/Sans CJK (Debian's
fonts-noto-cjk), which WeasyPrint embeds like any other font.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

FONT_SUFFIXES = {".ttf", ".otf", ".ttc", ".otc", ".woff", ".woff2"}

# Role -> words that name it in a family name (lower case), most specific role first: 小标宋 is not 宋体.
_ROLE_NAMES = {
    "title": ("小标宋", "xiaobiaosong", "xbs", "fzxiaobiaosong"),
    "fangsong": ("仿宋", "fangsong", "fzfangsong", "fs_gb2312"),
    "kaiti": ("楷体", "楷", "kaiti", "kai_gb2312", "fzkai"),
    "heiti": ("黑体", "simhei", "heiti", "fzhei", "hei_gb2312"),
    "songti": ("宋体", "simsun", "songti", "stsong", "fzshusong"),
}
# What each role falls back to: the names Windows and macOS install it under, so the HTML prints
# right from a browser there, then Noto CJK, which `honours pdf` has on Debian.
FALLBACKS = {
    "title": ('"方正小标宋简体"', '"FZXiaoBiaoSong-B05S"', '"Noto Serif CJK SC"', "serif"),
    "fangsong": ('"仿宋_GB2312"', '"FangSong_GB2312"', '"仿宋"', '"FangSong"', '"STFangsong"',
                 '"Noto Serif CJK SC"', "serif"),
    "kaiti": ('"楷体_GB2312"', '"KaiTi_GB2312"', '"楷体"', '"KaiTi"', '"STKaiti"', '"Noto Serif CJK SC"', "serif"),
    "heiti": ('"黑体"', '"SimHei"', '"STHeiti"', '"Noto Sans CJK SC"', "sans-serif"),
    "songti": ('"宋体"', '"SimSun"', '"STSong"', '"Noto Serif CJK SC"', "serif"),
}


@dataclass(frozen=True, slots=True)
class SiteFont:
    """A font file of the site's assets/fonts/ and the role it plays in print."""

    role: str
    path: str  # site path, e.g. assets/fonts/仿宋_GB2312.ttf
    family: str  # its family name as the file gives it

    @property
    def alias(self) -> str:
        return f"honours-{self.role}"


def site_fonts(asset_folders: list[Path]) -> tuple[SiteFont, ...]:
    """Return the fonts in the asset folders' fonts/ whose family names say which role they play."""
    found: dict[str, SiteFont] = {}
    for folder in asset_folders:
        fonts = folder / "fonts"
        if not fonts.is_dir():
            continue
        for path in sorted(p for p in fonts.rglob("*") if p.suffix.lower() in FONT_SUFFIXES and p.is_file()):
            names = _family_names(path)
            role = role_of([*names, path.stem])
            if role is not None:
                # A site's font overrides the theme's of the same role; the first file of a role wins.
                found.setdefault(role, SiteFont(role, "assets/" + path.relative_to(folder).as_posix(),
                                                names[0] if names else path.stem))
            else:
                log.info("font %s: no role recognised in its names %s", path, names)
    return tuple(found[role] for role in _ROLE_NAMES if role in found)


def font_stacks(fonts: tuple[SiteFont, ...]) -> dict[str, str]:
    """Return each role's CSS font-family list: the site's font first, then the fallbacks."""
    own = {font.role: f'"{font.alias}"' for font in fonts}
    return {role: ", ".join(filter(None, (own.get(role), *FALLBACKS[role]))) for role in FALLBACKS}


def role_of(names: list[str]) -> str | None:
    lowered = [name.lower().replace(" ", "").replace("-", "") for name in names]
    for role, words in _ROLE_NAMES.items():
        if any(word in name for name in lowered for word in words):
            return role
    return None


def _family_names(path: Path) -> list[str]:
    """Return the family names a font file gives itself, Chinese and English; [] if it cannot be read."""
    try:
        from fontTools.ttLib import TTCollection, TTFont
        font = TTCollection(path).fonts[0] if path.suffix.lower() in (".ttc", ".otc") else TTFont(path, lazy=True)
        names = [record.toUnicode() for record in font["name"].names if record.nameID in (1, 4, 16)]
    except Exception as exc:  # noqa: BLE001 — an unreadable font is skipped and noted, never fatal
        log.info("font %s not readable: %s", path, exc)
        return []
    return list(dict.fromkeys(name for name in names if name))
