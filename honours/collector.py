"""Python's cycle collector and a large site's model: millions of objects, none in a cycle, alive to the end of
the build, that every full collection would walk again.

Records are made (unpickled, or read) with the collector paused, and then frozen (gc.freeze): later
collections leave them alone, and so do those of forked workers, which would otherwise write to every
inherited object's header and copy the memory page it sits on. Frozen objects are given back to the
collector when the outermost `frozen` block ends: an inner block (the render workers' fork, inside the
build) freezes what is new and gives nothing back. A command's process freezes everything as it exits.
"""
from __future__ import annotations

import atexit
import contextlib
import gc
from collections.abc import Iterator

_depth = 0  # how many `frozen` blocks are open: builds run one at a time, even under serve


@contextlib.contextmanager
def paused(freeze: bool = False) -> Iterator[None]:
    """Keep the collector from running while the block makes many objects, and if `freeze`, freeze them after."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if collecting:
            gc.enable()


@contextlib.contextmanager
def frozen() -> Iterator[None]:
    """Freeze every object alive now, and give back what the block froze when the outermost such block ends."""
    global _depth
    gc.freeze()
    _depth += 1
    try:
        yield
    finally:
        _depth -= 1
        if not _depth:
            gc.unfreeze()


def spare_at_exit() -> None:
    """Freeze everything as the process exits: its objects go with it, spared the last collection Python makes,
    which would walk them all (about 0.2 s after a large site's build)."""
    atexit.register(gc.freeze)
