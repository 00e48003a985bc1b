"""Files a build keeps or publishes: telling an unchanged file, writing atomically, saving state for next time.

A file counts as unchanged while its size, times and inode are (as git decides). A stamp taken
shortly before the cache was saved cannot be trusted, though: a second edit within the same
timestamp tick could keep every part of it ("racy" in git's words). Timestamps on FAT and some
network shares are 2 s coarse, so anything changed within RACY_NS of saving is checked again.
"""
from __future__ import annotations

import dataclasses
import functools
import inspect
import io
import logging
import operator
import os
import pickle
import tempfile
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import collector
from .errors import reason

log = logging.getLogger(__name__)

Stamp = tuple[int, int, int, int]
RACY_NS = 3_000_000_000


def stamp_of(stat: os.stat_result) -> Stamp:
    """Return what must be unchanged for a file's content to be taken as unchanged."""
    return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)


def changed_at(stamp: Stamp) -> int:
    """Return when the stamped file last changed, its content or its times."""
    return max(stamp[1], stamp[2])


def settled(changed_at_ns: int, saved_at_ns: int) -> bool:
    """Return whether a file that changed at `changed_at_ns` can be judged by a stamp saved at `saved_at_ns`."""
    return changed_at_ns < saved_at_ns - RACY_NS


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _umask()


def _written_beside(path: Path, data: bytes) -> str:
    """Write `data` to a temporary file beside `path`, readable as published files are; return its name."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name.split('-')[0]}-", suffix=".tmp")
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(path)) from exc
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        # mkstemp makes the file private (0600); published pages must be readable by the web server.
        os.chmod(temp, 0o666 & ~_UMASK)
    except BaseException as exc:
        Path(temp).unlink(missing_ok=True)
        if isinstance(exc, OSError):  # named by the file meant, not by the temporary one (or none: a full disk)
            raise OSError(exc.errno, exc.strerror, str(path)) from exc
        raise
    return temp


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that the final name never holds a partial file."""
    temp = _written_beside(path, data)
    try:
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def write_new(path: Path, data: bytes) -> None:
    """Write `data` to `path` only if no file is there, even one made a moment ago (else FileExistsError).

    As with write_atomic, the name never holds a partial file: the data is written under a temporary name
    first. That is then linked to `path`, which, unlike os.replace, fails when the name is taken. Where hard
    links are not supported (FAT, some network shares), the file is created exclusively and written in place.
    """
    temp = _written_beside(path, data)
    try:
        try:
            os.link(temp, path)
        except FileExistsError:
            raise
        except OSError:
            _create_exclusively(path, data)
    finally:
        Path(temp).unlink(missing_ok=True)


def _create_exclusively(path: Path, data: bytes) -> None:
    with open(path, "xb") as stream:  # FileExistsError if the name is taken: nothing of the other file is touched
        try:
            stream.write(data)
        except BaseException:
            stream.close()
            path.unlink(missing_ok=True)  # ours, and partial
            raise


class _StatePickler(pickle.Pickler):
    """Pickles a slotted dataclass (records, reads, references: a hundred thousand in a large site's
    state) with its fields as a tuple. Python's own way asks dataclasses.fields() for every object, both
    ways, which took most of the time of saving and of loading a state."""

    getters: dict[type, Callable[[Any], tuple[Any, ...]] | None] = {}

    def reducer_override(self, obj: Any) -> Any:
        cls = type(obj)
        getter = self.getters.get(cls, False)
        if getter is False:
            getstate = getattr(cls, "__getstate__", None)  # dataclass(slots=True) gives this one
            plain = getattr(getstate, "__qualname__", "") == "_dataclass_getstate"
            getter = self.getters[cls] = _getter(_names(cls)) if plain else None
        # The fields are set once the object is made and remembered, so objects may refer to each other.
        return NotImplemented if getter is None else (_new, (cls,), getter(obj), None, None, _set_fields)


