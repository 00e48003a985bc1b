"""The builds of a serve session: each one run, its outcome shown in the browser and one line in the terminal."""
from __future__ import annotations

import dataclasses
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import click

from .. import pipeline
from ..options import BuildOptions
from ..errors import BuildFailed, Problems
from .errorpage import crash_page, problems_page, write_failed_page
from .reload import SEARCH, SITE
from .server import Preview

_FAILED = "构建失败：浏览器中的页面显示上面列出的问题，改正并保存后会自动重新构建（output/ 保持上次成功构建的样子）"


@dataclass(frozen=True, slots=True)
class ServeOptions:
    """What `serve` was asked for on the command line: how to build, and where to serve."""

    build: BuildOptions
    host: str = "127.0.0.1"
    port: int = 8000
    open_browser: bool = False

    @property
    def root(self) -> Path:
        return self.build.root

    @property
    def quiet(self) -> bool:
        return not self.build.progress


class Builds:
    """Run the builds, and after each tell the preview (error page or not, reload or not) and the terminal."""

    def __init__(self, options: ServeOptions, preview: Preview, report: Callable[[Problems], None],
                 on_success: Callable[[pipeline.BuildResult], None] = lambda result: None) -> None:
        self._options, self._preview, self._report, self._on_success = options, preview, report, on_success

    def first(self) -> None:
        """Build the site as `build` would, before serving it."""
        started = time.perf_counter()
        result = self._build(quick=False)
        if result is None:
            click.secho(_FAILED, fg="red", err=True)
        elif not self._options.quiet:
            click.echo(f"已生成 {result.pages} 个页面（本次渲染 {result.pages_rendered} 个、写入 {result.files_written} 个文件），"
                       f"用时 {time.perf_counter() - started:.1f} 秒：{result.output}")

    def warm(self) -> None:
        """Import now what making a site takes, and load what the last build kept (cachefiles.keep_resident), if
        the first build did not (it found nothing changed since the last `build`): the first edit would otherwise
        wait for both, about 0.4 s on the example and 0.6 s on a 10,000-person site."""
        from .. import making
        from ..render.markdown import MarkdownRenderer
        MarkdownRenderer()  # imports the extensions it is made with (code highlighting's among them)
        making.preload(self._options.build.cache_dir)

    def rebuild(self, changed: list[Path]) -> bool:
        """Build again after `changed`, pages only (quick): the search bundle and the traditional edition are owed."""
        started = time.perf_counter()
        failed_before = self._preview.failure is not None
        result = self._build(quick=True)
        seconds = time.perf_counter() - started
        if result is not None and (failed_before or result.files_written):
            self._preview.news.announce(SITE)
        line = f"{time.strftime('%H:%M:%S')} {self._changes(changed)} → "
        if result is None:
            click.secho(line + _FAILED, fg="red", err=True)
        elif not self._options.quiet:
            click.echo(line + f"重新渲染 {result.pages_rendered} 个页面、写入 {result.files_written} 个文件，用时 {seconds:.2f} 秒")
        return result is not None

    def catch_up(self, interrupted: Callable[[], bool] = lambda: False) -> bool:
        """Bring the search bundle and the traditional edition up to date once the editing pauses.

        Return False if a newer edit came first: its quick build goes ahead, and this is owed again.
        """
        failed_before = self._preview.failure is not None
        try:
            result = self._build(quick=False, report=False, interrupted=interrupted)
        except pipeline.Interrupted:
            return False
        if result is not None and (failed_before or result.pages_rendered or result.edition_written):
            self._preview.news.announce(SITE)
        elif result is not None and result.files_written:
            self._preview.news.announce(SEARCH)
        return True

    def _build(self, quick: bool, report: bool = True,
               interrupted: Callable[[], bool] = lambda: False) -> pipeline.BuildResult | None:
        """Build; on any failure show it in the browser and the terminal and return None."""
        options = self._options
        try:
            result = pipeline.build(dataclasses.replace(options.build, quick=quick, interrupted=interrupted))
        except BuildFailed as failed:
            self._report(failed.problems)
            self._fail(problems_page(failed.problems.sorted(), options.root, options.build.strict))
            return None
        except OSError as exc:  # a full disk, or output/ open in another program on Windows
            message = f"{exc.filename or ''}: 无法写入输出文件夹（{exc.strerror or exc}）"
            click.secho(f"错误 {message} — 关闭正在使用该文件夹的程序，检查磁盘空间；改动任一文件后会再次构建。", fg="red", err=True)
            self._fail(write_failed_page(message, options.root))
            return None
        except pipeline.Interrupted:  # a catch-up giving way to a newer edit: not a failure
            raise
        except Exception as exc:  # a defect in honours: the preview stays up and shows it
            click.secho("构建时出现意外错误（这多半是 honours 的缺陷，请把下面的内容发给维护者）：", fg="red", err=True)
            click.echo(traceback.format_exc(), err=True)
            self._fail(crash_page(traceback.format_exception_only(exc)[-1].strip(), options.root))
            return None
        if report and result.problems.items:
            self._report(result.problems)
        self._preview.output = result.output
        self._preview.failure = None
        self._on_success(result)
        return result

    def _fail(self, page: str) -> None:
        self._preview.failure = page
        self._preview.news.announce(SITE)

    def _changes(self, changed: list[Path]) -> str:
        # An editor's (or sed's) temporary file is gone by now: name a file that is still there.
        changed = sorted(changed, key=lambda path: not path.exists())
        shown = [_relative(path, self._options.root) for path in changed[:1]]
        more = f" 等 {len(changed)} 个文件" if len(changed) > 1 else ""
        return f"{shown[0] if shown else '文件'}{more} 有改动"


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)
