"""Which person each roster row is: matched by id, then 工号, then 姓名 within the unit; or a new person."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..errors import Problems
from ..load.files import ID_RULE  # an id is a file name: the loader's rule
from .columns import ID
from .existing import Existing, aliases_of, match_key, value_text
from .read import Roster, RosterRow
from .units import UnitPlan


@dataclass(frozen=True, slots=True)
class RowMatch:
    """A row and the person it is: an existing person's id, or None for a new person (with the unit's id)."""

    row: RosterRow
    person: str | None
    unit: str | None

    @property
    def name(self) -> str:
        return self.row.values["name"]

    @property
    def staff_no(self) -> str | None:
        return self.row.values.get("staff_no")


class People:
    """The site's people indexed by id (and old id), 工号, and 姓名 with or without the unit."""

    def __init__(self, existing: Existing):
        self.existing = existing
        self.by_id: dict[str, str] = {}
        self.by_staff: dict[str, list[str]] = defaultdict(list)
        self.by_name: dict[str, list[str]] = defaultdict(list)
        for person_id, raw in existing.people.items():
            for key in [person_id, *map(str, aliases_of(raw))]:
                self.by_id.setdefault(key.casefold(), person_id)
            if staff_no := value_text(raw, "staff_no"):
                self.by_staff[match_key(staff_no)].append(person_id)
            if name := value_text(raw, "name"):
                self.by_name[match_key(name)].append(person_id)

    def staff_no(self, person_id: str) -> str | None:
        return value_text(self.existing.people[person_id], "staff_no")

    def unit(self, person_id: str) -> str | None:
        return value_text(self.existing.people[person_id], "unit")

    def shown(self, person_id: str) -> str:
        path = self.existing.people[person_id].path
        try:
            return f"{person_id}（{path.relative_to(self.existing.config.root).as_posix()}）"
        except ValueError:
            return f"{person_id}（{path}）"


def match_rows(roster: Roster, rows: list[RosterRow], units: UnitPlan, people: People,
               problems: Problems) -> list[RowMatch]:
    """Return the rows that match a person or are new, recording every row that cannot be decided as an error."""
    matches = [m for row in rows if (m := _match(row, roster, units, people, problems)) is not None]
    bad = _duplicates(matches, roster, people, problems)
    return [m for m in matches if m.row.number not in bad]


def _match(row: RosterRow, roster: Roster, units: UnitPlan, people: People, problems: Problems) -> RowMatch | None:
    values, path, line = row.values, roster.path, row.number
    unit = units.id_of(values["unit"]) if "unit" in values else None
    if "unit" in values and unit is None:
        return None  # an ambiguous unit, reported once for all its rows
    if given := values.get(ID):
        if not ID_RULE.match(given):
            problems.error(path, line, roster.header(ID), f"“{given}”不能用作编号",
                           "编号只用字母、数字、- 和 _，例如 zhang-wei；不确定时留空，导入会按姓名拼音取编号")
            return None
        return RowMatch(row, people.by_id.get(given.casefold()), unit)
    staff_no = values.get("staff_no")
    if staff_no and (found := people.by_staff.get(match_key(staff_no))):
        if len(found) > 1:
            problems.error(path, line, roster.header("staff_no"), f"工号“{staff_no}”有 {len(found)} 人："
                           + "、".join(people.shown(p) for p in found), "先改正这几个人员文件中的工号，再导入")
            return None
        return RowMatch(row, found[0], unit)
    # A row without 工号 (no such column, or a blank cell) is its namesake in the unit, whatever 工号 the file has;
    # a row with one is a different person from a namesake with another.
    candidates = [p for p in people.by_name.get(match_key(values["name"]), [])
                  if (unit is None or people.unit(p) == unit) and (not staff_no or people.staff_no(p) is None)]
    if len(candidates) > 1:
        where = f"单位“{values['unit']}”中" if unit else "网站中"
        problems.error(path, line, roster.header("name"), f"{where}有 {len(candidates)} 人叫“{values['name']}”："
                       + "、".join(people.shown(p) for p in candidates), _tell_apart(roster))
        return None
    if not candidates and unit is None:
        problems.error(path, line, roster.header("unit"), f"网站中没有“{values['name']}”，新建人员要填写单位"
                       + ("" if "unit" in roster.columns else "（花名册没有“单位”列）"),
                       "填写单位名称或编号；如果单位列是合并单元格，请取消合并并把单位填到每一行")
        return None
    return RowMatch(row, candidates[0] if candidates else None, unit)


def _duplicates(matches: list[RowMatch], roster: Roster, people: People, problems: Problems) -> set[int]:
    """Record rows that are the same person twice, or namesakes in one unit no 工号 tells apart; return their rows."""
    bad: set[int] = set()
    groups: dict[tuple[str, ...], list[RowMatch]] = defaultdict(list)
    for match in matches:
        if match.person is not None:
            groups[("person", match.person)].append(match)
        elif given := match.row.values.get(ID):
            groups[("id", given.casefold())].append(match)
        if match.staff_no:
            groups[("staff", match_key(match.staff_no))].append(match)
        if match.person is None and ID not in match.row.values:
            groups[("name", match_key(match.name), match.unit or "")].append(match)
    for key, group in groups.items():
        rows = list(dict.fromkeys(m.row.number for m in group))
        if len(rows) < 2:
            continue
        if key[0] == "name" and all(m.staff_no for m in group):
            continue  # namesakes in one unit, told apart by their 工号
        listed = "、".join(str(n) for n in rows)
        first = group[0]
        if key[0] == "person":
            message = f"第 {listed} 行都是 {people.shown(first.person or '')}"
        elif key[0] == "staff":
            message = f"第 {listed} 行的工号都是“{first.staff_no}”"
        elif key[0] == "id":
            message = f"第 {listed} 行的编号都是“{first.row.values[ID]}”"
        else:
            message = f"第 {listed} 行都是{'“' + first.row.values['unit'] + '”的' if first.unit else ''}“{first.name}”，没有工号区分"
        column = {"staff": "staff_no", "id": ID}.get(key[0], "name")
        problems.error(roster.path, rows[0], roster.header(column), message, "同一人只保留一行；同名的不同人请填写工号")
        bad.update(rows)
    return bad


def _tell_apart(roster: Roster) -> str:
    if "staff_no" in roster.columns:
        return "在“工号”列填写此人的工号，或加一列“编号”写明人员编号（文件名去掉 .md）"
    return "加一列“工号”填写工号，或加一列“编号”写明人员编号（文件名去掉 .md）"

