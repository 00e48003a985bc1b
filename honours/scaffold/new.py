"""`new`: write one record with every field of its kind present and explained, that `check` accepts as written."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..cachefiles import write_new
from ..config import CONFIG_FILE, load_config
from ..dates import XUN, PartialDate, parse_day
from ..errors import Problems
from ..fields import Context, parse_record, specs
from ..hints import command
from ..ids import id_problem, is_record_file, suggest_id, unique_id
from ..invisible import without_hidden
from ..load.yaml_source import FAILED, parse_yaml
from ..model.kinds import RecordKind, Scaffold
from ..model.records import HONOUR, HonourEntry, kind_named
from ..placeholders import PLACEHOLDER
from .notes import base_type, example
from .records import Plain, front_matter_file, list_file, mapping_lines
from .site_index import KIND_NAMES, KINDS, SiteIndex, index_site

_TITLE_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*年")  # 2025年度, 2025年上半年: not 〔2025〕12号


def _kind(kind: str) -> RecordKind:
    return kind_named(kind)


def _new(kind: str) -> Scaffold:
    scaffold = kind_named(kind).new
    assert scaffold is not None, f"`new` does not write {kind} records"
    return scaffold


class Refused(Exception):
    """A file that will not be written as asked; each line says why, or what to do instead, in Chinese."""

    def __init__(self, message: str, hint: str = "", *, more: tuple[str, ...] = ()) -> None:
        self.lines = (f"{message} — {hint}" if hint else message, *more)
        super().__init__("\n".join(self.lines))


@dataclass(frozen=True, slots=True)
class Written:
    """The files a scaffold wrote, and what to tell the user about them."""

    files: tuple[Path, ...]
    lines: tuple[str, ...]


def option(name: str) -> str:
    """Return the command-line option that sets a field: unit -> --unit, short_name -> --short-name."""
    return "--" + name.replace("_", "-")


def new_record(root: Path, kind: str, record_id: str | None, given: Mapping[str, str | None],
               today: dt.date | None = None) -> Written:
    """Write a new record of `kind` into the site in `root`; raise Refused, having written nothing, if it cannot."""
    today = today or dt.date.today()
    problems = Problems()
    config = load_config(root, problems)
    if config is None:
        first, *more = (p.format(root) for p in problems.errors)
        fix = ("先改正 site.toml 再运行",) if (root / CONFIG_FILE).is_file() else ()  # else: not a site; `first` says how
        raise Refused(first, more=(*more, *fix))
    index = index_site(config.content, root)
    cls = _kind(kind).record
    # A name pasted from WeChat or a web page brings its zero-width characters: dropped, as an import drops them.
    values: dict[str, Any] = {name: _normalised(cls, name, text) for name, value in given.items()
                              if value is not None and (text := without_hidden(value).strip())}
    told: list[str] = []
    given_id = record_id
    record_id = _record_id(kind, record_id, values, index)
    _resolve_references(cls, values, index, told)
    if kind == "person" and "unit" not in values:
        values["unit"] = _only_unit(index, told)
    _refuse_namesakes(kind, record_id, given_id is not None, values, index, told)
    placeholders = _fill_required(cls, values, today)
    _validate(cls, values, record_id, root)
    files = _files(kind, record_id, values, placeholders, index)
    _write_all(files, index)
    record = _NewRecord(kind, record_id, values, placeholders, tuple(files))
    return Written(record.files, tuple(_report(record, index, told)))


def _write_all(files: dict[Path, str], index: SiteIndex) -> None:
    """Write each file, none over a file that is there (even one made a moment ago): all of them, or none."""
    for path in files:
        if path.exists():
            raise Refused(f"{index.shown(path)} 已经存在，没有改动它", "换一个编号，或直接编辑这个文件")
    written: list[Path] = []
    try:
        for path, text in files.items():
            write_new(path, text.encode("utf-8"))
            written.append(path)
    except FileExistsError:
        for ours in written:  # made by this command a moment ago: taken back so nothing is half written
            ours.unlink(missing_ok=True)
        raise Refused(f"{index.shown(path)} 刚刚被别的程序建立，没有改动它", "换一个编号，或直接编辑这个文件") from None


def _normalised(cls: type, name: str, value: str) -> Any:
    """Return a date as the files write it (2024-07-01, 2024-04 上旬); anything else, or a wrong date, as typed."""
    kind = base_type(next(spec.type for spec in specs(cls) if spec.name == name))
    try:
        if kind is dt.date:
            return parse_day(value)
        if kind is PartialDate:
            date = PartialDate.parse(value)
            return Plain(date.iso() + (f" {XUN[date.xun]}" if date.xun is not None else ""))
    except ValueError:
        pass  # _validate reports it, worded as for a record
    return value


def _record_id(kind: str, record_id: str | None, values: dict[str, Any], index: SiteIndex) -> str:
    title = values.get(_kind(kind).title)
    if record_id is None:
        label = next(s.label for s in specs(_kind(kind).record) if s.name == _kind(kind).title)
        if title is None:
            raise Refused(f"请写出{KIND_NAMES[kind]}的编号，或用 {option(_kind(kind).title)} 写出{label}（编号按拼音生成）",
                          f"例如：{example_command(kind, index.root)}")
        record_id = suggest_id(title, _new(kind).id_from)
        if not record_id:
            raise Refused(f"无法从“{title}”生成编号", f"请在 new {kind} 后写出编号（字母、数字和 -），例如 "
                          f"{_new_command(index, kind, _new(kind).example_id, title)}")
        derived = True
    else:
        record_id, derived = record_id.strip(), False
    if (problem := id_problem(record_id)) is not None:
        better = suggest_id(record_id, _new(kind).id_from) or (suggest_id(title, _new(kind).id_from) if title else "")
        raise Refused(problem, f"可以用：{better}" if better and id_problem(better) is None else
                      f"换一个编号：只用字母、数字、汉字、- 和 _，例如 {_new(kind).example_id}")
    if (taken := index.taken(kind, record_id)) is not None:
        free = unique_id(record_id, index.taken_ids(kind))
        photo = index.id_files(kind).get(record_id.casefold())
        if photo is not None and not is_record_file(photo):
            hint = (f"请在 {kind} 后写出另一个编号，例如 {_new_command(index, kind, free, title)}；"
                    f"这张照片就是新{KIND_NAMES[kind]}的话，在新文件的 photo 中写 {photo.name}")
        elif derived:
            hint = (f"如果是另一个同名的{KIND_NAMES[kind]}，请在 {kind} 后写出另一个编号，例如 "
                    f"{_new_command(index, kind, free, title)}")
        else:
            hint = f"换一个编号，例如 {free}"
        raise Refused(f"编号“{record_id}”不能再用：{taken}", hint)
    return record_id


def example_command(kind: str, site: Path | None = None) -> str:
    """Return a typical `new` command for a record of `kind`, for the site in `site` (run there: none)."""
    return command("new", kind, *_new(kind).example.split(), site=site)


def _new_command(index: SiteIndex, kind: str, record_id: str, title: Any) -> str:
    """Return `honours new KIND ID --title TITLE` for this site."""
    return command("new", kind, record_id, option(_kind(kind).title), str(title), site=index.root)


def _resolve_references(cls: type, values: dict[str, Any], index: SiteIndex, told: list[str]) -> None:
    """Check every reference given exists; a record's exact name (a unit's short name) is taken for its id when
    only one has it."""
    for spec in specs(cls):
        target = values.get(spec.name)
        if spec.ref not in KINDS or target is None or target in index.files[spec.ref]:
            continue
        if not index.files[spec.ref]:
            raise Refused(f"{option(spec.name)}: 未找到{KIND_NAMES[spec.ref]}“{target}”", _available(spec.ref, "", index))
        found = index.naming(spec.ref).find(target)
        if found.id is None:
            raise Refused(f"{option(spec.name)}: {found.message}", found.hint)
        values[spec.name] = found.id
        told.append(f"{option(spec.name)} {target}：已按名称找到{KIND_NAMES[spec.ref]} {index.label(spec.ref, found.id)}")


def _available(kind: str, target: str, index: SiteIndex) -> str:
    if not index.files[kind]:
        return f"还没有任何{KIND_NAMES[kind]}，先用 {command('new', kind, site=index.root)} 建立"
    return index.naming(kind).suggest(target) + f"（编号是 {_kind(kind).files.place}）"


def _only_unit(index: SiteIndex, told: list[str]) -> str:
    """Return the site's only unit for a person given none; refuse when there is no unit or several."""
    units = sorted(index.files["unit"])
    if len(units) == 1:
        told.append(f"unit 填了网站中唯一的单位 {index.label('unit', units[0])}")
        return units[0]
    if not units:
        raise Refused("网站中还没有任何单位，而每个人员都要写明所在单位（unit）",
                      f"先建立单位，例如 {example_command('unit', index.root)}，再添加人员")
    raise Refused("请用 --unit 写明所在单位的编号", _available("unit", "", index))


