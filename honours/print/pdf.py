"""Render printable pages to PDF with WeasyPrint, in worker processes, reading only the site's own files.

WeasyPrint is imported here only, when PDFs are asked for: a site builds without it (and without
the Pango library it needs). Every file a page loads is looked up among the site's assets and
photos; nothing is fetched from the network or from elsewhere on disk.
"""
from __future__ import annotations

import functools
import itertools
import logging
import mimetypes
import os
import re
import tempfile
import urllib.parse
import warnings
from collections.abc import Callable, Generator, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from ..processes import pool_context
from ..progress import counted

# Pages are rendered as if they stood at this made-up place, so every link they make is ours to resolve.
SITE_URL = "file:///honours-site/"
PROGRESS_LABEL = "生成 PDF"
OUTSIDE_SITE = "不是网站内的文件"
CRASHED = "WeasyPrint 崩溃了（进程意外退出），这一页没有生成 PDF"


class PdfUnavailable(Exception):
    """WeasyPrint (or the Pango library it needs) is not installed."""


@dataclass(frozen=True, slots=True)
class PdfJob:
    """One printable page to render: its site path, its HTML, and the files it may load."""

    page_path: str
    html: str
    resources: dict[str, str]  # site path -> file


@dataclass(frozen=True, slots=True)
class PdfOutcome:
    """A rendered PDF, or why not, and what did not print right."""

    page_path: str
    pdf: bytes | None
    missing_glyphs: tuple[str, ...] = ()  # characters no font had
    failures: tuple[str, ...] = ()  # files that would not load, in WeasyPrint's words


def check_available() -> None:
    """Raise PdfUnavailable, with WeasyPrint's reason, unless PDFs can be made here."""
    try:
        _weasyprint()
    except (ImportError, OSError) as exc:  # OSError: WeasyPrint is there but the Pango library is not
        raise PdfUnavailable(str(exc)) from None


