"""Import a roster spreadsheet (花名册) into the site's people and units: plan first, then write.

  read.py        the sheet (.xlsx or .csv) into rows, the header found below any title rows
  columns.py     Chinese headers to fields, following the model's labels
  formulas.py    cells that are formulas, not data: refused in names, units and ids, left out of phones
  existing.py    the site's units and people, as their files say
  units.py       the unit each 单位 cell names, or a new one
  match.py       the person each row is: by id, 工号, or 姓名 within the unit
  photos.py      each row's photo, by 姓名 or 工号
  plan.py        what to create, change, keep and skip, checked by the model before anything is written
  frontmatter.py new record files, and edits of just the changed lines of existing ones
  write.py       the plan applied, file by file, atomically
  report.py      what the user sees
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import Problems
from .existing import Existing, read_existing
from .photos import PhotoFolder, photo_folder
from .plan import Plan, plan_import
from .read import read_roster


@dataclass(frozen=True, slots=True)
class Prepared:
    """An import worked out but not yet written: the plan, and what it was made from."""

    plan: Plan | None  # None when the roster or the site could not be read
    existing: Existing | None
    photos: PhotoFolder | None


def prepare(root: Path, roster: Path, worksheet: str | None, photos: Path | None, problems: Problems,
            progress: bool = False) -> Prepared:
    """Read the site and the roster and plan the import, recording every problem found."""
    existing = read_existing(root, problems)
    sheet = read_roster(roster, worksheet, problems)
    if existing is None or sheet is None:
        return Prepared(None, existing, None)
    folder = photo_folder(photos, roster)
    return Prepared(plan_import(sheet, existing, folder, problems, progress), existing, folder)
