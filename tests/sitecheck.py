"""Walk a built site's references (links, images, stylesheets, scripts, CSS url()) and check them.

A site is read through `SiteFiles`, from a folder or from a zip archive, so the same checks serve
the published folder and a downloadable copy of it. Only the standard library is used.
"""
from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Attributes whose value is one URL, on whichever element (SVG's xlink:href included).
URL_ATTRIBUTES = {"href", "src", "xlink:href", "poster", "data", "action", "formaction", "background", "manifest"}
# Attributes whose value is a list of URLs with descriptors (320w, 2x).
SRCSET_ATTRIBUTES = {"srcset", "imagesrcset"}
# Elements whose href the reader follows rather than the browser fetches.
NAVIGATION = {"a", "area"}
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)""", re.I)
_CSS_IMPORT = re.compile(r"""@import\s+(?:"([^"]*)"|'([^']*)')""", re.I)
# In scripts: an absolute URL anywhere, or a protocol-relative one starting a string literal.
_SCRIPT_URL = re.compile(r"""\b(?:https?|ftp|wss?):(?://|\\/\\/)[^\s'"`)<>]*|(?<=['"`])//[^/\s'"`][^\s'"`]*""", re.I)


@dataclass(frozen=True, slots=True)
class Reference:
    """One URL a file of the site refers to, and where."""

    source: str  # the referring file, relative to the site's top folder ("people/zhang-wei.html")
    line: int
    tag: str  # the element ("img", "a", "link"), or "css"/"script" for URLs in style sheets and scripts
    attribute: str  # "href", "src", "srcset", "url()", "@import", "literal"
    url: str

    @property
    def navigation(self) -> bool:
        """Whether this is a link a reader follows (as opposed to something the browser loads)."""
        return self.tag in NAVIGATION and self.attribute == "href"

    def __str__(self) -> str:
        return f"{self.source}:{self.line}: <{self.tag} {self.attribute}> {self.url}"


class SiteFiles:
    """The files of a built site: their site-relative names, and their bytes on demand."""

    def __init__(self, names: Iterable[str], read: Callable[[str], bytes]) -> None:
        self.names = frozenset(names)
        self.read = read

    @classmethod
    def from_folder(cls, root: Path) -> SiteFiles:
        """Return the files under a folder."""
        names = [p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()]
        return cls(names, lambda name: (root / name).read_bytes())

    @classmethod
    def from_zip(cls, archive: Path, top: str = "") -> SiteFiles:
        """Return the files of a zip archive, under its folder `top` ("" for the archive's root)."""
        prefix = top.strip("/") + "/" if top.strip("/") else ""
        with zipfile.ZipFile(archive) as zf:
            names = [n[len(prefix):] for n in zf.namelist() if n.startswith(prefix) and not n.endswith("/")]

        def read(name: str) -> bytes:
            with zipfile.ZipFile(archive) as zf:
                return zf.read(prefix + name)
        return cls(names, read)

    def text(self, name: str) -> str:
        return self.read(name).decode("utf-8")


@dataclass
class SiteScan:
    """Every reference of a site, and the ids each page has for #fragments to land on."""

    references: list[Reference] = field(default_factory=list)
    anchors: dict[str, set[str]] = field(default_factory=dict)


class _PageParser(HTMLParser):
    """Collect the references and ids of one HTML page (or SVG file)."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.source = source
        self.references: list[Reference] = []
        self.ids: set[str] = set()
        self._in: str | None = None  # "style" or "script" while inside one

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (name == "name" and tag == "a"):
                self.ids.add(value)
            if name in URL_ATTRIBUTES:
                self.references.append(Reference(self.source, line, tag, name, value.strip()))
            elif name in SRCSET_ATTRIBUTES:
                self.references += [Reference(self.source, line, tag, name, u) for u in srcset_urls(value)]
            elif name == "style":
                self.references += [Reference(self.source, line, tag, "style " + a, u) for a, u in css_urls(value)]
        self._in = tag if tag in ("style", "script") else None

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        line = self.getpos()[0]
        if self._in == "style":
            self.references += [Reference(self.source, line, "style", a, u) for a, u in css_urls(data)]
        elif self._in == "script":
            self.references += [Reference(self.source, line, "script", "literal", u) for u in script_urls(data)]


def srcset_urls(value: str) -> list[str]:
    """Return the URLs of a srcset ("a.jpg 320w, b.jpg 640w"), as the HTML standard splits it."""
    urls, position = [], 0
    while position < len(value):
        match = re.compile(r"[\s,]*(\S*)").match(value, position)
        assert match is not None
        url, position = match.group(1), match.end()
        if not url:
            break
        if url.endswith(","):
            urls.append(url.rstrip(","))
            continue
        urls.append(url)
        depth = 0  # skip the descriptors up to the next comma outside parentheses
        while position < len(value) and (value[position] != "," or depth):
            depth += {"(": 1, ")": -1}.get(value[position], 0)
            position += 1
    return urls


def css_urls(css: str) -> list[tuple[str, str]]:
    """Return (what, url) for every url() and @import of a style sheet."""
    css = _CSS_COMMENT.sub("", css)
    found = [("url()", next(g for g in m.groups() if g is not None)) for m in _CSS_URL.finditer(css)]
    return found + [("@import", m.group(1) or m.group(2)) for m in _CSS_IMPORT.finditer(css)]


def script_urls(script: str) -> list[str]:
    """Return the absolute and protocol-relative URLs written in a script."""
    return _SCRIPT_URL.findall(script)


def scan(files: SiteFiles) -> SiteScan:
    """Return every reference made by the site's pages, SVG images, style sheets and scripts."""
    result = SiteScan()
    for name in sorted(files.names):
        suffix = posixpath.splitext(name)[1].lower()
        if suffix in (".html", ".htm", ".svg"):
            parser = _PageParser(name)
            parser.feed(files.text(name))
            parser.close()
            result.references += parser.references
            result.anchors[name] = parser.ids
        elif suffix == ".css":
            text = files.text(name)
            for what, url in css_urls(text):
                line = _line_of(text, url)
                result.references.append(Reference(name, line, "css", what, url))
        elif suffix in (".js", ".mjs"):
            text = files.text(name)
            result.references += [Reference(name, _line_of(text, u), "script", "literal", u) for u in script_urls(text)]
    return result


