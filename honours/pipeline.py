"""The build, stage by stage: settings, then whether anything changed since the last build, then the
site's parts made in memory and published (making.py).

    config → (unchanged?) → load → assemble → plan → render → photos → print → search → edition → publish

Nothing is written to output/ unless every stage succeeded; then the site and its edition are
published together.
"""
from __future__ import annotations

import dataclasses

from . import unchanged
from .errors import Problems
from .lock import one_build
from .options import BuildOptions, PdfRequest
from .print.machine_fonts import fonts_stamp
from .run import BuildResult, Interrupted, Part, Run, asset_folders, site_settings
from .cachefiles import Stamp

__all__ = ["BuildOptions", "BuildResult", "Interrupted", "PdfRequest", "build"]


def build(options: BuildOptions) -> BuildResult:
    """Build the site into its output folder; raise BuildFailed, having written nothing, on any problem.

    A build that would only redo the last one is skipped (see unchanged.py). Otherwise only pages whose
    inputs changed are rendered, and only files whose bytes changed are written (see render/reuse.py);
    either way output/ is what a build from scratch would make. A quick build leaves Pagefind's bundle and
    the traditional edition as they were (`serve` builds again, not quick, once the editing pauses); one
    that is not quick raises Interrupted, output/ untouched, when `options.interrupted()` says an edit waits.
    """
    problems = Problems()
    config = site_settings(options, problems)
    with one_build(options.cache_dir, options.waiting):
        run = Run.start(options, config, problems)
        if options.quick:
            # A quick build follows an edit under serve and leaves search and the edition owed: it is never
            # skipped, nor remembered as one to skip by (sparing a walk of content/: 0.1 s on a large site).
            unchanged.forget(options.cache_dir)
            return _make(run)[0]
        inputs, newest = _inputs(run)
        if (last := unchanged.unchanged(options.cache_dir, inputs, newest, run.existing)) is not None:
            return BuildResult(None, run.output, last.pages, last.photos, 0, Problems(list(last.problems)),
                               edition=run.edition_output)
        unchanged.forget(options.cache_dir)
        result, stamps = _make(run)
        unchanged.remember(options.cache_dir, inputs, stamps, problems.items, result.pages, result.photos)
        return result


def _make(run: Run) -> tuple[BuildResult, dict[str, Stamp]]:
    # Imported here, not above: a build with nothing to do (`build` run twice, a scheduled job on an
    # unchanged shared folder) is over by now: importing the stages would have been most of its time.
    from .making import make_site

    return make_site(run)


def _inputs(run: Run) -> tuple[bytes, int]:
    """Return the digest of every file the build reads (by stamp) and of what it was asked, and the newest stamp."""
    asked = dataclasses.replace(run.options, interrupted=None, waiting=None, progress=False)
    fonts = fonts_stamp(Part.whole(run.options.cache_dir).pdfs, run.options.pdfs.make)  # PDFs depend on them
    return unchanged.inputs_digest([run.config.content, *asset_folders(run.config)],
                                   [run.options.root / "site.toml"],
                                   run.engine + repr((asked, str(run.output))).encode() + fonts)
