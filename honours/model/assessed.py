"""The score files a build checked against their schemes and the site's units or people, kept for the next.

Checking a period's scores row by row is most of what assembling a large site costs once its records
come from the snapshot; a file's check depends only on its path (which names its campaign and period), its
bytes, its scheme and the ids and names of the units (or people) it scores. A file whose bytes, scheme and
subjects are unchanged gets the last build's result, and the same problems reported again, unchecked.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..cachefiles import KeptResults
from ..errors import Problem, Problems
from .assessments import Assessment
from .scheme import Scheme

_FILE = "assessments.pickle"
_VERSION = 1


@dataclass(frozen=True, slots=True)
class _Checked:
    """What checking one score file found, and what it was checked against."""

    against: tuple[bytes, Scheme, bytes]  # the file's digest, its scheme, its subjects' names
    assessment: Assessment | None
    problems: tuple[Problem, ...]


class Assessed:
    """The score files checked by the last build (in `folder`, if given) and by this one, by path."""

    def __init__(self, folder: Path | None, key: bytes = b"") -> None:
        # The key: the code that checks them (the snapshot's).
        self.kept = KeptResults(folder / _FILE if folder else None, _VERSION, key)
        self._names: dict[int, tuple[Mapping[str, Any], bytes]] = {}  # by the table's id, held while it is used

    def assessment(self, path: Path, digest: bytes, scheme: Scheme, subjects: Mapping[str, Any], problems: Problems,
                   check: Callable[[Problems], Assessment | None]) -> Assessment | None:
        """Return a score file's assessment, reporting its problems: `check` finds both, unless the last build
        checked the same bytes at this path against the same scheme and subjects."""
        against = (digest, scheme, self._names_of(subjects))
        kept = self.kept.known.get(str(path))
        if kept is None or not digest or kept.against != against:
            found = Problems()
            kept = _Checked(against, check(found), tuple(found.items))
        problems.items.extend(kept.problems)
        if not any(problem.severity.name == "ERROR" for problem in kept.problems):
            self.kept.used[str(path)] = kept  # one with errors is checked again, as a file with errors is read again
        return kept.assessment

    def save(self) -> None:
        """Keep the files checked by this build (and only those), unless they are the ones kept already."""
        self.kept.save()

    def _names_of(self, subjects: Mapping[str, Any]) -> bytes:
        """Return a digest of what a score file may name its subjects by: their ids, names and short names."""
        if id(subjects) not in self._names:
            names = [(key, getattr(record, "name", None), getattr(record, "short_name", None))
                     for key, record in subjects.items()]
            self._names[id(subjects)] = subjects, hashlib.blake2b(repr(names).encode("utf-8", "surrogatepass"),
                                                                  digest_size=16).digest()
        return self._names[id(subjects)][1]
