"""The PDF cache: each PDF named by a hash of everything it is made from, so a stale one is never used."""
from __future__ import annotations

import hashlib
import importlib.metadata
import re
import urllib.parse
from collections.abc import Iterable
from pathlib import Path

from ..cachefiles import write_atomic
from ..render.fonts import FALLBACKS
from .machine_fonts import FontconfigUnavailable, FontDigests, MachineFonts, Typeface
from .pdf import SITE_URL

# Bump when the way PDFs are made changes (fetching, options), so older PDFs are made again.
PDF_VERSION = 1
# The families the print styles ask for, role by role: the site's own fonts come before them, as assets.
PRINT_STACKS = tuple(tuple(family.strip('"') for family in stack) for stack in FALLBACKS.values())
_LANG = re.compile(r'<html[^>]*\slang="([^"]+)"')
_FONT_FACE = re.compile(r'@font-face\s*\{[^}]*?url\("([^"]+)"\)')


def _weasyprint_version() -> str:
    try:
        return importlib.metadata.version("weasyprint")
    except importlib.metadata.PackageNotFoundError:
        return "none"


class PdfShelf:
    """PDFs in `.honours-cache/pdf/`, by key; `key` digests a page's HTML, every file it draws on and its fonts."""

    def __init__(self, folder: Path, resources: dict[str, Path]) -> None:
        """`resources` maps each site path a printable page may load (assets, photos) to its file."""
        self._folder = folder
        self._resources = resources
        self._base: bytes | None = None
        self._fonts: dict[tuple[str, tuple[Path, ...]], MachineFonts | None] = {}  # by language and own fonts
        self._font_digests = FontDigests(folder)
        self._typefaces: dict[frozenset[Typeface], bytes] = {}
        self.keys: dict[str, str] = {}  # page path -> key, for the pages of this build

    def key(self, page_path: str, html: str, archival: object = None) -> str:
        """Return (and remember) the key of a printable page's PDF; an archival one's by its description too."""
        hasher = hashlib.blake2b(self._base_digest(), digest_size=16)
        hasher.update(page_path.encode() + b"\0" + html.encode("utf-8", "surrogatepass"))
        if archival is not None:
            hasher.update(b"\0archival\0" + repr(archival).encode("utf-8", "surrogatepass"))
        hasher.update(self._fonts_digest(page_path, html))
        self.keys[page_path] = found = hasher.hexdigest()
        return found

    def lacks_chinese(self, page_path: str, html: str) -> bool:
        """Return whether no font on this machine (or of the page's own) can set Chinese in the print styles."""
        fonts = self.machine_fonts(page_path, html)
        return fonts is not None and fonts.lacking()

    def machine_fonts(self, page_path: str, html: str) -> MachineFonts | None:
        """Return the fonts fontconfig resolves for a page, or None if fontconfig is not there.

        Fontconfig ranks fonts by the page's language, and WeasyPrint adds the font files the page's
        @font-face rules load (the site's assets/fonts/) to those of the machine.
        """
        head = html[:html.find("</head>")]
        found = _LANG.search(head)
        base = SITE_URL + page_path
        own = tuple(self._resources[site_path] for url in _FONT_FACE.findall(head)
                    if (site_path := urllib.parse.unquote(urllib.parse.urljoin(base, url)).removeprefix(SITE_URL))
                    in self._resources)
        asked = (found.group(1).lower() if found else "zh-cn", own)
        if asked not in self._fonts:
            try:
                self._fonts[asked] = MachineFonts(PRINT_STACKS, asked[1], asked[0])
            except FontconfigUnavailable:
                self._fonts[asked] = None
        return self._fonts[asked]

    @property
    def empty(self) -> bool:
        """Return whether no PDF has been made (or all were pruned)."""
        return not self._folder.is_dir() or next(self._folder.glob("*.pdf"), None) is None

    def file(self, page_path: str) -> Path | None:
        """Return the PDF made from the page as it is in this build, or None if none was made."""
        key = self.keys.get(page_path)
        path = self._folder / f"{key}.pdf" if key else None
        return path if path is not None and path.is_file() else None

    def put(self, page_path: str, pdf: bytes) -> None:
        write_atomic(self._folder / f"{self.keys[page_path]}.pdf", pdf)

    def prune(self, keep: Iterable[str]) -> None:
        """Delete every PDF but those of these pages: what no page of the site can use again."""
        wanted = {f"{self.keys[path]}.pdf" for path in keep if path in self.keys}
        if self._folder.is_dir():
            for old in self._folder.glob("*.pdf"):
                if old.name not in wanted:
                    old.unlink(missing_ok=True)

    def _fonts_digest(self, page_path: str, html: str) -> bytes:
        """Digest the fonts the page's characters resolve to: family, file, face and the file's digest."""
        fonts = self.machine_fonts(page_path, html)
        if fonts is None:
            return b"no fontconfig"
        typefaces = fonts.fonts_for(html)
        digest = self._typefaces.get(typefaces)
        if digest is None:
            hasher = hashlib.blake2b(digest_size=16)
            for face in sorted(typefaces):
                hasher.update(f"{face.family}\0{face.file}\0{face.index}\0{self._font_digests.of(face.file)}\0"
                              .encode("utf-8", "surrogatepass"))
            self._typefaces[typefaces] = digest = hasher.digest()
            self._font_digests.save()
        return digest

    def _base_digest(self) -> bytes:
        """Digest what every PDF depends on besides its page: WeasyPrint, styles, fonts, images of assets/.

        Photos need no digest: their file names are hashes of their content, and the HTML names them.
        """
        if self._base is None:
            hasher = hashlib.blake2b(f"{PDF_VERSION} {_weasyprint_version()}".encode(), digest_size=16)
            for site_path, path in sorted(self._resources.items()):
                if site_path.startswith("assets/"):
                    hasher.update(site_path.encode() + b"\0" + hashlib.blake2b(path.read_bytes()).digest())
            self._base = hasher.digest()
        return self._base
