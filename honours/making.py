"""The making of a site, once a build has found something to do: its records loaded and checked, its
parts (the site, its edition) made in memory, then published together. Also what the other commands
take from these stages: `check`, the list of printable pages, a campaign year's archive.

    load → assemble → plan → render → photos → print → search → edition → publish

Imported only when something is to be made (pipeline.py decides first): these stages are most of
what a short build spends importing.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from . import collector
from .config import SiteConfig, load_config
from .derive import prepare_orderings
from .errors import BuildFailed, Problems
from .lock import one_build
from .model.assemble import assemble
from .model.snapshot import Snapshot
from .model.site import Site
from .options import BuildOptions, PdfRequest
from .parts import Made, make_part
from .photos import PhotoPipeline
from .print.press import name_of
from .render.attachments import Attachments
from .render.board import check_boards
from .render.edition import Traditional, traditional_config
from .render.pages import PRINT, plan_pages
from .render.reads import Media, NotedSite, ask_attachments
from .render.reuse import PreviousBuild
from .render.rendering import Rendering, render_pages
from .render.theme import make_environment
from .run import BuildResult, Interrupted, Part, Run, site_settings
from .screen import check_awards
from .write import ARCHIVE_FOLDER, Contents, Published, Stamp, publish

EDITION_FOLDER = "edition"  # in the cache: what the traditional edition's build remembers


def make_site(run: Run) -> tuple[BuildResult, dict[str, Stamp]]:
    """Make the site and its edition from its records and publish them; return what was made and the stamps
    of output/'s files as published. BuildFailed, having written nothing, on any problem."""
    site = _load(run.config, run.options, run.problems)
    with collector.frozen():  # the model, alive to the end: no collection of the build walks it again
        whole = make_part(site, Part.whole(run.cache), run)
        edition = _edition(site, run)
        published = _publish(run, [whole] if edition is None else [whole, edition])
    return _result(site, run, whole, published), published.stamps


def load_site(root: Path, problems: Problems, snapshot_folder: Path | None = None,
              config: SiteConfig | None = None) -> Site | None:
    """Return the validated site in `root`, or None with every problem recorded.

    With a `snapshot_folder`, files unchanged since the last build there are not read again, and this
    build's reading is kept for the next.
    """
    config = config or load_config(root, problems)
    if config is None:
        return None
    with Snapshot.opened(snapshot_folder, config) as snapshot:
        site = assemble(snapshot.read_site(config, problems), config, problems, snapshot.assessed)
    if site is not None:
        check_boards(site, problems, snapshot_folder)  # a board too small for its roll: a warning, before anything is made
        check_awards(site, problems)
    return site


def preload(cache: Path) -> None:
    """Load what a build of the site reads first from `cache` (its records, its pages), to be kept in memory
    for it (cachefiles.keep_resident)."""
    Snapshot.preload(cache)
    PreviousBuild.preload(cache)


def _load(config: SiteConfig, options: BuildOptions, problems: Problems) -> Site:
    """Return the site's validated records; BuildFailed with every problem if there are any."""
    site = load_site(config.root, problems, options.cache_dir, config)
    if site is None or problems.fatal(options.strict):
        raise BuildFailed(problems)
    return site


def _edition(site: Site, run: Run) -> Made | None:
    """Return the traditional edition made in memory (not in a quick build), from the same records."""
    folder = site.config.traditional_edition
    if folder is None or run.options.quick:
        return None
    if run.options.interrupted():
        raise Interrupted()
    state = run.cache / EDITION_FOLDER / folder
    part = Part(state, state / "pdf", folder=folder, prunes_photos=False,
                edition=Traditional(site.config.traditional_standard))
    return make_part(site.with_config(traditional_config(site.config)), part, run)


def _publish(run: Run, parts: list[Made]) -> Published:
    """Publish every part at once (each in its folder), then let each remember what it published."""
    contents = Contents()
    for made in parts:
        contents |= made.contents.inside(made.folder) if made.folder else made.contents
    # An edition not made in this build (a quick one) is left as it is: its files are not this publishing's.
    edition = run.config.traditional_edition
    existing = run.existing if edition is None or any(made.folder == edition for made in parts) else \
        {path: stamp for path, stamp in run.existing.items() if not path.startswith(edition + "/")}
    published = publish(run.output, contents, existing)
    for made in parts:
        made.finish(published.inside(made.folder).stamps if made.folder else published.stamps)
    return published


