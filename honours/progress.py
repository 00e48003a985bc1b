"""One progress bar for long work (photos, PDFs, imports), drawn only on a terminal: CI logs and pipes stay quiet."""
from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from typing import TextIO, TypeVar

T = TypeVar("T")


def progress_bar(total: int, label: str, stream: TextIO | None = None) -> ProgressBar | None:
    """Return a bar on standard error if it is a terminal, else None."""
    stream = stream or sys.stderr
    return ProgressBar(total, label, stream) if _is_terminal(stream) else None


def counted(items: Iterable[T], total: int, label: str, show: bool) -> Iterator[T]:
    """Yield `items`, advancing a bar of `total` for each when `show` and standard error is a terminal."""
    bar = progress_bar(total, label) if show else None
    try:
        for item in items:
            if bar:
                bar.advance()
            yield item
    finally:
        if bar:
            bar.close()


def _is_terminal(stream: TextIO) -> bool:
    # CI runners may give a job a terminal; their logs keep every redraw, so they get no bar either.
    if os.environ.get("CI", "").lower() not in ("", "0", "false", "no") or os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class ProgressBar:
    """A one-line bar redrawn in place: `照片 12/40 [#####     ]`."""

    def __init__(self, total: int, label: str, stream: TextIO, width: int = 30):
        self._total, self._label, self._stream, self._width, self._done = total, label, stream, width, 0
        self._draw()

    def advance(self) -> None:
        """Count one more job done and redraw."""
        self._done += 1
        self._draw()

    def close(self) -> None:
        """End the line so what is printed next starts on its own."""
        self._stream.write("\n")
        self._stream.flush()

    def _draw(self) -> None:
        filled = self._width * self._done // max(self._total, 1)
        bar = "#" * filled + " " * (self._width - filled)
        self._stream.write(f"\r{self._label} {self._done}/{self._total} [{bar}]")
        self._stream.flush()
