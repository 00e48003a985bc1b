"""Check a year archive against its manifest: every file there, unchanged, and nothing added.

An archive is read as a zip or as the folder it was unzipped into (or the folder holding that one).
manifest.json is itself checked against SHA256SUMS, so a manifest edited to hide a change is found.
"""
from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .manifest import MANIFEST, SUMS


@dataclass(frozen=True, slots=True)
class Verdict:
    """What checking an archive found: how many files it checked, and each problem in Chinese."""

    checked: int
    problems: tuple[str, ...] = field(default=())

    @property
    def whole(self) -> bool:
        return not self.problems


class Unreadable(Exception):
    """The archive cannot be read at all (not a zip, no manifest.json): the message says why, in Chinese."""


def verify(target: Path) -> Verdict:
    """Return what checking the archive at `target` (a zip or a folder) against its manifest.json found."""
    files = dict(_zip_files(target) if target.is_file() else _folder_files(target))
    if MANIFEST not in files:
        raise Unreadable(f"{target} 中没有 {MANIFEST}：这不是 honours 生成的年度归档，或归档已损坏")
    try:
        listed = {entry["path"]: entry for entry in json.loads(files[MANIFEST])["files"]}
    except (ValueError, KeyError, TypeError) as exc:
        raise Unreadable(f"{MANIFEST} 无法读取（{exc}）：归档已损坏") from None
    problems = [*_manifest_problems(files), *_file_problems(files, listed)]
    return Verdict(len(listed), tuple(problems))


def _manifest_problems(files: dict[str, bytes]) -> Iterator[str]:
    """Yield a problem if manifest.json is not the one SHA256SUMS was written with."""
    expected = {line.split("  ", 1)[1]: line.split("  ", 1)[0]
                for line in files.get(SUMS, b"").decode("utf-8", "replace").splitlines() if "  " in line}
    if SUMS not in files:
        yield f"缺少文件：{SUMS}（不装 honours 时核对用的校验值）"
    elif expected.get(MANIFEST) != hashlib.sha256(files[MANIFEST]).hexdigest():
        yield f"文件已改动：{MANIFEST}（与 {SUMS} 中的校验值不符，清单本身不可信）"


def _file_problems(files: dict[str, bytes], listed: dict[str, dict]) -> Iterator[str]:
    for path, entry in sorted(listed.items()):
        if path not in files:
            yield f"缺少文件：{path}（清单中有，归档中没有）"
            continue
        digest = hashlib.sha256(files[path]).hexdigest()
        if digest != entry.get("sha256") or len(files[path]) != entry.get("size"):
            yield (f"文件已改动：{path}（SHA-256 应为 {str(entry.get('sha256'))[:16]}…，实为 {digest[:16]}…；"
                   f"大小应为 {entry.get('size')} 字节，实为 {len(files[path])} 字节）")
    for path in sorted(set(files) - set(listed) - {MANIFEST, SUMS}):
        yield f"多出文件：{path}（清单中没有）"


def _zip_files(target: Path) -> Iterator[tuple[str, bytes]]:
    """Yield the files of a zip by their paths inside its one top folder."""
    try:
        with zipfile.ZipFile(target) as opened:
            for info in opened.infolist():
                if not info.is_dir():
                    yield info.filename.split("/", 1)[-1], opened.read(info)
    except (zipfile.BadZipFile, OSError) as exc:
        raise Unreadable(f"{target} 不是可读的 zip 文件（{exc}）") from None


def _folder_files(target: Path) -> Iterator[tuple[str, bytes]]:
    """Yield the files of an unzipped archive: the folder holding manifest.json, or the one folder inside it."""
    if not (target / MANIFEST).is_file():
        inside = [child for child in target.iterdir() if child.is_dir()] if target.is_dir() else []
        if len(inside) == 1 and (inside[0] / MANIFEST).is_file():
            target = inside[0]
    for path in sorted(target.rglob("*")):
        if path.is_file():
            yield path.relative_to(target).as_posix(), path.read_bytes()
