"""Which pages of the previous build would render to the same bytes, so they need not be rendered again.

A page is reused when nothing it was drawn from changed: the engine, the templates and the settings
(one `engine_key` for the whole site), the page itself, and every record, table, query and
photo its template read (see `render/reads.py`), each compared by digest. Its file in output/ must
also be exactly as this build's predecessor wrote it. Anything else renders again, so a change the
reads do not see costs time, never correctness; the tests compare incremental and cold builds.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from ..cachefiles import load_state, save_state
from ..config import SiteConfig
from ..write import Stamp
from .pages import Page
from .reads import Digests, Key, NotedSite, Recorder, answer

_FILE = "pages.pickle"
_VERSION = 3
ENGINE_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True, slots=True)
class PageState:
    """What one page was drawn from, by digest, and the stamp of the file it was written to."""

    page: bytes
    reads: tuple[tuple[Key, bytes], ...]
    stamp: Stamp


class Answers:
    """The digest of what each read key gives in this build, worked out once per key."""

    def __init__(self, site: NotedSite) -> None:
        # Asking for a picture again also queues its photo, which a reused page still shows.
        self._site = site
        self._values = Digests()
        self._digests: dict[Key, bytes] = {}

    def digest(self, key: Key) -> bytes:
        found = self._digests.get(key)
        if found is None:
            found = self._digests[key] = self._values.of(answer(self._site, key))
        return found

    def page(self, page: Page) -> bytes:
        """Return the digest of the page itself: its place, what it is, its template, title, record and view."""
        return self._values.of((page.path, page.kind, page.template, page.title, page.section, page.nav,
                                page.record, page.view, page.search))


def engine_key(config: SiteConfig, template_folders: list[Path]) -> bytes:
    """Return a digest of everything every page depends on: engine code and data, templates, settings."""
    hasher = hashlib.blake2b(digest_size=16)
    for folder in [ENGINE_ROOT, *template_folders]:
        if not folder.is_dir():
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            hasher.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    hasher.update(repr(config).encode("utf-8", "surrogatepass"))
    return hasher.digest()


class PreviousBuild:
    """The pages the last successful build wrote into one output folder, and what each was drawn from."""

    def __init__(self, cache: Path, output: Path, engine: bytes) -> None:
        self._file = cache / _FILE
        self._output = str(output.resolve())
        self._engine = engine
        output_seen, engine_seen, pages = load_state(self._file, _VERSION) or (None, None, {})
        # Pages written into another folder, or drawn by other code, templates or settings: render them all.
        self.pages: dict[str, PageState] = pages if (output_seen, engine_seen) == (self._output, engine) else {}

    def reusable(self, page: Page, page_digest: bytes, answers: Answers, existing: dict[str, Stamp]) -> bool:
        """Return whether `page` would render to the bytes already in output/."""
        state = self.pages.get(page.path)
        if state is None or state.page != page_digest or existing.get(page.path) != state.stamp:
            return False
        return all(answers.digest(key) == seen for key, seen in state.reads)

    def save(self, pages: dict[str, PageState]) -> None:
        """Remember this build's pages for the next one."""
        save_state(self._file, _VERSION, (self._output, self._engine, pages))


def state_of(page_digest: bytes, reads: Recorder, answers: Answers, stamp: Stamp) -> PageState:
    """Return the state to remember for a page just rendered."""
    return PageState(page_digest, tuple((key, answers.digest(key)) for key in reads.keys), stamp)
