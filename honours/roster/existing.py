"""The site's units and people as their files say, indexed for matching roster rows against them."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..config import SiteConfig, load_config
from ..errors import Problems
from ..ids import id_files
from ..invisible import without_hidden
from ..load.files import RawRecord, load_records
from ..model.records import KINDS, PERSON, UNIT


@dataclass(frozen=True, slots=True)
class Existing:
    """Every record of the site (the import's check reloads them all), and its units and people by id."""

    config: SiteConfig
    raws: tuple[RawRecord, ...]
    units: dict[str, RawRecord]
    people: dict[str, RawRecord]

    @property
    def units_folder(self) -> Path:
        return self.config.content / UNIT.files.folder

    @property
    def people_folder(self) -> Path:
        return self.config.content / PERSON.files.folder

    def taken_ids(self, kind: str) -> set[str]:
        """Return the ids, folded, a new record of one kind may not have: as `new` finds them, and old ids."""
        records = self.units if kind == "unit" else self.people
        folder = self.units_folder if kind == "unit" else self.people_folder
        return set(id_files(folder)) | {str(alias).casefold() for raw in records.values() for alias in aliases_of(raw)}


def read_existing(root: Path, problems: Problems) -> Existing | None:
    """Return the site's records, or None when its units or people cannot all be read (they must be, to match)."""
    config = load_config(root, problems)
    if config is None:
        return None
    found = Problems()
    raws = load_records(config.content, KINDS, found, config.max_file_mb)
    folders = [(config.content / kind.files.folder).resolve() for kind in (UNIT, PERSON)]
    blocking = [p for p in found.errors if p.path is None or any(p.path.resolve().is_relative_to(f) for f in folders)]
    for problem in blocking:
        problems.error(problem.path, problem.line, problem.field, problem.message,
                       (problem.hint + "；" if problem.hint else "") + "先改正这个文件再导入：导入要对照已有的单位和人员")
    if blocking:
        return None
    units = {raw.id: raw for raw in raws if raw.kind == "unit"}
    people = {raw.id: raw for raw in raws if raw.kind == "person"}
    return Existing(config, tuple(raws), units, people)


def value_text(raw: RawRecord, field_name: str) -> str | None:
    """Return a field of a record's YAML as text (staff_no: 1001 as "1001"), or None when absent or blank."""
    value = raw.data.get(field_name) if isinstance(raw.data, dict) else None
    if value is None or isinstance(value, (list, dict)):
        return None
    text = str(value).strip()
    return text or None


def match_key(text: str) -> str:
    """Return a name or id as matched: full-width forms folded, spaces and hidden characters dropped, case ignored."""
    return "".join(unicodedata.normalize("NFKC", without_hidden(text)).split()).casefold()


def aliases_of(raw: RawRecord) -> list[Any]:
    """Return the old ids a record lists (one written without brackets too)."""
    value = raw.data.get("aliases") if isinstance(raw.data, dict) else None
    return list(value) if isinstance(value, list) else [value] if value else []
