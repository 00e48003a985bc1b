"""Publish a built site: bring output/ up to date in place, touching only files whose bytes change.

Nothing is published unless the whole build succeeded (the pipeline stops before this stage on any
problem), so a mistake in the content never costs the published site anything. Each file is
replaced atomically (written beside its target, then renamed over it), so a reader of the intranet
site sees either the old page or the new one, never half of one. Files that are no longer part of
the site are deleted, so output/ always holds exactly the site.
"""
from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .cachefiles import write_atomic

log = logging.getLogger(__name__)

Stamp = tuple[int, int]  # size and modification time: enough to see that a page was not touched since


ARCHIVE_FOLDER = "archive"  # where `build.py archive` puts the year archives in output/
# The year archives are kept in output/ but are not part of the site: builds leave them alone.
KEPT_FOLDERS = {ARCHIVE_FOLDER}


def inventory(output: Path) -> dict[str, Stamp]:
    """Return every file in `output` (site path, with / separators) and its stamp, but those in KEPT_FOLDERS."""
    found: dict[str, Stamp] = {}
    if not output.is_dir():
        return found
    stack = [(output, "")]
    while stack:
        folder, prefix = stack.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if not (prefix == "" and entry.name in KEPT_FOLDERS):
                        stack.append((Path(entry.path), prefix + entry.name + "/"))
                else:
                    stat = entry.stat(follow_symlinks=False)
                    found[prefix + entry.name] = (stat.st_size, stat.st_mtime_ns)
    return found


@dataclass(frozen=True, slots=True)
class Published:
    """What publishing changed, and the stamp of every file now in output/ (what `inventory` would find)."""

    written: frozenset[str]  # the site paths written
    deleted: int
    stamps: dict[str, Stamp]

    def inside(self, folder: str) -> Published:
        """Return what publishing changed in a sub-folder of output/, by paths inside it."""
        prefix = folder + "/"
        return Published(frozenset(p[len(prefix):] for p in self.written if p.startswith(prefix)), self.deleted,
                         {p[len(prefix):]: s for p, s in self.stamps.items() if p.startswith(prefix)})

    def outside(self, folder: str | None) -> Published:
        """Return what publishing changed outside a sub-folder (everything, for None)."""
        if folder is None:
            return self
        prefix = folder + "/"
        return Published(frozenset(p for p in self.written if not p.startswith(prefix)), self.deleted,
                         {p: s for p, s in self.stamps.items() if not p.startswith(prefix)})


@dataclass(frozen=True, slots=True)
class Contents:
    """What output/ is to hold, by site path.

    `pages` are written from text (or bytes); `kept` are pages already in output/ exactly as they
    should be. `files` (photos) are copied, their names carrying a hash of their content, so one
    already present with the same size is the same; `documents` (PDFs) and `assets` are copied and
    compared by their bytes.
    """

    pages: dict[str, str | bytes] = field(default_factory=dict)
    kept: tuple[str, ...] = ()
    files: dict[str, Path] = field(default_factory=dict)
    assets: dict[str, Path] = field(default_factory=dict)
    documents: dict[str, Path] = field(default_factory=dict)

    def inside(self, folder: str) -> Contents:
        """Return the same contents placed in a sub-folder of output/ (a traditional edition's)."""
        def moved(paths: dict[str, Any]) -> dict[str, Any]:
            return {f"{folder}/{path}": value for path, value in paths.items()}
        return Contents(moved(self.pages), tuple(f"{folder}/{path}" for path in self.kept), moved(self.files),
                        moved(self.assets), moved(self.documents))

    def __or__(self, other: Contents) -> Contents:
        return Contents(self.pages | other.pages, self.kept + other.kept, self.files | other.files,
                        self.assets | other.assets, self.documents | other.documents)


def publish(output: Path, contents: Contents, existing: dict[str, Stamp]) -> Published:
    """Make `output` hold exactly `contents`, writing only what differs from what is there.

    `existing` is `inventory(output)`, taken before the build decided which pages to keep. When nothing
    is published there yet, the site is written beside it and moved in whole.
    """
    if not existing and not contents.kept:
        return _publish_fresh(output, contents)
    root = str(output)
    writer = _Writer(root, existing)
    for site_path, source in [*contents.assets.items(), *sorted(contents.documents.items())]:
        writer.settle(site_path, _copy_if_changed(root, site_path, source, existing, compare_bytes=True))
    for site_path, source in sorted(contents.files.items()):
        writer.settle(site_path, _copy_if_changed(root, site_path, source, existing, compare_bytes=False))
    for site_path, page in sorted(contents.pages.items()):
        data = page if isinstance(page, bytes) else page.encode("utf-8")
        writer.settle(site_path, _write_if_changed(root, site_path, data, existing))
    writer.stamps.update({path: existing[path] for path in contents.kept})
    deleted = _delete_unwanted(output, existing, set(writer.stamps))
    log.debug("published to %s: %d files written, %d deleted", output, len(writer.written), deleted)
    return Published(frozenset(writer.written), deleted, writer.stamps)


