"""Render pages with their templates, noting what each read; template mistakes reported at their line.

Many pages are rendered across all cores: worker processes forked from the build (so they share its
records, templates and photos as they are, without copying them over), each taking the next batch of
pages as it finishes one. A record's pages stay in one batch (a campaign's roll, its awards' rolls,
certificates and screens), so what they repeat is drawn once (`once` in render/theme.py). Each page is
finished where it is rendered: converted for the traditional edition and its search text taken, so
that work is spread over the cores too.
"""
from __future__ import annotations

import dataclasses
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import jinja2

from .. import collector
from ..errors import Problem, Problems
from ..processes import forks
from .pages import Page
from .reads import Handed, Key, NotedSite, remembered

# Forking and the workers' start cost about a tenth of a second: fewer pages render sooner in the build itself.
PARALLEL_FROM = 100
BATCH = 32  # pages a worker takes at a time, more if one record has more: small enough to share out evenly


@dataclass(frozen=True, slots=True)
class Rendered:
    """A page's HTML (UTF-8, as published), what its template read from the site to draw it, its search
    text (if search finds it) and the files of the photos it shows.

    Kept for the whole build, ten thousand pages and millions of reads: the HTML as bytes takes about half the
    memory of a str that holds a Chinese character, and each read key is one object shared by every page of a
    process that read it (`_KEYS`), pickled once a batch rather than once a page.
    """

    html: bytes
    reads: tuple[Key, ...]
    text: str | None = None
    photos: tuple[str, ...] = ()

    @property
    def markup(self) -> str:
        return self.html.decode("utf-8")


# What a page's HTML becomes once rendered (the edition's conversion), and its search text (None if not searched).
Finish = Callable[[Page, str], tuple[str, str | None]]


@dataclass(frozen=True, slots=True)
class Rendering:
    """What rendering pages takes: the templates, the site each page is given, and how a page is finished."""

    env: jinja2.Environment
    site: NotedSite
    finish: Finish


def render_pages(rendering: Rendering, pages: list[Page], problems: Problems) -> dict[str, Rendered]:
    """Return every page rendered; a template error is reported against the template, not raised.

    Each page is given the site noting what it reads (`site.for_page()`), so a rebuild knows what it showed.
    """
    workers = _workers(len(pages))
    if workers < 2:
        return _render(rendering, pages, problems)
    for name in dict.fromkeys(page.template for page in pages):  # compiled once, here: the workers inherit them
        try:
            _compile(rendering.env, name, problems)
        except jinja2.TemplateError:
            pass  # reported with the page that uses the template
    if problems.errors:
        return {}
    global _JOB
    _JOB = (rendering, pages)
    # Frozen, the build's objects are shared with the workers rather than copied into each (collector.py).
    with collector.frozen():
        try:
            with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                                     initializer=_start_worker) as pool:
                done = list(pool.map(_render_batch, *zip(*_batches(pages))))
        finally:
            _JOB = None
    rendered: dict[str, Rendered] = {}
    files: dict[str, str] = {}  # each photo file's path once: every batch sends its own copies (14 MB on 10k people)
    for found, reported, handed in done:
        for path, page in found.items():
            shown = tuple(files.setdefault(file, file) for file in page.photos)
            rendered[path] = dataclasses.replace(page, photos=shown) if shown else page
        rendering.site.take_over(handed)  # the photos its pages asked for, made by this process, and summaries
        problems.items.extend(problem for problem in reported if problem not in problems.items)
    return {page.path: rendered[page.path] for page in pages if page.path in rendered}


def _batches(pages: list[Page]) -> list[tuple[int, int]]:
    """Return the pages cut into batches (start, end) of at least BATCH pages, never between two pages of one
    record; the batches with a record's many pages (the slowest) first, so that no worker is left with one."""
    batches, start = [], 0
    for end in range(1, len(pages) + 1):
        if end == len(pages) or (end - start >= BATCH and pages[end].record is not pages[end - 1].record):
            batches.append((start, end))
            start = end
    return sorted(batches, key=lambda batch: -_longest_run(pages[batch[0]:batch[1]]))


