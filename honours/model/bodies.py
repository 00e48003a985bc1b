"""What a Markdown body (or citation) may hold: characters people type, and links that stay in the site.

The Markdown dialect is declared here once, so that the check reads a body exactly as
render/markdown.py renders it: what the check passes, the renderer can convert.
"""
from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import markdown

from ..errors import Problems
from ..fields import shown
from ..load.text import INVISIBLE_HINT, invisible_character, invisible_message
from .attached import ATTACHMENTS_HINT, Link, attached_file

EXTENSIONS = ["tables", "fenced_code", "sane_lists", "footnotes", "def_list", "abbr", "attr_list", "md_in_html"]
# Attributes that name another file or page; what a link or image in content points at.
_URL_ATTRIBUTES = {"href", "src", "cite", "action", "formaction", "poster", "data", "background", "longdesc"}
# Of those, the ones render/markdown.py keeps: a file they name beside the record is published.
_PUBLISHED = {("img", "src"), ("a", "href")}
# Browsers drop these anywhere in a URL before reading its scheme (`jav&#x09;ascript:` is `javascript:`).
_IGNORED_IN_URLS = re.compile(r"[\t\n\r]")
# Python-Markdown converts nested lists and quotes recursively. A body is refused if converting it
# needs more stack than this: rendering it later, deep inside a template, still has at least this much.
STACK_BUDGET = 400
# Every link, image or raw HTML tag needs a [ or a <, and deep nesting needs quotes (>), indented
# lines or list markers in a row; a text with none of these converts flat and links nowhere.
_MAY_LINK_OR_NEST = re.compile(r"[\[<>]|^[ \t]+\S|^[ \t]*(?:[-*+]|\d+[.)])[ \t]+(?:[-*+]|\d+[.)])(?:[ \t]|$)",
                               re.MULTILINE)
# Python-Markdown rebuilds a paragraph's text for every link, emphasis or entity in it, so one paragraph takes
# time that grows with the square of its length: a body of many paragraphs converts in time proportional to
# its size, a whole report pasted as one paragraph (Word's lines with no blank line between) does not.
# No paragraph a person writes comes near this many characters (a page of a report holds about 800).
MAX_PARAGRAPH = 20_000
# Lines that start a block of their own (list item, heading, table row, fence): a paragraph ends before them.
_OWN_BLOCK = re.compile(r"[ \t]*(?:[-*+][ \t]|\d+[.)][ \t]|#|\||```|~~~)")
_FENCE = re.compile(r"[ \t]*(?:```|~~~)")
_LINK_HINT = "要链接的图片或文档，" + ATTACHMENTS_HINT + "；网上的页面写完整的网址，例如 https://…"


