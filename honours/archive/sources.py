"""The year's source records, kept in its archive so the year can be rebuilt as well as read.

They are the files its records were read from (a campaign's whole folder, with its honours and
assessment sheets), the photos beside them, and the site's settings, templates and assets, under
source/ as they are laid out in the site folder.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

from ..model.records import CAMPAIGN, tabled
from ..model.site import Site, source_of

FOLDER = "source"
_SITE_FILES = ("site.toml",)
_SITE_FOLDERS = ("templates", "assets")


def source_files(site: Site) -> dict[str, Path]:
    """Return the year's source files by their place in the archive: source/ and their path in the site folder."""
    root = site.config.root.resolve()
    found: set[Path] = set()
    for kind in tabled():
        for record in site.table(kind.name).values():
            source = source_of(site, record)
            if source is None:
                continue
            path = source.path.resolve()
            found.update(_campaign_folder(path) if kind is CAMPAIGN else _with_photos(path, record, kind.photos))
    found.update(root / name for name in _SITE_FILES if (root / name).is_file())
    for name in _SITE_FOLDERS:
        found.update(_files_in(root / name))
    return {f"{FOLDER}/{path.relative_to(root).as_posix()}": path for path in sorted(found) if path.is_relative_to(root)}


def _campaign_folder(index: Path) -> Iterator[Path]:
    """Yield a campaign's files: its folder holds its honours, assessments and photos."""
    return _files_in(index.parent) if index.name.startswith("index.") else iter([index])


def _with_photos(path: Path, record: object, photos: tuple[tuple[str, str], ...]) -> Iterator[Path]:
    """Yield a record's file, files beside it of the same name (its photo), and the pictures it names."""
    yield path
    yield from (other for other in path.parent.glob(f"{path.stem}.*") if other.is_file())
    for field_name, _ in photos:
        picture = getattr(record, field_name, None)
        if isinstance(picture, Path):
            where = picture if picture.is_absolute() else path.parent / picture
            if where.is_file():
                yield where.resolve()


def _files_in(folder: Path) -> Iterator[Path]:
    if folder.is_dir():
        yield from (path.resolve() for path in folder.rglob("*") if path.is_file() and not path.name.startswith("."))


def sources_digest(files: dict[str, bytes]) -> str:
    """Return one SHA-256 over the source files (their paths and contents), to name the records an archive holds."""
    hasher = hashlib.sha256()
    for path in sorted(files):
        hasher.update(f"{path}\0{hashlib.sha256(files[path]).hexdigest()}\n".encode())
    return hasher.hexdigest()
