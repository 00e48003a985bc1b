"""What every page of a site depends on besides its own records: the engine's code and data, the
templates, the settings, as one digest (`engine_key`).

Light on purpose: a build works the digest out before deciding it has nothing to do (unchanged.py),
so this module imports no stage that renders.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from . import theme

if TYPE_CHECKING:
    from .config import SiteConfig

ENGINE_ROOT = Path(__file__).resolve().parent


def template_folders(site_root: Path) -> list[Path]:
    """Return the template folders, the site's own first so it can override any file."""
    folders = [site_root / "templates", theme.TEMPLATES]
    return [f for i, f in enumerate(folders) if f.is_dir() and f.resolve() not in {x.resolve() for x in folders[:i]}]


def engine_key(config: SiteConfig, template_folders: list[Path]) -> bytes:
    """Return a digest of everything every page depends on: engine code and data, templates, settings."""
    hasher = hashlib.blake2b(digest_size=16)
    for folder in [ENGINE_ROOT, *template_folders]:
        for path, name in _files(str(folder)):
            with open(path, "rb") as stream:
                hasher.update(name.encode() + b"\0" + stream.read() + b"\0")
    hasher.update(repr(config).encode("utf-8", "surrogatepass"))
    return hasher.digest()


def _files(folder: str) -> list[tuple[str, str]]:
    """Return each file under `folder` (but compiled Python) and its path inside it, with / separators, in a
    fixed order. Walked with os.walk and strings, not pathlib: every build does this, an unchanged one too."""
    found = []
    for parent, folders, names in os.walk(folder):
        folders[:] = sorted(name for name in folders if name != "__pycache__")
        inside = os.path.relpath(parent, folder).replace(os.sep, "/")
        prefix = "" if inside == "." else inside + "/"
        found += [(path, prefix + name) for name in sorted(names) if os.path.isfile(path := os.path.join(parent, name))]
    return found
