"""How worker processes start: the one place every pool asks, so Linux can run what Windows runs.

Windows (and macOS) start workers with `spawn`: a fresh interpreter that imports the module and
receives its job pickled. Linux also has `fork`, which starts a worker at once with everything the
build already has in memory. A pool says which it prefers; HONOURS_START_METHOD=spawn (or fork, or
forkserver) overrides that for every pool, so the tests can make a Linux build start its workers
as a Windows build does.
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import threading
from multiprocessing.context import BaseContext

START_METHOD_VARIABLE = "HONOURS_START_METHOD"

log = logging.getLogger(__name__)


def start_method(preferred: str = "fork") -> str:
    """Return the start method a pool should use: the variable's, else `preferred` where this system has it, else spawn."""
    available = multiprocessing.get_all_start_methods()
    asked = os.environ.get(START_METHOD_VARIABLE, "").strip().lower()
    if asked in available:
        return asked
    if asked:
        log.warning("%s=%s 无效（本机可用：%s），已忽略", START_METHOD_VARIABLE, asked, "、".join(available))
    return preferred if preferred in available else "spawn"


def pool_context(preferred: str = "fork") -> BaseContext:
    """Return the multiprocessing context a ProcessPoolExecutor should start its workers with."""
    return multiprocessing.get_context(start_method(preferred))


def forks() -> bool:
    """Return whether pools fork here: a pool whose workers inherit prepared state works only then."""
    return start_method("fork") == "fork"


def fork_if_alone() -> str:
    """Return "fork" while this process runs one thread, else "spawn": the start method for a pool of pure jobs.

    A forked child holds a copy of every lock as it was, but only the forking thread: a lock another thread held
    then stays taken in the child for good. With one thread there is none; `serve` builds beside its HTTP threads.
    """
    return "fork" if threading.active_count() == 1 else "spawn"
