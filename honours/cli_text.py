"""What the command line itself says, in Chinese: every command's and option's help, and click's own messages.

The clerks who run honours read Chinese only, so `--help` and a mistyped command must not answer in English.
Click words its messages through gettext (`_("No such command {name!r}.")`); rather than ship a compiled
catalogue for one language, CLICK_MESSAGES maps those message ids to Chinese and `speak_chinese` hands click
a lookup in their place. The few messages click builds from pieces (a mistyped command or option with its
"did you mean", a missing or wrong argument) are worded whole by `ChineseCommand` and `ChineseGroup`.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

import click
import click.core
import click.decorators
import click.exceptions
import click.formatting
import click.parser
import click.types

from .hints import SITE_WORD

# The help of each command, by its name (a `new` kind's: "new KIND").
COMMANDS = {
    "main": "honours：用 Markdown 和 YAML 文件生成光荣榜和表彰通报的内网网站。\n\n"
            f"在网站文件夹中运行，或用 --site {SITE_WORD} 指出网站；每个命令加 --help 查看说明。",
    "build": "生成网站到 output/；出错时已有的 output/ 保持原样。",
    "pdf": "生成网站，并把每个打印页面（展板、彩页、公文）生成 PDF，放在 output/print/ 中。",
    "archive": "把一个活动年度归档为 output/archive/honours-年份.zip：自成一体的网站，含照片、PDF 和搜索，"
               "解压后打开 index.html 即可浏览。同一年度归档两次，得到的文件完全相同。",
    "verify": "核对年度归档（honours-年份.zip 或解压后的文件夹）：每个文件都与 manifest.json 中的 SHA-256 一致；"
              "报告缺少、改动和多出的文件，有任何一项即以非零状态退出。",
    "check": "检查每条记录和模板有没有错误，不写入任何文件。",
    "sort-names": "把姓名排好序，每行一个，原样输出。\n\n读取文件（不写时读标准输入）：每行一个姓名，或用空格、顿号、逗号分隔。",
    "serve": "生成网站并在 http://127.0.0.1:8000/ 上预览；文件一改就重新生成，打开的页面自动刷新。",
    "init": "在一个新的或空的文件夹中建立一个马上就能生成的新网站：网站设置、单位、人员、活动及其表彰名单、"
            "通报各一个示例，每个字段都有中文说明。",
    "new": "新建一条记录（人员、单位、活动或通报），列出全部字段并附说明；从不覆盖已有文件。"
           "不写编号时按 --name 或 --title 的拼音生成。",
    "new KIND": "在 content/ 中新建一个{label}。",
    "import": "从花名册表格（.xlsx 或 .csv，列名为 姓名、单位、职务 等）新建或更新人员和单位。\n\n"
              "先显示将做的改动；加 --write 才写入。记录的正文从不改动。",
    "deploy": "把 output/ 中生成好的网站同步到目标文件夹：共享文件夹（如 \\\\服务器\\共享\\光荣榜）或网站服务器的根目录。\n\n"
              "只复制有改动的文件，再删去网站已经没有的文件（只删 honours 以前放进去的）；"
              "index.html 最后复制，目标文件夹任何时候都是完整可用的网站。先运行 build。",
}

# The help of each option, by its name in the code.
OPTIONS = {
    "help": "显示本说明并退出。",
    "site": "网站文件夹（放 site.toml 的那个）；在网站文件夹中运行时不用写。",
    "strict": "把警告也当作错误。",
    "quiet": "只显示问题。",
    "output": "网站生成到哪里（默认：site.toml 的 output_dir，即 output/）。",
    "only": "只生成这些打印页面的 PDF，例如 bulletins/hq-323-qidong-tongzhi 或 'campaigns/hq-323-2024/*'"
            "（可写多次；--list 列出名称）。",
    "list": "列出可打印页面的名称后退出。",
    "archival": "生成长期保存格式 PDF/A-2b（嵌入字体，带标题、发文机关、日期、文号等元数据），与年度归档中的相同。",
    "by": "排序方法。strokes：姓氏笔画；strokes-count：笔画数；pinyin：姓氏拼音。",
    "units": "这些是单位名称：不按姓氏规则排序。",
    "traditional": "按繁体字标准（zh-TW）计算笔画。",
    "host": "监听的地址；0.0.0.0 让局域网中的其他电脑也能看到预览。",
    "port": "监听的端口；0 表示自动选一个空闲端口。",
    "open": "在默认浏览器中打开预览。",
    "write": "写入改动；不加时（--dry-run）只显示将新建或修改什么。",
    "sheet": "读取哪个工作表（默认：第一个）。",
    "photos": "照片文件夹，照片以姓名或工号命名（默认：花名册旁边的“照片”或 photos 文件夹）。",
    "deploy-output": "从哪里取生成好的网站（默认：site.toml 的 output_dir，即 output/）。",
}

# Click's own messages (its gettext ids) in Chinese; an id missing here is shown as click words it.
CLICK_MESSAGES = {
    "Usage:": "用法：",
    "Options": "选项",
    "Commands": "命令",
    "Show this message and exit.": OPTIONS["help"],
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "运行 {command} {option} 查看说明。",
    "Missing command.": "缺少命令。",
    "Aborted!": "已中止。",
    "file": "文件",
    "directory": "文件夹",
    "path": "路径",
    "{name} {filename!r} does not exist.": "{name}“{filename}”不存在",
    "{name} {filename!r} is a file.": "“{filename}”是文件，这里要写文件夹",
    "{name} {filename!r} is a directory.": "“{filename}”是文件夹，这里要写文件",
    "{name} {filename!r} is not readable.": "{name}“{filename}”无法读取",
    "{name} {filename!r} is not writable.": "{name}“{filename}”无法写入",
    "{value!r} is not a valid {number_type}.": "“{value}”不是有效的数字",
    "{value} is not in the range {range}.": "{value} 不在允许的范围（{range}）内",
    "{value!r} is not {choice}.": "“{value}”不可用，只能写 {choice}",
    "{value!r} is not one of {choices}.": "“{value}”不可用，可选：{choices}",
    "Option {name!r} requires an argument.": "选项 {name} 后面要写一个值",
    "Option {name!r} requires {nargs} arguments.": "选项 {name} 后面要写 {nargs} 个值",
    "Option {name!r} does not take a value.": "选项 {name} 后面不能写值",
    "Got unexpected extra argument ({args})": "多出了参数：{args}",
    "Got unexpected extra arguments ({args})": "多出了参数：{args}",
}


def _gettext(message: str) -> str:
    return CLICK_MESSAGES.get(message, message)


def _ngettext(singular: str, plural: str, count: int) -> str:
    return _gettext(singular if count == 1 else plural)


def _display_width(text: str) -> int:
    """Return how many columns `text` takes in a console: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in click.unstyle(text))


