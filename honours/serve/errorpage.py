"""The page every open preview shows while the site does not build: each problem, as the terminal lists it."""
from __future__ import annotations

import html
from pathlib import Path

from ..errors import Problem, Severity

_STYLE = """
body { margin: 0; font: 16px/1.6 "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", sans-serif;
       color: #222; background: #f6f6f6; }
header { background: #b71c1c; color: #fff; padding: 18px 32px; }
header h1 { margin: 0; font-size: 22px; }
main { max-width: 960px; margin: 24px auto; padding: 0 24px; }
.note { color: #555; }
ol { padding: 0; list-style: none; }
li { background: #fff; border-left: 6px solid #c62828; margin: 12px 0; padding: 12px 16px;
     box-shadow: 0 1px 2px rgba(0,0,0,.12); }
li.warning { border-left-color: #ef8f00; }
.label { display: inline-block; min-width: 3em; font-weight: bold; color: #c62828; }
li.warning .label { color: #b26a00; }
.where { font-family: Consolas, "Courier New", monospace; font-size: 15px; }
.field { margin-left: 12px; color: #555; }
.field code { font-family: Consolas, "Courier New", monospace; background: #eee; padding: 0 4px; color: #222; }
.message { margin: 4px 0 0; }
.hint { margin: 4px 0 0; color: #1b5e20; }
pre { background: #fff; padding: 12px 16px; white-space: pre-wrap; border-left: 6px solid #c62828; }
"""


def problems_page(problems: list[Problem], root: Path, strict: bool) -> str:
    """Return the page listing every problem of a failed build: file, line, field, what is wrong and the fix."""
    items = "".join(_item(problem, root, strict) for problem in problems)
    errors = sum(1 for p in problems if _is_error(p, strict))
    warnings = len(problems) - errors
    counted = f"共 {errors} 个错误" + (f"，{warnings} 个警告" if warnings else "")
    return _page(f"构建失败：{counted}",
                 "<p class=\"note\">改正下面的问题并保存文件，网站会自动重新构建，本页随之刷新。"
                 "output/ 保持上次成功构建的样子，未做任何修改。</p>"
                 f"<ol>{items}</ol>")


def crash_page(summary: str) -> str:
    """Return the page for a build that stopped on an unexpected error: its last line; the rest is in the terminal."""
    return _page("构建时出现意外错误",
                 f"<pre>{html.escape(summary)}</pre>"
                 "<p class=\"note\">完整的出错信息已打印在运行 serve 的终端窗口中。这多半是 honours 自身的缺陷："
                 "请把终端中的内容发给维护者。改动文件后会再次尝试构建，本页随之刷新。</p>")


def write_failed_page(message: str) -> str:
    """Return the page for a build that could not write output/ (a full disk, a file open elsewhere)."""
    return _page("无法写入输出文件夹",
                 f"<pre>{html.escape(message)}</pre>"
                 "<p class=\"note\">关闭正在使用该文件夹的程序，检查磁盘空间；改动任一文件后会再次构建，本页随之刷新。</p>")


def _item(problem: Problem, root: Path, strict: bool) -> str:
    error = _is_error(problem, strict)
    field = f"<span class=\"field\">字段 <code>{html.escape(problem.field)}</code></span>" if problem.field else ""
    hint = f"<p class=\"hint\">改法：{html.escape(problem.hint)}</p>" if problem.hint else ""
    return (f"<li class=\"{'error' if error else 'warning'}\"><span class=\"label\">{'错误' if error else '警告'}</span> "
            f"<span class=\"where\">{html.escape(problem.location(root))}</span>{field}"
            f"<p class=\"message\">{html.escape(problem.message)}</p>{hint}</li>")


def _is_error(problem: Problem, strict: bool) -> bool:
    return problem.severity is Severity.ERROR or strict


def _page(title: str, body: str) -> str:
    return (f"<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{html.escape(title)} — honours 预览</title><style>{_STYLE}</style></head>\n"
            f"<body><header><h1>{html.escape(title)}</h1></header><main>{body}</main></body></html>\n")
