"""Publish a built site atomically: everything goes to a staging folder, which then replaces output/."""
from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

log = logging.getLogger(__name__)


def publish(output: Path, pages: dict[str, str], files: dict[str, Path], asset_folders: list[Path]) -> None:
    """Replace `output` with the pages, files (site path -> file to copy) and assets, or leave it untouched."""
    staging = output.with_name(f".{output.name}.staging")
    previous = output.with_name(f".{output.name}.previous")
    for leftover in (staging, previous):
        if leftover.exists():
            shutil.rmtree(leftover)
    try:
        _fill(staging, pages, files, asset_folders)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    # Two renames: the old output stays whole until the new one is complete beside it.
    if output.exists():
        os.replace(output, previous)
    os.replace(staging, output)
    shutil.rmtree(previous, ignore_errors=True)
    log.debug("published %d pages to %s", len(pages), output)


def _fill(staging: Path, pages: dict[str, str], files: dict[str, Path], asset_folders: list[Path]) -> None:
    staging.mkdir(parents=True)
    # Theme assets first, then the site's own, so a site overrides a theme file by giving its own.
    for folder in asset_folders:
        if folder.is_dir():
            shutil.copytree(folder, staging / "assets", dirs_exist_ok=True)
    for site_path, html in sorted(pages.items()):
        target = staging / site_path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
    for site_path, source in sorted(files.items()):
        target = staging / site_path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