def speak_chinese() -> None:
    """Have click word its own messages and help headings in Chinese, and line up Chinese help in columns."""
    click.formatting.term_len = _display_width  # type: ignore[attr-defined]
    for module in (click.core, click.decorators, click.exceptions, click.formatting, click.parser, click.types):
        module._ = _gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = _ngettext  # type: ignore[attr-defined]


def did_you_mean(word: str, choices: Iterable[str], what: str) -> str:
    """Return `没有这个命令“biuld”，是不是 build？`, or the list to choose from when nothing is close."""
    choices = sorted(choices)
    close = difflib.get_close_matches(word, choices)
    if close:
        return f"没有这个{what}“{word}”，是不是 {'、'.join(close)}？"
    return f"没有这个{what}“{word}”。可用的{what}：{'、'.join(choices)}"


def _param_name(param: click.Parameter | None, ctx: click.Context) -> str:
    if param is None:
        return ""
    if isinstance(param, click.Argument):
        return param.make_metavar(ctx)
    return "/".join(param.opts)


class _Chinese:
    """Word the usage errors that click builds from pieces as whole Chinese sentences."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[选项]")
        if isinstance(self, click.Group):
            kwargs.setdefault("subcommand_metavar", "命令 [参数]...")
        super().__init__(*args, **kwargs)

    def get_short_help_str(self, limit: int = 45) -> str:
        # Click shortens help at a word's end, and Chinese has no spaces between words: its first sentence instead.
        if self.short_help or not self.help:  # type: ignore[attr-defined]
            return super().get_short_help_str(limit)  # type: ignore[misc]
        return re.split(r"[。：\n]", self.help)[0]  # type: ignore[attr-defined]

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)  # type: ignore[misc]
        except click.NoSuchOption as exc:
            options = [o for p in ctx.command.params if isinstance(p, click.Option) for o in p.opts + p.secondary_opts]
            raise click.UsageError(did_you_mean(exc.option_name, options, "选项"), ctx) from None
        except click.MissingParameter as exc:
            kind = "参数" if isinstance(exc.param, click.Argument) else "选项"
            raise click.UsageError(f"缺少{kind} {_param_name(exc.param, ctx)}", ctx) from None
        except click.BadParameter as exc:
            raise click.UsageError(f"{_param_name(exc.param, ctx)} 的值不对：{exc.message}", ctx) from None


class ChineseCommand(_Chinese, click.Command):
    """A command whose usage errors are in Chinese."""


class ChineseGroup(_Chinese, click.Group):
    """A group of commands whose usage errors, and those of its commands, are in Chinese."""

    command_class = ChineseCommand
    group_class = type  # a subgroup is of the same class

    def resolve_command(self, ctx: click.Context, args: list[str]) -> Any:
        try:
            return super().resolve_command(ctx, args)
        except click.exceptions.NoSuchCommand as exc:
            raise click.UsageError(did_you_mean(exc.command_name, self.commands, "命令"), ctx) from None
