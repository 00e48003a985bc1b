"""Make the PDFs a build asks for: pick the printable pages, render those not on the shelf, report what misprints."""
from __future__ import annotations

import fnmatch
import html as html_lib
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import Problems
from .pdf import OUTSIDE_SITE, PdfJob, PdfOutcome, PdfUnavailable, check_available, make_pdfs
from .shelf import PdfShelf

PRINT_FOLDER = "print/"


def name_of(page_path: str) -> str:
    """Return how `--only` and `pdf --list` name a printable page: bulletins/x for print/bulletins/x.html."""
    return page_path.removeprefix(PRINT_FOLDER).removesuffix(".html")


def select(page_paths: list[str], patterns: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """Return the pages `patterns` pick (all of them for none) and the patterns that picked nothing.

    A pattern is a name with shell wildcards (`bulletins/hq-*`), or a folder (`campaigns/hq-323-2024`).
    """
    if not patterns:
        return list(page_paths), []
    chosen, unmatched = set(), []
    for pattern in patterns:
        pattern = name_of(pattern.strip().strip("/"))
        found = {path for path in page_paths if fnmatch.fnmatchcase(name_of(path), pattern)
                 or name_of(path).startswith(pattern + "/")}
        chosen |= found
        if not found:
            unmatched.append(pattern)
    return [path for path in page_paths if path in chosen], unmatched


@dataclass(frozen=True, slots=True)
class Printing:
    """A printable page to press: its path, its HTML, and the record file it shows (where problems are reported)."""

    page_path: str
    html: str
    source: Path | None


def press(shelf: PdfShelf, printings: list[Printing], resources: dict[str, Path], problems: Problems,
          progress: bool = False) -> int:
    """Make the PDF of every page given that the shelf lacks; return how many were made.

    A character no font has is reported at the line of the record file holding it.
    """
    files = {site: str(file) for site, file in resources.items()}
    jobs = [PdfJob(p.page_path, p.html, files) for p in printings if shelf.file(p.page_path) is None]
    if not jobs:
        return 0
    try:
        check_available()
    except PdfUnavailable as exc:
        problems.error(None, None, "pdf", f"无法生成 PDF：WeasyPrint 不可用（{exc}）",
                       "按 README“打印与 PDF”一节安装 WeasyPrint 及其需要的 Pango 库")
        return 0
    by_path = {p.page_path: p for p in printings}
    made = 0
    for outcome in make_pdfs(jobs, progress=progress):
        if _reported(outcome, by_path[outcome.page_path], problems):
            shelf.put(outcome.page_path, outcome.pdf)
            made += 1
    return made


def _reported(outcome: PdfOutcome, printing: Printing, problems: Problems) -> bool:
    """Report what a PDF lacks; return whether it is fit to keep."""
    source = printing.source
    for char in outcome.missing_glyphs:
        text = _text_of(printing.html)
        problems.warning(source, _line_with(source, char), None,
                         f"“{char}”（U+{ord(char):04X}）在所有字体中都没有，打印在 {outcome.page_path} 里会是空框"
                         f"（出现在“{_around(text, char)}”）",
                         "把含有这个字的字体文件放进 assets/fonts/（例如单位的仿宋、宋体字体），或改用常用字")
    failed = False
    for failure in outcome.failures:
        if OUTSIDE_SITE in failure:  # a picture on another web site: the intranet's PDF goes without it
            problems.warning(source, None, None, f"{outcome.page_path} 的 PDF 中缺少网站外的图片：{failure}",
                             "把图片放进网站文件夹，用相对路径引用")
        else:
            failed = True
            problems.error(source, None, None, f"生成 {outcome.page_path} 的 PDF 时出错：{failure}",
                           "检查模板和 assets/ 中引用的文件是否存在")
    return outcome.pdf is not None and not failed


def _text_of(page: str) -> str:
    body = page.split("<body", 1)[-1]
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def _around(text: str, char: str, reach: int = 12) -> str:
    at = text.find(char)
    if at < 0:
        return char
    return ("…" if at > reach else "") + text[max(0, at - reach): at + reach + 1] + ("…" if at + reach + 1 < len(text) else "")


def _line_with(source: Path | None, char: str) -> int | None:
    """Return the first line of the record file that holds `char`, so the message points at it."""
    if source is None:
        return None
    try:
        lines = source.read_text(encoding="utf-8-sig", errors="replace").splitlines()
    except OSError:
        return None
    return next((number for number, line in enumerate(lines, start=1) if char in line), None)
