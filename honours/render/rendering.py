"""Render pages with their templates, noting what each read; template mistakes reported at their line."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import jinja2

from ..errors import Problems
from .pages import Page
from .reads import NotedSite, Recorder


@dataclass(frozen=True, slots=True)
class Rendered:
    """A page's HTML and what its template read from the site to draw it."""

    html: str
    reads: Recorder


def render_pages(env: jinja2.Environment, site: NotedSite, pages: list[Page], problems: Problems) -> dict[str, Rendered]:
    """Return every page rendered; a template error is reported against the template, not raised.

    Each page is given the site noting what it reads (`site.for_page()`), so a rebuild knows what it showed.
    """
    rendered = {}
    for page in pages:
        try:
            template = env.get_template(page.template)
            noted = site.for_page()
            html = template.render(page.context(noted))
            rendered[page.path] = Rendered(html, noted.recorder)
        except jinja2.TemplateSyntaxError as exc:
            problems.error(_template_path(exc.filename, page.template), exc.lineno, None,
                           f"模板语法错误：{exc.message}", "检查模板中 {{ }} 与 {% %} 是否成对")
            break
        except jinja2.TemplateError as exc:
            line, name = _template_line(exc)
            problems.error(_template_path(name, page.template), line, None,
                           f"模板出错（渲染 {page.path} 时）：{exc}", "检查模板中用到的变量名是否正确")
            break
    return rendered


def _template_path(filename: str | None, fallback: str) -> Path:
    return Path(filename) if filename else Path("templates") / fallback


def _template_line(exc: Exception) -> tuple[int | None, str | None]:
    """Return the template file and line an error happened at, from the traceback Jinja rewrote."""
    tb = exc.__traceback__
    found: tuple[int | None, str | None] = (None, None)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".html"):
            found = (tb.tb_lineno, filename)
        tb = tb.tb_next
    return found
