"""One build at a time per site: a second one (a double click, or `build` typed while `serve` builds) waits.

Two builds at once would share the cache and output/: each could publish half of what the other made,
or save a cache entry from the other's unfinished work. The lock is the operating system's lock on a
file in the cache folder, so it is released when its build ends in any way, a crash or a kill included,
and a lock file left behind never blocks a later build.
"""
from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

if os.name == "nt":
    import msvcrt

    def _try_lock(descriptor: int) -> bool:
        try:
            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)  # the file's first byte stands for the whole site
            return True
        except OSError:
            return False
else:
    import fcntl

    def _try_lock(descriptor: int) -> bool:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False

LOCK_FILE = "build.lock"
_POLL_SECONDS = 0.2


@contextmanager
def one_build(cache: Path, waiting: Callable[[], None]) -> Iterator[None]:
    """Hold the site's build lock while the block runs; if another build holds it, call `waiting` once and wait."""
    cache.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(cache / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        if not _try_lock(descriptor):
            waiting()
            while not _try_lock(descriptor):
                time.sleep(_POLL_SECONDS)
        yield  # closing the file below releases the lock, on every system
    finally:
        os.close(descriptor)
