"""Pagefind's own browser files (pagefind.js, its worker and wasm), taken from the installed binary.

The pip package holds them only inside the binary, so the binary is run once on a one-page site and
its scripts kept; they depend on Pagefind's version alone, and are kept in a folder by version.
"""
from __future__ import annotations

import pickle
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..pagefind import _UNUSED, PagefindUnavailable, executable, version

_INDEX_FILES = re.compile(r"(index|fragment|filter)/|pagefind\..*\.pf_meta$|pagefind-entry\.json$")
_VERSION = re.compile(rb'pagefind_version\s*=\s*"([^"]+)"')


def static_files(folder: Path) -> dict[str, bytes]:
    """Return Pagefind's browser files by name in the bundle (e.g. `pagefind.js`), kept in `folder` by version.

    PagefindUnavailable if Pagefind is not installed or does not run.
    """
    installed = version()
    if not installed:
        raise PagefindUnavailable("pip install \"pagefind[extended]\"")
    kept = folder / f"pagefind-static-{installed}.pickle"
    try:
        return pickle.loads(kept.read_bytes())
    except (OSError, pickle.PickleError, EOFError):
        pass
    files = _run_once()
    folder.mkdir(parents=True, exist_ok=True)
    temporary = kept.with_suffix(".tmp")
    temporary.write_bytes(pickle.dumps(files))
    temporary.replace(kept)
    return files


def version_of(files: dict[str, bytes]) -> str:
    """Return the Pagefind version pagefind.js was made for (the bundle must name the same)."""
    found = _VERSION.search(files["pagefind.js"])
    if found is None:
        raise ValueError("pagefind.js does not say its version")
    return found.group(1).decode()


def _run_once() -> dict[str, bytes]:
    """Run Pagefind on a one-page site; return the files of its bundle that no page changes."""
    with tempfile.TemporaryDirectory(prefix="honours-pagefind-") as scratch:
        site, bundle = Path(scratch) / "site", Path(scratch) / "bundle"
        site.mkdir()
        (site / "index.html").write_text('<!doctype html><html lang="zh-cn"><body><p>页</p></body></html>',
                                          encoding="utf-8")
        try:
            subprocess.run([str(executable()), "--site", str(site), "--output-path", str(bundle), "--quiet"],
                           check=True, capture_output=True, timeout=120)
        except (OSError, subprocess.SubprocessError) as exc:
            raise PagefindUnavailable(str(exc)) from exc
        files = {path.relative_to(bundle).as_posix(): path.read_bytes()
                 for path in sorted(bundle.rglob("*")) if path.is_file()}
        shutil.rmtree(bundle, ignore_errors=True)
    return {name: data for name, data in files.items()
            if not _INDEX_FILES.match(name) and not _UNUSED.match(name.rsplit("/", 1)[-1])}