def _weasyprint() -> ModuleType:
    """Import WeasyPrint, without its English warning on a machine with no font: press says that in Chinese."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", r"(No fonts configured|FontConfig cannot load).*", UserWarning)
        import weasyprint
    return weasyprint


def make_pdfs(jobs: list[PdfJob], workers: int | None = None, progress: bool = False,
              render: Callable[[PdfJob], PdfOutcome] | None = None) -> Iterator[PdfOutcome]:
    """Yield the outcome of every job as it finishes, each made in a worker process (several with several cores).

    WeasyPrint runs in workers so that its crash (Pango or a font can kill the process) costs one page,
    reported by name: the pages being made when a worker died are made again one by one, alone, and
    the one that dies again is the one reported; the others go on in a new pool.
    """
    workers = min(workers or os.cpu_count() or 1, len(jobs))
    outcomes = _surviving(jobs, workers, render or make_pdf)
    yield from counted(outcomes, len(jobs), PROGRESS_LABEL, progress and bool(jobs))


def _surviving(jobs: list[PdfJob], workers: int, render: Callable[[PdfJob], PdfOutcome]) -> Iterator[PdfOutcome]:
    with tempfile.TemporaryDirectory(prefix="honours-pdf-") as scratch:
        rounds = (Path(scratch, str(number)) for number in itertools.count())
        remaining, crashes = jobs, 0  # crashes: pages in a row that killed their worker when made alone
        while remaining:
            left, running = yield from _pooled(remaining, workers, render, next(rounds))
            if left and not running:  # a worker died before its first page: every new one would too
                yield from (PdfOutcome(job.page_path, None, failures=(CRASHED,)) for job in left)
                return
            for job in running:
                alone = [job]  # not tried once as many crashed in a row: it would crash too
                if crashes < _GIVE_UP:
                    alone, _ = yield from _pooled([job], 1, render, next(rounds))
                crashes = crashes + 1 if alone else 0
                if alone:
                    yield PdfOutcome(job.page_path, None, failures=(CRASHED,))
            suspects = {id(job) for job in running}
            remaining = [job for job in left if id(job) not in suspects]
            if crashes >= _GIVE_UP:  # WeasyPrint dies on every page (a broken Pango, a font): say so for each now
                yield from (PdfOutcome(job.page_path, None, failures=(CRASHED,)) for job in remaining)
                return


_GIVE_UP = 3  # pages in a row that crash alone: then every page would, and each would cost a new process


def _pooled(jobs: list[PdfJob], workers: int, render: Callable[[PdfJob], PdfOutcome],
            started: Path) -> Generator[PdfOutcome, None, tuple[list[PdfJob], list[PdfJob]]]:
    """Yield the outcomes of the jobs until a worker dies; return the jobs not done, and which of them had started."""
    started.mkdir()
    done: set[int] = set()
    # Forked where the system can (as the page renderers are): a worker starts with WeasyPrint already
    # imported and its fonts found, where a spawned one spends a second on that before its first page.
    with ProcessPoolExecutor(workers, mp_context=pool_context("fork")) as pool:
        futures = {pool.submit(_marked, render, job, str(started / str(number))): number
                   for number, job in enumerate(jobs)}
        for future in as_completed(futures):
            failure = future.exception()
            if isinstance(failure, BrokenProcessPool):
                continue
            done.add(number := futures[future])
            # WeasyPrint raising (not crashing) on one page: an error naming it, as for a file it cannot load.
            yield future.result() if failure is None else \
                PdfOutcome(jobs[number].page_path, None, failures=(f"{type(failure).__name__}: {failure}",))
    left = [number for number in range(len(jobs)) if number not in done]
    return [jobs[n] for n in left], [jobs[n] for n in left if (started / str(n)).exists()]


def _marked(render: Callable[[PdfJob], PdfOutcome], job: PdfJob, marker: str) -> PdfOutcome:
    """Make a PDF in a worker, leaving a mark that it started: if the worker dies, the mark names its page."""
    Path(marker).touch()
    return render(job)


def make_pdf(job: PdfJob) -> PdfOutcome:
    """Return the PDF of one page; WeasyPrint's complaints become the outcome's findings."""
    weasyprint = _weasyprint()
    findings = _Findings()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(findings)
    try:
        document = weasyprint.HTML(string=job.html, base_url=SITE_URL + job.page_path,
                                   url_fetcher=_fetcher_class()(job.resources), media_type="print")
        pdf = document.write_pdf()
    finally:
        logger.removeHandler(findings)
    return PdfOutcome(job.page_path, pdf, tuple(dict.fromkeys(findings.missing)), tuple(findings.failures))


@functools.cache
def _fetcher_class() -> type:
    """Return the fetcher class; made on first use, as WeasyPrint is imported only when PDFs are made."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class SiteFetcher(URLFetcher):
        """Serve the site's own files; refuse everything else (no network, no other files)."""

        def __init__(self, resources: dict[str, str]) -> None:
            super().__init__(allowed_protocols=("file",))
            self._resources = resources

        def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
            if not url.startswith(SITE_URL):
                raise ValueError(f"{OUTSIDE_SITE}：{url}")
            site_path = urllib.parse.unquote(url[len(SITE_URL):].split("#")[0].split("?")[0])
            path = self._resources.get(site_path)
            if path is None:
                raise FileNotFoundError(f"网站中没有 {site_path}")
            with open(path, "rb") as file:
                body = file.read()
            kind = mimetypes.guess_type(site_path)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body, {"Content-Type": kind})

    return SiteFetcher


_MISSING = re.compile(r"unsupported by fonts")
_FAILED = re.compile(r"^Failed to (load|render)")


class _Findings(logging.Handler):
    """Collect what WeasyPrint reports while rendering one page: missing glyphs and files it could not load."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.missing: list[str] = []
        self.failures: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if _MISSING.search(record.msg) and record.args:
            self.missing.append(str(record.args[0]))
        elif _FAILED.search(record.msg):
            self.failures.append(record.getMessage())
