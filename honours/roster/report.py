"""What an import shows the user: its plan line by line, each row as “花名册.xlsx 第 12 行”, in Chinese."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..errors import Problem, Problems, Severity, printable
from ..fields import specs
from ..model.records import Person
from .existing import Existing, value_text
from .photos import PhotoFolder
from .plan import PersonPlan, Plan
from .write import Written

LABELS = {spec.name: spec.label for spec in specs(Person)}
NOTHING = "（无）"


class Reporter:
    """Turns a plan and its problems into lines, naming files relative to the site and rows by number."""

    def __init__(self, plan: Plan | None, existing: Existing | None, roster: Path, root: Path):
        self.plan, self.roster, self.root = plan, roster, root
        self.unit_names = {uid: value_text(raw, "name") or uid for uid, raw in (existing.units if existing else {}).items()}
        self.unit_names.update({u.id: u.name for u in plan.units} if plan else {})

    def row(self, number: int) -> str:
        return f"{self.roster.as_posix()} 第 {number} 行"

    def problem(self, problem: Problem) -> str:
        """Return a problem as one line; one in the roster is placed by its row."""
        if problem.path == self.roster:
            place = self.row(problem.line) if problem.line else self.roster.as_posix()
            return replace(problem, path=Path(place), line=None).format()
        return problem.format(self.root)

    def problem_lines(self, problems: Problems, strict: bool) -> list[tuple[str, bool]]:
        """Return each problem as its line and whether it counts as an error, in file and row order."""
        lines = []
        for problem in problems.sorted():
            is_error = problem.severity is Severity.ERROR or strict
            lines.append((f"{'错误' if is_error else '警告'} {self.problem(problem)}", is_error))
        return lines

    def plan_lines(self, photos: PhotoFolder) -> list[str]:
        """Return the plan: the roster read, new units, new and changed people, unchanged and skipped rows."""
        plan = self.plan
        assert plan is not None
        roster = plan.roster
        sheet = f"工作表“{roster.worksheet}”，" if roster.worksheet else ""
        lines = [f"花名册：{self.roster.as_posix()}（{sheet}表头在第 {roster.header_row} 行，{len(roster.rows)} 行数据）",
                 f"照片：{photos.folder}（{sum(len(v) for v in photos.by_stem.values())} 张）" if photos.folder
                 else "照片：花名册旁没有“照片”或“photos”文件夹（可用 --photos 指定照片文件夹）"]
        if plan.units:
            lines.append(f"新建单位 {len(plan.units)} 个：")
        for unit in plan.units:
            kind = f"类型：{unit.kind}" + ("" if unit.kind_given else "，按名称推断，可在文件中修改")
            parent = f"；上级单位：{unit.parent_name}（{unit.parent}）" if unit.parent else ""
            lines.append(f"  + {unit.name} → {self._file(unit.path)}（{kind}{parent}）  {self.row(unit.rows[0])}")
        if plan.created:
            lines.append(f"新建 {len(plan.created)} 人：")
        lines += [f"  + {self.row(p.row)}  {p.name} → {self._file(p.path)}（{self._fields(p)}）" for p in plan.created]
        if plan.updated:
            lines.append(f"更新 {len(plan.updated)} 人：")
        lines += [f"  ~ {self.row(p.row)}  {p.name}（{self._file(p.path)}）：{self._changes(p)}" for p in plan.updated]
        if plan.unchanged:
            lines.append(f"不变 {len(plan.unchanged)} 人")
        if plan.skipped:
            lines.append(f"跳过 {len(plan.skipped)} 行：")
        lines += [f"  - {self.row(s.row)}  {s.name}{'：' if s.name else ''}{s.reason}" for s in plan.skipped]
        lines.append(f"合计：新建单位 {len(plan.units)} 个，新建 {len(plan.created)} 人，更新 {len(plan.updated)} 人，"
                     f"不变 {len(plan.unchanged)} 人，跳过 {len(plan.skipped)} 行")
        return lines

    def written(self, written: Written) -> str:
        kept = f"（替换下的 {written.kept} 张原照片已改名保留）" if written.kept else ""
        return (f"已写入：新建单位 {written.units} 个，新建 {written.created} 人，更新 {written.updated} 人，"
                f"复制照片 {written.photos} 张{kept}。")

    def _fields(self, person: PersonPlan) -> str:
        shown = []
        for change in person.changes:
            if change.field == "name":
                continue  # shown before the file
            value = self._value(change.field, change.new)
            if change.field == "photo" and person.photo is not None:
                value = f"{value}，来自 {person.photo.name}"
            shown.append(f"{LABELS.get(change.field, change.field)}：{value}")
        return "，".join(shown)

    def _changes(self, person: PersonPlan) -> str:
        shown = []
        for change in person.changes:
            old, new = self._value(change.field, change.old), self._value(change.field, change.new)
            line = f"{LABELS.get(change.field, change.field)}: {old} → {new}"
            if change.field == "photo" and person.photo is not None:
                line = (f"{LABELS['photo']}: {old} 换成 {person.photo.name}" if change.old == change.new
                        else f"{line}（来自 {person.photo.name}）")
                if person.photo_kept is not None and person.photo_target is not None:
                    line += f"，原有的 {person.photo_target.name} 改名为 {person.photo_kept.name} 保留"
            shown.append(line)
        return "；".join(shown)

    def _value(self, field_name: str, value: str | None) -> str:
        if value is None:
            return NOTHING
        if field_name == "unit" and value in self.unit_names and self.unit_names[value] != value:
            return f"{self.unit_names[value]}（{value}）"
        return printable(value)  # a name a file has with a zero-width space in it shows why it changes

    def _file(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

