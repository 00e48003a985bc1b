"""Publish a built site: bring output/ up to date in place, touching only files whose bytes change.

Nothing is published unless the whole build succeeded (the pipeline stops before this stage on any
problem), so a mistake in the content never costs the published site anything. Each file is
replaced atomically (written beside its target, then renamed over it), so a reader of the intranet
site sees either the old page or the new one, never half of one. New files are written before
changed ones, and files that are no longer part of the site are deleted last, so output/ always holds
a whole site whose links resolve, and in the end exactly the site (see publish).

On a Windows share the server renames each file in one step too, so readers there see the same. A
page held open by a program on Windows may refuse to be replaced: the build then names that file,
and the next build completes the site.
"""
from __future__ import annotations

import errno
import logging
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .cachefiles import write_atomic
from .errors import reason

log = logging.getLogger(__name__)

Stamp = tuple[int, int]  # size and modification time: enough to see that a page was not touched since


ARCHIVE_FOLDER = "archive"  # where `honours archive` puts the year archives in output/
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
    should be. `files` (photos, attachments) are copied, their names carrying a hash of their content,
    so one already present is the same; `documents` (PDFs) and `assets` are copied and compared by
    their bytes.
    """

    pages: dict[str, str | bytes] = field(default_factory=dict)
    kept: tuple[str, ...] = ()
    files: dict[str, str | Path] = field(default_factory=dict)  # cached copies as strings: Paths cost 0.1 s on 10k
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


class PublishFailed(Exception):
    """Publishing stopped: a file of output/ could not be written, or the disk has not room for the new files.

    What is published is still a whole site: the previous one, with at most some of the new files
    beside it, and links that all resolve (see publish). Nothing partial is left.
    """

    def __init__(self, path: Path | None, reason: OSError, needed: int, free: int | None = None) -> None:
        super().__init__(path, reason)
        self.path = path  # the file that could not be written; None when the disk was found too full beforehand
        self.reason = reason
        self.needed = needed  # bytes still to be written
        self.free = free  # bytes free on the disk, when known


_BLOCK = 4096  # a file takes whole blocks of the disk
_SPARE = 1 << 20  # left free for the file system's own records


def publish(output: Path, contents: Contents, existing: dict[str, Stamp]) -> Published:
    """Make `output` hold exactly `contents`, writing only what differs from what is there.

    `existing` is `inventory(output)`, taken before the build decided which pages to keep. When nothing
    is published there yet, the site is written beside it and moved in whole. Otherwise new files are
    written first, then changed ones (each replaced in one rename), and files no longer wanted deleted
    last: at every moment, a crash or a full disk included, an old page's links resolve (to files not yet
    deleted) and so do a new page's (to files already written), across the site and its edition alike.
    A build interrupted in between leaves no record of itself (unchanged.forget), so the next one
    compares every file again and completes the site.
    """
    if not existing and not contents.kept:
        return _publish_fresh(output, contents)
    root = str(output)
    writer = _Writer(root, existing)
    changes = [(path, source, copied, size) for path, source, copied, by_name in _candidates(contents)
               if (size := writer.size_to_write(path, source, copied, by_name)) is not None]
    changes.sort(key=lambda change: change[0] in existing)  # new files first; stable, so in order within each
    _check_space(output, _room(changes, existing))
    to_write = sum(size for *_, size in changes)
    for site_path, source, copied, size in changes:
        writer.put(site_path, source, copied, to_write)
        to_write -= size
    writer.stamps.update({path: existing[path] for path in contents.kept})
    deleted = _delete_unwanted(output, existing, set(writer.stamps))
    log.debug("published to %s: %d files written, %d deleted", output, len(writer.written), deleted)
    return Published(frozenset(writer.written), deleted, writer.stamps)


Source = str | bytes | Path  # a page's text or bytes, or (in a candidate that says so) a file to copy


def _candidates(contents: Contents) -> list[tuple[str, Source, bool, bool]]:
    """Return every file to publish but the kept pages: its site path, where its bytes come from, whether that is
    a file to copy (or a page's text), and whether one already in output/ is told by its name alone (photos and
    attachments: their names carry a hash of what they hold) rather than by its bytes."""
    return [*((path, source, True, False) for path, source in contents.assets.items()),
            *((path, source, True, False) for path, source in sorted(contents.documents.items())),
            *((path, source, True, True) for path, source in sorted(contents.files.items())),
            *((path, page, False, False) for path, page in sorted(contents.pages.items()))]


def _room(changes: list[tuple[str, Source, bool, int]], existing: dict[str, Stamp]) -> int:
    """Return the room publishing `changes` takes at most: each new file, the growth of each changed one, and
    the largest changed one, whose new bytes are written beside the old before they replace them."""
    grown = [_blocks(size) - _blocks(existing[path][0]) if path in existing else _blocks(size)
             for path, *_, size in changes]
    beside = max((_blocks(size) for path, *_, size in changes if path in existing), default=0)
    return max(sum(grown), 0) + beside


def _blocks(size: int) -> int:
    return -(-size // _BLOCK) * _BLOCK


def _existing(folder: Path) -> Path:
    """Return `folder`, or its nearest parent that exists (output/ before the first build): on the same disk."""
    while not folder.exists() and folder.parent != folder:
        folder = folder.parent
    return folder


def _check_space(folder: Path, needed: int) -> None:
    """Raise PublishFailed before anything is written if the disk of `folder` has not room for `needed` bytes."""
    free = shutil.disk_usage(_existing(folder)).free
    if needed and needed + _SPARE > free:
        raise PublishFailed(None, OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)), needed, free)


class _Writer:
    """Writes what changed in output/, and keeps the stamp of every file published and which were written."""

    def __init__(self, root: str, existing: dict[str, Stamp]) -> None:
        self.root, self.existing = root, existing
        self.stamps: dict[str, Stamp] = {}
        self.written: set[str] = set()

    def size_to_write(self, site_path: str, source: Source, copied: bool, by_name: bool) -> int | None:
        """Return the size of the file if it must be written; if not, None, keeping the stamp of the one there."""
        stamp = self.existing.get(site_path)
        if by_name and stamp is not None:  # the same name, the same bytes: nothing to read, not even a stat
            self.stamps[site_path] = stamp
            return None
        data = None if copied else _data(source)  # a page encoded once, to count and compare
        size = os.stat(source).st_size if data is None else len(data)
        if stamp is not None and stamp[0] == size and \
                _bytes(os.path.join(self.root, site_path)) == (_bytes(source) if data is None else data):
            self.stamps[site_path] = stamp
            return None
        return size

    def put(self, site_path: str, source: Source, copied: bool, needed: int) -> None:
        """Write a page's text, or a copy of a file, in one rename; PublishFailed, with nothing left, if it cannot."""
        target = os.path.join(self.root, site_path)
        try:
            if copied:
                _copy_atomic(source, target)  # copied, not read whole: a site's own assets may be large
            else:
                write_atomic(Path(target), _data(source))
            stat = os.stat(target)
        except OSError as exc:
            raise PublishFailed(Path(target), exc, needed) from exc
        self.stamps[site_path] = (stat.st_size, stat.st_mtime_ns)
        self.written.add(site_path)


