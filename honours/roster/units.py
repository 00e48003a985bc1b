"""The units a roster names: found among the site's by id, name or short name, or planned as new units."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problems
from ..ids import FreeIds, suggest_id
from .columns import KIND, PARENT
from .existing import Existing, aliases_of, match_key, value_text
from .read import Roster

# A new unit's kind, from how its name ends, when the roster has no 单位类型 column.
KIND_BY_ENDING = (("党总支", "党总支"), ("党支部", "党支部"), ("窗口", "服务窗口"), ("车间", "车间"), ("班", "班组"),
                  ("组", "班组"), ("队", "基层队"), ("办公室", "部室"), ("中心", "部室"), ("部", "部室"),
                  ("室", "部室"), ("科", "部室"), ("处", "部室"))
DEFAULT_KIND = "部室"


@dataclass(slots=True)
class NewUnit:
    """A unit the roster names that the site does not have yet."""

    id: str
    name: str
    path: Path
    rows: list[int]
    kind: str = DEFAULT_KIND
    kind_given: bool = False  # from a 单位类型 column, not guessed from the name
    parent: str | None = None
    parent_name: str | None = None


@dataclass(slots=True)
class UnitPlan:
    """What each 单位 cell of the roster stands for: an existing or a new unit's id (None when it is an error)."""

    ids: dict[str, str | None] = field(default_factory=dict)  # match_key of a cell -> unit id
    new: list[NewUnit] = field(default_factory=list)

    def id_of(self, text: str) -> str | None:
        return self.ids.get(match_key(text))


def plan_units(roster: Roster, existing: Existing, problems: Problems) -> UnitPlan:
    """Return the unit of every 单位 cell, recording ambiguous names and unknown parents as errors."""
    index = _index(existing)
    plan = UnitPlan()
    free = FreeIds(existing.taken_ids("unit"))
    by_cell: dict[str, list[int]] = {}
    for row in roster.rows:
        if text := row.values.get("unit"):
            by_cell.setdefault(match_key(text), []).append(row.number)
    for row in roster.rows:
        text = row.values.get("unit")
        if text is None or match_key(text) in plan.ids:
            continue
        key, rows = match_key(text), by_cell[match_key(text)]
        found = index.get(key, [])
        if len(found) > 1:
            plan.ids[key] = None
            problems.error(roster.path, rows[0], roster.header("unit"), f"有 {len(found)} 个单位都叫“{text}”："
                           + "、".join(f"{u}（{_shown(existing.units[u].path, existing)}）" for u in found)
                           + _also(rows), f"在“{roster.header('unit')}”列改填单位编号（文件名去掉 .md），例如 {found[0]}")
        elif found:
            plan.ids[key] = found[0]
        else:
            new_id = free.take(suggest_id(text, "unit") or "unit")
            plan.ids[key] = new_id
            plan.new.append(NewUnit(new_id, text, existing.units_folder / f"{new_id}.md", rows))
    _describe_new(plan, roster, index, problems)
    return plan


def _describe_new(plan: UnitPlan, roster: Roster, index: dict[str, list[str]], problems: Problems) -> None:
    """Give each new unit its kind and parent from the first of its rows that has them."""
    rows = {row.number: row for row in roster.rows}
    for unit in plan.new:
        kinds = [rows[n].values[KIND] for n in unit.rows if KIND in rows[n].values]
        unit.kind, unit.kind_given = (kinds[0], True) if kinds else (_kind_from_name(unit.name), False)
        parents = [(n, rows[n].values[PARENT]) for n in unit.rows if PARENT in rows[n].values]
        if not parents:
            continue
        number, parent = parents[0]
        key = match_key(parent)
        found = index.get(key, []) or [u.id for u in plan.new if match_key(u.name) == key]
        if len(found) == 1:
            unit.parent, unit.parent_name = found[0], parent
        else:
            what = f"有 {len(found)} 个单位都叫“{parent}”" if found else f"找不到上级单位“{parent}”"
            problems.error(roster.path, number, roster.header(PARENT), what,
                           "填写已有单位的名称或编号（content/units/ 下的文件名去掉 .md）")


def _index(existing: Existing) -> dict[str, list[str]]:
    """Return unit ids by every way a cell may name them: id or old id first, then full and short name."""
    by_id: dict[str, list[str]] = {}
    by_name: dict[str, list[str]] = {}
    for unit_id_, raw in existing.units.items():
        by_id.setdefault(match_key(unit_id_), []).append(unit_id_)
        for alias in aliases_of(raw):
            by_id.setdefault(match_key(str(alias)), []).append(unit_id_)
        for name in {value_text(raw, "name"), value_text(raw, "short_name")} - {None}:
            ids = by_name.setdefault(match_key(name), [])
            if unit_id_ not in ids:
                ids.append(unit_id_)
    return {**by_name, **by_id}


def _kind_from_name(name: str) -> str:
    return next((kind for ending, kind in KIND_BY_ENDING if name.endswith(ending)), DEFAULT_KIND)


def _also(rows: list[int]) -> str:
    return f"（另见第 {'、'.join(str(n) for n in rows[1:6])}{' 等' if len(rows) > 6 else ''} 行）" if len(rows) > 1 else ""


def _shown(path: Path, existing: Existing) -> str:
    try:
        return path.relative_to(existing.config.root).as_posix()
    except ValueError:
        return path.as_posix()
