"""What one build shares, from its settings to its result: the site's settings, the `Run` its parts are
made in, which `Part` of the site each is, and the `BuildResult` the command line reports.

Light on purpose: a build reads these before it decides whether it has anything to do (pipeline.py,
unchanged.py), so this module imports no stage that makes a site.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import theme
from .config import SiteConfig, load_config, overlapped_by_output
from .engine import engine_key, template_folders
from .errors import BuildFailed, Problems
from .options import BuildOptions
from .write import Stamp, asset_inventory, inventory

if TYPE_CHECKING:
    from .model.site import Site
    from .render.edition import Traditional


class Interrupted(Exception):
    """A build that was not quick stopped for a newer edit; what it had published is whole."""


def site_settings(options: BuildOptions, problems: Problems) -> SiteConfig:
    """Return the site's settings; BuildFailed if site.toml is wrong or --output would overwrite the site."""
    config = load_config(options.root, problems)
    if config is None:
        raise BuildFailed(problems)
    if options.output is not None and (replaced := overlapped_by_output(config.root, config.content, options.output)):
        # Publishing deletes whatever in output/ is not part of the site.
        problems.error(None, None, "--output", f"输出文件夹“{options.output}”与网站的“{replaced}”重叠，构建时其中的文件会被覆盖或删除",
                       "用 --output 指定一个新的空文件夹，或不给 --output（使用 site.toml 的 output_dir）")
        raise BuildFailed(problems)
    return config


def asset_folders(config: SiteConfig) -> list[Path]:
    """Return the asset folders, the theme's first so the site's own override them."""
    folders: list[Path] = []
    for folder in (theme.ASSETS, config.root / "assets"):
        if folder.resolve() not in [seen.resolve() for seen in folders]:
            folders.append(folder)
    return folders


@dataclass(frozen=True, slots=True)
class Part:
    """Which part of a site one build makes, where in output/ it goes, and what of the cache it owns.

    The whole site owns the photo cache and the PDF shelf. A campaign year (archive) keeps what it
    remembers apart, shares the photos and PDFs and prunes neither. The traditional edition keeps
    its own too, shares the photos and has a PDF shelf of its own, never filled.
    """

    state: Path  # what it remembers between builds: its pages and search texts
    pdfs: Path  # its PDF shelf
    folder: str = ""  # its sub-folder of output/ ("" for the site itself)
    pagefind: bool = True
    prunes_photos: bool = True  # only the whole site knows every photo in use
    prunes_pdfs: bool = True
    edition: Traditional | None = None  # converts what it renders

    @classmethod
    def whole(cls, cache: Path) -> Part:
        return cls(cache, cache / "pdf")


@dataclass(frozen=True, slots=True)
class Run:
    """What the parts of one build share: what was asked, its problems, the cache, engine, assets and output/."""

    options: BuildOptions
    config: SiteConfig
    problems: Problems
    engine: bytes  # what every page depends on (engine.py engine_key)
    assets: dict[str, Path]  # every asset by site path
    output: Path
    existing: dict[str, Stamp]  # what output/ holds now (write.inventory)

    @classmethod
    def start(cls, options: BuildOptions, config: SiteConfig, problems: Problems, output: Path | None = None) -> Run:
        """Return what every part of a build into `output` (by default the one asked for) shares."""
        output = output or options.output or config.output
        return cls(options, config, problems, engine_key(config, template_folders(config.root)),
                   asset_inventory(asset_folders(config)), output, inventory(output))

    @property
    def cache(self) -> Path:
        return self.options.cache_dir

    @property
    def edition_output(self) -> Path | None:
        """Return where the traditional edition is published, if the site has one."""
        folder = self.config.traditional_edition
        return self.output / folder if folder else None


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
