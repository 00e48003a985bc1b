"""Files linked from Markdown bodies (附件), published as they are under names that carry a hash of their bytes.

A file is published at `attachments/<hash>/<its own name>`: a changed file gets a new address (no
reader's browser keeps the old one), and a document downloads under the name the clerk gave it.
Images are copied as they are, not made over like photos: a body's picture is one the clerk chose to
show whole (a certificate, a chart), and readers may open it full size. Each file is checked once per
build, when a page first shows it: not too large to publish, an image one browsers can show, a
document's bytes of the type its name says.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import time
from pathlib import Path

from ..cachefiles import Stamp, changed_at, load_state, save_state, settled, stamp_of, write_atomic
from ..errors import Problems
from ..model.attached import IMAGE_TYPES
from ..photos.probe import header_of

FOLDER = "attachments"  # in output/
LIMIT_MB = 50  # larger files are refused: too slow for readers, too large for the shared folders sites live in
IMAGE_WARNING_MB = 10  # a photo straight from a camera: shown in a page, it is slow to load
MAX_PIXELS = 100_000_000  # as for photos (photos/settings.py): above any camera, below what a crafted image claims
_IMAGE_FORMATS = {"JPEG", "PNG", "GIF", "WEBP", "MPO"}  # MPO: a camera's JPEG with a preview inside
# What a document of each type begins with: a renamed page (.html saved as .pdf) is not published.
_SIGNATURES = {
    ".pdf": (b"%PDF",),
    ".docx": (b"PK\x03\x04",), ".xlsx": (b"PK\x03\x04",), ".pptx": (b"PK\x03\x04",),
    ".zip": (b"PK\x03\x04", b"PK\x05\x06"),
    ".doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",), ".xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),
    ".ppt": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),
}
_MB = 1024 * 1024
MEMO_FILE = "attachments.pickle"  # in the cache, beside the copies (in its attachments/)
_MEMO_VERSION = 1


class Attachments:
    """The files one part of the site links from bodies: each file's hash, where it is published, and
    which were asked for (those are published with the part)."""

    def __init__(self, problems: Problems | None = None, cache: Path | None = None) -> None:
        self._problems = problems if problems is not None else Problems()
        self._digests: dict[Path, str | None] = {}
        self._published: dict[str, Path] = {}
        # Copies of the files in the cache, named as published: output/ links to them as to photos, never
        # to a clerk's own file (which would then change in the published site when edited in place).
        self._cache = cache
        self._copies: dict[str, Path] = {}
        # Each file's hash while its stamp is unchanged (as photos' are): an edit's build need not read
        # every document the site links again.
        self._memo: dict[Path, tuple[Stamp, str]] = (load_state(cache / MEMO_FILE, _MEMO_VERSION) or {}) if cache else {}
        self._stamps: dict[Path, Stamp] = {}

    def digest(self, file: Path) -> str | None:
        """Return the hash of a file's bytes (None if it cannot be read), worked out once per build."""
        if file not in self._digests:
            try:
                stamp = self._stamps[file] = stamp_of(os.stat(file))
            except OSError:
                self._digests[file] = None
                return None
            remembered = self._memo.get(file)
            self._digests[file] = remembered[1] if remembered and remembered[0] == stamp else _digest(file)
        return self._digests[file]

    def site_path(self, file: Path) -> str:
        """Return where a file is published (`attachments/<hash>/<name>`), checking it the first time."""
        digest = self.digest(file)
        path = f"{FOLDER}/{(digest or 'missing')[:24]}/{file.name}"
        if path not in self._published:
            self._published[path] = file
            self._check(file, digest)
        return path

    def published(self) -> dict[str, Path]:
        """Return every file asked for in this build: site path -> its copy in the cache (without a cache, the
        file itself: `check` publishes nothing)."""
        if self._cache is None:
            return dict(self._published)
        for path, file in self._published.items():
            if path not in self._copies and (copy := self._copy(path, file)) is not None:
                self._copies[path] = copy
        return dict(self._copies)

    def save(self) -> None:
        """Remember the hashes worked out in this build (not of files changed too recently to judge by stamp),
        and delete the copies no page of this build showed."""
        if self._cache is None:
            return
        now = time.time_ns()
        save_state(self._cache / MEMO_FILE, _MEMO_VERSION, {
            file: (stamp, digest) for file, stamp in self._stamps.items()
            if (digest := self._digests.get(file)) is not None and settled(changed_at(stamp), now)})
        folder = self._cache / FOLDER
        for copy in list(folder.glob("*/*")) if folder.is_dir() else []:
            if copy.relative_to(self._cache).as_posix() not in self._copies:
                copy.unlink(missing_ok=True)
                with contextlib.suppress(OSError):
                    copy.parent.rmdir()  # once empty

    def _copy(self, path: str, file: Path) -> Path | None:
        """Return the cache's copy of a file, made now if need be; None after reporting why it could not be."""
        copy = self._cache / path if self._cache else file
        if copy.is_file() or self._digests.get(file) is None:  # an unreadable file is reported already
            return copy if copy.is_file() else None
        try:
            data = file.read_bytes()
            if hashlib.sha256(data).hexdigest() != self._digests[file]:
                self._problems.error(file, None, None, "这个文件在生成网站的过程中被修改了", "等修改完成后重新生成")
                return None
            write_atomic(copy, data)
        except OSError as exc:
            self._problems.error(copy, None, None, f"无法把正文中链接的文件 {file.name} 复制到缓存文件夹"
                                 f"（{exc.strerror or type(exc).__name__}）", "检查磁盘空间和缓存文件夹 .honours-cache 的权限")
            return None
        return copy

    def _check(self, file: Path, digest: str | None) -> None:
        """Report a file that cannot be read, is too large, or whose bytes are not of its type."""
        if digest is None:
            self._problems.error(file, None, None, "无法读取正文中链接的这个文件", "检查文件是否被其他程序占用，或重新复制一份")
            return
        size = os.path.getsize(file)
        suffix = file.suffix.lower()
        if size > LIMIT_MB * _MB:
            self._problems.error(file, None, None, f"正文中链接的这个文件有 {size / _MB:.1f} MB，超过了 {LIMIT_MB} MB 的上限",
                                 "压缩图片、拆分文档，或把文件放在单位的文件服务器上，在正文中写它的网址")
        elif suffix in IMAGE_TYPES:
            self._check_image(file, size)
        elif suffix in _SIGNATURES and not _begins_as(file, _SIGNATURES[suffix]):
            self._problems.error(file, None, None, f"文件的内容不是 {suffix[1:]} 格式（扩展名与内容不符）",
                                 "用原来的程序把它另存为这种格式，或改正扩展名")

    def _check_image(self, file: Path, size: int) -> None:
        """Report an image browsers cannot show (not one, or too many pixels to decode); warn of a heavy one."""
        pixels = _pixels(file)
        if pixels is None:
            self._problems.error(file, None, None, "不是可识别的图片文件（jpg、png、gif 或 webp）",
                                 "用画图等工具打开它，另存为 jpg 或 png")
        elif pixels[0] * pixels[1] > MAX_PIXELS:
            self._problems.error(file, None, None, f"图片有 {pixels[0]}×{pixels[1]} 像素，太大，浏览器难以显示",
                                 "用画图等工具把图片缩小（例如宽 2000 像素以内）后再放进来")
        elif size > IMAGE_WARNING_MB * _MB:
            self._problems.warning(file, None, None, f"正文中的这张图片有 {size / _MB:.1f} MB，网页打开会很慢",
                                   "用画图等工具把图片缩小（例如宽 2000 像素以内）后再放进来")


def _pixels(file: Path) -> tuple[int, int] | None:
    """Return an image's width and height from its header (None if it is not one of the types browsers show)."""
    try:
        size, kind = header_of(file)  # the size is judged here, not refused unread
    except (OSError, SyntaxError, ValueError):  # Pillow's "cannot identify", a damaged header
        return None
    return size if kind in _IMAGE_FORMATS else None


def _digest(file: Path) -> str | None:
    try:
        with open(file, "rb") as stream:
            return hashlib.file_digest(stream, "sha256").hexdigest()
    except OSError:
        return None


def _begins_as(file: Path, signatures: tuple[bytes, ...]) -> bool:
    """Return whether a file begins with one of `signatures` (a PDF's may follow a little junk, as readers allow)."""
    try:
        with open(file, "rb") as stream:
            head = stream.read(1024)
    except OSError:
        return False
    if signatures == (b"%PDF",):
        return b"%PDF" in head
    return head.startswith(signatures)
