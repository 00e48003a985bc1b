"""What the photo pipeline makes: sizes, aspects, formats and qualities, per role."""
from __future__ import annotations

from dataclasses import dataclass, field

from PIL import features

# Bump whenever a change in this package changes the pixels or bytes of any output: every cached
# file is then made anew, because its name (a hash that includes this) no longer matches.
PIPELINE_VERSION = "2"

ROLES = ("portrait", "group", "logo", "banner")


def _avif_available() -> bool:
    return bool(features.check("avif"))


@dataclass(frozen=True, slots=True)
class RoleSpec:
    """How one role's photos are framed and sized."""

    name: str
    widths: tuple[int, ...]
    aspect: float | None
    sizes: str
    keep_alpha: bool
    formats: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PhotoSettings:
    """The photo pipeline's settings; the defaults suit an intranet honour-roll site."""

    portrait_aspect: tuple[int, int] = (5, 7)
    group_aspect: tuple[int, int] | None = None
    portrait_widths: tuple[int, ...] = (240, 480, 960)
    group_widths: tuple[int, ...] = (480, 960, 1600)
    banner_widths: tuple[int, ...] = (800, 1600, 2400)
    logo_widths: tuple[int, ...] = (120, 240, 480)
    portrait_sizes: str = "(min-width: 48em) 12rem, 40vw"
    group_sizes: str = "(min-width: 64em) 60rem, 100vw"
    banner_sizes: str = "100vw"
    logo_sizes: str = "6rem"
    avif: bool = field(default_factory=_avif_available)
    # Roles also made in AVIF (when `avif`). Not portraits: at these qualities a portrait's AVIF came out
    # the size of its WebP (5 % smaller to 2 % larger, 0.2–1.4 dB PSNR better) for a third of the CPU time
    # the portrait took (`bench/photos.py --quality`). Team photos (AVIF 12 % smaller) and banners are few.
    avif_roles: tuple[str, ...] = ("group", "banner")
    jpeg_quality: int = 82
    webp_quality: int = 80
    # libwebp's effort: on photos 2 gave the same bytes as the default 4 in a third of the time.
    webp_method: int = 2
    avif_quality: int = 60
    # libavif's default speed (6) costs four times the time of 8 for a barely smaller file.
    avif_speed: int = 8
    print_quality: int = 92
    print_dpi: int = 300
    # The fewest dots per inch a photo may print at on each product before it is warned about, judged by how
    # far away it is seen. A display board (展板) is read from one to three metres, where 100–150 dpi looks as
    # sharp as 300: 100. The printed 光荣榜 is held in the hand: 150, which the ID photos most records have
    # (一寸 295×413, 二寸 413×579 pixels) pass on its 41–45 mm cards (165 dpi and more). The colour page (彩页)
    # is held in the hand too, but gives a unit of one or two people cards 88 mm wide, where a 一寸 photo
    # reaches only 85 dpi: a clear face at reading distance, soft under a loupe. 80 lets it pass and still
    # catches what prints as blocks, such as a chat-app thumbnail of 120–200 pixels.
    min_print_dpi: tuple[tuple[str, int], ...] = (("board", 100), ("colour_page", 80), ("honour_roll", 150))
    # 100 megapixels is above any camera a staff member will use, and far below what a crafted
    # "decompression bomb" claims; Pillow's own limit (89 MP) would refuse some 108 MP phones.
    max_pixels: int = 100_000_000
    # Reuse a source's hash while its size, mtime, ctime and inode are all unchanged (as git does);
    # False re-reads and hashes every source on every build.
    remember_sources: bool = True
    # Worker processes making photos; None for one per core. Changes how fast outputs come, never their bytes.
    workers: int | None = None
    site_folder: str = "media"

    def __post_init__(self) -> None:
        unknown = sorted(set(self.avif_roles) - {"portrait", "group", "banner"})
        if unknown:
            raise ValueError(f"avif_roles: unknown photo roles {unknown}; expected portrait, group or banner")

    def role(self, name: str) -> RoleSpec:
        """Return how photos of the role `name` are made; raise ValueError for an unknown role."""
        if name == "portrait":
            return RoleSpec(name, self.portrait_widths, _ratio(self.portrait_aspect), self.portrait_sizes,
                            False, self._formats(name))
        if name == "group":
            return RoleSpec(name, self.group_widths, _ratio(self.group_aspect), self.group_sizes,
                            False, self._formats(name))
        if name == "banner":
            return RoleSpec(name, self.banner_widths, None, self.banner_sizes, False, self._formats(name))
        if name == "logo":
            return RoleSpec(name, self.logo_widths, None, self.logo_sizes, True, ("webp", "png"))
        raise ValueError(f"unknown photo role {name!r}; expected one of {', '.join(ROLES)}")

    def _formats(self, role: str) -> tuple[str, ...]:
        """Return the formats a photo role is made in, the fallback last."""
        return ("avif", "webp", "jpeg") if self.avif and role in self.avif_roles else ("webp", "jpeg")


def _ratio(aspect: tuple[int, int] | None) -> float | None:
    if aspect is None:
        return None
    width, height = aspect
    if width <= 0 or height <= 0:
        raise ValueError(f"an aspect needs two positive numbers, not {aspect!r}")
    return width / height
