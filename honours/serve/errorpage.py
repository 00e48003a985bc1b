"""The page every open preview shows while the site does not build: each problem, as the terminal lists it."""
from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..config import load_config
from ..errors import Problem, Problems, Severity
from ..strings import DEFAULT_LANGUAGE, catalogue

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


@dataclass(frozen=True, slots=True)
class PageWords:
    """The preview page's words, in the site's language and as its site.toml overrides them."""

    text: Callable[[str], str]
    language: str


def page_words(root: Path) -> PageWords:
    """Return the words of the site in `root`; the default language's when its site.toml cannot be read."""
    config = load_config(root, Problems())
    if config is None:
        return PageWords(catalogue(DEFAULT_LANGUAGE).__getitem__, DEFAULT_LANGUAGE)
    return PageWords(config.text, config.language)


def problems_page(problems: list[Problem], root: Path, strict: bool) -> str:
    """Return the page listing every problem of a failed build: file, line, field, what is wrong and the fix."""
    words = page_words(root)
    items = "".join(_item(problem, root, strict, words.text) for problem in problems)
    errors = sum(1 for p in problems if _is_error(p, strict))
    warnings = len(problems) - errors
    counted = words.text("preview_errors").format(errors=errors) + (
        words.text("preview_warnings").format(warnings=warnings) if warnings else "")
    return _page(words.text("preview_failed").format(count=counted),
                 f"<p class=\"note\">{html.escape(words.text('preview_failed_note'))}</p><ol>{items}</ol>", words)


def crash_page(summary: str, root: Path) -> str:
    """Return the page for a build that stopped on an unexpected error: its last line; the rest is in the terminal."""
    words = page_words(root)
    return _page(words.text("preview_crash"), f"<pre>{html.escape(summary)}</pre>"
                 f"<p class=\"note\">{html.escape(words.text('preview_crash_note'))}</p>", words)


def write_failed_page(message: str, root: Path) -> str:
    """Return the page for a build that could not write output/ (a full disk, a file open elsewhere)."""
    words = page_words(root)
    return _page(words.text("preview_write_failed"), f"<pre>{html.escape(message)}</pre>"
                 f"<p class=\"note\">{html.escape(words.text('preview_write_failed_note'))}</p>", words)


def _item(problem: Problem, root: Path, strict: bool, text: Callable[[str], str]) -> str:
    error = _is_error(problem, strict)
    field = (f"<span class=\"field\">{html.escape(text('preview_field'))} <code>{html.escape(problem.field)}</code></span>"
             if problem.field else "")
    hint = f"<p class=\"hint\">{html.escape(text('preview_hint'))}{html.escape(problem.hint)}</p>" if problem.hint else ""
    label = text("preview_error") if error else text("preview_warning")
    return (f"<li class=\"{'error' if error else 'warning'}\"><span class=\"label\">{html.escape(label)}</span> "
            f"<span class=\"where\">{html.escape(problem.location(root))}</span>{field}"
            f"<p class=\"message\">{html.escape(problem.message)}</p>{hint}</li>")


def _is_error(problem: Problem, strict: bool) -> bool:
    return problem.severity is Severity.ERROR or strict


def _page(title: str, body: str, words: PageWords) -> str:
    return (f"<!DOCTYPE html>\n<html lang=\"{html.escape(words.language)}\"><head><meta charset=\"utf-8\">"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{html.escape(title)} — {html.escape(words.text('preview_name'))}</title><style>{_STYLE}</style></head>\n"
            f"<body><header><h1>{html.escape(title)}</h1></header><main>{body}</main></body></html>\n")
