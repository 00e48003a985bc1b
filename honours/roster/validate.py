"""Check the records an import would write with the model's own checks, before anything is written."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import Problem, Problems
from ..load.files import RawRecord, split_front_matter  # read back as the loader reads a file
from ..load.yaml_source import FAILED, YamlMap, parse_yaml
from ..model.assemble import assemble
from ..model.snapshot import read_records
from .existing import Existing


@dataclass(frozen=True, slots=True)
class Planned:
    """A record file as the import would leave it."""

    kind: str  # unit or person
    id: str
    path: Path
    text: str
    photo_pending: bool = False  # its photo is copied only on --write: not there yet to be checked


def new_problems(existing: Existing, planned: list[Planned]) -> list[Problem]:
    """Return the problems the site would have with the planned files that it does not have now.

    The whole site is assembled, as `check` does, so a record is held to every rule a build holds it to;
    problems the site already had are left for `check` to report.
    """
    before = Problems()
    assemble(read_records(list(existing.raws), existing.config, before), existing.config, before)
    after = Problems()
    replaced = {item.path for item in planned}
    raws = [raw for raw in existing.raws if raw.path not in replaced]
    raws += [raw for item in planned if (raw := _raw(item, after)) is not None]
    assemble(read_records(raws, existing.config, after), existing.config, after)
    # Lines move when a field is added, so problems are told apart by file, field and message.
    known = {(p.path, p.field, p.message) for p in before.items}
    return [p for p in after.items if (p.path, p.field, p.message) not in known]


def _raw(item: Planned, problems: Problems) -> RawRecord | None:
    text = item.text.replace("\r\n", "\n").replace("\r", "\n")
    if item.path.suffix.lower() == ".md":
        split = split_front_matter(text, item.path, problems)
        if split is None:
            return None
        front, body, body_line = split
        data = parse_yaml(front, item.path, 1, problems)
    else:
        data, body, body_line = parse_yaml(text, item.path, 0, problems), "", 0
    if data is FAILED:
        return None
    data = data if isinstance(data, YamlMap) else YamlMap(1)
    if item.photo_pending:
        data.pop("photo", None)
    return RawRecord(item.kind, item.id, item.path, data, body, body_line)