def _longest_run(pages: list[Page]) -> int:
    """Return how many pages of one record follow one another at most in `pages`."""
    longest = run = 0
    for before, page in zip([None, *pages], pages):
        run = run + 1 if before is not None and page.record is not None and page.record is before.record else 1
        longest = max(longest, run)
    return longest


def _workers(pages: int) -> int:
    """Return how many processes should render this many pages: all cores for many, none but this one for few."""
    if pages < PARALLEL_FROM or not forks():  # the workers inherit the prepared templates: fork only
        return 1
    return min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1, 8)


_JOB: tuple[Rendering, list[Page]] | None = None  # what a forked worker renders: set just before forking
_KEYS: dict[Key, Key] = {}  # each read key once in this process, whichever page read it


def _start_worker() -> None:
    """Start a worker with nothing yet asked of the photos: what the build asked before forking, it holds."""
    assert _JOB is not None, "set before the workers were forked"
    _JOB[0].site.hand_over()


def _render_batch(start: int, end: int) -> tuple[dict[str, Rendered], list[Problem], Handed]:
    """Render the pages from `start` to `end` (in a worker); return them, what went wrong, and what they asked of
    the photos and the summaries they worked out."""
    assert _JOB is not None, "set before the workers were forked"
    rendering, pages = _JOB
    problems = Problems()
    return _render(rendering, pages[start:end], problems), problems.items, rendering.site.hand_over()


def _render(rendering: Rendering, pages: list[Page], problems: Problems) -> dict[str, Rendered]:
    rendered = {}
    for before, page in zip([None, *pages], pages):
        if before is not None and page.record is not before.record:
            rendering.site.forget_fragments()  # the pages that repeat them are rendered: spare the memory
        try:
            template = _compile(rendering.env, page.template, problems)
            if template is None:
                break
            noted = rendering.site.for_page()
            rendering.env.reading = noted.recorder  # the bodies the templates read (render/theme.py)
            try:
                html, text = rendering.finish(page, template.render(page.context(noted)))
            finally:
                rendering.env.reading = None
            reads = tuple(_KEYS.setdefault(key, key) for key in remembered(noted.recorder.keys))
            rendered[page.path] = Rendered(html.encode("utf-8"), reads, text, noted.shown_photos(noted.recorder.keys))
        except jinja2.TemplateSyntaxError as exc:  # in a template it includes
            problems.error(_template_path(exc.filename, page.template), exc.lineno, None,
                           f"模板语法错误：{exc.message}", "检查模板中 {{ }} 与 {% %} 是否成对")
            break
        except jinja2.TemplateError as exc:
            line, name = _template_line(exc)
            problems.error(_template_path(name, page.template), line, None,
                           f"模板出错（渲染 {page.path} 时）：{exc}", "检查模板中用到的变量名是否正确")
            break
    return rendered


def _compile(env: jinja2.Environment, name: str, problems: Problems) -> jinja2.Template | None:
    """Return a template, compiled; None after reporting a syntax error at its line."""
    try:
        return env.get_template(name)
    except jinja2.TemplateSyntaxError as exc:
        problems.error(_template_path(exc.filename, name), exc.lineno, None,
                       f"模板语法错误：{exc.message}", "检查模板中 {{ }} 与 {% %} 是否成对")
        return None


def _template_path(filename: str | None, fallback: str) -> Path:
    return Path(filename) if filename else Path("templates") / fallback


def _template_line(exc: Exception) -> tuple[int | None, str | None]:
    """Return the template file and line an error happened at, from the traceback Jinja rewrote."""
    tb = exc.__traceback__
    found: tuple[int | None, str | None] = (None, None)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".html"):
            found = (tb.tb_lineno, filename)
        tb = tb.tb_next
    return found
