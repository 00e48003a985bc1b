"""Where a record was read from, so every later message can point back to it."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
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


@dataclass(frozen=True, slots=True)
class Sources:
    """Where a site's records were read from, for messages: records hold no path, so templates can show none."""

    records: Mapping[tuple[str, str], Source] = field(default_factory=dict)  # by (kind, id)
    # An honour has no id, and the same one written twice must be told apart: by the object itself.
    honours: Mapping[int, Source] = field(default_factory=dict)  # by id(honour)