class _Links(HTMLParser):
    """Collect the URL-valued attributes of an HTML fragment, entities decoded."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.published: set[str] = set()  # those the sanitiser keeps: the files a page would show or link

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.extend(value for name, value in attrs if name in _URL_ATTRIBUTES and value)
        self.published.update(value for name, value in attrs if (tag, name) in _PUBLISHED and value)

    def parse_html_declaration(self, i: int) -> int:
        # `<![i](…)` is a bogus comment to a browser; html.parser (3.11) raises AssertionError on it.
        if self.rawdata.startswith("<![", i):
            end = self.rawdata.find(">", i + 3)
            return -1 if end < 0 else end + 1
        return super().parse_html_declaration(i)


@contextmanager
def _stack_budget(frames: int) -> Iterator[None]:
    """Allow the block `frames` more frames of stack than are in use now (never more than Python's limit)."""
    depth, frame = 0, sys._getframe()
    while frame is not None:
        depth, frame = depth + 1, frame.f_back
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(min(limit, depth + frames))
    try:
        yield
    finally:
        sys.setrecursionlimit(limit)


def _overlong_paragraph(text: str) -> int | None:
    """Return the first line (counted from 0) of the first paragraph longer than MAX_PARAGRAPH, or None.

    A paragraph is a run of lines with no blank line between; a list item, heading or table row starts
    another, and fenced code is not one (Markdown does not look inside it for links or emphasis).
    """
    if len(text) <= MAX_PARAGRAPH:
        return None
    start, length, fenced = 0, 0, False
    for number, line in enumerate(text.split("\n")):
        if _FENCE.match(line):
            fenced, length = not fenced, 0
            continue
        if fenced or not line.strip():
            length = 0
            continue
        if length == 0 or _OWN_BLOCK.match(line):
            start, length = number, 0
        length += len(line) + 1
        if length > MAX_PARAGRAPH:
            return start
    return None


class BodyChecker:
    """Check Markdown texts, reporting at the line in their file where a problem is."""

    def __init__(self, site_root: Path):
        self._root = os.path.abspath(site_root)
        self._markdown: markdown.Markdown | None = None

    def check(self, text: str | None, path: Path, first_line: int, field: str | None,
              problems: Problems) -> tuple[Link, ...]:
        """Report invisible characters, Markdown too deeply nested to convert, links leaving the site, and files
        beside the record that cannot be published; return the links to those files (attachments)."""
        if not text or not text.strip():
            return ()
        if invisible_character(text) is not None:  # every line that has one, and the links below too: all at once
            for offset, line_text in enumerate(text.split("\n")):
                if (char := invisible_character(line_text)) is not None:
                    problems.error(path, first_line + offset, field, invisible_message(char), INVISIBLE_HINT)
        if (start := _overlong_paragraph(text)) is not None:
            problems.error(path, first_line + start, field, f"从这一行起的一段文字超过 {MAX_PARAGRAPH} 个字符，中间没有空行",
                           "段落之间空一行：从 Word 或网页复制的文字常常整篇连成一段，在每段末尾按两次回车即可")
            return ()
        if not _MAY_LINK_OR_NEST.search(text):
            return ()  # most biographies and citations are plain paragraphs: no need to convert them
        if self._markdown is None:  # made only when a text needs converting: most never do
            self._markdown = markdown.Markdown(extensions=EXTENSIONS, output_format="html")
        self._markdown.reset()
        try:
            with _stack_budget(STACK_BUDGET):
                html = self._markdown.convert(text)
        except RecursionError:
            problems.error(path, first_line, field, "正文中列表或引用（>）嵌套的层数过多，无法转换为网页",
                                 "减少列表缩进或引用的层数")
            return ()
        links = _Links()
        links.feed(html)
        links.close()
        files = []
        for url in dict.fromkeys(links.found):
            index = text.find(url)
            line = first_line + (text.count("\n", 0, index) if index >= 0 else 0)
            if (message := self._leaves_site(url, path.parent)) is not None:
                for at in _lines_of(url, text, first_line):
                    problems.error(path, at, field, message, _LINK_HINT)
            elif url in links.published and \
                    (file := attached_file(url, _cleaned(url), path, self._root, (problems, line, field))) is not None:
                files.append(file)
        return tuple(files)

    def _leaves_site(self, url: str, folder: Path) -> str | None:
        """Return what is wrong with a link that points at a file outside the site, or None."""
        cleaned = _cleaned(url)
        try:
            parts = urlsplit(cleaned)
        except ValueError:  # e.g. an unbalanced [ in what looks like a host
            return None  # not a path; the sanitiser drops what browsers could not use either
        scheme = parts.scheme.lower()
        if len(scheme) == 1 or cleaned.startswith(("/", "\\")):  # C:\…, /etc/…, \\server\share
            return f"链接“{shown(url)}”是本机上的绝对路径"
        if scheme == "file":
            return f"链接“{shown(url)}”指向本机上的文件"
        if scheme:
            return None  # http, mailto …; the sanitiser removes javascript:, data: and the like
        target = os.path.normpath(os.path.join(folder, unquote(parts.path).replace("\\", "/")))
        if not (target == self._root or target.startswith(self._root.rstrip(os.sep) + os.sep)):
            return f"链接“{shown(url)}”指向网站文件夹之外"
        return None


def _lines_of(url: str, text: str, first_line: int) -> list[int]:
    """Return every line `url` is written on (the same link twice is two places to fix), or the text's first."""
    lines, line, counted, index = [], first_line, 0, text.find(url)
    while index >= 0:
        line, counted = line + text.count("\n", counted, index), index
        lines.append(line)
        index = text.find(url, index + len(url))
    return list(dict.fromkeys(lines)) or [first_line]


def _cleaned(url: str) -> str:
    """Return a URL as a browser reads it: tabs and line breaks dropped, control characters and spaces trimmed."""
    return _IGNORED_IN_URLS.sub("", url).strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f"
                                                "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
