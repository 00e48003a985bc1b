"""The build, stage by stage: settings, records, model, pages, publish. Nothing is written unless all is well."""
from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import unchanged
from .archive import archive_name, write_zip, year_site
from .config import SiteConfig, load_config, overlapped_by_output
from .errors import BuildFailed, Problems
from .load.cache import ReadCache
from .load.files import load_records
from .model.assemble import assemble
from .model.site import Site
from .photos import PhotoPipeline
from .print import PdfShelf
from .print.press import name_of, press, select
from .render import feeds, urls
from .search import SearchShelf
from .render.aliases import redirect_pages
from .render.edition import Traditional, traditional_config
from .render.pages import PRINT_SECTION, Page, Rendered, plan_pages, render_pages
from .render.reuse import Answers, PreviousBuild, engine_key, state_of
from . import theme
from .render.theme import make_environment, template_folders
from .write import ARCHIVE_FOLDER, Published, Stamp, asset_inventory, inventory, publish

log = logging.getLogger(__name__)


class Interrupted(Exception):
    """A build that was not quick stopped for a newer edit; what it had published is whole."""


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What a build made, for the reporter."""

    site: Site | None  # None when the build was skipped: nothing had changed
    output: Path
    pages: int
    photos: int  # image files published
    photos_made: int  # of which made in this build (the rest came from the cache)
    problems: Problems
    pages_rendered: int = 0  # pages rendered in this build (the rest were unchanged)
    files_written: int = 0  # files written to output/ (the rest were already right)
    pdfs: int = 0  # PDFs published
    pdfs_made: int = 0  # of which made in this build
    edition: Path | None = None  # where the traditional edition is, if the site has one
    edition_written: int = 0  # files written to it in this build


def load_site(root: Path, problems: Problems, cache: ReadCache | None = None,
              config: SiteConfig | None = None) -> Site | None:
    """Return the validated site in `root`, or None with every problem recorded."""
    config = config or load_config(root, problems)
    if config is None:
        return None
    raws = load_records(config.content, problems, cache)
    return assemble(raws, config, problems)


CACHE_DIR = ".honours-cache"
EDITION_FOLDER = "edition"  # in the cache: what the traditional edition's build remembers


def check(root: Path, strict: bool = False, cache: Path | None = None) -> Problems:
    """Validate a site and render it in memory, writing nothing to output; return what was found.

    Photos are only probed (their headers read), not made: a photo that is corrupt past its
    header is found by `build`.
    """
    problems = Problems()
    site = load_site(root, problems)
    if site is not None:
        photos = PhotoPipeline((cache or root / CACHE_DIR) / "photos", problems, site_root=site.config.root,
                               print_warnings=False)
        render_pages(make_environment(site, photos), site, list(plan_pages(site)), problems)
    return problems


def printable_pages(root: Path, problems: Problems) -> list[str] | None:
    """Return the names of a site's printable pages (as `pdf --only` takes them), or None if it does not load."""
    site = load_site(root, problems)
    if site is None or problems.errors:
        return None
    return [name_of(page.path) for page in plan_pages(site) if page.section == PRINT_SECTION]


