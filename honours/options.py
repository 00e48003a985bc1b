"""What a build is asked to do: one options object, made by the command line (or `serve`) and read by the stages."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

CACHE_DIR = ".honours-cache"


def _never() -> bool:
    return False


def _silent() -> None:
    pass


@dataclass(frozen=True, slots=True)
class PdfRequest:
    """Which PDFs a build makes. None by default: those made before are still published while current."""

    make: bool = False
    only: tuple[str, ...] = ()  # patterns picking printable pages (see print/press.py); all of them when empty
    archival: bool = False  # PDF/A-2b with XMP (print/archival.py), as a year archive keeps them


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """A build of the site in `root`, as asked for."""

    root: Path
    output: Path | None = None  # where to publish; site.toml's output_dir when None
    cache: Path | None = None  # what builds remember; <root>/.honours-cache when None
    strict: bool = False  # warnings count as errors
    progress: bool = False  # progress bars on a terminal
    pdfs: PdfRequest = PdfRequest()
    # Pages only: Pagefind's bundle and the traditional edition stay as the last build left them, so
    # the pages come sooner (`serve`, while the user edits).
    quick: bool = False
    # Asked before slow work a build that is not quick may skip: a newer edit is waiting (`serve`).
    interrupted: Callable[[], bool] = _never
    # Called once if another build of the same site is under way: this one waits for it (honours/lock.py).
    waiting: Callable[[], None] = _silent

    @property
    def cache_dir(self) -> Path:
        return self.cache or self.root / CACHE_DIR