def _refuse_namesakes(kind: str, record_id: str, id_given: bool, values: dict[str, Any], index: SiteIndex,
                      told: list[str]) -> None:
    """Refuse a unit named as one there is, or a person named as one in the same unit; tell of other namesakes.

    Two units of one name under one parent can never be told apart; under different parents they may be
    meant (each branch's 办公室), so a unit with a namesake elsewhere is written only when its parent is given.
    Two people of one name in one unit may be namesakes: one whose id is written out is written.
    """
    if kind not in ("unit", "person") or not isinstance(name := values.get("name"), str):
        return
    if kind == "unit":
        found = index.same_name("unit", name)
        parent = values.get("parent")
        here = [rid for rid, other in found.items() if other == parent or not parent]
        if here:
            where = f"（上级单位同为{_unit_named(parent, index).removeprefix('单位')}）" if parent else ""
            raise Refused(f"已有同名的单位“{name}”{where}：{_files_of('unit', here, index)}",
                          f"这就是要建的单位的话不必再建，给它添加人员用 --unit {here[0]}；如果是另一个单位，请用 --name "
                          "写一个能区分的名称" + ("" if parent else "，或用 --parent 写明它的上级单位"))
        if found:
            told.append(f"注意：别的上级单位下也有“{name}”：{_files_of('unit', list(found), index)} — "
                        "按名称指定单位时（--unit、花名册的“单位”列）无法区分它们，请改用编号")
        return
    unit = values.get("unit")
    if not isinstance(unit, str) or not (found := list(index.same_name("person", name, unit))):
        return
    if id_given:
        told.append(f"注意：{_unit_named(unit, index)}中还有一位“{name}”：{_files_of('person', found, index)} — "
                    "请在两人的文件中都写上工号（staff_no），导入花名册时才能区分")
        return
    raise Refused(f"{_unit_named(unit, index)}中已有人员“{name}”：{_files_of('person', found, index)}",
                  f"如果是同一人，直接编辑这个文件；如果是同名的另一人，请在 person 后写出编号，例如 "
                  + command("new", "person", record_id, "--name", name, "--unit", str(unit), site=index.root))


