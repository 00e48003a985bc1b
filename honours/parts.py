"""One part of a site made in memory (its pages, photos, PDFs and search files), ready to publish.

A build makes the whole site, and its traditional edition from the same records; `archive` makes a
campaign year. Each part goes through the same stages: plan → render the printable pages → photos →
print (PDFs) → render the other pages, which link the PDFs → photos → search. A page whose inputs
are unchanged since the part's last build is kept as it is in output/ (render/reuse.py).
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .derive import prepare_orderings
from .hints import command
from .errors import BuildFailed, Problems
from .model.site import Site, source_of
from .photos import PhotoPipeline
from .print import share
from .print.archival import describe
from .print.press import Printing, press, select
from .print.shelf import PdfShelf
from .render import feeds, urls
from .render.aliases import redirect_pages
from .render.attachments import Attachments
from .render.pages import PRINT, Page, plan_pages
from .render.media import photo_fingerprint
from .render.digests import Digests
from .render.fingerprints import Fingerprints
from .render.reads import ATTACHMENT, Key, Media, NotedSite, ask_attachments, remembered
from .render.rendering import Rendered, Rendering, render_pages
from .render.reuse import PageState, PreviousBuild
from .render.theme import make_environment
from .run import Interrupted, Part, Run
from .search import Pagefind, SearchShelf
from .search.entries import main_text
from .write import Contents, Stamp


_ORDERINGS = "orderings.pickle"  # in a part's state: the keys its honour lists were ordered by
_FEED = b"feed"  # the feed's own digest, as a page's: what it is made by (code, settings) is in the engine key


@dataclass(frozen=True, slots=True)
class Made:
    """A part made in memory: what to publish, what it counts, and what to do once it is published."""

    folder: str  # its sub-folder of output/ ("" for the site itself)
    contents: Contents
    pages: int
    rendered: int
    photos_made: int
    pdfs_made: int
    finish: Callable[[dict[str, Stamp]], None]  # given the stamps of the part's files once published
    attachments: int = 0  # files bodies link, published among `contents.files` with the photos

    @property
    def photos(self) -> int:
        """Return how many image files of photos the part publishes."""
        return len(self.contents.files) - self.attachments


def make_part(site: Site, part: Part, run: Run) -> Made:
    """Return a part of `site` made in memory; BuildFailed with every problem found, Interrupted for a newer edit."""
    return _Making(site, part, run).make()


class _Making:
    """The stages of making one part, each a small step over what the part has so far."""

    def __init__(self, site: Site, part: Part, run: Run) -> None:
        self.site, self.part, self.run = site, part, run
        # The edition is made from records the site's build has checked: its problems repeat the site's.
        self.problems = run.problems if part.edition is None else Problems()
        self.pdfs = run.options.pdfs if part.edition is None else dataclasses.replace(run.options.pdfs, make=False)
        self.photos = PhotoPipeline(run.cache / "photos", self.problems, progress=run.options.progress and
                                    part.edition is None, site_root=site.config.root, print_warnings=self.pdfs.make)
        self.shelf = PdfShelf(part.pdfs, run.assets)
        self.pdf_links: dict[str, str] = {}  # printable page -> its PDF, once known: pages rendered after link it
        self.shares: dict[str, tuple[Path, ...]] = {}  # share page -> its images (长图), part by part
        self.attachments = Attachments(self.problems, run.cache)  # saved and pruned by the whole site's part
        self.media = Media(self.photos, self.pdf_links.get, self.attachments, self.share_images)
        self.noted = NotedSite(site, self.media)  # what every page is given, each with a recorder of its own
        self.fingerprints = Fingerprints(self.noted, Digests().of, lambda record: photo_fingerprint(self.photos, record))
        self.engine = run.engine + (part.edition.key if part.edition else b"")
        self.output = run.output / part.folder if part.folder else run.output
        self.existing = _existing(run.existing, part.folder, run.config.traditional_edition)
        self.previous = PreviousBuild(part.state, self.output, self.engine)
        self.env = make_environment(site.config, run.cache / "templates")
        self.rendered: dict[str, Rendered] = {}
        self.kept: dict[str, PageState] = {}
        self.feed_reads: tuple[Key, ...] | None = None  # what making the feed read; None if it was kept

    def make(self) -> Made:
        planned = [(page, self.fingerprints.page(page)) for page in plan_pages(self.site, self.part.pagefind)]
        printable = [(page, digest) for page, digest in planned if page.section == PRINT]
        # The printable pages render first when their PDFs are made or kept: the pages that link them must know
        # them. Otherwise nothing waits for the printing, and every page renders at once, in one pool of workers.
        at_once = not self.pdfs.make and self.shelf.empty
        prepare_orderings(self.site, self.part.state / _ORDERINGS, self.engine)
        self.render(planned if at_once else printable)
        photos_made = self.photos.run()  # the PDFs print the photos
        self.stop_on_errors()
        pdfs_made = self.print([page for page, _ in printable])
        if not at_once:
            self.render([(page, digest) for page, digest in planned if page.section != PRINT])
        # Photos are made even when a page failed, so one run reports every broken photo too.
        photos_made += self.photos.run()
        self.stop_on_errors()
        if not self.run.options.quick and self.run.options.interrupted():  # before the slow search bundle
            raise Interrupted()
        pages = [page for page, _ in planned]
        contents = self.contents(pages)
        if self.problems.fatal(self.run.options.strict):
            raise BuildFailed(self.problems)
        return Made(self.part.folder, contents, len(pages), len(self.rendered), photos_made, pdfs_made,
                    lambda stamps: self.finish(planned, stamps), len(self.attachments.published()))

    def render(self, pages: list[tuple[Page, bytes]]) -> None:
        """Render the pages whose inputs changed since the last build; keep the others as they are."""
        kept = {page.path: self.previous.pages[page.path] for page, digest in pages
                if self.previous.reusable(page.path, digest, self.fingerprints, self.existing)}
        self.kept.update(kept)
        self.photos.keep(set().union(*(state.photos for state in kept.values())))
        fresh = render_pages(Rendering(self.env, self.noted, self.complete), [page for page, _ in pages
                                                                             if page.path not in kept], self.problems)
        self.rendered.update(fresh)
        # Pages rendered in other processes asked for their attachments there: ask again here, where they are
        # published (their photos were handed over: render_pages); kept pages show theirs as last time.
        ask_attachments(self.noted, (key for r in fresh.values() for key in r.reads))
        ask_attachments(self.noted, self.previous.read_of_kind(ATTACHMENT, kept))

    def complete(self, page: Page, html: str) -> tuple[str, str | None]:
        """Return a page's HTML as published (converted, for the edition) and its search text, if search finds it."""
        if self.part.edition is not None:
            html = self.part.edition.markup(html)
        return html, main_text(html) if page.search else None

    def print(self, printable: list[Page]) -> int:
        """Key every printable page's PDF by its HTML, make those asked for and not made; return how many."""
        if not self.pdfs.make and self.shelf.empty:
            return 0  # no PDF to make or to publish: spare reading every printable page and hashing assets/
        printings = [Printing(page.path, self.html_of(page.path), _source_of(self.site, page),
                              describe(self.site, page) if self.pdfs.archival else None) for page in printable]
        for printing in printings:
            self.shelf.key(printing.page_path, printing.html, printing.description)
        made = self.press(printings) if self.pdfs.make else 0
        self.pdf_links.update({page.path: urls.pdf_of(page.path) for page in printable if self.shelf.file(page.path)})
        self.shares = share.share_parts(self.shelf, [page.path for page in printable if page.kind == "share"],
                                        self.run.cache / "share", self.pdfs.make)
        return made

    def share_images(self, path: str) -> tuple[str, ...]:
        """Return where a share page's images are published, part by part."""
        parts = self.shares.get(path, ())
        return tuple(urls.share_image(path, number, len(parts)) for number in range(1, len(parts) + 1))

    def press(self, printings: list[Printing]) -> int:
        chosen, unmatched = select([p.page_path for p in printings], self.pdfs.only)
        for pattern in unmatched:
            self.problems.error(None, None, "--only", f"没有可打印的页面与“{pattern}”相符",
                                f"用 {command('pdf', '--list', site=self.site.config.root)} 列出可打印的页面")
        if unmatched:
            raise BuildFailed(self.problems)
        resources = {**self.run.assets, **self.photos.published(), **self.attachments.published()}
        made = press(self.shelf, [p for p in printings if p.page_path in set(chosen)], resources, self.problems,
                     self.run.options.progress)
        self.stop_on_errors()
        return made

    def contents(self, pages: list[Page]) -> Contents:
        """Return what the part publishes: its pages (rendered, kept, made from the whole site), search, files."""
        edition = self.part.edition
        pagefind = Pagefind.NONE if not self.part.pagefind else Pagefind.KEEP if self.run.options.quick \
            else Pagefind.REMAKE
        shelf = SearchShelf(self.part.state / "search", self.engine, self.problems, edition.text if edition else None)
        search = shelf.files(self.site, pages, {path: r.text for path, r in self.rendered.items() if r.text is not None},
                             self.html_of, pagefind, self.existing)
        generated = redirect_pages(self.site, pages) | feeds.site_files(self.site, pages) | self.feed()
        if edition is not None:  # robots.txt counts only at a server's top folder: the simplified site's
            generated = {path: edition.markup(text, xml=path.endswith(".xml")) for path, text in generated.items()
                         if path != feeds.ROBOTS}
        documents = {urls.pdf_of(path): file for path in self.pdf_links if (file := self.shelf.file(path))}
        documents |= {image: file for path, parts in self.shares.items()
                      for image, file in zip(self.share_images(path), parts)}
        kept = tuple(self.kept) + search.kept + ((feeds.FEED,) if self.feed_reads is None else ())
        return Contents({path: r.html for path, r in self.rendered.items()} | generated | search.written, kept,
                        self.photos.published() | self.attachments.published(), self.run.assets, documents)

    def feed(self) -> dict[str, str]:
        """Return the Atom feed made now, or nothing if output/ holds it as it would be made: like a page, it is
        kept while nothing it read changed (`feed_reads`: what making it read)."""
        if self.previous.reusable(feeds.FEED, _FEED, self.fingerprints, self.existing):
            return {}
        noted = self.noted.for_page()
        made = feeds.atom_feed(noted)
        self.feed_reads = remembered(noted.recorder.keys)
        return {feeds.FEED: made}

    def finish(self, planned: list[tuple[Page, bytes]], stamps: dict[str, Stamp]) -> None:
        """Remember what each page was drawn from, for the next build; prune what the part owns."""
        if self.part.prunes_photos:
            self.photos.prune()
            self.attachments.save()
        if self.part.prunes_pdfs:
            self.shelf.prune(page.path for page, _ in planned if page.section == PRINT)
            share.prune(self.run.cache / "share", (self.shelf.keys[path] for path in self.shares))
        states = {page.path: self._state(page.path, digest, stamps[page.path]) for page, digest in planned}
        if feeds.FEED in stamps:
            kept = self.feed_reads is None
            states[feeds.FEED] = (_FEED, self.previous.keys_of(feeds.FEED) if kept else self.feed_reads,
                                  stamps[feeds.FEED], ())
        self.previous.save(states, self.fingerprints)

    def _state(self, path: str, digest: bytes, stamp: Stamp) -> tuple[bytes, tuple[Key, ...], Stamp, tuple[str, ...]]:
        """Return what to remember of a page: its digest, the keys it read, its file's stamp and its photo files."""
        kept = self.kept.get(path)
        if kept is not None:
            return kept.page, self.previous.keys_of(path), stamp, kept.photos
        rendered = self.rendered[path]
        return digest, rendered.reads, stamp, rendered.photos

    def html_of(self, path: str) -> str:
        """Return a page's HTML: as rendered in this build, or as the last build left it in output/ (kept)."""
        return self.rendered[path].markup if path in self.rendered else (self.output / path).read_text(encoding="utf-8")

    def stop_on_errors(self) -> None:
        if self.problems.errors:
            raise BuildFailed(self.problems)


def _existing(existing: dict[str, Stamp], folder: str, edition: str | None) -> dict[str, Stamp]:
    """Return the files of output/ that are a part's, by their paths inside its folder: an edition's own, or
    the site's (all but the edition's)."""
    if folder:
        return {path[len(folder) + 1:]: stamp for path, stamp in existing.items() if path.startswith(folder + "/")}
    return existing if edition is None else {path: s for path, s in existing.items() if not path.startswith(edition + "/")}


def _source_of(site: Site, page: Page) -> Path | None:
    """Return the record file a printable page shows, where its print problems are reported."""
    source = source_of(site, page.record)
    return source.path if source is not None else None
