"""The command line: a thin layer over the pipeline, and the only place that exits."""
from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from . import collector, hints, orderings, pipeline, scaffold
from .cli_text import COMMANDS, OPTIONS, ChineseCommand, ChineseGroup, speak_chinese
from .options import BuildOptions, PdfRequest
from .errors import BuildFailed, Problems, Severity, reason
from .load.text import decode
from .write import PublishFailed

speak_chinese()  # before the options below are made: click names their types as it makes them
collector.spare_at_exit()

SITE_OPTION = click.option("--site", "site_dir", type=click.Path(file_okay=False, path_type=Path),
                           default=".", help=OPTIONS["site"])
STRICT_OPTION = click.option("--strict", is_flag=True, help=OPTIONS["strict"])
QUIET_OPTION = click.option("--quiet", "-q", is_flag=True, help=OPTIONS["quiet"])


@click.group(cls=ChineseGroup, help=COMMANDS["main"], context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    # Windows consoles default to a legacy code page; Chinese messages must not crash there.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")


OUTPUT_OPTION = click.option("--output", type=click.Path(file_okay=False, path_type=Path), default=None,
                             help=OPTIONS["output"])


@main.command(help=COMMANDS["build"])
@SITE_OPTION
@STRICT_OPTION
@QUIET_OPTION
@OUTPUT_OPTION
def build(**given: Any) -> None:
    _build(_options(**given))


@main.command(help=COMMANDS["pdf"])
@SITE_OPTION
@STRICT_OPTION
@QUIET_OPTION
@OUTPUT_OPTION
@click.option("--only", "patterns", multiple=True, metavar="名称", help=OPTIONS["only"])
@click.option("--list", "list_only", is_flag=True, help=OPTIONS["list"])
@click.option("--archival", is_flag=True, help=OPTIONS["archival"])
def pdf(patterns: tuple[str, ...], list_only: bool, archival: bool, **given: Any) -> None:
    options = _options(**given, pdfs=PdfRequest(make=True, only=patterns, archival=archival))
    if list_only:
        _list_printable(options)
        return
    _build(options)


def _options(site_dir: Path, strict: bool, quiet: bool, output: Path | None, **more: Any) -> BuildOptions:
    """Return the build the command line asks for (the one options object every command builds with)."""
    return BuildOptions(site_dir.resolve(), output=output.resolve() if output else None, strict=strict,
                        progress=not quiet, waiting=_say_waiting, **more)


def _say_waiting() -> None:
    click.secho("另一个构建正在进行（同一网站，可能是另一个窗口或 serve），等它完成后再开始……", fg="yellow", err=True)


def _build(options: BuildOptions) -> None:
    started = time.perf_counter()
    try:
        result = pipeline.build(options)
    except BuildFailed as failed:
        _report(failed.problems, options.root, options.strict)
        click.secho("构建失败：已有的 output/ 保持原样，未做任何修改。", fg="red", err=True)
        sys.exit(1)
    except PublishFailed as failed:  # a full disk, or a page open in another program on Windows
        click.secho(_publish_failed(failed), fg="red", err=True)
        sys.exit(1)
    except OSError as exc:  # a cache file (publishing comes last: output/ was not touched)
        click.secho(_file_failed(exc, options), fg="red", err=True)
        sys.exit(1)
    _report(result.problems, options.root, options.strict)
    if options.progress:
        _built(result, options, time.perf_counter() - started)


def _publish_failed(failed: PublishFailed) -> str:
    """Return what to say when output/ could not be written: which file, why, and how much room is needed."""
    room = f"本次还需写入约 {_megabytes(failed.needed)}" + (
        f"，磁盘只剩 {_megabytes(failed.free)}" if failed.free is not None else "")
    if failed.path is None:
        return (f"错误 输出文件夹: 磁盘空间不足（{room}）— 清理磁盘后重新构建；output/ 保持原样，未做任何修改。")
    return (f"错误 输出文件 {failed.path}: 无法写入（{reason(failed.reason)}）— {room}。关闭正在使用它的程序、"
            "检查磁盘空间后重新构建：已发布的网站仍然完整（链接都有效），重新构建会补齐其余文件。")


def _file_failed(exc: OSError, options: BuildOptions, name: Path | None = None) -> str:
    """Return what to say when a file other than output/'s could not be written: a cache file, or another."""
    name = name or (Path(exc.filename) if exc.filename else None)
    if name is not None and name.is_relative_to(options.cache_dir):
        return (f"错误 缓存文件 {name}: 无法写入（{reason(exc)}）— 缓存在 {options.cache_dir} 中，"
                "检查磁盘空间后重新构建；output/ 保持原样，未做任何修改。")
    return f"错误 {name or ''}: 无法读写（{reason(exc)}）— 检查该文件和磁盘后重新构建；output/ 保持原样，未做任何修改。"


def _megabytes(size: int) -> str:
    return f"{size / 1e6:,.1f} MB"


def _built(result: pipeline.BuildResult, options: BuildOptions, seconds: float) -> None:
    """Say what a build made."""
    pdfs_line = f"、{result.pdfs} 个 PDF" if result.pdfs else ""
    if result.site is None:
        click.echo(f"内容、模板和设置自上次构建以来都没有改动，output/ 已是最新（{result.pages} 个页面、"
                   f"{result.photos} 个图片文件{pdfs_line}），用时 {seconds:.1f} 秒：{result.output}")
    else:
        made = f"、新生成 {result.pdfs_made} 个 PDF" if options.pdfs.make else ""
        click.echo(f"已生成 {result.pages} 个页面、{result.photos} 个图片文件{pdfs_line}（本次渲染 {result.pages_rendered} 个页面、"
                   f"新处理 {result.photos_made} 张照片{made}、写入 {result.files_written} 个文件），"
                   f"用时 {seconds:.1f} 秒：{result.output}")
    if result.edition is not None:
        click.echo(f"繁体版（由简体自动转换）：{result.edition}")
    if options.pdfs.make and result.pdfs:
        click.echo(f"PDF 在 {result.output / 'print'} 中，与各打印页面同名。")


@main.command(help=COMMANDS["archive"])
@click.argument("year", type=click.IntRange(1900, 2999), metavar="年份")
@SITE_OPTION
@STRICT_OPTION
@QUIET_OPTION
@OUTPUT_OPTION
def archive(year: int, **given: Any) -> None:
    started = time.perf_counter()
    from .making import archive as archive_year  # here: a `build` with nothing to do never imports these stages

    options = _options(**given)
    try:
        made = archive_year(options, year)
    except BuildFailed as failed:
        _report(failed.problems, options.root, options.strict)
        click.secho("归档失败：没有写入任何文件。", fg="red", err=True)
        sys.exit(1)
    except PublishFailed as failed:  # the year's site is made in the cache
        click.secho(_file_failed(failed.reason, options, failed.path), fg="red", err=True)
        sys.exit(1)
    except OSError as exc:
        click.secho(_file_failed(exc, options), fg="red", err=True)
        sys.exit(1)
    _report(made.build.problems, options.root, options.strict)
    if options.progress:
        click.echo(f"已归档 {year} 年度：{made.build.pages} 个页面、{made.build.photos} 个图片文件、"
                   f"{made.build.pdfs} 个 PDF，共 {made.files} 个文件，用时 {time.perf_counter() - started:.1f} 秒：{made.path}")
        click.echo("解压后双击其中的 index.html 即可浏览（含站内搜索），无需网络和服务器。")
        click.echo(f"其中有归档文件目录（.html/.pdf/.xlsx）、源记录（source/）和 说明.txt；交给档案室前可运行 "
                   f"{hints.command('verify', hints.from_here(made.path))} 核对。")


@main.command(help=COMMANDS["verify"])
@click.argument("target", metavar="归档", type=click.Path(exists=True, path_type=Path))
def verify(target: Path) -> None:
    from .archive.verify import Unreadable, verify as check_archive

    try:
        verdict = check_archive(target)
    except Unreadable as exc:
        click.secho(f"错误 {exc}", fg="red", err=True)
        sys.exit(1)
    for problem in verdict.problems:
        click.secho(f"错误 {problem}", fg="red", err=True)
    if not verdict.whole:
        click.secho(f"校验失败：{target} 有 {len(verdict.problems)} 处与 manifest.json 不符（清单共列 {verdict.checked} 个文件）。"
                    "请从原件或另一份备份重新复制。", fg="red", err=True)
        sys.exit(1)
    click.echo(f"校验通过：{target} 中清单所列的 {verdict.checked} 个文件（另有 manifest.json 和 SHA256SUMS）与 "
               "manifest.json 的 SHA-256 一致，没有缺少、改动或多出的文件。")


def _list_printable(options: BuildOptions) -> None:
    from .making import printable_pages  # here, as in archive

    problems = Problems()
    names = printable_pages(options.root, problems)
    if names is None:
        _report(problems, options.root, strict=False)
        sys.exit(1)
    for name in names:
        click.echo(name)


@main.command(help=COMMANDS["check"])
@SITE_OPTION
@STRICT_OPTION
@QUIET_OPTION
def check(site_dir: Path, strict: bool, quiet: bool) -> None:
    from .making import check as check_site  # here, as in archive

    problems = check_site(site_dir.resolve(), strict=strict)
    _report(problems, site_dir, strict)
    if problems.fatal(strict):
        sys.exit(1)
    if not quiet:
        click.echo("检查通过：没有发现错误。")


@main.command("sort-names", help=COMMANDS["sort-names"])
@click.argument("file", type=click.Path(dir_okay=False, exists=True, path_type=Path), required=False, metavar="[文件]")
@click.option("--by", "ordering", type=click.Choice(orderings.NAME_ORDERINGS), default="strokes", help=OPTIONS["by"])
@click.option("--units", is_flag=True, help=OPTIONS["units"])
@click.option("--traditional", is_flag=True, help=OPTIONS["traditional"])
def sort_names(file: Path | None, ordering: str, units: bool, traditional: bool) -> None:
    problems = Problems()
    raw = file.read_bytes() if file else sys.stdin.buffer.read()
    text = decode(file or Path("<stdin>"), raw, problems, warn_encoding=False)
    if text is None:
        _report(problems, Path("."), strict=False)
        sys.exit(1)
    names = orderings.split_names(text)  # line ends of any kind separate names
    script = "hant" if traditional else "hans"
    for name in orderings.sort_names(names, ordering, person=not units, script=script):
        click.echo(name)
    for name in names:
        for char in orderings.missing_characters(name, script):
            click.secho(f"警告 「{name}」中的「{char}」没有笔画数据，已排在同组最后 — 请确认没有打错字", fg="yellow", err=True)


@main.command("serve", help=COMMANDS["serve"])
@SITE_OPTION
@STRICT_OPTION
@QUIET_OPTION
@OUTPUT_OPTION
@click.option("--host", default="127.0.0.1", help=OPTIONS["host"])
@click.option("--port", type=click.IntRange(0, 65535), default=8000, help=OPTIONS["port"])
@click.option("--open", "open_browser", is_flag=True, help=OPTIONS["open"])
def serve_command(host: str, port: int, open_browser: bool, **given: Any) -> None:
    from .serve import CannotListen, PortBusy, ServeOptions, preview  # here: other commands need not load watchdog

    options = ServeOptions(_options(**given), host, port, open_browser)
    site_dir, strict = options.root, options.build.strict
    try:
        preview(options, report=lambda problems: _report(problems, site_dir, strict))
    except BuildFailed as failed:  # no site.toml: not a site folder
        _report(failed.problems, site_dir, strict)
        sys.exit(1)
    except PortBusy:
        click.secho(f"错误 --port: 端口 {port} 已被占用（也许另一个 serve 正在运行）— 关掉占用它的程序，"
                    f"或换一个端口：{hints.command('serve', '--port', str(port + 1 if port < 65535 else 8000), site=site_dir)}"
                    "（--port 0 自动选一个空闲端口）", fg="red", err=True)
        sys.exit(1)
    except CannotListen as exc:  # no such address on this computer, or a port below 1024 without the right
        click.secho(f"错误 --host/--port: 无法在 {host} 的端口 {port} 上监听（{exc}）— "
                    "--host 要写本机的地址（不加 --host 即只在本机预览）；1024 以下的端口要管理员权限，换一个更大的端口",
                    fg="red", err=True)
        sys.exit(1)


@main.command(help=COMMANDS["init"])
@click.argument("folder", type=click.Path(path_type=Path), metavar="文件夹")
def init(folder: Path) -> None:
    _scaffolded(lambda: scaffold.init_site(folder))


@main.group(cls=ChineseGroup, help=COMMANDS["new"])
def new() -> None:
    pass


def _new_command(kind: str) -> click.Command:
    """Return `new KIND [ID] --field value ...`, with an option for each field its kind's scaffold names."""
    specs = {spec.name: spec for spec in scaffold.fields_of(kind)}
    params: list[click.Parameter] = [click.Argument(["record_id"], required=False, metavar="[编号]")]
    params += [click.Option([scaffold.option(name), name], metavar="文字", help=scaffold.option_help(kind, specs[name]))
               for name in scaffold.options_of(kind)]

    def callback(record_id: str | None, site_dir: Path, **values: str | None) -> None:
        _scaffolded(lambda: scaffold.new_record(site_dir.resolve(), kind, record_id, values))

    return SITE_OPTION(ChineseCommand(kind, params=params, callback=callback,
                                      help=COMMANDS["new KIND"].format(label=scaffold.KIND_NAMES[kind]),
                                      epilog=f"例如：{scaffold.example_command(kind)}"))


for _kind in scaffold.KINDS:
    new.add_command(_new_command(_kind))


def _scaffolded(write: Callable[[], scaffold.Written]) -> None:
    try:
        written = write()
    except scaffold.Refused as refused:
        for line in refused.lines:
            click.secho(f"错误 {line}", fg="red", err=True)
        click.secho("没有写入任何文件。", fg="red", err=True)
        sys.exit(1)
    except OSError as exc:  # a folder that may not be written, a full disk
        click.secho(f"错误 {exc.filename or ''}: 无法写入（{exc.strerror or exc}）— 检查文件夹是否可以写入、磁盘是否已满",
                    fg="red", err=True)
        sys.exit(1)
    for line in written.lines:
        click.echo(line)


@main.command("import", help=COMMANDS["import"])
@click.argument("roster_file", metavar="花名册", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@SITE_OPTION
@click.option("--write/--dry-run", "write", default=False, help=OPTIONS["write"])
@click.option("--sheet", "worksheet", default=None, metavar="工作表", help=OPTIONS["sheet"])
@click.option("--photos", "photos", type=click.Path(file_okay=False, exists=True, path_type=Path), default=None,
              help=OPTIONS["photos"])
@STRICT_OPTION
@QUIET_OPTION
def import_roster(roster_file: Path, write: bool, worksheet: str | None, photos: Path | None, **given: Any) -> None:
    from . import roster
    from .roster.report import Reporter
    from .roster.write import write_plan

    problems = Problems()
    site_dir, strict, quiet = given["site_dir"], given["strict"], given["quiet"]
    root = site_dir.resolve()
    prepared = roster.prepare(root, roster_file, worksheet, photos, problems, progress=not quiet)
    reporter = Reporter(prepared.plan, prepared.existing, roster_file, root)

    def report() -> None:
        for line, is_error in reporter.problem_lines(problems, strict):  # a roster's rows as 花名册.xlsx 第 12 行
            click.secho(line, fg="red" if is_error else "yellow", err=True)
        if problems.items:
            click.echo(problems.counted(strict), err=True)

    if prepared.plan is None or problems.fatal(strict):
        report()
        click.secho("导入失败：没有写入任何文件。改正以上问题后重新运行。", fg="red", err=True)
        sys.exit(1)
    plan = prepared.plan
    report()
    if not quiet:
        for line in reporter.plan_lines(prepared.photos):
            click.echo(line)
    if plan.empty:
        click.echo("没有需要更改的内容：网站中的人员和单位已与花名册一致。")
    elif not write:
        click.echo("以上为预览，没有写入任何文件。确认无误后加 --write 执行："
                   + hints.command("import", str(roster_file), "--write", site=root))
    else:
        problems.items.clear()
        written = write_plan(plan, problems, progress=not quiet)
        report()
        if not quiet:
            click.echo(reporter.written(written))
            click.echo(f"下一步：{hints.command('check', site=root)}（检查整个网站），"
                       f"或 {hints.command('build', site=root)} 生成网站。")
        if problems.errors:
            sys.exit(1)


@main.command("deploy", help=COMMANDS["deploy"])
@click.argument("dest", type=click.Path(path_type=Path), metavar="目标文件夹")
@SITE_OPTION
@click.option("--output", type=click.Path(file_okay=False, path_type=Path), default=None, help=OPTIONS["deploy-output"])
def deploy_command(dest: Path, site_dir: Path, output: Path | None) -> None:
    from . import deploy, lock
    from .config import load_config

    started, problems, options = time.perf_counter(), Problems(), _options(site_dir, False, True, output)
    config = load_config(options.root, problems)
    if config is None:
        _report(problems, options.root, strict=False)
        sys.exit(1)
    source = options.output or config.output
    if (refused := deploy.refusal(options.root, source, dest)) is not None:
        click.secho(f"错误 {refused}", fg="red", err=True)
        sys.exit(1)
    try:
        with lock.one_build(options.cache_dir, _say_waiting):  # a build does not change output/ while it is copied
            done = deploy.deploy(source, dest)
    except deploy.DeployFailed as failed:
        for line in failed.lines:
            click.secho(f"错误 {line}", fg="red", err=True)
        if failed.outcome:
            click.secho(failed.outcome, fg="red", err=True)
        sys.exit(1)
    click.echo(f"已部署到 {dest}：复制 {done.copied} 个文件、删除 {done.deleted} 个、未变 {done.unchanged} 个，"
               f"用时 {time.perf_counter() - started:.1f} 秒。")


def _report(problems: Problems, site_dir: Path, strict: bool) -> None:
    """Print every problem as `file:line: field: message — hint`, then a count."""
    root = site_dir.resolve()
    for problem in problems.sorted():
        is_error = problem.severity is Severity.ERROR or strict
        label = "错误" if is_error else "警告"
        click.secho(f"{label} {problem.format(root)}", fg="red" if is_error else "yellow", err=True)
    if problems.items:
        click.echo(problems.counted(strict), err=True)
