"""Share images (长图): the PDF of a share page, one PNG per page, 1080 px wide, cropped to what it holds.

WeasyPrint lays a share page out on pages 1080 px wide and at most 10,000 px tall (print/share.html),
breaking only between cards, so each page is one numbered part. PDFium (pypdfium2, from PyPI) turns
each into pixels: no browser at build time. A part is a pure function of its PDF, so the PNGs are
named by the PDF's key (the shelf's: its HTML, styles, fonts and photos) and made once.
"""
from __future__ import annotations

import io
import json
import os
import re
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from ..cachefiles import write_atomic
from .shelf import PdfShelf

WIDTH_PX = 1080
MAX_BYTES = 5 * 1024 * 1024  # what work chats accept without shrinking the image
_BOTTOM_PX = 40  # left below the last thing on a part, as the sheet's margin
_LIST = ".parts.json"  # beside a PDF key's parts: how many there are, written last


def share_parts(shelf: PdfShelf, page_paths: Iterable[str], folder: Path, make: bool) -> dict[str, tuple[Path, ...]]:
    """Return the PNG parts of each share page whose PDF is on the shelf, making those missing if `make`."""
    pdfs = {path: pdf for path in page_paths if (pdf := shelf.file(path)) is not None}
    missing = [pdf for pdf in pdfs.values() if _listed(folder, pdf.stem) is None]
    if make and missing:
        workers = min(os.cpu_count() or 1, len(missing))
        if workers > 1:
            with ProcessPoolExecutor(workers) as pool:
                list(pool.map(_make, missing, [folder] * len(missing)))
        else:
            for pdf in missing:
                _make(pdf, folder)
    return {path: parts for path, pdf in pdfs.items() if (parts := _listed(folder, pdf.stem)) is not None}


def prune(folder: Path, keys: Iterable[str]) -> None:
    """Delete the parts of every PDF but those with these keys: what no share page of the site can use again."""
    keep = set(keys)
    if folder.is_dir():
        for old in folder.iterdir():
            if re.split(r"[-.]", old.name, maxsplit=1)[0] not in keep:
                old.unlink(missing_ok=True)


def _listed(folder: Path, key: str) -> tuple[Path, ...] | None:
    """Return the parts made of the PDF with this key, or None if they were not all made."""
    try:
        count = json.loads((folder / f"{key}{_LIST}").read_text(encoding="utf-8"))["parts"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    parts = tuple(folder / f"{key}-{number}.png" for number in range(1, count + 1))
    return parts if all(part.is_file() for part in parts) else None


def _make(pdf: Path, folder: Path) -> None:
    """Make the parts of one share page's PDF: one PNG per page, each cropped below its last mark."""
    parts = rasterise(pdf.read_bytes())
    for number, png in enumerate(parts, start=1):
        write_atomic(folder / f"{pdf.stem}-{number}.png", png)
    write_atomic(folder / f"{pdf.stem}{_LIST}", json.dumps({"parts": len(parts)}).encode())


def rasterise(pdf: bytes) -> list[bytes]:
    """Return each page of a PDF as a PNG WIDTH_PX wide, cut below what it holds, under MAX_BYTES."""
    import pypdfium2  # only when share images are made (`honours pdf`)

    document = pypdfium2.PdfDocument(pdf)
    try:
        return [_png(page) for page in document]
    finally:
        document.close()


def _png(page: object) -> bytes:
    scale = WIDTH_PX / page.get_width()  # type: ignore[attr-defined]
    image = page.render(scale=scale).to_pil().convert("RGB")  # type: ignore[attr-defined]
    image = image.crop((0, 0, WIDTH_PX, min(image.height, _content_bottom(image) + _BOTTOM_PX)))
    data = _encoded(image)
    if len(data) > MAX_BYTES:  # photos dense enough to make a PNG too big: 256 colours are plenty for a phone
        data = _encoded(image.quantize(256, dither=0))
    return data


def _content_bottom(image: object) -> int:
    """Return the lowest row with anything on it besides the page's background (its bottom-right pixel)."""
    from PIL import ImageChops, Image

    assert isinstance(image, Image.Image)
    background = Image.new("RGB", image.size, image.getpixel((image.width - 1, image.height - 1)))
    box = ImageChops.difference(image, background).getbbox()
    return box[3] if box else image.height


def _encoded(image: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)  # type: ignore[attr-defined]
    return buffer.getvalue()
