"""Render printable pages to PDF with WeasyPrint, in worker processes, reading only the site's own files.

WeasyPrint is imported here only, when PDFs are asked for: a site builds without it (and without
the Pango library it needs). Every file a page loads is looked up among the site's assets and
photos; nothing is fetched from the network or from elsewhere on disk.
"""
from __future__ import annotations

import functools
import logging
import mimetypes
import multiprocessing
import os
import re
import urllib.parse
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass

from ..progress import counted

# Pages are rendered as if they stood at this made-up place, so every link they make is ours to resolve.
SITE_URL = "file:///honours-site/"
PROGRESS_LABEL = "生成 PDF"
OUTSIDE_SITE = "不是网站内的文件"


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
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as exc:  # OSError: WeasyPrint is there but the Pango library is not
        raise PdfUnavailable(str(exc)) from None


def make_pdfs(jobs: list[PdfJob], workers: int | None = None, progress: bool = False) -> Iterator[PdfOutcome]:
    """Yield the outcome of every job as it finishes; several at once on a machine with several cores."""
    workers = min(workers or os.cpu_count() or 1, len(jobs))
    if workers <= 1:
        outcomes: Iterator[PdfOutcome] = map(make_pdf, jobs)
    else:
        # "spawn", as for photos: the same on every system, and no lock copied half-taken.
        outcomes = _pooled(ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")), jobs)
    yield from counted(outcomes, len(jobs), PROGRESS_LABEL, progress and bool(jobs))


def _pooled(pool: ProcessPoolExecutor, jobs: list[PdfJob]) -> Iterator[PdfOutcome]:
    with pool:
        for future in as_completed([pool.submit(make_pdf, job) for job in jobs]):
            yield future.result()


def make_pdf(job: PdfJob) -> PdfOutcome:
    """Return the PDF of one page; WeasyPrint's complaints become the outcome's findings."""
    import weasyprint

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
