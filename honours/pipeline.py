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
from .render.media import Media
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
    photos: int
    problems: Problems


def load_site(root: Path, problems: Problems) -> Site | None:
    """Return the validated site in `root`, or None with every problem recorded."""
    config = load_config(root, problems)
    if config is None:
        return None
    raws = load_records(config.content, problems)
    return assemble(raws, config, problems)


def check(root: Path, strict: bool = False) -> Problems:
    """Validate a site and render it in memory, writing nothing; return what was found."""
    problems = Problems()
    site = load_site(root, problems)
    if site is not None:
        _render(site, problems)
    return problems


def build(root: Path, strict: bool = False, output: Path | None = None) -> BuildResult:
    """Build the site in `root` into its output folder; raise BuildFailed and write nothing on problems."""
    problems = Problems()
    site = load_site(root, problems)
    if site is None or problems.fatal(strict):
        raise BuildFailed(problems)
    pages, media = _render(site, problems)
    if problems.fatal(strict):
        raise BuildFailed(problems)
    assets = [THEME_ROOT / "assets", root / "assets"]
    output = output or site.config.output
    publish(output, pages, media.copies(), _unique(assets))
    return BuildResult(site, output, len(pages), len(media.copies()), problems)


def _render(site: Site, problems: Problems) -> tuple[dict[str, str], Media]:
    media = Media(site.config.content, problems)
    env = make_environment(site, media)
    pages = render_pages(env, list(plan_pages(site)), problems)
    return pages, media


def _unique(folders: list[Path]) -> list[Path]:
    seen: list[Path] = []
    for folder in folders:
        if folder.resolve() not in [s.resolve() for s in seen]:
            seen.append(folder)
    return seen
