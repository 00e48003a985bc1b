"""Compare a roster with the site: the units and people to create, the fields to change, and what stays."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problems, Severity
from ..fields import specs
from ..ids import FreeIds, suggest_id
from ..model.records import Person
from ..progress import counted
from .columns import ID, KIND, PARENT, header_key, headers
from .existing import Existing, value_text
from .frontmatter import RecordFile, Unsafe, edit_fields, new_record, read_record_file
from .match import People, RowMatch, match_rows
from .photos import PhotoFolder, match_photo
from .read import Roster, RosterRow
from .units import NewUnit, plan_units
from .validate import Planned, new_problems

PERSON_ORDER = tuple(spec.name for spec in specs(Person))
# The person fields a roster sets from its cells (the photo is found in the photos folder instead).
PERSON_FIELDS = tuple(name for name in PERSON_ORDER if name in set(headers().values()) and name != "photo")
# Private numbers are written in quotes, as the example site writes them, so 007 stays 007.
QUOTED = frozenset({"staff_no", "phone"})


@dataclass(frozen=True, slots=True)
class Change:
    """One field of a person that the import sets: its value before (None when absent) and after."""

    field: str
    old: str | None
    new: str


@dataclass(slots=True)
class PersonPlan:
    """A person the import creates or updates, from one roster row."""

    row: int
    name: str
    id: str
    path: Path
    changes: list[Change]
    text: str = ""  # the record file's new text
    record: RecordFile | None = None  # the file as read, when it is updated
    photo: Path | None = None  # a photo to copy beside the record, as photo_target
    photo_target: Path | None = None
    photo_kept: Path | None = None  # where the file at photo_target now is kept, when the copy replaces it


@dataclass(frozen=True, slots=True)
class Skip:
    """A row the import leaves alone, and why."""

    row: int
    name: str
    reason: str


@dataclass(slots=True)
class Plan:
    """Everything an import would do, for the user to see before anything is written."""

    roster: Roster
    units: list[NewUnit] = field(default_factory=list)
    created: list[PersonPlan] = field(default_factory=list)
    updated: list[PersonPlan] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)  # rows
    skipped: list[Skip] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        """Return whether the import would write nothing."""
        return not (self.units or self.created or self.updated)


def plan_import(roster: Roster, existing: Existing, photos: PhotoFolder, problems: Problems,
                progress: bool = False) -> Plan:
    """Return what importing the roster would do; every row that cannot be imported is recorded as an error."""
    plan = Plan(roster)
    units = plan_units(roster, existing, problems)
    plan.units = units.new
    rows = [row for row in roster.rows if _is_person(row, roster, plan, problems)]
    matches = match_rows(roster, rows, units, People(existing), problems)
    ids = _new_ids(matches, existing)
    namesakes: dict[str, list[int]] = {}
    for match in matches:
        namesakes.setdefault(header_key(match.name), []).append(match.row.number)
    for match in counted(matches, len(matches), "核对人员", progress):
        person = match.person or ids[match.row.number]
        photo = match_photo(photos, match.name, match.staff_no, match.row.values.get("photo"),
                            namesakes[header_key(match.name)])
        if photo.problem:
            problems.warning(roster.path, match.row.number, roster.header("photo"), photo.problem, photo.hint)
        if match.person is None:
            plan.created.append(_created(match, person, existing, photo.path))
        else:
            _update(plan, match, existing, photo.path)
    _check(plan, existing, problems)
    return plan


def _is_person(row: RosterRow, roster: Roster, plan: Plan, problems: Problems) -> bool:
    """Return whether a row names a person; a row with other cells but no name is skipped with a warning."""
    name = row.values.get("name")
    if name is None:
        plan.skipped.append(Skip(row.number, "", "没有姓名"))
        problems.warning(roster.path, row.number, roster.header("name"), "这一行没有姓名，已跳过",
                         "如果这是人员数据，请补上姓名")
        return False
    return headers().get(header_key(name)) != "name"  # the header repeated (rosters printed page by page)


def _new_ids(matches: list[RowMatch], existing: Existing) -> dict[int, str]:
    """Return the id of each new person, by row: from the 编号 column, else pinyin made unique in row order."""
    free = FreeIds(existing.taken_ids("person") | {m.row.values[ID].casefold() for m in matches if ID in m.row.values})
    ids: dict[int, str] = {}
    for match in matches:
        if match.person is None:
            given = match.row.values.get(ID)
            ids[match.row.number] = given or free.take(suggest_id(match.name, "person") or "person", match.staff_no)
    return ids


def _values(match: RowMatch) -> dict[str, str]:
    """Return the person fields the row sets, its unit as the unit's id."""
    values = {name: match.row.values[name] for name in PERSON_FIELDS if name in match.row.values}
    if match.unit is not None:
        values["unit"] = match.unit
    return values


