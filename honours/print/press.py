"""Make the PDFs a build asks for: pick the printable pages, render those not on the shelf, report what misprints."""
from __future__ import annotations

import fnmatch
import html as html_lib
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import Problems
from ..render.fonts import FALLBACKS, role_of
from .machine_fonts import INSTALLABLE_FAMILIES
from .archival import PdfDescription
from .pdf import CRASHED, OUTSIDE_SITE, PdfJob, PdfOutcome, PdfUnavailable, check_available, make_pdfs
from .shelf import PRINT_STACKS, PdfShelf

PRINT_FOLDER = "print/"


def name_of(page_path: str) -> str:
    """Return how `--only` and `pdf --list` name a printable page: bulletins/x for print/bulletins/x.html."""
    return page_path.removeprefix(PRINT_FOLDER).removesuffix(".html")


# Pages whose PDFs are made only when a pattern names them: one honour's certificate, for a reprint. The print
# run is the award's or the campaign's PDF; a PDF of each of a big site's 20,000 honours would take hours.
ON_REQUEST = "campaigns/*/certificates/*"


def _on_request(name: str) -> bool:
    return fnmatch.fnmatchcase(name, ON_REQUEST)


def select(page_paths: list[str], patterns: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """Return the pages `patterns` pick (all but those ON_REQUEST for none) and the patterns that picked nothing.

    A pattern is a name with shell wildcards (`bulletins/hq-*`), or a folder (`campaigns/hq-323-2024`).
    A page ON_REQUEST is picked only by a pattern within its folder (`campaigns/hq-323-2024/certificates/*`).
    """
    if not patterns:
        return [path for path in page_paths if not _on_request(name_of(path))], []
    chosen, unmatched = set(), []
    for pattern in patterns:
        pattern = name_of(pattern.strip().strip("/"))
        singles = _on_request(pattern) or _on_request(pattern + "/")
        found = {path for path in page_paths if (fnmatch.fnmatchcase(name_of(path), pattern)
                 or name_of(path).startswith(pattern + "/")) and (singles or not _on_request(name_of(path)))}
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
    description: PdfDescription | None = None  # for an archival PDF (PDF/A-2b), what its XMP says


def press(shelf: PdfShelf, printings: list[Printing], resources: dict[str, str | Path], problems: Problems,
          progress: bool = False) -> int:
    """Make the PDF of every page given that the shelf lacks; return how many were made.

    None is made when no font can set Chinese. A character no font has is reported, with the others
    of its record, at the line of the record file holding the first.
    """
    files = {site: str(file) for site, file in resources.items()}
    jobs = [PdfJob(p.page_path, p.html, files, p.description) for p in printings if shelf.file(p.page_path) is None]
    if not jobs:
        return 0
    try:
        check_available()
    except PdfUnavailable as exc:
        problems.error(None, None, "pdf", f"无法生成 PDF：WeasyPrint 不可用（{exc}）",
                       "按 README“打印与 PDF”一节安装 WeasyPrint 及其需要的 Pango 库")
        return 0
    if shelf.lacks_chinese(jobs[0].page_path, jobs[0].html):  # the fonts are the machine's: one look tells for every page
        problems.error(None, None, "pdf", f"无法生成 PDF：本机没有中文字体（找不到 {'、'.join(INSTALLABLE_FAMILIES)}，"
                       "也没有单位的仿宋、黑体等字体），汉字会印成空框",
                       "Debian/Ubuntu 上运行 sudo apt-get install fonts-noto-cjk；Windows 上安装单位的仿宋、黑体字体；"
                       "或把字体文件放进网站的 assets/fonts/ 文件夹")
        return 0
    _report_document_fonts(shelf, jobs, problems)
    by_path = {p.page_path: p for p in printings}
    made = 0
    missing: dict[Path | str, list[tuple[Printing, tuple[str, ...]]]] = {}
    for outcome in make_pdfs(jobs, progress=progress):
        printing = by_path[outcome.page_path]
        if outcome.missing_glyphs:
            missing.setdefault(printing.source or printing.page_path, []).append((printing, outcome.missing_glyphs))
        if _reported(outcome, printing, problems):
            shelf.put(outcome.page_path, outcome.pdf)
            made += 1
    for lacking in missing.values():
        _report_missing(lacking, problems)
    return made


# What print/document.html's title carries: a page set as a 公文 (a bulletin, an assessment's bulletin).
_DOCUMENT = 'class="doc-title"'
# The roles a 公文 is set in, as the standard for official documents (GB/T 9704) asks, by their Chinese names.
_DOCUMENT_ROLES = {"fangsong": "仿宋", "title": "小标宋"}


def _report_document_fonts(shelf: PdfShelf, jobs: list[PdfJob], problems: Problems) -> None:
    """Say once, when 公文 are to be made, which fonts stand in for 仿宋 and 小标宋 if the machine and the site
    have neither, and how to add the office's own: the PDF is otherwise right, so it is a warning."""
    job = next((job for job in jobs if _DOCUMENT in job.html), None)
    fonts = shelf.machine_fonts(job.page_path, job.html) if job is not None else None
    if fonts is None:
        return
    stacks = dict(zip(FALLBACKS, PRINT_STACKS))
    used = {role: fonts.face_for(stacks[role]) for role in _DOCUMENT_ROLES}
    # Named as the site's fonts are recognised (render/fonts.py): by the family inside, or by the file's name.
    instead = {role: face.family for role, face in used.items()
               if face is not None and role_of([face.family, Path(face.file).stem]) != role}
    if instead:
        said = "，".join(f"{_DOCUMENT_ROLES[role]}用了 {family}" for role, family in instead.items())
        problems.warning(None, None, "pdf", f"本机和网站都没有{'、'.join(_DOCUMENT_ROLES[r] for r in instead)}字体，"
                         f"公文 PDF 改用别的字体：{said}",
                         "把单位的字体文件（如 仿宋_GB2312.ttf、方正小标宋简体.ttf）复制到网站的 assets/fonts/ 文件夹，"
                         "按字体名称或文件名自动识别，再生成一次 PDF 即可换上")


def _report_missing(lacking: list[tuple[Printing, tuple[str, ...]]], problems: Problems) -> None:
    """Report, in one line for a record, the characters no font has, where each appears, and the pages."""
    source = lacking[0][0].source
    chars = list(dict.fromkeys(char for _, found in lacking for char in found))
    first = _around(_text_of(next(p for p, found in lacking if chars[0] in found).html), chars[0])
    pages = "、".join(sorted({p.page_path for p, _ in lacking}))
    listed = "、".join(f"“{char}”（U+{ord(char):04X}）" for char in chars)
    problems.warning(source, _line_with(source, chars), None,
                     f"{listed} 在所有字体中都没有，打印在 {pages} 里会是空框（如“{first}”）",
                     "把含有这些字的字体文件放进 assets/fonts/（例如单位的仿宋、宋体字体），或改用常用字")


def _reported(outcome: PdfOutcome, printing: Printing, problems: Problems) -> bool:
    """Report what keeps a PDF from being right; return whether it is fit to keep."""
    source = printing.source
    failed = False
    for nonconformity in outcome.nonconforming:  # the PDF is kept: readable, if not archive-grade
        problems.warning(source, 1 if source else None, None,
                         f"{outcome.page_path} 的 PDF 不符合 PDF/A-2b（长期保存格式）：{nonconformity}",
                         "把字体换成可嵌入的 TrueType/OpenType 字体（放进 assets/fonts/），图片存为 RGB 的 JPEG 或 PNG")
    for failure in outcome.failures:
        if OUTSIDE_SITE in failure:  # a picture on another web site: the intranet's PDF goes without it
            problems.warning(source, None, None, f"{outcome.page_path} 的 PDF 中缺少网站外的图片：{failure}",
                             "把图片放进网站文件夹，用相对路径引用")
        elif failure == CRASHED:
            failed = True
            problems.error(source, None, None, f"生成 {outcome.page_path} 的 PDF 时 {CRASHED}",
                           "多半是字体或 Pango 库的问题：确认装有中文字体（Debian/Ubuntu：sudo apt-get install "
                           "fonts-noto-cjk）后再运行一次；仍出错，请把这一页和这条消息告诉维护者")
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


def _line_with(source: Path | None, chars: list[str]) -> int | None:
    """Return the first line of the record file that holds one of `chars`, so the message points at it."""
    if source is None:
        return None
    try:
        lines = source.read_text(encoding="utf-8-sig", errors="replace").splitlines()
    except OSError:
        return None
    return next((number for number, line in enumerate(lines, start=1) if any(char in line for char in chars)), None)
