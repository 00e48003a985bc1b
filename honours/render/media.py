"""Photos as given: copied beside the pages with their size, until the photo pipeline replaces this."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from ..errors import Problems


@dataclass(frozen=True, slots=True)
class Picture:
    """An image a page shows: where it is in the site, its pixel size, and what it shows."""

    src: str
    width: int
    height: int
    alt: str


class Media:
    """The photos pages refer to; each source is read once and copied once."""

    def __init__(self, content: Path, problems: Problems):
        self._content = content
        self._problems = problems
        self._known: dict[Path, tuple[str, int, int] | None] = {}

    def picture(self, source: Path, alt: str) -> Picture | None:
        """Return the picture for a source photo, or None (with an error) if it is not an image."""
        if source not in self._known:
            self._known[source] = self._inspect(source)
        found = self._known[source]
        return Picture(found[0], found[1], found[2], alt) if found else None

    def copies(self) -> dict[Path, str]:
        """Return every photo to copy: source path -> site path."""
        return {source: found[0] for source, found in self._known.items() if found}

    def _inspect(self, source: Path) -> tuple[str, int, int] | None:
        try:
            with Image.open(source) as image:
                width, height = image.size
        except (UnidentifiedImageError, OSError) as exc:
            self._problems.error(source, None, None, f"无法作为图片打开（{exc.__class__.__name__}）",
                                 "换一张 JPEG 或 PNG 格式的照片")
            return None
        try:
            shown = source.relative_to(self._content).as_posix()
        except ValueError:
            shown = source.name
        return f"media/{shown}", width, height