def build(root: Path, strict: bool = False, output: Path | None = None, cache: Path | None = None,
          progress: bool = False, pdfs: tuple[str, ...] | None = None, quick: bool = False,
          interrupted: Callable[[], bool] = lambda: False) -> BuildResult:
    """Build the site in `root` into its output folder; raise BuildFailed and write nothing on problems.

    `pdfs` asks for the PDFs of printable pages too: () for all of them, or patterns picking some
    (see print/press.py); without it, PDFs made before are still published while they are current.
    A build that would only redo the last one is skipped (see unchanged.py). Otherwise only pages
    whose inputs changed are rendered, and only files whose bytes changed are written (see
    render/reuse.py); either way output/ is what a build from scratch would make.
    A `quick` build makes the pages only: Pagefind's bundle and the traditional edition stay as the
    last build left them, so the pages come sooner (`serve` builds again, not quick, once the editing
    pauses); the next build that is not quick brings them up to date. That build raises Interrupted
    (with output/ whole, the bundle or edition still owed) when `interrupted()` says a newer edit waits.
    """
    problems = Problems()
    cache = cache or root / CACHE_DIR
    config = load_config(root, problems)
    if config is None:
        raise BuildFailed(problems)
    if output is not None and (replaced := overlapped_by_output(config.root, config.content, output)):
        # Publishing deletes whatever in output/ is not part of the site.
        problems.error(None, None, "--output", f"输出文件夹“{output}”与网站的“{replaced}”重叠，构建时其中的文件会被覆盖或删除",
                       "用 --output 指定一个新的空文件夹，或不给 --output（使用 site.toml 的 output_dir）")
        raise BuildFailed(problems)
    output = output or config.output
    engine, assets = _engine_and_assets(config)
    inputs, newest = unchanged.inputs_digest([config.content, *assets], [root / "site.toml"],
                                             engine + repr((strict, str(output), pdfs, quick)).encode())
    existing = inventory(output)
    last = unchanged.unchanged(cache, inputs, newest, existing)
    folder = config.traditional_edition
    edition_output = output / folder if folder else None
    if last is not None:
        return BuildResult(None, output, last.pages, last.photos, 0, Problems(list(last.problems)),
                           edition=edition_output)
    unchanged.forget(cache)
    site = _load(config, cache, problems, strict)
    result, published = _build(site, problems, strict, output, cache, engine, assets, _outside(existing, folder),
                               progress, pdfs, Part.whole(cache), quick, interrupted)
    stamps, edition_written = published.stamps, 0
    if folder is not None and not quick:
        if interrupted():
            raise Interrupted()
        made = _traditional_edition(site, folder, strict, output, cache, engine, assets, _inside(existing, folder),
                                    progress, interrupted)
        stamps, edition_written = stamps | {f"{folder}/{path}": stamp for path, stamp in made.stamps.items()}, made.written
    unchanged.remember(cache, inputs, stamps, problems.items, result.pages, result.photos)
    return dataclasses.replace(result, edition=edition_output, edition_written=edition_written)


@dataclass(frozen=True, slots=True)
class Part:
    """Which part of a site one build makes, and what of the cache it owns.

    The whole site owns the photo cache and the PDF shelf. A campaign year (archive) keeps what it
    remembers apart, shares the photos and PDFs and prunes neither. The traditional edition keeps
    its own too, shares the photos and has a PDF shelf of its own, never filled.
    """

    state: Path  # what it remembers between builds: its pages and search texts
    pdfs: Path  # its PDF shelf
    pagefind: bool = True
    prunes_photos: bool = True  # only the whole site knows every photo in use
    prunes_pdfs: bool = True
    edition: Traditional | None = None  # converts what it renders

    @classmethod
    def whole(cls, cache: Path) -> Part:
        return cls(cache, cache / "pdf")


def _load(config: SiteConfig, cache: Path, problems: Problems, strict: bool) -> Site:
    """Return the site's validated records; BuildFailed with every problem if there are any."""
    read_cache = ReadCache(cache)
    site = load_site(config.root, problems, read_cache, config)
    read_cache.save()
    if site is None or problems.fatal(strict):
        raise BuildFailed(problems)
    return site


def _traditional_edition(site: Site, folder: str, strict: bool, output: Path, cache: Path, engine: bytes,
                         assets: list[Path], existing: dict[str, Stamp], progress: bool,
                         interrupted: Callable[[], bool]) -> Published:
    """Build the traditional edition into its sub-folder of `output`; return what publishing it changed there.

    It is built after the simplified site is published, from the same records: what could fail has
    failed there already. Its own problems repeat the site's, so they are not reported again.
    """
    edition = Traditional(site.config.traditional_standard)
    state = cache / EDITION_FOLDER / folder
    part = Part(state, state / "pdf", prunes_photos=False, edition=edition)
    _, published = _build(site.with_config(traditional_config(site.config)), Problems(), strict, output / folder,
                          cache, engine + edition.key, assets, existing, progress, None, part, interrupted=interrupted)
    return published


def _inside(existing: dict[str, Stamp], folder: str) -> dict[str, Stamp]:
    """Return the files of an edition's sub-folder, by their paths inside it."""
    return {path[len(folder) + 1:]: stamp for path, stamp in existing.items() if path.startswith(folder + "/")}


def _outside(existing: dict[str, Stamp], folder: str | None) -> dict[str, Stamp]:
    """Return the files that are not the edition's: the simplified site's, which its publishing may replace."""
    return existing if folder is None else {path: s for path, s in existing.items() if not path.startswith(folder + "/")}


