"""Apply an import's plan: new units, photos, then people; no new file over one that is there, each edit in one step."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..cachefiles import write_atomic, write_new
from ..errors import Problems
from ..progress import counted
from .plan import PersonPlan, Plan, unit_text


@dataclass(frozen=True, slots=True)
class Written:
    """How many files of each kind an import wrote."""

    units: int = 0
    created: int = 0
    updated: int = 0
    photos: int = 0
    kept: int = 0  # photos replaced, kept beside the new ones


def write_plan(plan: Plan, problems: Problems, progress: bool = False) -> Written:
    """Write what the plan says; a file changed or created by someone else since planning is left alone, with an error."""
    units = sum(_create(unit.path, unit_text(unit).encode("utf-8"), problems) for unit in plan.units)
    people = plan.created + plan.updated
    copies = [p for p in people if p.photo is not None and p.photo_target is not None]
    failed = set()  # a record is not written to name a photo that could not be copied
    kept = 0
    for person in counted(copies, len(copies), "复制照片", progress):
        if not _copy(person, problems):
            failed.add(person.path)
        elif person.photo_kept is not None and person.photo_kept.is_file():
            kept += 1
    created = sum(_create(p.path, p.text.encode("utf-8"), problems) for p in plan.created if p.path not in failed)
    updated = sum(_update(p, problems) for p in plan.updated if p.path not in failed)
    photos = len(copies) - len(failed)
    return Written(units, created, updated, photos, kept)


def _create(path: Path, data: bytes, problems: Problems) -> bool:
    try:
        write_new(path, data)
    except FileExistsError:
        problems.error(path, None, None, "文件在导入时已经存在（可能刚被别人创建），没有覆盖",
                       "重新运行导入，先看预览再 --write")
        return False
    except OSError as exc:
        problems.error(path, None, None, f"无法写入文件（{exc.strerror}）", "检查文件是否被其他程序占用、磁盘是否已满")
        return False
    return True


def _update(person: PersonPlan, problems: Problems) -> bool:
    record = person.record
    if record is None:
        return False
    data = record.encode(person.text)
    if data == record.raw:
        return False  # only the photo file changed
    try:
        current = person.path.read_bytes()
    except OSError:
        current = None
    if current != record.raw:
        problems.error(person.path, None, None, "文件在导入期间被修改过，没有改动它",
                       "保存并关闭编辑器中的这个文件，然后重新导入")
        return False
    return _write(person.path, data, problems)


def _copy(person: PersonPlan, problems: Problems) -> bool:
    assert person.photo is not None and person.photo_target is not None
    try:
        data = person.photo.read_bytes()
    except OSError as exc:
        problems.error(person.photo, None, None, f"无法读取照片（{exc.strerror}）", "检查文件是否被其他程序占用")
        return False
    if person.photo_kept is None:
        return _create(person.photo_target, data, problems)
    return _keep(person.photo_target, person.photo_kept, problems) and _write(person.photo_target, data, problems)


def _keep(photo: Path, kept: Path, problems: Problems) -> bool:
    """Give the photo about to be replaced a second name, so the file stays when the first is given to the new one."""
    try:
        os.link(photo, kept)  # the very file: nothing written to it before the replacement is lost
    except FileNotFoundError:
        return True  # gone since the plan was made: nothing to keep
    except FileExistsError:
        problems.error(kept, None, None, "文件在导入时已经存在（可能刚被别人创建），没有覆盖，原照片也没有被替换",
                       "重新运行导入，先看预览再 --write")
        return False
    except OSError:  # no hard links on this disk (FAT, some network shares): a copy will do
        try:
            data = photo.read_bytes()
        except OSError as exc:
            problems.error(photo, None, None, f"无法读取原照片（{exc.strerror}），没有替换它", "检查文件是否被其他程序占用")
            return False
        return _create(kept, data, problems)
    return True


def _write(path: Path, data: bytes, problems: Problems) -> bool:
    try:
        write_atomic(path, data)
    except OSError as exc:
        problems.error(path, None, None, f"无法写入文件（{exc.strerror}）", "检查文件是否被其他程序占用、磁盘是否已满")
        return False
    return True