def _data(page: str | bytes) -> bytes:
    return page if isinstance(page, bytes) else page.encode("utf-8")


def _copy_atomic(source: str | Path, target: str) -> None:
    os.makedirs(os.path.dirname(target), exist_ok=True)
    partial = os.path.join(os.path.dirname(target), f".{os.path.basename(target)}.partial")
    try:
        shutil.copyfile(source, partial)
        os.replace(partial, target)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise


def _publish_fresh(output: Path, contents: Contents) -> Published:
    """Write the whole site into a folder beside `output`, then move it in: no one sees half a site.

    Photos and PDFs are linked from the cache, where their names say what they hold, rather than copied.
    """
    staging = output.with_name(f".{output.name}.staging")
    shutil.rmtree(staging, ignore_errors=True)
    _check_fresh_space(output.parent, contents)
    try:
        stamps = _stage(staging, contents)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)  # nothing partial is left
        raise PublishFailed(output / exc.filename, exc, _fresh_size(output.parent, contents, lambda page: len(_data(page)))) from exc
    _move_in(staging, output)
    return Published(frozenset(stamps), 0, stamps)


def _check_fresh_space(folder: Path, contents: Contents) -> None:
    """Raise PublishFailed before anything is written if the disk of `folder` has not room for a fresh site: most
    have room for the most it could take (four bytes a character), and only on a fuller one are pages encoded."""
    if _fresh_size(folder, contents, _most_bytes) + _SPARE > shutil.disk_usage(_existing(folder)).free:
        _check_space(folder, _fresh_size(folder, contents, lambda page: len(_data(page))))