def _build(site: Site, problems: Problems, strict: bool, output: Path, cache: Path, engine: bytes,
           assets: list[Path], existing: dict[str, Stamp], progress: bool,
           wanted_pdfs: tuple[str, ...] | None, part: Part, quick: bool = False,
           interrupted: Callable[[], bool] = lambda: False) -> tuple[BuildResult, Published]:
    """Build a part of the site (see Part) into `output`."""
    edition, state = part.edition, part.state
    photos = PhotoPipeline(cache / "photos", problems, progress=progress and edition is None,
                           site_root=site.config.root, print_warnings=wanted_pdfs is not None)
    asset_files = asset_inventory(assets)
    shelf = PdfShelf(part.pdfs, asset_files)
    pdf_links: dict[str, str] = {}  # printable page -> its PDF, once known: pages rendered after link to it
    previous = PreviousBuild(state, output, engine)
    answers = Answers(site, photos, pdf_links.get)
    env = make_environment(site, photos, pdf_links.get)
    planned = [(page, answers.page(page)) for page in plan_pages(site, pagefind=part.pagefind)]
    # Printable pages first: their PDFs must be known before the pages that link to them render.
    printable = [(page, digest) for page, digest in planned if page.section == PRINT_SECTION]
    kept = {page.path: previous.pages[page.path] for page, digest in printable
            if previous.reusable(page, digest, answers, existing)}
    rendered = _converted(render_pages(env, site, [page for page, _ in printable if page.path not in kept], problems),
                          edition)
    made = photos.run()  # the PDFs print the photos
    if problems.errors:
        raise BuildFailed(problems)
    pdfs_made = _pdfs(shelf, output, printable, rendered, wanted_pdfs, {**asset_files, **photos.published()},
                      problems, progress)
    if problems.errors:
        raise BuildFailed(problems)
    pdf_links.update({page.path: urls.pdf_of(page.path) for page, _ in printable if shelf.file(page.path)})
    others = [(page, digest) for page, digest in planned if page.section != PRINT_SECTION]
    kept.update({page.path: previous.pages[page.path] for page, digest in others
                 if previous.reusable(page, digest, answers, existing)})
    rendered.update(_converted(render_pages(env, site, [page for page, _ in others if page.path not in kept], problems),
                               edition))
    # Photos are made even when a page failed, so one run reports every broken photo too.
    made += photos.run()
    if problems.errors:
        raise BuildFailed(problems)
    if not quick and interrupted():  # before the slow search bundle, and before anything is written
        raise Interrupted()
    search = SearchShelf(state / "search", engine).files(
        site, [page for page, _ in planned], lambda path: rendered[path].html if path in rendered else None,
        lambda path: _page_html(path, rendered, output), pagefind=part.pagefind, problems=problems,
        convert=edition.text if edition else None, remake_pagefind=not quick)
    if problems.fatal(strict):
        raise BuildFailed(problems)
    published = photos.published()
    documents = {urls.pdf_of(path): file for path in pdf_links if (file := shelf.file(path))}
    generated = _generated(site, [page for page, _ in planned])
    if edition is not None:  # robots.txt counts only at a server's top folder: the simplified site's
        generated = {path: edition.markup(text, xml=path.endswith(".xml")) for path, text in generated.items()
                     if path != feeds.ROBOTS}
    pages = {path: r.html for path, r in rendered.items()} | generated | search
    result = publish(output, pages, kept, published, asset_files, existing, documents)
    if part.prunes_photos:
        photos.prune()
    if part.prunes_pdfs:
        shelf.prune(page.path for page, _ in printable)
    previous.save({page.path: kept.get(page.path) or state_of(page_digest, rendered[page.path].reads, answers,
                                                               result.stamps[page.path])
                   for page, page_digest in planned})
    return BuildResult(site, output, len(planned), len(published), made, problems, len(rendered),
                       result.written, len(documents), pdfs_made), result


def _converted(rendered: dict[str, Rendered], edition: Traditional | None) -> dict[str, Rendered]:
    """Return rendered pages as the traditional edition shows them, or as they are."""
    if edition is None:
        return rendered
    return {path: dataclasses.replace(page, html=edition.markup(page.html)) for path, page in rendered.items()}


