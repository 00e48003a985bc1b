"""The PDF cache: each PDF named by a hash of everything it is made from, so a stale one is never used."""
from __future__ import annotations

import hashlib
import importlib.metadata
from collections.abc import Iterable
from pathlib import Path

from ..cachefiles import write_atomic

# Bump when the way PDFs are made changes (fetching, options), so older PDFs are made again.
PDF_VERSION = 1


def _weasyprint_version() -> str:
    try:
        return importlib.metadata.version("weasyprint")
    except importlib.metadata.PackageNotFoundError:
        return "none"


class PdfShelf:
    """PDFs in `.honours-cache/pdf/`, by key; `key` digests a page's HTML with every file it draws on."""

    def __init__(self, folder: Path, resources: dict[str, Path]) -> None:
        """`resources` maps each site path a printable page may load (assets, photos) to its file."""
        self._folder = folder
        self._resources = resources
        self._base: bytes | None = None
        self.keys: dict[str, str] = {}  # page path -> key, for the pages of this build

    def key(self, page_path: str, html: str) -> str:
        """Return (and remember) the key of a printable page's PDF."""
        hasher = hashlib.blake2b(self._base_digest(), digest_size=16)
        hasher.update(page_path.encode() + b"\0" + html.encode("utf-8", "surrogatepass"))
        self.keys[page_path] = found = hasher.hexdigest()
        return found

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
