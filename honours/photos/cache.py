"""The cache folder: outputs named by content hash, written atomically, pruned when unreferenced."""
from __future__ import annotations

import json
import logging
import os
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..cachefiles import Stamp, changed_at, settled, write_atomic
from ..errors import reason

log = logging.getLogger(__name__)

# Only files named as this package names them are ever pruned, so a cache folder set to a wrong
# place cannot lose anyone's files.
_OUTPUT_NAME = re.compile(r"^[0-9a-f]{2}/[0-9a-f]{24}-[0-9a-z]+\.(?:avif|webp|jpg|png|svg)$")
_TEMP_NAME = re.compile(r"^\.[0-9a-f]{24}-.*\.tmp$")
_MEMO_FILE = "sources.json"


def output_name(key: str, label: str, extension: str) -> str:
    """Return the cache-relative name of one output: `3f/3fa9…-480w.webp`."""
    return f"{key[:2]}/{key}-{label}.{extension}"


def stored(root: Path) -> set[str]:
    """Return the cache-relative name of every file in its output folders."""
    found: set[str] = set()
    try:
        for folder, names in _listing(root):
            found.update(f"{folder}/{name}" for name in names)
    except OSError:
        pass  # no cache yet, or one going: its files are made again
    return found


def prune(root: Path, keep: set[str]) -> int:
    """Delete every output and stale temporary file under `root` not in `keep`; return how many."""
    removed = 0
    if not root.is_dir():
        return 0
    for folder, names in _listing(root):
        for name in names:
            cached = f"{folder}/{name}"
            if cached in keep or not (_OUTPUT_NAME.match(cached) or _TEMP_NAME.match(name)):
                continue
            path = os.path.join(root, folder, name)
            try:
                os.unlink(path)
                removed += 1
            except OSError as exc:  # in use on Windows: it will go next time
                log.debug("could not prune %s: %s", path, exc)
        try:
            os.rmdir(os.path.join(root, folder))
        except OSError:
            pass  # not empty
    return removed


def _listing(root: Path) -> Iterator[tuple[str, list[str]]]:
    """Yield each output folder of the cache (`3f`) with the names of the files in it: one listing a folder, where
    asking after each file would stat tens of thousands on a large site (and making a Path of each take as long)."""
    with os.scandir(root) as entries:
        folders = sorted(entry.name for entry in entries if len(entry.name) == 2 and entry.is_dir())
    for folder in folders:
        with os.scandir(os.path.join(root, folder)) as entries:
            names = [entry.name for entry in entries if entry.is_file()]
        yield folder, names


@dataclass(frozen=True, slots=True)
class Remembered:
    """A source's hash and header, valid while its file's stat is exactly `stamp`."""

    stamp: Stamp
    digest: str
    width: int
    height: int
    orientation: int
    format: str


def load_memo(root: Path) -> dict[str, Remembered]:
    """Return the remembered sources, or nothing if the memo is missing or unreadable."""
    try:
        raw = json.loads((root / _MEMO_FILE).read_text(encoding="utf-8"))
        return {path: Remembered(tuple(entry[0]), *entry[1:]) for path, entry in raw.items()}
    except (OSError, ValueError, TypeError, KeyError):
        return {}


def save_memo(root: Path, memo: dict[str, Remembered]) -> None:
    """Write the memo, leaving out entries too recent to trust."""
    now = time.time_ns()
    kept = {path: [list(r.stamp), r.digest, r.width, r.height, r.orientation, r.format]
            for path, r in memo.items() if settled(changed_at(r.stamp), now)}
    try:
        write_atomic(root / _MEMO_FILE, json.dumps(kept, ensure_ascii=False).encode("utf-8"))
    except OSError as exc:
        log.warning("警告 缓存文件 %s: 无法保存（%s）— 下次构建会重新读取照片；检查磁盘空间", root / _MEMO_FILE, reason(exc))
