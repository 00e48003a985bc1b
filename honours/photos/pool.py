"""Run jobs across all cores in worker processes, with a progress bar only on a terminal."""
from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from typing import TextIO

from .messages import PROGRESS_LABEL, Fault, PhotoFailure
from .render import Job, JobOutcome, render_job


def run_jobs(jobs: Sequence[Job], workers: int | None, progress: bool) -> Iterator[JobOutcome]:
    """Yield the outcome of every job, as each finishes; a crashed worker fails only the jobs left."""
    count = min(len(jobs), workers or os.cpu_count() or 1)
    bar = ProgressBar(len(jobs), sys.stderr) if progress and _is_terminal(sys.stderr) else None
    try:
        outcomes = _inline(jobs) if count <= 1 else _pooled(jobs, count)
        for outcome in outcomes:
            if bar:
                bar.advance()
            yield outcome
    finally:
        if bar:
            bar.close()


def _inline(jobs: Sequence[Job]) -> Iterator[JobOutcome]:
    for job in jobs:
        yield render_job(job)


def _pooled(jobs: Sequence[Job], count: int) -> Iterator[JobOutcome]:
    # "spawn" everywhere, so Linux runs exactly what Windows and macOS run, and no lock held by
    # another thread of the build is copied into a child half-taken.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=count, mp_context=context) as pool:
        futures: dict[Future[JobOutcome], Job] = {pool.submit(render_job, job): job for job in jobs}
        for future in as_completed(futures):
            try:
                yield future.result()
            except BrokenProcessPool as exc:
                yield JobOutcome(futures[future].key, PhotoFailure(Fault.WORKER, str(exc) or "BrokenProcessPool"))


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class ProgressBar:
    """A one-line bar redrawn in place: `照片 12/40 [#####     ]`."""

    def __init__(self, total: int, stream: TextIO, width: int = 30):
        self._total, self._stream, self._width, self._done = total, stream, width, 0
        self._draw()

    def advance(self) -> None:
        """Count one more job done and redraw."""
        self._done += 1
        self._draw()

    def close(self) -> None:
        """End the line so what is printed next starts on its own."""
        self._stream.write("\n")
        self._stream.flush()

    def _draw(self) -> None:
        filled = self._width * self._done // max(self._total, 1)
        bar = "#" * filled + " " * (self._width - filled)
        self._stream.write(f"\r{PROGRESS_LABEL} {self._done}/{self._total} [{bar}]")
        self._stream.flush()
