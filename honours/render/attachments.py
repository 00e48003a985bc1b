"""Files linked from Markdown bodies (附件), published as they are under names that carry a hash of their bytes.

A file is published at `attachments/<hash>/<its own name>`: a changed file gets a new address (no
reader's browser keeps the old one), and a document downloads under the name the clerk gave it.
Images are copied as they are, not made over like photos: a body's picture is one the clerk chose to
show whole (a certificate, a chart), and readers may open it full size. Each file is checked once per
build, when a page first shows it: not too large to publish, an image one browsers can show, a
document's bytes of the type its name says.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from PIL import Image

from ..errors import Problems
from ..model.attached import IMAGE_TYPES

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


class Attachments:
    """The files one part of the site links from bodies: each file's hash, where it is published, and
    which were asked for (those are published with the part)."""

    def __init__(self, problems: Problems | None = None) -> None:
        self._problems = problems if problems is not None else Problems()
        self._digests: dict[Path, str | None] = {}
        self._published: dict[str, Path] = {}

    def digest(self, file: Path) -> str | None:
        """Return the hash of a file's bytes (None if it cannot be read), worked out once per build."""
        if file not in self._digests:
            self._digests[file] = _digest(file)
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
        """Return every file asked for in this build: site path -> the file in content/."""
        return dict(self._published)

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
    limit, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, None  # the size is judged here, not refused unread
    try:
        with Image.open(file) as image:
            return image.size if image.format in _IMAGE_FORMATS else None
    except (OSError, SyntaxError, ValueError):  # Pillow's "cannot identify", a damaged header
        return None
    finally:
        Image.MAX_IMAGE_PIXELS = limit


def _digest(file: Path) -> str | None:
    hasher = hashlib.sha256()
    try:
        with open(file, "rb") as stream:
            while chunk := stream.read(1 << 20):
                hasher.update(chunk)
    except OSError:
        return None
    return hasher.hexdigest()


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