def _line_of(text: str, needle: str) -> int:
    return text[: max(text.find(needle), 0)].count("\n") + 1


def is_external(url: str) -> bool:
    """Whether a URL leaves the site: another host (http://, https://, //host) rather than a file of it."""
    url = url.strip().replace("\\", "/")
    parts = urlsplit(url)
    return bool(parts.netloc) or url.startswith("//") or parts.scheme.lower() in ("http", "https", "ftp", "ws", "wss")


def resolve(files: SiteFiles, source: str, url: str, folder_index: bool = True) -> tuple[str | None, str]:
    """Return (the site file a relative URL names, or None, and its fragment, or why not).

    A link to a folder lands on its index.html, as a web server serves it; with folder_index
    False it is an error, as it is for a site opened from a folder (file:// lists the folder).
    """
    parts = urlsplit(url)
    path, fragment = unquote(parts.path), unquote(parts.fragment)
    if not path:  # "#main" or "?q": the page itself
        return source, fragment
    if path.startswith("/"):
        return None, "an absolute path: breaks when the site is served from a sub-path or opened from a folder"
    target = posixpath.normpath(posixpath.join(posixpath.dirname(source), path))
    if target == ".." or target.startswith("../"):
        return None, "leads out of the site's folder"
    target = "" if target == "." else target
    is_folder = path.endswith("/") or path in (".", "..") or (target + "/index.html") in files.names
    if is_folder and not folder_index:
        return None, "a link to a folder: opened from a folder (file://) it shows a listing, not index.html"
    if is_folder:
        target = posixpath.join(target, "index.html") if target else "index.html"
    if target not in files.names:
        return None, f"no such file: {target}"
    return target, fragment


def broken_references(files: SiteFiles, site: SiteScan, folder_index: bool = True) -> list[str]:
    """Return every reference that does not land on a file of the site (or on an id in its page)."""
    problems = []
    for ref in site.references:
        if is_external(ref.url) or urlsplit(ref.url).scheme or ref.tag == "script":
            continue  # other hosts and data:, mailto: are the intranet check's business
        target, detail = resolve(files, ref.source, ref.url, folder_index)
        if target is None:
            problems.append(f"{ref}: {detail}")
        elif detail and target in site.anchors and detail not in site.anchors[target]:
            problems.append(f"{ref}: {target} has no id “{detail}”")
    return problems


def outside_references(site: SiteScan, allowed: Callable[[Reference], bool] = lambda ref: False) -> list[str]:
    """Return every reference to another host, except those `allowed` accepts."""
    return [str(ref) for ref in site.references if is_external(ref.url) and not allowed(ref)]


def reachable(files: SiteFiles, site: SiteScan, starts: Iterable[str]) -> set[str]:
    """Return the site files a reader can reach from `starts` by following links and what pages load."""
    by_source: dict[str, list[Reference]] = {}
    for ref in site.references:
        by_source.setdefault(ref.source, []).append(ref)
    seen, queue = set(), [start for start in starts if start in files.names]
    while queue:
        name = queue.pop()
        if name in seen:
            continue
        seen.add(name)
        for ref in by_source.get(name, []):
            if not (is_external(ref.url) or urlsplit(ref.url).scheme or ref.tag == "script"):
                target, _ = resolve(files, ref.source, ref.url)
                if target is not None and target not in seen:
                    queue.append(target)
    return seen
