"""The build, stage by stage: settings, records, model, pages, publish. Nothing is written unless all is well."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from .config import load_config
from .errors import BuildFailed, Problems
from .load.files import load_records
from .model.assemble import assemble
from .model.site import Site
from .photos import PhotoPipeline
from .render.pages import plan_pages, render_pages
from .render.theme import THEME_ROOT, make_environment
from .write import publish

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What a build made, for the reporter."""

    site: Site
    output: Path
    pages: int
    photos: int  # image files published
    photos_made: int  # of which made in this build (the rest came from the cache)
    problems: Problems


def load_site(root: Path, problems: Problems) -> Site | None:
    """Return the validated site in `root`, or None with every problem recorded."""
    config = load_config(root, problems)
    if config is None:
        return None
    raws = load_records(config.content, problems)
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
        _render(site, problems, cache or root / CACHE_DIR)
    return problems


def build(root: Path, strict: bool = False, output: Path | None = None, cache: Path | None = None,
          progress: bool = False) -> BuildResult:
    """Build the site in `root` into its output folder; raise BuildFailed and write nothing on problems."""
    problems = Problems()
    site = load_site(root, problems)
    if site is None or problems.fatal(strict):
        raise BuildFailed(problems)
    pages, photos = _render(site, problems, cache or root / CACHE_DIR, progress)
    # Photos are made even when a page failed, so one run reports every broken photo too.
    made = photos.run()
    if problems.fatal(strict):
        raise BuildFailed(problems)
    assets = [THEME_ROOT / "assets", root / "assets"]
    output = output or site.config.output
    published = photos.published()
    publish(output, pages, published, _unique(assets))
    photos.prune()
    return BuildResult(site, output, len(pages), len(published), made, problems)


def _render(site: Site, problems: Problems, cache: Path,
            progress: bool = False) -> tuple[dict[str, str], PhotoPipeline]:
    photos = PhotoPipeline(cache / "photos", problems, progress=progress, site_root=site.config.root)
    env = make_environment(site, photos)
    pages = render_pages(env, list(plan_pages(site)), problems)
    return pages, photos


def _unique(folders: list[Path]) -> list[Path]:
    seen: list[Path] = []
    for folder in folders:
        if folder.resolve() not in [s.resolve() for s in seen]:
            seen.append(folder)
    return seen