class _Writer:
    """The stamp of every file published, and which were written."""

    def __init__(self, root: str, existing: dict[str, Stamp]) -> None:
        self.root, self.existing = root, existing
        self.stamps: dict[str, Stamp] = {}
        self.written: set[str] = set()

    def settle(self, site_path: str, changed: bool) -> None:
        if changed:
            stat = os.stat(os.path.join(self.root, site_path))
            self.stamps[site_path] = (stat.st_size, stat.st_mtime_ns)
            self.written.add(site_path)
        else:
            self.stamps[site_path] = self.existing[site_path]


def _publish_fresh(output: Path, contents: Contents) -> Published:
    """Write the whole site into a folder beside `output`, then move it in: no one sees half a site.

    Photos and PDFs are linked from the cache, where their names say what they hold, rather than copied.
    """
    staging = output.with_name(f".{output.name}.staging")
    shutil.rmtree(staging, ignore_errors=True)
    root, made = str(staging), {""}
    stamps: dict[str, Stamp] = {}
    for site_path, source in [*contents.assets.items(), *sorted(contents.documents.items()),
                              *sorted(contents.files.items())]:
        target = _folder_made(root, site_path, made)
        _link_or_copy(source, target, linked=site_path not in contents.assets)
        stat = os.stat(target)
        stamps[site_path] = (stat.st_size, stat.st_mtime_ns)
    for site_path, page in sorted(contents.pages.items()):
        with open(_folder_made(root, site_path, made), "wb") as stream:
            stream.write(page if isinstance(page, bytes) else page.encode("utf-8"))
            stream.flush()  # so its stamp is the written file's
            stat = os.fstat(stream.fileno())
        stamps[site_path] = (stat.st_size, stat.st_mtime_ns)
    _move_in(staging, output)
    return Published(frozenset(stamps), 0, stamps)


def _folder_made(root: str, site_path: str, made: set[str]) -> str:
    """Return the file path of a site path under `root`, making its folder the first time it is needed."""
    folder = site_path.rpartition("/")[0]
    if folder not in made:
        os.makedirs(os.path.join(root, folder), exist_ok=True)
        made.add(folder)
    return os.path.join(root, site_path)


def _link_or_copy(source: Path, target: str, linked: bool) -> None:
    """Link `target` to a cached file (never changed once made), or copy it where links are not possible."""
    if linked:
        try:
            os.link(source, target)
            return
        except OSError:  # another drive, FAT, a network share …
            pass
    shutil.copyfile(source, target)


def _move_in(staging: Path, output: Path) -> None:
    """Move the staged site into `output`: whole if there is no output yet, else each of its top entries."""
    if not output.exists():
        output.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging, output)
        return
    for entry in sorted(os.listdir(staging)):  # output/ holds only what builds leave alone (archive/), or empty folders
        if (output / entry).is_dir():
            shutil.rmtree(output / entry)
        os.replace(staging / entry, output / entry)
    staging.rmdir()


def asset_inventory(asset_folders: list[Path]) -> dict[str, Path]:
    """Return every asset by site path; a site's own asset overrides the theme's of the same name."""
    found: dict[str, Path] = {}
    for folder in asset_folders:
        if folder.is_dir():
            for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                found["assets/" + path.relative_to(folder).as_posix()] = path
    return found


def _copy_if_changed(root: str, site_path: str, source: Path, existing: dict[str, Stamp], compare_bytes: bool) -> bool:
    target = os.path.join(root, site_path)
    size = os.stat(source).st_size
    if site_path in existing and existing[site_path][0] == size and (
            not compare_bytes or _bytes(target) == _bytes(source)):
        return False
    os.makedirs(os.path.dirname(target), exist_ok=True)
    partial = os.path.join(os.path.dirname(target), f".{os.path.basename(target)}.partial")
    shutil.copyfile(source, partial)  # copied, not read whole: a site's own assets may be large
    os.replace(partial, target)
    return True


def _write_if_changed(root: str, site_path: str, data: bytes, existing: dict[str, Stamp]) -> bool:
    target = os.path.join(root, site_path)
    if site_path in existing and existing[site_path][0] == len(data) and _bytes(target) == data:
        return False
    write_atomic(Path(target), data)
    return True


def _bytes(path: str | Path) -> bytes:
    with open(path, "rb") as stream:
        return stream.read()


def _delete_unwanted(output: Path, existing: dict[str, Stamp], wanted: set[str]) -> int:
    unwanted = [path for path in existing if path not in wanted]
    for site_path in unwanted:
        (output / site_path).unlink(missing_ok=True)
    # Folders left empty go too, deepest first.
    for folder in sorted({Path(p).parent for p in unwanted}, key=lambda f: len(f.parts), reverse=True):
        for level in [folder, *folder.parents]:
            if level == Path("."):
                break
            try:
                (output / level).rmdir()
            except OSError:
                break
    return len(unwanted)