def _unit_named(unit: str | None, index: SiteIndex) -> str:
    """Return a unit as a sentence names it: 单位“党委宣传部”（xuanchuan-bu）."""
    name = index.names("unit").get(unit or "")
    return f"单位“{name}”（{unit}）" if name else f"单位 {unit} "


def _files_of(kind: str, ids: list[str], index: SiteIndex) -> str:
    return "、".join(index.shown(index.files[kind][rid]) for rid in ids)


def _fill_required(cls: type, values: dict[str, Any], today: dt.date) -> frozenset[str]:
    """Give every required field not given a placeholder that `check` accepts; return their names."""
    filled = set()
    for spec in specs(cls):
        if spec.required and spec.name not in values:
            kind = base_type(spec.type)
            if kind is dt.date:
                values[spec.name] = today
            elif kind is PartialDate:
                values[spec.name] = Plain(_month(spec.name, _year_of(values, today), today))
            else:
                values[spec.name] = PLACEHOLDER if kind is str else example(cls, spec)
            filled.add(spec.name)
    return frozenset(filled)


def _year_of(values: dict[str, Any], today: dt.date) -> int:
    """Return the year a new record is about: the one its title names (2025年度…, 2025年…), else this year."""
    found = _TITLE_YEAR.search(str(values.get("title") or ""))
    return int(found.group(1)) if found else today.year


def _month(name: str, year: int, today: dt.date) -> str:
    """Return the month a campaign of `year` is taken to start (this month, or January of another year) or end."""
    if name == "end":
        return f"{year}-12"
    return f"{today:%Y-%m}" if year == today.year else f"{year}-01"


