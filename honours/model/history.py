"""Units as they were: a unit's former names and its merger into another, checked against the whole site.

A unit keeps one id, and so one page, under every name it had; honours show the name it had on their
date (Unit.as_on). A merged unit keeps its page and its honours; from the date of the merger nothing new
should name it, which is what these checks say.
"""
from __future__ import annotations

from ..errors import Problems
from .records import Unit
from .site import Site, source_of


def check_history(site: Site, problems: Problems) -> None:
    """Report a merger without its date or into itself, a name used until the same day twice, and (warnings)
    an honour or a current post naming a unit after it was merged."""
    for unit in site.units.values():
        if unit.names or unit.merged_into or unit.merged_on:
            _check_unit(site, unit, problems)
    merged = {unit.id: unit for unit in site.units.values() if unit.merged_into and unit.merged_on}
    if not merged:
        return
    for honour in site.honours:
        unit = merged.get(honour.recipient) if honour.recipient_kind == "unit" else None
        if unit is not None and honour.date >= unit.merged_on.first_day():
            where = source_of(site, honour)
            problems.warning(where.path if where else None, where.line if where else None, "unit",
                             f"“{unit.name}”已于{unit.merged_on}并入“{_name(site, unit.merged_into)}”，"
                             f"这项表彰的日期（{honour.when}）在此之后",
                             f"改为授予 {unit.merged_into}，或改正 {unit.id} 的 merged_on")
    for person in site.people.values():
        if (unit := merged.get(person.unit)) is not None:
            where = source_of(site, person)
            problems.warning(where.path if where else None, where.line_of("unit") if where else None, "unit",
                             f"{person.name}的单位“{unit.name}”已于{unit.merged_on}并入“{_name(site, unit.merged_into)}”",
                             f"把 unit 改为 {unit.merged_into}（原单位可写进 posts 保留任职经历）")


def _check_unit(site: Site, unit: Unit, problems: Problems) -> None:
    where = source_of(site, unit)
    path, line = (where.path, where.line_of) if where else (None, lambda name: None)
    if bool(unit.merged_into) != bool(unit.merged_on):
        given, missing = ("merged_into", "merged_on") if unit.merged_into else ("merged_on", "merged_into")
        problems.error(path, line(given), given, f"写了 {given} 却没有写 {missing}",
                       "撤并的单位两项都写：merged_into 写并入的单位编号，merged_on 写并入的时间，例如 2019-01")
    if unit.merged_into == unit.id:
        problems.error(path, line("merged_into"), "merged_into", "单位不能并入它自己", "写并入的另一个单位的编号")
    ends = [former.until.last_day() for former in unit.names]
    if len(set(ends)) < len(ends):
        problems.error(path, line("names"), "names", "有两个曾用名用到同一天（until 相同）",
                       "每个曾用名写明各自用到哪一天")


def _name(site: Site, unit_id: str | None) -> str:
    unit = site.units.get(unit_id) if unit_id else None
    return unit.name if unit else str(unit_id)
