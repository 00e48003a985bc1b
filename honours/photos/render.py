"""The work done in a worker process: decode one source once, write all its outputs. Spawn-safe."""
from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageFile

from ..cachefiles import write_atomic
from .colour import flatten, normalise_mode, to_srgb
from .geometry import UPRIGHT, Box, draft_request, stored_box, upright_size
from .messages import Fault, PhotoFailure
from .probe import digest_of, open_image, read_source

log = logging.getLogger(__name__)

_JPEG_FORMATS = ("JPEG", "MPO")


@dataclass(frozen=True, slots=True)
class OutputSpec:
    """One file to make: its cache-relative name, format, pixel size and encoder settings."""

    name: str
    format: str
    width: int
    height: int
    quality: int
    effort: int = 0
    dpi: int = 0


@dataclass(frozen=True, slots=True)
class Job:
    """Everything a worker needs to make one source's outputs; all plain data, so it pickles."""

    key: str
    source: str
    digest: str
    orientation: int
    box: Box
    outputs: tuple[OutputSpec, ...]
    keep_alpha: bool
    max_pixels: int
    cache_root: str


@dataclass(frozen=True, slots=True)
class JobOutcome:
    """What became of a job: nothing to say, or why it failed."""

    key: str
    failure: PhotoFailure | None = None


def render_job(job: Job) -> JobOutcome:
    """Make every output of `job`; a bad source is reported in the outcome, never raised."""
    try:
        _render(job)
    except PhotoFailure as failure:
        return JobOutcome(job.key, failure)
    except MemoryError:
        return JobOutcome(job.key, PhotoFailure(Fault.WORKER, "MemoryError"))
    except Exception as exc:  # Pillow raises many types for odd files; one photo must not stop the rest
        log.debug("unexpected failure on %s", job.source, exc_info=True)
        return JobOutcome(job.key, PhotoFailure(Fault.CORRUPT, f"{exc.__class__.__name__}: {exc}"))
    return JobOutcome(job.key)


def _render(job: Job) -> None:
    data = read_source(Path(job.source))
    if digest_of(data) != job.digest:
        raise PhotoFailure(Fault.CHANGED)
    image = open_image(data, job.max_pixels)
    stored_size = image.size  # as stored, before the photo is turned upright and before draft mode shrinks it
    icc_profile = image.info.get("icc_profile")
    largest = max(spec.width for spec in job.outputs)
    stored = _decode(image, job, largest)
    scale_x, scale_y = stored.width / stored_size[0], stored.height / stored_size[1]
    left, top, right, bottom = stored_box(job.box, stored_size, job.orientation)
    box = (left * scale_x, top * scale_y, right * scale_x, bottom * scale_y)
    previous: Image.Image | None = None
    for size, specs in _by_size_largest_first(job.outputs):
        if previous is None:
            # Resampled as stored and turned upright after, so that only the (smaller) result is turned; and
            # before colour conversion, so that only the result pays for the ICC transform.
            pixels = stored.resize(upright_size(*size, job.orientation), Image.Resampling.LANCZOS, box=box,
                                   reducing_gap=3.0)
            if job.orientation in UPRIGHT:
                pixels = pixels.transpose(UPRIGHT[job.orientation])
            pixels = to_srgb(pixels, icc_profile)
            if not job.keep_alpha:
                pixels = flatten(pixels)
        else:
            pixels = previous.resize(size, Image.Resampling.LANCZOS)
        pixels.info = {}  # nothing of the source's metadata (comments, XMP, ICC) may reach an output
        for spec in specs:
            write_atomic(Path(job.cache_root) / spec.name, _encode(pixels, spec))
        previous = pixels


def _decode(image: Image.Image, job: Job, largest: int) -> Image.Image:
    """Return the pixels as stored, decoded (JPEGs at the smallest DCT scale that suffices) in a mode resizing takes."""
    if image.format in _JPEG_FORMATS:
        # The reduction is one ratio for both axes, so the stored (unrotated) size can be asked for directly.
        image.draft(image.mode, draft_request(image.size, job.box, largest))
    try:
        _load_strictly(image)
    except OSError as exc:
        text = str(exc)
        fault = Fault.TRUNCATED if "truncated" in text or "premature" in text.lower() else Fault.CORRUPT
        raise PhotoFailure(fault, text) from None
    return normalise_mode(image)


def _load_strictly(image: Image.Image) -> None:
    """Decode the pixels, refusing a cut-off file even where Pillow was told to accept one.

    Importing WeasyPrint (for PDFs, or to check it can run) sets Pillow's LOAD_TRUNCATED_IMAGES for the whole
    process, which would fill a truncated photo's missing part with grey instead of naming the file.
    """
    tolerant = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        image.load()
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = tolerant


def _by_size_largest_first(outputs: tuple[OutputSpec, ...]) -> list[tuple[tuple[int, int], list[OutputSpec]]]:
    sizes: dict[tuple[int, int], list[OutputSpec]] = {}
    for spec in sorted(outputs, key=lambda s: -s.width):
        sizes.setdefault((spec.width, spec.height), []).append(spec)
    return list(sizes.items())


def _encode(pixels: Image.Image, spec: OutputSpec) -> bytes:
    buffer = io.BytesIO()
    if spec.format == "jpeg":
        extra = {"dpi": (spec.dpi, spec.dpi)} if spec.dpi else {}
        # Baseline with optimised tables, not progressive: the same pixels in half the encoding time. A portrait's
        # JPEGs came out 0.7–2.5 % smaller (bench/photos.py --quality), a print copy at quality 92 1.4–2 % larger.
        flatten(pixels).save(buffer, "JPEG", quality=spec.quality, optimize=True, **extra)
    elif spec.format == "webp":
        pixels.save(buffer, "WEBP", quality=spec.quality, method=spec.effort)
    elif spec.format == "avif":
        # One thread each: the pool already keeps every core busy.
        pixels.save(buffer, "AVIF", quality=spec.quality, speed=spec.effort, max_threads=1)
    elif spec.format == "png":
        pixels.save(buffer, "PNG", optimize=False)
    else:
        raise ValueError(f"unknown output format {spec.format!r}")
    return buffer.getvalue()
