"""Find each roster row's photo in a folder of photos named by 姓名 or 工号 (or as the 照片 column says)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..fields import IMAGE_SUFFIXES
from ..photos.messages import PhotoFailure
from ..photos.probe import probe
from ..photos.settings import PhotoSettings
from .existing import match_key

# Where photos are looked for when --photos is not given: a folder of one of these names beside the roster.
DEFAULT_FOLDERS = ("照片", "photos", "相片")


@dataclass(frozen=True, slots=True)
class PhotoFolder:
    """The photos in a folder (and its sub-folders), by file stem as matched."""

    folder: Path | None  # None: no photos folder given or found
    base: Path  # where a file named in the 照片 column is looked for
    by_stem: dict[str, list[Path]] = field(default_factory=dict)

    def find(self, key: str) -> list[Path]:
        """Return the photos whose name without its suffix is `key` (a name or staff number)."""
        return self.by_stem.get(match_key(key), [])

    def named(self, name: str) -> list[Path]:
        """Return the photo a 照片 cell names: a file name (or path) with or without its suffix."""
        path = self.base / name.replace("\\", "/")
        if path.suffix.lower() in IMAGE_SUFFIXES:
            if path.is_file():
                return [path]
            return [p for p in self.find(path.stem) if p.name.casefold() == path.name.casefold()]
        return self.find(name)


def photo_folder(given: Path | None, roster: Path) -> PhotoFolder:
    """Return the photos of the folder given, or of a 照片/photos folder beside the roster if there is one."""
    folder = given or next((roster.parent / n for n in DEFAULT_FOLDERS if (roster.parent / n).is_dir()), None)
    if folder is None:
        return PhotoFolder(None, roster.parent)
    by_stem: dict[str, list[Path]] = {}
    for path in sorted(folder.rglob("*")):
        if path.suffix.lower() in IMAGE_SUFFIXES and not path.name.startswith((".", "~$")) and path.is_file():
            by_stem.setdefault(match_key(path.stem), []).append(path)
    return PhotoFolder(folder, folder, by_stem)


@dataclass(frozen=True, slots=True)
class PhotoMatch:
    """The photo found for a row, or why none is used (a warning, or None when there simply is none)."""

    path: Path | None
    problem: str | None = None
    hint: str = ""


def match_photo(photos: PhotoFolder, name: str, staff_no: str | None, named: str | None,
                name_rows: list[int]) -> PhotoMatch:
    """Return the row's photo: the one its 照片 cell names, else the one named by its 工号 or 姓名.

    `name_rows` are the rows with the same name: a photo named by a shared name cannot be told apart.
    """
    if named is not None:
        found = photos.named(named)
        if not found:
            return PhotoMatch(None, f"找不到照片“{named}”（在 {photos.base} 中）", "检查文件名，或把照片放进这个文件夹")
        return _one(found)
    by_staff = photos.find(staff_no) if staff_no else []
    by_name = photos.find(name)
    if len(name_rows) > 1 and by_name and not by_staff:
        rows = "、".join(str(n) for n in name_rows)
        return PhotoMatch(None, f"花名册中有 {len(name_rows)} 人叫“{name}”（第 {rows} 行），照片“{_names(by_name)}”"
                          "不知道是谁的，已跳过", "用工号给照片命名（例如 A20240017.jpg）")
    return _one(list(dict.fromkeys(by_staff if len(name_rows) > 1 else by_staff + by_name)))


def _one(found: list[Path]) -> PhotoMatch:
    if len(found) > 1:
        return PhotoMatch(None, f"有 {len(found)} 张照片都对应此人：{_names(found)}，已跳过",
                          "只保留其中一张，或在“照片”列写明用哪一张")
    if not found:
        return PhotoMatch(None)
    try:  # a photo the build could not use is not copied into the site
        probe(found[0], PhotoSettings().max_pixels)
    except PhotoFailure as failure:
        return PhotoMatch(None, f"照片“{found[0].name}”不能用：{failure.describe()}，已跳过", failure.fault.hint)
    return PhotoMatch(found[0])


def _names(paths: list[Path]) -> str:
    return "、".join(p.name for p in paths)
