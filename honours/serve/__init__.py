"""`serve`: a live preview. Build, serve output/ on this computer, rebuild on every change and reload open pages.

The preview builds into the site's own output folder, as `build` does, rather than a folder of
its own: it shares the build's caches, so it starts at once after a build and a build after it has
nothing left to do, and what it shows is exactly what `build` publishes. Publishing replaces each
file in one step and a failed build writes nothing, so output/ never holds half a page or an error:
errors live only in the served answers, like the reload script (see server.py).
"""
from __future__ import annotations

import ipaddress
import signal
import time
import webbrowser
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from ..config import CONFIG_FILE, load_config
from ..errors import BuildFailed, Problems
from ..pipeline import BuildResult
from .. import cachefiles, theme
from .server import CannotListen, PortBusy, Preview, PreviewServer
from .session import Builds, ServeOptions
from .watch import Rebuilder, SiteWatcher

__all__ = ["CannotListen", "PortBusy", "ServeOptions", "preview"]


def preview(options: ServeOptions, report: Callable[[Problems], None]) -> None:
    """Build and serve the site, rebuilding on every change, until Ctrl+C or SIGTERM.

    Raises PortBusy if the port is taken, CannotListen if the address cannot be listened on (both
    before building), and BuildFailed if `options.root` has no site.toml.
    """
    root = options.root
    problems = Problems()
    config = load_config(root, problems)  # to know where things are: the first build reports its problems
    if not (root / CONFIG_FILE).is_file():
        raise BuildFailed(problems)  # not a site folder at all: most likely a mistyped --site
    output = options.build.output or (config.output if config else root / "output")
    shown = Preview(output)
    server = PreviewServer(options.host, options.port, shown)  # bound now: a busy port is told before building
    watcher: SiteWatcher

    def follow(result: BuildResult) -> None:
        if result.site is not None:
            watcher.follow(*_watched(root, result.site.config.content))

    cachefiles.keep_resident()  # one build after another in this process: each takes what the last saved
    builds = Builds(options, shown, report, on_success=follow)
    rebuilder = Rebuilder(builds.rebuild, builds.catch_up)
    watcher = SiteWatcher(rebuilder.changed, ignored=[output.resolve(), options.build.cache_dir.resolve()])
    watcher.follow(*_watched(root, config.content if config else root / "content"))
    restore = _stop_on_sigterm()
    try:
        watcher.start()  # before the first build: an edit made while it runs is built next
        builds.first()
        server.start()
        _announce(options, server.port, root, watcher)
        if options.open_browser:
            webbrowser.open(_url(options.host, server.port))
        builds.warm()  # before any rebuild: it reads the cache the builds write (an edit saved meanwhile waits)
        rebuilder.start()
        while True:
            time.sleep(1)  # Ctrl+C interrupts a sleep on every system
    except KeyboardInterrupt:
        pass
    finally:
        restore()
        _stop(watcher, rebuilder, builds, server, options.quiet)


def _watched(root: Path, content: Path) -> tuple[list[Path], list[Path]]:
    """Return the folders and files a build reads: content, templates and assets (the site's, the theme's), site.toml."""
    folders = [content, root / "templates", root / "assets", theme.TEMPLATES, theme.ASSETS]
    return folders, [root / CONFIG_FILE]


def _stop_on_sigterm() -> Callable[[], None]:
    """Make SIGTERM stop the preview as Ctrl+C does; return what puts the previous handler back."""
    def interrupt(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt
    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread: signals are not ours to handle
        return lambda: None
    return lambda: signal.signal(signal.SIGTERM, previous)


def _stop(watcher: SiteWatcher, rebuilder: Rebuilder, builds: Builds, server: PreviewServer, quiet: bool) -> None:
    """Stop watching, let a build under way finish, bring the search bundle (and edition) up to date, and close the server.

    output/ is then exactly what `build` would make of the files as they were last built.
    """
    try:
        watcher.stop()
        if rebuilder.building and not quiet:
            click.echo("正在停止：等待当前的构建完成…")
        if rebuilder.stop():
            if not quiet:
                click.echo("正在停止：更新站内搜索索引（和繁体版）…")
            builds.catch_up()
        server.stop()
    except KeyboardInterrupt:  # asked twice: stop at once
        click.echo("已强制停止。", err=True)
        return
    click.echo("预览已停止。")


def _announce(options: ServeOptions, port: int, root: Path, watcher: SiteWatcher) -> None:
    """Print where the preview is, what it watches, and how to stop it."""
    click.echo(f"预览地址：{_url(options.host, port)}")
    if not _local_only(options.host):
        click.secho(f"注意：预览在 {options.host} 上监听，同一网络中的任何人都能打开它。只在本机预览时不要加 --host。",
                    fg="yellow", err=True)
    if options.quiet:
        return
    watched = [_shown(path, root) for path in watcher.watched if path.is_relative_to(root)]
    click.echo(f"正在监视 {'、'.join(watched)}：保存后自动重新构建，打开的页面随之刷新")
    click.echo("按 Ctrl+C 停止")


def _url(host: str, port: int) -> str:
    """Return the address to open: on all interfaces, this computer's own."""
    if host in ("", "0.0.0.0"):
        host = "127.0.0.1"
    elif host == "::":
        host = "::1"
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def _local_only(host: str) -> bool:
    """Return whether only this computer can reach an address."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:  # a host name: it may well be reachable from elsewhere
        return False


def _shown(path: Path, root: Path) -> str:
    relative = path.relative_to(root).as_posix()
    return relative + "/" if path.is_dir() else relative
