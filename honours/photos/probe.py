"""Read a source photo's identity and header — hash, size, orientation — without decoding its pixels."""
from __future__ import annotations

import hashlib
import io
import re
import struct
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from .geometry import upright_size
from .messages import Fault, PhotoFailure

_ORIENTATION_TAG = 0x0112
# What Pillow's decoders raise for damaged data, besides OSError.
_DECODE_ERRORS = (SyntaxError, ValueError, EOFError, struct.error, IndexError, TypeError)


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """A source photo as read from its header: content hash, stored size, EXIF orientation."""

    digest: str
    width: int
    height: int
    orientation: int
    format: str

    @property
    def upright(self) -> tuple[int, int]:
        """Return the size as shown, after the orientation is applied."""
        return upright_size(self.width, self.height, self.orientation)


def digest_of(data: bytes) -> str:
    """Return the content hash that names a source's outputs."""
    return hashlib.sha256(data).hexdigest()


def read_source(path: Path) -> bytes:
    """Return a source photo's bytes, or raise PhotoFailure saying why they cannot be had."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise PhotoFailure(Fault.MISSING) from None
    except OSError as exc:
        raise PhotoFailure(Fault.UNREADABLE, exc.strerror or exc.__class__.__name__) from None
    if not data:
        raise PhotoFailure(Fault.EMPTY)
    return data


def open_image(data: bytes, max_pixels: int) -> Image.Image:
    """Return the image in `data`, header read and pixels not yet decoded; refuse bombs and non-images."""
    # Pillow warns above this and refuses above twice it; both are treated as refusal below.
    Image.MAX_IMAGE_PIXELS = max_pixels
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise PhotoFailure(Fault.BOMB, _bomb_size(data, str(exc)), max_pixels) from None
    except UnidentifiedImageError:
        raise PhotoFailure(Fault.NOT_IMAGE) from None
    except (OSError, *_DECODE_ERRORS) as exc:
        raise PhotoFailure(Fault.CORRUPT, str(exc) or exc.__class__.__name__) from None
    width, height = image.size
    if width * height > max_pixels:
        raise PhotoFailure(Fault.BOMB, _size_detail(width, height), max_pixels)
    if width < 1 or height < 1:
        raise PhotoFailure(Fault.CORRUPT, f"{width}×{height}")
    return image


def probe(path: Path, max_pixels: int) -> SourceInfo:
    """Return what a source photo is, reading only its bytes and header; raise PhotoFailure if unusable."""
    data = read_source(path)
    image = open_image(data, max_pixels)
    return SourceInfo(digest_of(data), image.width, image.height, orientation_of(image),
                      image.format or "")


def orientation_of(image: Image.Image) -> int:
    """Return the EXIF orientation (1–8) from the header, 1 when there is none or it is nonsense."""
    try:
        if image.format == "PNG":
            # PNG's getexif() decodes the whole image to look for a late eXIf chunk; the header is enough.
            raw = image.info.get("exif")
            if not raw:
                return 1
            exif = Image.Exif()
            exif.load(raw)
        else:
            exif = image.getexif()
        value = int(exif.get(_ORIENTATION_TAG, 1))
    except (OSError, *_DECODE_ERRORS):
        return 1
    return value if 1 <= value <= 8 else 1


def _bomb_size(data: bytes, message: str) -> str:
    """Return the size a bomb's header claims; else the pixel count Pillow's message gives ("(900000000 pixels)")."""
    try:
        return _size_detail(*header_of(data)[0])
    except (OSError, *_DECODE_ERRORS):
        found = re.search(r"\((\d+) pixels\)", message)
        return f"共 {round(int(found.group(1)) / 10_000):,} 万像素" if found else message


def header_of(source: bytes | Path) -> tuple[tuple[int, int], str | None]:
    """Return the size and format an image's header claims, read with Pillow's pixel limit lifted: the size is
    judged by the caller, and a bomb's is told by its own (Pillow's message names the limit last)."""
    limit = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = None  # only the header is read: nothing is decoded
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(source) if isinstance(source, bytes) else source) as image:
                return image.size, image.format
    finally:
        Image.MAX_IMAGE_PIXELS = limit


def _size_detail(width: int, height: int) -> str:
    """Return a photo's size as people compare it with the limit: 30000×30000，共 90,000 万像素."""
    return f"{width}×{height}，共 {round(width * height / 10_000):,} 万像素"