def _year_of(site: Site, year: int, problems: Problems) -> Site:
    """Return the part of the site that belongs to a campaign year; BuildFailed if it has none."""
    if year not in site.years():
        years = "、".join(str(y) for y in site.years()) or "无"
        problems.error(None, None, "year", f"没有 {year} 年度的活动或通报", f"已有的年度：{years}")
        raise BuildFailed(problems)
    return year_site(site, year)


@dataclass(frozen=True, slots=True)
class ArchiveResult:
    """What archiving a year made."""

    path: Path  # the zip
    files: int  # files in it
    build: BuildResult


def archive(root: Path, year: int, output: Path | None = None, cache: Path | None = None,
            progress: bool = False, strict: bool = False) -> ArchiveResult:
    """Write a campaign year's archive to output/archive/honours-<year>.zip: its pages, photos and PDFs.

    The year's site is built in the cache (again only where it changed since the last archive of
    that year), with every PDF, then zipped; BuildFailed, and nothing written, on any problem.
    """
    problems = Problems()
    cache = cache or root / CACHE_DIR
    config = load_config(root, problems)
    if config is None:
        raise BuildFailed(problems)
    config = dataclasses.replace(config, traditional_edition=None)  # a year's archive is simplified only: no link to an edition
    state = cache / ARCHIVE_FOLDER / str(year)
    staging = state / "site"
    engine, assets = _engine_and_assets(config)
    site = _year_of(_load(config, cache, problems, strict), year, problems)
    part = Part(state, cache / "pdf", pagefind=False, prunes_photos=False, prunes_pdfs=False)
    result, _ = _build(site, problems, strict, staging, cache, engine, assets, inventory(staging), progress, (), part)
    target = (output or config.output) / ARCHIVE_FOLDER / f"{archive_name(year)}.zip"
    return ArchiveResult(target, write_zip(staging, target, year), result)


def _generated(site: Site, planned: list[Page]) -> dict[str, str]:
    """Return the files made from the whole site rather than drawn by a template page by page.

    They are cheap, so they are made on every build (publishing rewrites only those that changed).
    """
    return redirect_pages(site, planned) | feeds.site_files(site, planned)


def _pdfs(shelf: PdfShelf, output: Path, printable: list[tuple[Page, bytes]], rendered: dict[str, Rendered],
          wanted: tuple[str, ...] | None, resources: dict[str, Path], problems: Problems, progress: bool) -> int:
    """Key every printable page's PDF by its HTML; make those asked for and not made before; return how many."""
    if wanted is None and shelf.empty:
        return 0  # no PDF to make or to publish: spare reading every printable page and hashing assets/
    pages = {page.path: _page_html(page.path, rendered, output) for page, _ in printable}
    for path, html in pages.items():
        shelf.key(path, html)
    if wanted is None:
        return 0
    chosen, unmatched = select(list(pages), wanted)
    for pattern in unmatched:
        problems.error(None, None, "--only", f"没有可打印的页面与“{pattern}”相符",
                       "用 python build.py pdf --list 列出可打印的页面")
    if unmatched:
        return 0
    sources = {page.path: _source_of(page) for page, _ in printable}
    return press(shelf, pages, chosen, resources, sources, problems, progress)


def _page_html(path: str, rendered: dict[str, Rendered], output: Path) -> str:
    """Return a page's HTML: as rendered in this build, or as the last build left it in output/ (kept)."""
    return rendered[path].html if path in rendered else (output / path).read_text(encoding="utf-8")


def _engine_and_assets(config: SiteConfig) -> tuple[bytes, list[Path]]:
    """Return what every page depends on (see `engine_key`), and the asset folders, the site's over the theme's."""
    return (engine_key(config, template_folders(config.root)),
            _unique([theme.ASSETS, config.root / "assets"]))


def _source_of(page: Page) -> Path | None:
    """Return the record file a printable page shows, where its print problems are reported."""
    for name in ("bulletin", "unit", "campaign"):
        record = page.context.get(name)
        if record is not None:
            return record.source.path
    return None


def _unique(folders: list[Path]) -> list[Path]:
    seen: list[Path] = []
    for folder in folders:
        if folder.resolve() not in [s.resolve() for s in seen]:
            seen.append(folder)
    return seen
