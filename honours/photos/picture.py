"""What templates get for an image: the files of a <picture>, or of a printed photo."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

SrcsetItem = tuple[str, int]


@dataclass(frozen=True, slots=True)
class Photo:
    """A photo as a record asks for it: its file (None for none), whose it is, and where it is named."""

    source: Path | None
    owner: str  # whose photo it is: named in messages; its first character is drawn on a placeholder
    alt: str = ""
    focus: tuple[float, float] | None = None  # where the face is, as fractions of the width and height
    record: Path | None = None  # the file naming it, where its problems are reported (the photo's own if None)
    line: int | None = None
    field: str | None = None
    mark: str | None = None  # what its placeholder shows: "" a silhouette, None the owner's first character

    @property
    def initial(self) -> str:
        return self.owner[:1] if self.mark is None else self.mark


def _srcset(items: tuple[SrcsetItem, ...], url: Callable[[str], str]) -> str:
    return ", ".join(f"{url(path)} {width}w" for path, width in items)


@dataclass(frozen=True, slots=True)
class Source:
    """One <source> of a <picture>: a MIME type and its files by pixel width, smallest first."""

    type: str
    srcset_items: tuple[SrcsetItem, ...]

    def srcset(self, url: Callable[[str], str] = str) -> str:
        """Return the srcset attribute, each site path passed through `url` (the template's link maker)."""
        return _srcset(self.srcset_items, url)


@dataclass(frozen=True, slots=True)
class Picture:
    """An image for the web: modern <source>s, a fallback <img> with its size, and its alt text.

    Site paths are relative to the site root. A template writes, for example:

        <picture>{% for s in pic.sources %}<source type="{{ s.type }}" srcset="{{ s.srcset(url) }}"
          sizes="{{ pic.sizes }}">{% endfor %}<img src="{{ url(pic.fallback) }}"
          srcset="{{ pic.srcset(url) }}" sizes="{{ pic.sizes }}" width="{{ pic.width }}"
          height="{{ pic.height }}" alt="{{ pic.alt }}" loading="{{ pic.loading }}"></picture>
    """

    sources: tuple[Source, ...]
    fallback: str
    fallback_srcset: tuple[SrcsetItem, ...]
    width: int
    height: int
    alt: str
    sizes: str
    loading: str = "lazy"
    placeholder: bool = False

    def srcset(self, url: Callable[[str], str] = str) -> str:
        """Return the <img> srcset (the fallback format's files), each site path passed through `url`."""
        return _srcset(self.fallback_srcset, url)

    @property
    def paths(self) -> tuple[str, ...]:
        """Return every site path this picture refers to."""
        found = [self.fallback, *(path for path, _ in self.fallback_srcset)]
        found += [path for source in self.sources for path, _ in source.srcset_items]
        return tuple(dict.fromkeys(found))


@dataclass(frozen=True, slots=True)
class PrintPicture:
    """A photo for a printed page: one file sized for `width_mm` × `height_mm` at (up to) the print DPI."""

    path: str
    width_px: int
    height_px: int
    width_mm: float
    height_mm: float
    dpi: int
    alt: str
    placeholder: bool = False