def _most_bytes(page: str | bytes) -> int:
    return len(page) if isinstance(page, bytes) or page.isascii() else 4 * len(page)  # UTF-8, not encoded


def _fresh_size(folder: Path, contents: Contents, page_size: Callable[[str | bytes], int]) -> int:
    """Return the room a fresh site takes on the disk of `folder` (pages sized by `page_size`; linked files none)."""
    device, room = os.stat(_existing(folder)).st_dev, 0
    devices: dict[str, int] = {}  # by folder: a large site has tens of thousands of cached files in a few hundred
    for site_path, source in [*contents.assets.items(), *contents.documents.items(), *contents.files.items()]:
        cached = os.path.dirname(source)
        if cached not in devices:
            devices[cached] = os.stat(cached).st_dev
        linked = devices[cached] == device and site_path not in contents.assets
        room += 0 if linked else _blocks(os.stat(source).st_size)
    return room + sum(_blocks(page_size(page)) for page in contents.pages.values())


def _stage(staging: Path, contents: Contents) -> dict[str, Stamp]:
    """Write the whole site into `staging`; return the stamp of every file."""
    root, made = str(staging), {""}
    stamps: dict[str, Stamp] = {}
    site_path = ""
    try:
        for site_path, source in [*contents.assets.items(), *sorted(contents.documents.items()),
                                  *sorted(contents.files.items())]:
            target = _folder_made(root, site_path, made)
            _link_or_copy(source, target, linked=site_path not in contents.assets)
            stat = os.stat(target)
            stamps[site_path] = (stat.st_size, stat.st_mtime_ns)
        for site_path, page in sorted(contents.pages.items()):
            stamps[site_path] = _created(_folder_made(root, site_path, made), _data(page))
    except OSError as exc:  # named by the file of the site, not by a copy's source or the staging folder
        raise OSError(exc.errno, exc.strerror, site_path) from exc
    return stamps


_CREATED = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)  # O_BINARY: no \r\n


def _created(target: str, data: bytes) -> Stamp:
    """Write a file of the staging folder (no reader sees it until it is moved in whole); return its stamp.
    Four system calls, where a Python file object takes seven: a site has tens of thousands of pages."""
    descriptor = os.open(target, _CREATED, 0o666)
    try:
        written = os.write(descriptor, data)
        while written < len(data):  # a regular file takes it all at once, but for a full disk or a signal
            written += os.write(descriptor, memoryview(data)[written:])
        stat = os.fstat(descriptor)
    finally:
        os.close(descriptor)
    return stat.st_size, stat.st_mtime_ns


def _folder_made(root: str, site_path: str, made: set[str]) -> str:
    """Return the file path of a site path under `root`, making its folder the first time it is needed."""
    folder = site_path.rpartition("/")[0]
    if folder not in made:
        os.makedirs(os.path.join(root, folder), exist_ok=True)
        made.add(folder)
    return f"{root}/{site_path}"  # as os.path.join would, a site path being relative: called for every file


def _link_or_copy(source: str | Path, target: str, linked: bool) -> None:
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
    # output/ holds only what builds leave alone (archive/), or empty folders. The folders go in first and
    # the home page last, so a reader who finds it finds the pages it links to.
    entries = sorted(os.listdir(staging), key=lambda name: (not (staging / name).is_dir(), name == "index.html", name))
    for entry in entries:
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


def _bytes(path: str | Path) -> bytes:
    with open(path, "rb") as stream:
        return stream.read()


def _delete_unwanted(output: Path, existing: dict[str, Stamp], wanted: set[str]) -> int:
    """Delete the files no longer part of the site; one that cannot be deleted is left, and said so.

    By now the new site is whole: a file left behind only takes room, and the next build deletes it
    (it finds output/ other than this build left it, so it is not skipped). A file whose name differs from
    a wanted one only in case is that one on Windows and macOS disks (a record renamed Zhang-Wei → zhang-wei).
    """
    wanted_folded = {path.casefold() for path in wanted}
    unwanted = [path for path in existing if path not in wanted and path.casefold() not in wanted_folded]
    for site_path in unwanted:
        try:
            (output / site_path).unlink(missing_ok=True)
        except OSError as exc:  # open in another program on Windows
            log.warning("警告 输出文件 %s: 已不属于网站，但无法删除（%s）— 下次构建会再删除", output / site_path, reason(exc))
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
