"""Files a Markdown body links beside its record (附件: images and documents), and the text that knows them.

A body's link to `pic.jpg` or `attachments/总结.pdf` names a file in the record's folder (or below it).
Such a file is published by the build under a name carrying a hash of its bytes (render/attachments.py),
and the link is rewritten to it; here each link is checked as the body is read: its type is one readers
can open, it stays in the record's folder, and the file is there.
"""
from __future__ import annotations

import difflib
import functools
import os
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..errors import Problems
from ..fields import shown

# Copied as they are: each a type every reader's browser or office software opens. No SVG: opened on its
# own it runs any script in it, as a page of the site; no .exe, .html or the like, for the same reason.
IMAGE_TYPES = (".jpg", ".jpeg", ".png", ".gif", ".webp")
DOCUMENT_TYPES = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".zip", ".txt")
# A link with no suffix, or to a page, is a link to a page of the site (`../units/u.html`), as written.
_PAGE_TYPES = ("", ".html", ".htm")
_TAIL = re.compile(r"[?#].*", re.DOTALL)  # a link's query and fragment, after its path
ATTACHMENTS_HINT = ("把文件放在本文件旁边，或旁边的 attachments 文件夹里，按文件名链接，例如 "
                    "![照片](attachments/huiyi.jpg) 或 [附件](attachments/zongjie.pdf)；构建时会一并发布")
TYPES_HINT = ("可以发布的图片：" + "、".join(t[1:] for t in IMAGE_TYPES)
              + "；文档：" + "、".join(t[1:] for t in DOCUMENT_TYPES) + "。其他文件请先转换为 PDF 或压缩为 zip")


@dataclass(frozen=True, slots=True)
class Link:
    """A link in a body to a file beside its record: as written, the file, and its line."""

    url: str  # as the HTML converted from the Markdown has it (entities decoded)
    file: Path
    line: int
    tail: str = ""  # its ?query#fragment, kept on the rewritten link


class Attached(str):
    """A Markdown text that links files beside its record (its `links`); reads as the text itself."""

    links: tuple[Link, ...]

    def __new__(cls, text: str, links: tuple[Link, ...]) -> Attached:
        made = super().__new__(cls, text)
        made.links = links
        return made

    def __reduce__(self) -> tuple[type, tuple[str, tuple[Link, ...]]]:
        return Attached, (str(self), self.links)

    def file_of(self, url: str) -> Link | None:
        """Return the link written as `url`, if it is one to a file."""
        return next((link for link in self.links if link.url == url), None)


def attached_file(url: str, cleaned: str, record: Path, root: str, found: tuple[Problems, int, str | None]) -> Link | None:
    """Return the file beside `record` a relative link names, reporting (at `found`: problems, line, field) one
    that cannot be published; None for a link to a page or the web. `cleaned` is the URL as a browser reads it."""
    try:
        parts = urlsplit(cleaned)
    except ValueError:  # an unbalanced [ in what looks like a host: not a file's name
        return None
    name = unquote(parts.path).replace("\\", "/")
    if parts.scheme or parts.netloc or not name or name.endswith("/"):
        return None
    suffix = posixpath.splitext(name)[1].lower()
    if suffix in _PAGE_TYPES:
        return None
    problems, line, field = found
    folder = os.path.abspath(record.parent)
    target = os.path.normpath(os.path.join(folder, name))
    if suffix not in IMAGE_TYPES + DOCUMENT_TYPES:
        problems.error(record, line, field, f"链接的文件“{shown(url)}”不是可以发布的类型（{suffix}）", TYPES_HINT)
    elif not _inside(target, folder):
        problems.error(record, line, field, f"链接的文件“{shown(url)}”不在本文件所在的文件夹里", ATTACHMENTS_HINT)
    elif not os.path.isfile(target) or _as_stored(target, folder) != target:
        where = os.path.relpath(os.path.dirname(target), root).replace(os.sep, "/")
        problems.error(record, line, field, f"找不到链接的文件“{shown(url)}”（应在 {where}/ 文件夹里）{_similar(target)}",
                       "检查文件名，包括大小写和扩展名（网站放到服务器上后大小写不同就打不开）；" + ATTACHMENTS_HINT)
    elif not _inside(os.path.realpath(target), os.path.realpath(root)):  # a shortcut (symlink) leading out
        problems.error(record, line, field, f"链接的文件“{shown(url)}”在网站文件夹之外", ATTACHMENTS_HINT)
    else:
        tail = _TAIL.search(cleaned)
        return Link(url, Path(target), line, tail.group(0) if tail else "")
    return None


def _as_stored(target: str, folder: str) -> str | None:
    """Return a path below `folder` as the file system spells it (a Windows disk finds `Pic.JPG` as pic.jpg,
    a server does not), or None if a part of it is not there."""
    stored = folder
    for part in os.path.relpath(target, folder).split(os.sep):
        try:
            names = _names(stored)
        except OSError:
            return None
        match = part if part in names else next((name for name in names if name.lower() == part.lower()), None)
        if match is None:
            return None
        stored = os.path.join(stored, match)
    return stored


def _names(folder: str) -> frozenset[str]:
    """Return the names in a folder: listed once while it is unchanged, as content/people/ holds ten thousand."""
    return _listing(folder, os.stat(folder).st_mtime_ns)


@functools.lru_cache(maxsize=64)
def _listing(folder: str, changed_at: int) -> frozenset[str]:
    return frozenset(os.listdir(folder))


def _similar(target: str) -> str:
    """Return "，是不是“X”？" for a near miss beside the missing file (other letter case, .jpeg for .jpg ...)."""
    try:
        names = os.listdir(os.path.dirname(target))
    except OSError:
        return ""
    lowered = {name.lower(): name for name in names}
    close = difflib.get_close_matches(os.path.basename(target).lower(), list(lowered), n=1, cutoff=0.75)
    return f"，是不是“{lowered[close[0]]}”？" if close else ""


def _inside(path: str, folder: str) -> bool:
    return path.startswith(folder.rstrip(os.sep) + os.sep)
