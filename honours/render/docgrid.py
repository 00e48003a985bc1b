"""公文 body text on the GB/T 9704 character grid, so that every full line reaches the right edge (两端对齐).

WeasyPrint justifies a line only by widening its spaces, and Chinese text has none: a line holding
half-width digits or Latin letters (2024年, ABC) ends up to a character short of the type area's right
edge. A word processor's 文档网格 snaps each run of them to whole character cells; so does this: each
run becomes an inline block as wide as the cells it needs (print/document.css `.doc-run`), and a full
line is again exactly 28 cells.
"""
from __future__ import annotations

import math
import re

from markupsafe import Markup

_TAG = re.compile(r"(<[^>]*>)")
_RUN = re.compile(r"&#?\w+;|[0-9A-Za-z](?:[0-9A-Za-z.,:%/+\-]*[0-9A-Za-z%])?")
_SKIPPED = ("table", "pre", "code", "svg")  # tables have their own type; code keeps its spacing
_WIDTH = {".": 0.3, ",": 0.3, ":": 0.3, "/": 0.35, "%": 0.85, "-": 0.35, "+": 0.6}
_LONGEST = 14  # cells: a longer run (a web address) is left to break as it will


def cells(run: str) -> int:
    """Return how many character cells a run of half-width text takes: digits and letters are about half one."""
    width = sum(_WIDTH.get(char, 0.65 if char.isupper() else 0.5) for char in run)
    return max(1, math.ceil(width - 0.04))


def grid_runs(html: str) -> Markup:
    """Return body HTML with each run of digits and Latin letters in its text set in whole character cells."""
    parts = _TAG.split(str(html))
    skipping = 0
    for index, part in enumerate(parts):
        if part.startswith("<"):
            name = part.strip("</>").split()[0].lower() if part.strip("</>") else ""
            if name in _SKIPPED:
                skipping += -1 if part.startswith("</") else 1
        elif not skipping and part:
            parts[index] = _RUN.sub(_cell, part)
    return Markup("".join(parts))


def _cell(match: re.Match[str]) -> str:
    run = match.group(0)
    if run.startswith("&") or cells(run) > _LONGEST:
        return run
    return f'<span class="doc-run" style="width: calc({cells(run)} * var(--char))">{run}</span>'