def _result(site: Site, run: Run, whole: Made, published: Published) -> BuildResult:
    folder = run.config.traditional_edition
    edition_written = len(published.inside(folder).written) if folder and not run.options.quick else 0
    return BuildResult(site, run.output, whole.pages, whole.photos, whole.photos_made, run.problems,
                       whole.rendered, len(published.outside(folder).written), len(whole.contents.documents),
                       whole.pdfs_made, run.edition_output, edition_written)


def check(root: Path, strict: bool = False, cache: Path | None = None) -> Problems:
    """Validate a site and render it in memory, writing nothing to output; return what was found.

    Photos are only probed (their headers read), not made: a photo that is corrupt past its
    header is found by `build`.
    """
    problems = Problems()
    site = load_site(root, problems)
    if site is not None:
        photos = PhotoPipeline((cache or BuildOptions(root).cache_dir) / "photos", problems,
                               site_root=site.config.root, print_warnings=False)
        media = Media(photos, attachments=Attachments(problems))
        rendering = Rendering(make_environment(site.config), NotedSite(site, media), lambda page, html: (html, None))
        prepare_orderings(site, None, b"")
        rendered = render_pages(rendering, list(plan_pages(site)), problems)
        # Pages rendered in other processes checked their attachments there: check them here, where it is reported.
        ask_attachments(rendering.site, (key for page in rendered.values() for key in page.reads))
    return problems


def printable_pages(root: Path, problems: Problems) -> list[str] | None:
    """Return the names of a site's printable pages (as `pdf --only` takes them), or None if it does not load."""
    site = load_site(root, problems)
    if site is None or problems.errors:
        return None
    return [name_of(page.path) for page in plan_pages(site) if page.section == PRINT]


@dataclass(frozen=True, slots=True)
class ArchiveResult:
    """What archiving a year made."""

    path: Path  # the zip
    files: int  # files in it
    build: BuildResult


def archive(options: BuildOptions, year: int) -> ArchiveResult:
    """Write a campaign year's archive to output/archive/honours-<year>.zip: its pages, photos and PDFs.

    The year's site is built in the cache (again only where it changed since the last archive of
    that year), with every PDF, then zipped; BuildFailed, and nothing written, on any problem.
    """
    problems = Problems()
    options = dataclasses.replace(options, pdfs=PdfRequest(make=True, archival=True))
    # A year's archive is simplified only: no link to an edition.
    config = dataclasses.replace(site_settings(options, problems), traditional_edition=None)
    with one_build(options.cache_dir, options.waiting):
        return _archive(options, config, problems, year)


def _archive(options: BuildOptions, config: SiteConfig, problems: Problems, year: int) -> ArchiveResult:
    # Imported here: every build imports this module, and only an archive needs these (the zip's catalogue, its
    # PDFs' descriptions).
    from .archive.holdings import holdings
    from .archive.zipped import archive_name, write_zip

    state = options.cache_dir / ARCHIVE_FOLDER / str(year)
    run = Run.start(options, config, problems, output=state / "site")
    site = _year_of(_load(config, options, problems), year, problems)
    made = make_part(site, Part(state, options.cache_dir / "pdf", pagefind=False, prunes_photos=False,
                                prunes_pdfs=False), run)
    published = _publish(run, [made])
    files = holdings(site, year, run.output, problems)
    if problems.fatal(options.strict):
        raise BuildFailed(problems)
    target = (options.output or config.output) / ARCHIVE_FOLDER / f"{archive_name(year)}.zip"
    return ArchiveResult(target, write_zip(files, target, archive_name(year)), _result(site, run, made, published))


def _year_of(site: Site, year: int, problems: Problems) -> Site:
    """Return the part of the site that belongs to a campaign year; BuildFailed if it has none."""
    from .archive.year import year_site

    if year not in site.years():
        years = "、".join(str(y) for y in site.years()) or "无"
        problems.error(None, None, "year", f"没有 {year} 年度的活动或通报", f"已有的年度：{years}")
        raise BuildFailed(problems)
    return year_site(site, year)
