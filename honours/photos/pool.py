"""Run jobs across all cores in worker processes, with a progress bar only on a terminal."""
from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool

from ..processes import fork_if_alone, pool_context
from ..progress import counted
from .messages import PROGRESS_LABEL, Fault, PhotoFailure
from .render import Job, JobOutcome, render_job


def run_jobs(jobs: Sequence[Job], workers: int | None, progress: bool) -> Iterator[JobOutcome]:
    """Yield the outcome of every job, as each finishes; a crashed worker fails only the jobs left."""
    count = min(len(jobs), workers or os.cpu_count() or 1)
    outcomes = _inline(jobs) if count <= 1 else _pooled(jobs, count)
    yield from counted(outcomes, len(jobs), PROGRESS_LABEL, progress)


def _inline(jobs: Sequence[Job]) -> Iterator[JobOutcome]:
    for job in jobs:
        yield render_job(job)


def _pooled(jobs: Sequence[Job], count: int) -> Iterator[JobOutcome]:
    # A job is plain data and its worker needs nothing of the build, so any start method makes the same bytes.
    # A spawned worker starts a fresh interpreter and imports the photo code and the build's main module again
    # (0.15–0.5 CPU-s each, before its first photo); a forked one starts at once, but is only safe with one thread.
    context = pool_context(fork_if_alone())
    with ProcessPoolExecutor(max_workers=count, mp_context=context) as pool:
        futures: dict[Future[JobOutcome], Job] = {pool.submit(render_job, job): job for job in jobs}
        for future in as_completed(futures):
            try:
                yield future.result()
            except BrokenProcessPool as exc:
                yield JobOutcome(futures[future].key, PhotoFailure(Fault.WORKER, str(exc) or "BrokenProcessPool"))
