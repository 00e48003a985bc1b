"""Watching the site's files (watchdog), and one worker that rebuilds after each burst of changes."""
from __future__ import annotations

import logging
import os
import re
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from watchdog.events import (EVENT_TYPE_CREATED, EVENT_TYPE_DELETED, EVENT_TYPE_MODIFIED, EVENT_TYPE_MOVED,
                             FileSystemEvent, FileSystemEventHandler)
from watchdog.observers import Observer
from watchdog.observers.api import ObservedWatch

log = logging.getLogger(__name__)

# Opening and closing a file unwritten is not a change: the build itself reads every record.
_CHANGES = {EVENT_TYPE_CREATED, EVENT_TYPE_DELETED, EVENT_TYPE_MODIFIED, EVENT_TYPE_MOVED}
# What editors and file managers write beside a file while saving it or browsing its folder:
# vim's swap files and its 4913 probe, Emacs's lock and backup files, Office's ~$ owner files,
# temporary files, and the thumbnails and settings Windows Explorer and macOS Finder keep.
_SCRATCH = re.compile(r"(\.sw[a-px]|~|\.tmp|\.crdownload)$|^(\.#|~\$|#.*#$|4913$)"
                      r"|^(thumbs\.db|desktop\.ini|\.ds_store)$", re.IGNORECASE)


def is_scratch(path: Path) -> bool:
    """Return whether a file is an editor's or file manager's scratch file rather than part of the site."""
    return bool(_SCRATCH.search(path.name))


class SiteWatcher(FileSystemEventHandler):
    """Report each change to a file in the watched folders, or to a watched file, ignoring scratch files."""

    def __init__(self, on_change: Callable[[Path], None], ignored: Iterable[Path]) -> None:
        self._on_change = on_change
        self._ignored = [str(p) for p in ignored]  # output/ and the cache: the build writes there
        self._observer = Observer()
        self._observer.daemon = True
        self._watches: dict[Path, ObservedWatch] = {}
        self._folders: list[str] = []
        self._files: set[str] = set()

    def follow(self, folders: Iterable[Path], files: Iterable[Path]) -> None:
        """Watch these folders (with every sub-folder) and files, and no longer anything else."""
        folders = list(dict.fromkeys(f.resolve() for f in folders))
        files = list(dict.fromkeys(f.resolve() for f in files))
        wanted = {folder: True for folder in folders if folder.is_dir()}
        # A file, or a folder not made yet (a site's first templates/), is watched from the folder it is in.
        for path in [*files, *(f for f in folders if f not in wanted)]:
            wanted.setdefault(path.parent, False)
        for path in [p for p in self._watches if p not in wanted]:
            try:
                self._observer.unschedule(self._watches.pop(path))
            except (KeyError, OSError):  # the folder went, and its watch with it
                pass
        for path, recursive in wanted.items():
            if path not in self._watches and path.is_dir():
                self._watches[path] = self._observer.schedule(self, str(path), recursive=recursive)
        self._folders = [str(f) for f in folders]
        self._files = {str(f) for f in files}

    @property
    def watched(self) -> list[Path]:
        """Return the folders and files watched, those that exist."""
        return [Path(p) for p in [*self._folders, *sorted(self._files)] if Path(p).exists()]

    def start(self) -> None:
        self._observer.start()

    def stop(self) -> None:
        """Stop watching and wait for the watching thread to end."""
        self._observer.stop()
        self._observer.join(timeout=5)

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type not in _CHANGES or (event.is_directory and event.event_type == EVENT_TYPE_MODIFIED):
            return  # a folder is "modified" whenever a file in it is: the file's own event says which
        for raw in (event.src_path, getattr(event, "dest_path", "")):
            path = os.fsdecode(raw)
            if path and self._watched(path) and not is_scratch(Path(path)):
                self._on_change(Path(path))

    def _watched(self, path: str) -> bool:
        if any(_inside(path, ignored) for ignored in self._ignored):
            return False
        return path in self._files or any(_inside(path, folder) for folder in self._folders)


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


class Rebuilder:
    """One worker thread: it rebuilds once a burst of changes has settled, and once more for changes made meanwhile.

    `rebuild(paths)` returns whether work is left for a pause in the editing (`when_idle`), such as
    the search bundle: that runs once no change has come for `pause` seconds. It is given a check of
    whether a change has come meanwhile, and returns False if it stopped for one: it is owed again.
    """

    def __init__(self, rebuild: Callable[[list[Path]], bool], when_idle: Callable[[Callable[[], bool]], bool],
                 settle: float = 0.1, longest: float = 1.0, pause: float = 3.0) -> None:
        # Editors write a file in a few events within ~50 ms; a copied folder may take longer, but
        # waits no more than `longest`. The idle work (the search bundle) takes about as long as a
        # build: after a pause of some seconds it seldom holds up the next edit's build.
        self._rebuild, self._when_idle = rebuild, when_idle
        self._settle, self._longest, self._pause = settle, longest, pause
        self._pending: dict[Path, None] = {}  # in the order first seen
        self._first = self._last = 0.0  # when the burst began, when its latest change came
        self._idle_owed = False
        self._building = False
        self._stopping = False
        self._wake = threading.Condition()
        self._thread = threading.Thread(target=self._work, name="honours-serve-build", daemon=True)

    def start(self) -> None:
        self._thread.start()

    @property
    def building(self) -> bool:
        """Return whether a build is under way."""
        return self._building

    def changed(self, path: Path) -> None:
        """Note a changed file; the build starts once changes have stopped coming for a moment."""
        with self._wake:
            now = time.monotonic()
            if not self._pending:
                self._first = now
            self._pending[path] = None
            self._last = now
            self._wake.notify()

    def stop(self) -> bool:
        """Ask the worker to stop, wait for the build under way (if any); return whether idle work is still owed."""
        with self._wake:
            self._stopping = True
            self._wake.notify()
        if self._thread.is_alive():
            self._thread.join()
        return self._idle_owed

    def _work(self) -> None:
        while True:
            task = self._next_task()
            if task is None:
                return
            self._building = True
            try:
                task()
            except Exception:  # the tasks report their own failures; this keeps the worker alive regardless
                log.exception("rebuild failed")
            finally:
                self._building = False

    def _next_task(self) -> Callable[[], None] | None:
        """Wait for a settled burst of changes (or a pause owed idle work); return what to do, None to stop."""
        with self._wake:
            while not self._stopping:
                now = time.monotonic()
                if self._pending:
                    due = min(self._last + self._settle, self._first + self._longest)
                    if now >= due:
                        paths, self._pending = list(self._pending), {}
                        return lambda: self._after_rebuild(self._rebuild(paths))
                elif self._idle_owed:
                    due = self._last + self._pause
                    if now >= due:
                        self._idle_owed = False
                        return self._idle
                else:
                    due = None
                self._wake.wait(None if due is None else due - now)
            return None

    def _idle(self) -> None:
        if not self._when_idle(lambda: bool(self._pending)):
            with self._wake:
                self._idle_owed = True

    def _after_rebuild(self, idle_work_left: bool) -> None:
        with self._wake:
            self._idle_owed = idle_work_left  # a failed build owes nothing: the next good one will
            self._last = time.monotonic()
