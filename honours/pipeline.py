"""The build, stage by stage: settings, records, model, pages, publish. Nothing is written unless all is well."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from . import unchanged
from .config import SiteConfig, load_config, overlapped_by_output
from .errors import BuildFailed, Problems
from .load.cache import ReadCache
from .load.files import load_records
from .model.assemble import assemble
from .model.site import Site
from .photos import PhotoPipeline
from .render.pages import plan_pages, render_pages
from .render.reuse import Answers, PreviousBuild, engine_key, state_of
from .render.theme import THEME_ROOT, make_environment, template_folders
from .write import Published, Stamp, inventory, publish

log = logging.getLogger(__name__)


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


def load_site(root: Path, problems: Problems, cache: ReadCache | None = None,
              config: SiteConfig | None = None) -> Site | None:
    """Return the validated site in `root`, or None with every problem recorded."""
    config = config or load_config(root, problems)
    if config is None:
        return None
    raws = load_records(config.content, problems, cache)
    return assemble(raws, config, problems)


CACHE_DIR = ".honours-cache"


def check(root: Path, strict: bool = False, cache: Path | None = None) -> Problems:
    """Validate a site and render it in memory, writing nothing to output; return what was found.

    Photos are only probed (their headers read), not made: a photo that is corrupt past its
    header is found by `build`.
    """
    problems = Problems()
    site = load_site(root, problems)
    if site is not None:
        photos = PhotoPipeline((cache or root / CACHE_DIR) / "photos", problems, site_root=site.config.root)
        render_pages(make_environment(site, photos), site, list(plan_pages(site)), problems)
    return problems


def build(root: Path, strict: bool = False, output: Path | None = None, cache: Path | None = None,
          progress: bool = False) -> BuildResult:
    """Build the site in `root` into its output folder; raise BuildFailed and write nothing on problems.

    A build that would only redo the last one is skipped (see unchanged.py). Otherwise only pages
    whose inputs changed are rendered, and only files whose bytes changed are written (see
    render/reuse.py); either way output/ is what a build from scratch would make.
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
    engine = engine_key(config, template_folders(config.root))
    assets = _unique([THEME_ROOT / "assets", root / "assets"])
    inputs, newest = unchanged.inputs_digest([config.content, *assets], [root / "site.toml"],
                                             engine + repr((strict, str(output))).encode())
    existing = inventory(output)
    last = unchanged.unchanged(cache, inputs, newest, existing)
    if last is not None:
        return BuildResult(None, output, last.pages, last.photos, 0, Problems(list(last.problems)))
    unchanged.forget(cache)
    result, published = _build(config, problems, strict, output, cache, engine, assets, existing, progress)
    unchanged.remember(cache, inputs, published.stamps, problems.items, result.pages, result.photos)
    return result


def _build(config: SiteConfig, problems: Problems, strict: bool, output: Path, cache: Path, engine: bytes,
           assets: list[Path], existing: dict[str, Stamp], progress: bool) -> tuple[BuildResult, Published]:
    read_cache = ReadCache(cache)
    site = load_site(config.root, problems, read_cache, config)
    read_cache.save()
    if site is None or problems.fatal(strict):
        raise BuildFailed(problems)
    photos = PhotoPipeline(cache / "photos", problems, progress=progress, site_root=config.root)
    previous = PreviousBuild(cache, output, engine)
    answers = Answers(site, photos)
    planned = [(page, answers.page(page)) for page in plan_pages(site)]
    kept = {page.path: previous.pages[page.path] for page, page_digest in planned
            if previous.reusable(page, page_digest, answers, existing)}
    rendered = render_pages(make_environment(site, photos), site,
                            [page for page, _ in planned if page.path not in kept], problems)
    # Photos are made even when a page failed, so one run reports every broken photo too.
    made = photos.run()
    if problems.fatal(strict):
        raise BuildFailed(problems)
    published = photos.published()
    result = publish(output, {path: r.html for path, r in rendered.items()}, kept, published, assets, existing)
    photos.prune()
    previous.save({page.path: kept.get(page.path) or state_of(page_digest, rendered[page.path].reads, answers,
                                                               result.stamps[page.path])
                   for page, page_digest in planned})
    return BuildResult(site, output, len(planned), len(published), made, problems, len(rendered),
                       result.written), result


def _unique(folders: list[Path]) -> list[Path]:
    seen: list[Path] = []
    for folder in folders:
        if folder.resolve() not in [s.resolve() for s in seen]:
            seen.append(folder)
    return seen
