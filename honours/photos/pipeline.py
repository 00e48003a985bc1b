"""The photo pipeline the renderer drives: request during rendering, run, then publish and prune."""
from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..cachefiles import stamp_of, write_atomic
from ..errors import Problems
from . import cache
from .geometry import Box, crop_box, height_for, output_widths, print_pixels
from .messages import Fault, LowDpi, PhotoFailure, low_dpi_problem, photo_problem
from .picture import Photo, Picture, PrintPicture, Source
from .placeholder import placeholder_svg
from .pool import run_jobs
from .probe import SourceInfo, probe
from .render import Job, OutputSpec
from .settings import PIPELINE_VERSION, PhotoSettings, RoleSpec

log = logging.getLogger(__name__)

_MIME = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg", "png": "image/png"}
_EXTENSION = {"avif": "avif", "webp": "webp", "jpeg": "jpg", "png": "png"}
_PLACEHOLDER_WIDTH = 600

# (format, width, height, quality, encoder effort, dpi) of one output.
OutputParams = tuple[str, int, int, int, int, int]


@dataclass(frozen=True, slots=True)
class _Framing:
    """How a job frames its source: the crop box, whether transparency is kept, and its outputs' name suffix."""

    box: Box
    keep_alpha: bool
    suffix: str  # "w" for web widths, "p" for print copies


@dataclass(frozen=True, slots=True)
class _Requester:
    """Who asked for a photo, to be named if it fails."""

    owner: str
    path: Path
    line: int | None
    field: str
    shown: str


@dataclass(frozen=True, slots=True)
class Asked:
    """What pages rendered in a worker process asked of its pipeline (a copy of the build's, forked): the build's
    own pipeline takes it over (`take_over`) to make and publish it, rather than asking each photo again."""

    jobs: dict[str, Job]
    requesters: dict[str, list[_Requester]]
    referenced: set[str]
    sources: dict[str, cache.Remembered]  # the sources' headers read, for the next build not to read them again
    reported: set[tuple[Path, str, str]]