def _validate(cls: type, values: dict[str, Any], record_id: str, root: Path) -> None:
    """Parse the front matter as a build would; refuse with the build's own words for any value it rejects."""
    problems = Problems()
    where = root / "<new>"
    data = parse_yaml("\n".join(mapping_lines(cls, values)), where, 1, problems)
    if data is not FAILED:
        parse_record(cls, data, Context(where, problems, root, root), 1, {"id": record_id})
    if problems.errors:
        first, *more = (f"{option(p.field or '')}: {p.message}" + (f" — {p.hint}" if p.hint else "")
                        for p in problems.errors)
        raise Refused(first, more=tuple(more))


def _files(kind: str, record_id: str, values: dict[str, Any], placeholders: frozenset[str],
           index: SiteIndex) -> dict[Path, str]:
    """Return the files of the new record, by path: one Markdown file, and a campaign's honours.yaml."""
    cls = _kind(kind).record
    heading = [f"{KIND_NAMES[kind]}“{values[_kind(kind).title]}”，编号 {record_id}（即文件名）。"]
    hint = _new(kind).body_hint
    body = hint % (values.get("campaign") or "活动编号") if "%s" in hint else hint
    examples = _examples(kind, record_id, index)
    markdown = front_matter_file(heading, cls, values, f"<!-- {body} -->", examples, placeholders)
    folder = index.folder_for(kind, values.get("parent") or values.get("unit"))
    if kind != "campaign":
        return {folder / f"{record_id}.md": markdown}
    sample = {"award": "wenming-bushi", "unit": _some(index, "unit", "xuanchuan-bu"), "date": "2024-07-01",
              "citation": example(HonourEntry, _spec(HonourEntry, "citation"))}
    honours = list_file([f"活动“{values['title']}”的表彰名单：每项把 index.md 中设立的一个奖项授予一个单位或一个人。"],
                        HonourEntry, [], sample)
    return {folder / record_id / "index.md": markdown, folder / record_id / HONOUR.files.name: honours}


def _examples(kind: str, record_id: str, index: SiteIndex) -> dict[str, Any]:
    """Return example values that fit this site: the photo named after the record, ids that exist."""
    photo = "banner.jpg" if kind == "campaign" else f"{record_id}.jpg"
    return {"photo": photo, "logo": f"{record_id}-logo.png", "parent": _some(index, "unit", None),
            "campaign": _some(index, "campaign", None), "aliases": None}


def _some(index: SiteIndex, kind: str, default: str | None) -> str | None:
    return max(index.files[kind], default=default)


def _spec(cls: type, name: str) -> Any:
    return next(spec for spec in specs(cls) if spec.name == name)


@dataclass(frozen=True, slots=True)
class _NewRecord:
    """A record `new` has written: its kind, id and values, its files, and the fields it gave placeholders."""

    kind: str
    record_id: str
    values: Mapping[str, Any]
    placeholders: frozenset[str]  # required fields not given, filled so that `check` accepts the file
    files: tuple[Path, ...]  # the Markdown file first


def _report(record: _NewRecord, index: SiteIndex, told: list[str]) -> list[str]:
    """Return what to tell the user: what was written, what is still to fill in, and what to run next."""
    kind = record.kind
    shown = "、".join(index.shown(path) for path in record.files)
    lines = [f"已写入 {shown}：{KIND_NAMES[kind]}“{record.values[_kind(kind).title]}”，编号 {record.record_id}", *told]
    if record.placeholders:
        labels = {spec.name: spec.label for spec in specs(_kind(kind).record)}
        filled = "、".join(f"{name}（{labels[name]}）" for name in sorted(record.placeholders, key=list(labels).index))
        lines.append(f"暂填了：{filled} — 请打开文件改成实际的内容（这些行末尾标有“← 暂填”）")
    lines.append("其他字段都已在文件中列出并注释掉（行首的 #），每个都附有中文说明，需要时删去“# ”再填写。")
    if kind in ("person", "unit"):
        photo = record.files[0].with_suffix(".jpg")
        lines.append(f"照片：把照片放在 {index.shown(photo)}，再把 “# photo: {photo.name}” 一行开头的“# ”删去。")
    if kind == "campaign":
        lines.append("下一步：在 index.md 的 awards 中设立奖项，再在 honours.yaml 中写表彰名单（两个文件里都有示例）。")
    lines.append(f"改好后检查：{command('check', site=index.root)}")
    return lines