def _created(match: RowMatch, new_id: str, existing: Existing, photo: Path | None) -> PersonPlan:
    values = _values(match)
    path = existing.people_folder / f"{new_id}.md"
    person = PersonPlan(match.row.number, match.name, new_id, path, [])
    if photo is not None:
        person.photo, person.photo_target = photo, path.with_name(new_id + photo.suffix.lower())
        values["photo"] = person.photo_target.name
    person.changes = [Change(name, None, values[name]) for name in PERSON_ORDER if name in values]
    person.text = new_record([(c.field, c.new) for c in person.changes], QUOTED)
    return person


def _update(plan: Plan, match: RowMatch, existing: Existing, photo: Path | None) -> None:
    """Add the row's person to the plan's updated, unchanged or skipped."""
    raw = existing.people[match.person or ""]
    person = PersonPlan(match.row.number, match.name, raw.id, raw.path, [])
    for name, value in _values(match).items():
        if (old := value_text(raw, name)) != value:
            person.changes.append(Change(name, old, value))
    if photo is not None:
        _photo_change(person, raw.path, value_text(raw, "photo"), photo)
    if not person.changes:
        plan.unchanged.append(match.row.number)
        return
    person.changes.sort(key=lambda c: PERSON_ORDER.index(c.field))
    try:
        person.record = read_record_file(raw.path)
        edits = {c.field: c.new for c in person.changes if c.new != c.old}  # not a photo replaced under its name
        person.text = edit_fields(person.record, raw.data, edits, PERSON_ORDER, QUOTED) if edits else person.record.text
    except Unsafe as unsafe:
        plan.skipped.append(Skip(match.row.number, match.name, f"{_shown(raw.path, existing)}：{unsafe}，"
                                 "无法只改动相应的行 — 请手动修改该文件"))
        return
    except OSError as exc:
        plan.skipped.append(Skip(match.row.number, match.name, f"无法读取 {_shown(raw.path, existing)}（{exc.strerror}）"))
        return
    plan.updated.append(person)


def _photo_change(person: PersonPlan, record: Path, current: str | None, photo: Path) -> None:
    """Plan copying the photo beside the record, unless the record's photo already has the same bytes."""
    if current is not None and same_file(record.parent / current, photo):
        return
    target = record.with_name(person.id + photo.suffix.lower())
    if not same_file(target, photo):
        person.photo, person.photo_target = photo, target
        if target.exists():  # a photo is never lost: the one there now stays beside it, under another name
            person.photo_kept = kept_name(target, dt.date.today())
    if current != target.name or person.photo is not None:
        person.changes.append(Change("photo", current, target.name))


def kept_name(photo: Path, day: dt.date) -> Path:
    """Return a free name to keep a replaced photo under beside it: zhang-wei.20240615.jpg, else …-2.jpg.

    The loader reads only .md and .yaml files, and a photo only as a record's photo field names it:
    a kept photo is just a file in the folder.
    """
    stem = f"{photo.stem}.{day:%Y%m%d}"
    return next(path for number in range(1, 1000) if not (path := photo.with_name(
        f"{stem}{'' if number == 1 else f'-{number}'}{photo.suffix}")).exists())


def same_file(path: Path, other: Path) -> bool:
    """Return whether a file exists with the same bytes as another."""
    try:
        return path.is_file() and path.stat().st_size == other.stat().st_size and path.read_bytes() == other.read_bytes()
    except OSError:
        return False


def _check(plan: Plan, existing: Existing, problems: Problems) -> None:
    """Record, at their rows, the problems the model finds in the records the import would write."""
    rows: dict[Path, tuple[int, dict[str, str]]] = {}
    planned: list[Planned] = []
    for unit in plan.units:
        planned.append(Planned("unit", unit.id, unit.path, unit_text(unit)))
        rows[unit.path] = (unit.rows[0], {"name": "unit", "kind": KIND, "parent": PARENT})
    for person in plan.created + plan.updated:
        pending = person.photo is not None and not person.photo_target.is_file()
        planned.append(Planned("person", person.id, person.path, person.text, pending))
        rows[person.path] = (person.row, {})
    if not planned:
        return
    roster = plan.roster
    for problem in new_problems(existing, planned):
        if problem.path in rows:
            row, columns = rows[problem.path]
            column = columns.get(problem.field or "", problem.field or "")
            header = roster.header(column) if column in roster.columns else problem.field
            add = problems.error if problem.severity is Severity.ERROR else problems.warning
            add(roster.path, row, header, problem.message, problem.hint)
        else:
            problems.items.append(problem)


def unit_text(unit: NewUnit) -> str:
    """Return the file of a new unit."""
    fields = [("name", unit.name), ("kind", unit.kind)] + ([("parent", unit.parent)] if unit.parent else [])
    return new_record(fields)


def _shown(path: Path, existing: Existing) -> str:
    try:
        return path.relative_to(existing.config.root).as_posix()
    except ValueError:
        return path.as_posix()
