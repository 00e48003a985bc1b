"""Where a record was read from, so every later message can point back to it."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Source:
    """The file a record was read from, its first line, its body's, and the line of each field."""

    path: Path
    line: int
    body_line: int = 1
    field_lines: tuple[tuple[str, int], ...] = ()

    def line_of(self, field_name: str) -> int:
        """Return the line a field was written on, or the record's first line."""
        return dict(self.field_lines).get(field_name, self.line)