class PhotoPipeline:
    """Queue photos while pages render, make them in a worker pool, and hand the writer the files.

    Every output is named by a hash of the source's bytes, the parameters and PIPELINE_VERSION,
    so a file with the right name in the cache folder is the right file; a rebuild with unchanged
    photos decodes nothing.
    """

    def __init__(self, cache_dir: Path, problems: Problems, settings: PhotoSettings = PhotoSettings(),
                 progress: bool = False, site_root: Path | None = None, print_warnings: bool = True):
        self._root = cache_dir
        self._problems = problems
        self._settings = settings
        self._progress = progress
        self._site_root = site_root
        # Whether a photo too small to print sharply is worth a warning: when PDFs are made, not on every build.
        self._print_warnings = print_warnings
        self._memo = cache.load_memo(cache_dir) if settings.remember_sources else {}
        self._memo_used: dict[str, cache.Remembered] = {}
        self._probed: dict[Path, SourceInfo | PhotoFailure] = {}
        self._jobs: dict[str, Job] = {}
        self._requesters: dict[str, list[_Requester]] = {}
        self._finished: set[str] = set()
        self._failed: set[str] = set()
        self._referenced: set[str] = set()
        self._reported: set[tuple[Path, str, str]] = set()
        self._placeholders: dict[tuple[float, str], str] = {}
        self._shown_as: dict[Path, str] = {}  # resolving a path costs a system call per part

    def request(self, photo: Photo, role: str, *, lazy: bool = True, aspect: tuple[int, int] | None = None) -> Picture:
        """Return the web picture of a photo in `role` at once, from its header only; queue the work.

        A missing or unusable source gets the placeholder, its owner's initial in gold on red.
        `aspect` overrides the role's framing.
        """
        spec = self._settings.role(role)
        loading = "lazy" if lazy else "eager"
        ratio = aspect[0] / aspect[1] if aspect else spec.aspect
        requester = self._requester(photo, _field_of(role))
        info = self._info(photo.source, requester) if photo.source else None
        if info is None:
            return self._placeholder(ratio or _default_ratio(role), photo.initial, photo.alt, spec.sizes, loading)
        box = crop_box(info.upright, ratio, photo.focus)
        widths = output_widths(box[2] - box[0], spec.widths)
        params = [(fmt, width, height_for(width, box), self._quality(fmt), self._effort(fmt), 0)
                  for fmt in spec.formats for width in widths]
        job = self._queue(photo, info, _Framing(box, spec.keep_alpha, "w"), params, requester)
        return self._picture(job, spec, photo.alt, loading)

    def print_copy(self, photo: Photo, width_mm: float, height_mm: float, product: str = "honour_roll") -> PrintPicture:
        """Return a photo cropped to width_mm:height_mm at the print DPI, never upscaled; warn below the product's
        minimum (settings.min_print_dpi)."""
        settings = self._settings
        requester = self._requester(photo, "photo")
        info = self._info(photo.source, requester) if photo.source else None
        if info is None:
            svg = self._write_placeholder(width_mm / height_mm, photo.initial)
            return PrintPicture(svg, *_placeholder_size(width_mm / height_mm), width_mm, height_mm,
                                settings.print_dpi, photo.alt, placeholder=True)
        box = crop_box(info.upright, width_mm / height_mm, photo.focus)
        wanted, _ = print_pixels(width_mm, height_mm, settings.print_dpi)
        width = min(wanted, box[2] - box[0])
        height = height_for(width, box)
        dpi = round(width / (width_mm / 25.4))
        self._warn_low_dpi(requester, info.upright, box, width_mm, height_mm, product)
        params = [("jpeg", width, height, settings.print_quality, 0, dpi)]
        job = self._queue(photo, info, _Framing(box, False, "p"), params, requester)
        return PrintPicture(self._site_path(job.outputs[0].name), width, height, width_mm, height_mm, dpi, photo.alt)

    def _warn_low_dpi(self, requester: _Requester, pixels: tuple[int, int], box: Box, width_mm: float,
                      height_mm: float, product: str) -> None:
        """Warn, once per photo, size and product, when a photo would print below the product's minimum DPI (only
        when PDFs are made), naming the file's own pixels and the fewest that would print well."""
        minimum = dict(self._settings.min_print_dpi).get(product, max(dict(self._settings.min_print_dpi).values()))
        source_dpi = round((box[2] - box[0]) / (width_mm / 25.4))
        if not self._print_warnings or source_dpi >= minimum:
            return
        if self._first_report(requester.path, requester.owner, f"{product} {width_mm}x{height_mm}"):
            low = LowDpi(product, pixels, (width_mm, height_mm), source_dpi, minimum,
                         print_pixels(width_mm, height_mm, minimum))
            message, hint = low_dpi_problem(requester.owner, requester.shown, low)
            self._problems.warning(requester.path, requester.line, requester.field, message, hint)

    def _requester(self, photo: Photo, field: str) -> _Requester:
        return _Requester(photo.owner, photo.record or photo.source, photo.line, photo.field or field,
                          self._shown(photo.source))

    def hand_over(self) -> Asked:
        """Return what was asked since the last hand-over, and start afresh (in a worker process)."""
        asked = Asked(self._jobs, self._requesters, self._referenced, self._memo_used, self._reported)
        self._jobs, self._requesters, self._referenced, self._memo_used, self._reported = {}, {}, set(), {}, set()
        return asked

    def take_over(self, asked: Asked) -> None:
        """Queue what pages rendered in a worker process asked for, as if they had asked here."""
        for key, job in asked.jobs.items():
            self._jobs.setdefault(key, job)
            requesters = self._requesters.setdefault(key, [])
            requesters += [requester for requester in asked.requesters[key] if requester not in requesters]
        self._referenced |= asked.referenced
        self._memo_used.update(asked.sources)
        self._reported |= asked.reported

    def run(self) -> int:
        """Make every queued output not already in the cache, across the worker pool; return jobs run.

        Failures are recorded in `problems`, one per photo and record that asked for it.
        """
        waiting = [job for key, job in self._jobs.items() if key not in self._finished]
        pending = [job for job in waiting if not self._complete(job)]
        self._finished.update(job.key for job in waiting)
        for outcome in run_jobs(pending, self._settings.workers, self._progress):
            if outcome.failure is not None:
                self._failed.add(outcome.key)
                for requester in self._requesters[outcome.key]:
                    self._report(requester, outcome.failure)
        if self._settings.remember_sources:
            cache.save_memo(self._root, self._memo_used)
        return len(pending)

    def published(self) -> dict[str, str]:
        """Return every file pages refer to: site path (`media/3f/3fa9….webp`) -> file in the cache (a string, as
        write.Contents keeps them)."""
        failed = {spec.name for key in self._failed for spec in self._jobs[key].outputs}
        stored = cache.stored(self._root)
        root = str(self._root)
        return {self._site_path(name): os.path.join(root, name) for name in self._referenced - failed if name in stored}

    def fingerprint(self, source: Path | None) -> str:
        """Return what tells a photo's bytes apart (their hash, remembered while the file's stamp holds), or why
        it cannot be read; "" for none. A page showing it is drawn again when this changes."""
        if source is None:
            return ""
        if source not in self._probed:
            self._probed[source] = self._read_header(source)
        found = self._probed[source]
        return found.fault.name if isinstance(found, PhotoFailure) else found.digest

    def keep(self, site_paths: Iterable[str]) -> None:
        """Publish (and keep in the cache) these files too: those shown by pages kept from the last build."""
        start = len(self._settings.site_folder) + 1
        self._referenced.update(path[start:] for path in set(site_paths))  # each once: pages share most

    def prune(self) -> int:
        """Delete cached outputs no request of this run referred to; return how many. Call after a full render."""
        return cache.prune(self._root, self._referenced)

    def _info(self, source: Path, requester: _Requester) -> SourceInfo | None:
        """Return the source's header and hash (each source read once per build), or None if unusable."""
        if source not in self._probed:
            self._probed[source] = self._read_header(source)
        found = self._probed[source]
        if isinstance(found, PhotoFailure):
            self._report(requester, found)
            return None
        return found

    def _read_header(self, source: Path) -> SourceInfo | PhotoFailure:
        memo_key = os.path.abspath(source)
        try:
            stamp = stamp_of(os.stat(source))
        except FileNotFoundError:
            return PhotoFailure(Fault.MISSING)
        except OSError as exc:
            return PhotoFailure(Fault.UNREADABLE, exc.strerror or exc.__class__.__name__)
        remembered = self._memo.get(memo_key)
        if remembered is not None and remembered.stamp == stamp:
            info = SourceInfo(remembered.digest, remembered.width, remembered.height,
                              remembered.orientation, remembered.format)
        else:
            try:
                info = probe(source, self._settings.max_pixels)
            except PhotoFailure as failure:
                return failure
        self._memo_used[memo_key] = cache.Remembered(stamp, info.digest, info.width, info.height,
                                                     info.orientation, info.format)
        return info

    def _queue(self, photo: Photo, info: SourceInfo, framing: _Framing, params: list[OutputParams],
               requester: _Requester) -> Job:
        """Return the job making these outputs of a photo, queued once however often it is asked for."""
        key = _job_key(info, framing.box, framing.keep_alpha, params)
        if key not in self._jobs:
            outputs = tuple(OutputSpec(cache.output_name(key, _label(width, height, framing.suffix), _EXTENSION[fmt]),
                                       fmt, width, height, quality, effort, dpi)
                            for fmt, width, height, quality, effort, dpi in params)
            self._jobs[key] = Job(key, str(photo.source), info.digest, info.orientation, framing.box, outputs,
                                  framing.keep_alpha, self._settings.max_pixels, str(self._root))
            self._requesters[key] = []
        if requester not in self._requesters[key]:
            self._requesters[key].append(requester)
        self._referenced.update(spec.name for spec in self._jobs[key].outputs)
        return self._jobs[key]

    def _picture(self, job: Job, spec: RoleSpec, alt: str, loading: str) -> Picture:
        by_format: dict[str, list[OutputSpec]] = {}
        for output in job.outputs:
            by_format.setdefault(output.format, []).append(output)
        *modern, fallback_format = spec.formats
        sources = tuple(Source(_MIME[fmt], self._srcset(by_format[fmt])) for fmt in modern)
        fallbacks = by_format[fallback_format]
        # The middle width for browsers that ignore srcset: sharp enough, not wasteful.
        shown = fallbacks[min(1, len(fallbacks) - 1)]
        return Picture(sources, self._site_path(shown.name), self._srcset(fallbacks), shown.width,
                       shown.height, alt, spec.sizes, loading)

    def _placeholder(self, ratio: float, initial: str, alt: str, sizes: str, loading: str) -> Picture:
        path = self._write_placeholder(ratio, initial)
        width, height = _placeholder_size(ratio)
        return Picture((), path, (), width, height, alt, sizes, loading, placeholder=True)

    def _write_placeholder(self, ratio: float, initial: str) -> str:
        """Return the site path of the placeholder SVG, writing it into the cache if it is not there."""
        known = self._placeholders.get((ratio, initial))
        if known is not None:  # many records share a surname, and every page asks again
            return known
        svg = placeholder_svg(initial, *_placeholder_size(ratio))
        key = hashlib.sha256(PIPELINE_VERSION.encode() + svg).hexdigest()[:24]
        name = cache.output_name(key, "placeholder", "svg")
        # The name is the hash of the content, so a file of this name holds exactly these bytes.
        if not (self._root / name).is_file():
            write_atomic(self._root / name, svg)
        self._referenced.add(name)
        path = self._placeholders[(ratio, initial)] = self._site_path(name)
        return path

    def _first_report(self, path: Path, owner: str, what: str) -> bool:
        """Return whether this problem is new, so a photo used on many pages is reported once."""
        seen = (path, owner, what)
        if seen in self._reported:
            return False
        self._reported.add(seen)
        return True

    def _report(self, requester: _Requester, failure: PhotoFailure) -> None:
        if not self._first_report(requester.path, requester.owner, failure.fault.name):
            return
        message, hint = photo_problem(requester.owner, requester.shown, failure)
        self._problems.error(requester.path, requester.line, requester.field, message, hint)

    def _complete(self, job: Job) -> bool:
        return all(os.path.isfile(os.path.join(job.cache_root, spec.name)) for spec in job.outputs)

    def _srcset(self, outputs: list[OutputSpec]) -> tuple[tuple[str, int], ...]:
        return tuple((self._site_path(spec.name), spec.width) for spec in outputs)

    def _site_path(self, name: str) -> str:
        return f"{self._settings.site_folder}/{name}"

    def _shown(self, source: Path | None) -> str:
        if source is None:
            return ""
        shown = self._shown_as.get(source)
        if shown is None:
            shown = self._shown_as[source] = self._relative(source)
        return shown

    def _relative(self, source: Path) -> str:
        if self._site_root is not None:
            try:
                return source.resolve().relative_to(self._site_root.resolve()).as_posix()
            except (ValueError, OSError):
                pass
        return source.as_posix()

    def _quality(self, fmt: str) -> int:
        settings = self._settings
        return {"avif": settings.avif_quality, "webp": settings.webp_quality,
                "jpeg": settings.jpeg_quality}.get(fmt, 0)

    def _effort(self, fmt: str) -> int:
        return {"avif": self._settings.avif_speed, "webp": self._settings.webp_method}.get(fmt, 0)


def _job_key(info: SourceInfo, box: Box, keep_alpha: bool, params: list[OutputParams]) -> str:
    """Return the hash naming a job's outputs: source bytes, every parameter, and the pipeline version."""
    recipe = json.dumps([PIPELINE_VERSION, info.digest, info.orientation, box, keep_alpha, params])
    return hashlib.sha256(recipe.encode()).hexdigest()[:24]


def _label(width: int, height: int, suffix: str) -> str:
    return f"{width}{suffix}" if suffix == "w" else f"{width}x{height}{suffix}"


def _field_of(role: str) -> str:
    return "logo" if role == "logo" else "photo"


def _default_ratio(role: str) -> float:
    return 1.0 if role == "logo" else 3 / 2


def _placeholder_size(ratio: float) -> tuple[int, int]:
    return _PLACEHOLDER_WIDTH, max(1, round(_PLACEHOLDER_WIDTH / ratio))