def _getter(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    get = operator.attrgetter(*names)
    return get if len(names) > 1 else lambda obj: (get(obj),)


@functools.cache
def _names(cls: type) -> tuple[str, ...]:
    return tuple(field.name for field in dataclasses.fields(cls))


def _new(cls: type) -> Any:
    return object.__new__(cls)


def _set_fields(obj: Any, values: tuple[Any, ...]) -> None:
    """Set the fields of an object _StatePickler pickled (frozen or not, as its __setstate__ would)."""
    for set_field, value in zip(_setters(type(obj)), values):
        set_field(obj, value)


@functools.cache
def _setters(cls: type) -> tuple[Callable[[Any, Any], None], ...]:
    """Return what sets each field of a class: its slot's own setter, a third quicker than object.__setattr__."""
    return tuple(_setter(cls, name) for name in _names(cls))


def _setter(cls: type, name: str) -> Callable[[Any, Any], None]:
    slot = inspect.getattr_static(cls, name, None)
    if isinstance(slot, types.MemberDescriptorType):
        return slot.__set__
    return lambda obj, value: object.__setattr__(obj, name, value)


# The large states a long-running process (serve) loaded or saved, each with its file's stamp then: its next
# build takes one from memory while the file is still that one, sparing the unpickling (a 10,000-person
# site's records and pages: a third of a second). None in a build's own process, which loads each once.
_resident: dict[Path, tuple[Stamp, int, Any]] | None = None


def keep_resident() -> None:
    """Keep the states loaded and saved with `resident` in memory from now on (see _resident)."""
    global _resident
    if _resident is None:
        _resident = {}


def load_state(path: Path, version: int, resident: bool = False) -> Any:
    """Return the state saved in `path` by this version of the cache, or None (missing, older or damaged).

    A `resident` state comes from memory while its file is unchanged (keep_resident): its holder must not
    change it, as it must not change one it saved."""
    kept = _resident.get(path) if resident and _resident is not None else None
    try:
        if kept is not None and kept[1] == version and stamp_of(os.stat(path)) == kept[0]:
            return kept[2]
        with collector.paused(), path.open("rb") as stream:  # many small objects, none in a cycle: a third faster
            saved_version, state = pickle.load(stream)
            stamp = stamp_of(os.fstat(stream.fileno()))
    except Exception:  # a cache is only ever a shortcut: when in doubt, do the work
        return None
    if saved_version != version:
        return None
    if resident and _resident is not None:
        _resident[path] = (stamp, version, state)
    return state


def state_bytes(state: Any) -> bytes:
    """Return `state` pickled as save_state pickles it (pickle.loads reads it back)."""
    stream = io.BytesIO()
    _StatePickler(stream, protocol=pickle.HIGHEST_PROTOCOL).dump(state)
    return stream.getvalue()


def save_state(path: Path, version: int, state: Any, resident: bool = False) -> None:
    """Save `state` for the next build; a cache that cannot be written only costs time next time. A `resident`
    state is kept in memory too (see load_state)."""
    if _resident is not None:
        _resident.pop(path, None)
    try:
        write_atomic(path, state_bytes((version, state)))
        if resident and _resident is not None:  # the build lock keeps other writers away until it is stamped
            _resident[path] = (stamp_of(os.stat(path)), version, state)
    except OSError as exc:
        # Logged, so a user sees it in their language; nothing is lost but the time to redo the work.
        log.warning("警告 缓存文件 %s: 无法保存（%s）— 下次构建会慢一些；检查磁盘空间", path, reason(exc))


class KeptResults:
    """What a build worked out, by key, kept in a file for the next build while what works it out (`code`: a
    digest of the code, or of the settings it reads) is the same: `known` is the last build's, `used` this
    build's, saved only if they differ (a build that worked out nothing new writes nothing)."""

    def __init__(self, path: Path | None, version: int, code: bytes) -> None:
        self.path, self.version, self.code = path, version, code
        saved = load_state(path, version) if path is not None else None
        self.known: dict[Any, Any] = saved[1] if saved is not None and saved[0] == code else {}
        self.used: dict[Any, Any] = {}

    def save(self) -> None:
        if self.path is not None and (self.used.keys() != self.known.keys() or any(
                self.known[key] is not value for key, value in self.used.items())):
            save_state(self.path, self.version, (self.code, self.used))
