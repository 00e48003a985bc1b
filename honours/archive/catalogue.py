"""The 归档文件目录 (DA/T 22-2015): one row per 件, each bulletin or decision with its attachments, in date order.

It is made three ways from the same rows: a page to print (A4 landscape, with its cover), the same
page as PDF/A, and a workbook for the archive room's own system.
"""
from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import Problems
from ..model.records import Bulletin
from ..model.site import Site, source_of
from ..render.fonts import font_stacks
from ..render.theme import make_environment
from .settings import REFERENCE_NAMES, RETENTION_CODES, ArchiveSettings
from .zipped import refixed

TEMPLATE = "archive/catalogue.html"
NAME = "归档文件目录"
COLUMNS = ("件号", "档号", "责任者", "文号", "题名", "日期", "页数", "密级", "备注")
# The standard's own words, here beside its columns rather than in the template: the cover's labels
# (each with the Catalogue attribute it shows) and the page number's words around the number.
COVER = (("全宗名称", "fonds"), ("年度", "year"), ("保管期限", "retention"), ("机构", "institution"))
PAGE_NUMBER = ("第 ", " 页")


@dataclass(frozen=True, slots=True)
class Item:
    """One 件 of the catalogue: a bulletin or decision, with its attachments."""

    number: int  # 件号
    reference: str  # 档号
    issuer: str  # 责任者
    document_number: str  # 文号, "" when it has none
    title: str  # 题名
    date: dt.date
    pages: int | None  # 页数, from its PDF
    classification: str  # 密级, "" for an open document
    remarks: str  # 备注

    @property
    def day(self) -> str:
        """Return the date as the catalogue writes it: 8 digits, 20241220."""
        return f"{self.date:%Y%m%d}"

    def cells(self) -> tuple[object, ...]:
        """Return the row's cells, column by column."""
        return (self.number, self.reference, self.issuer, self.document_number, self.title, self.day,
                self.pages if self.pages is not None else "", self.classification, self.remarks)


@dataclass(frozen=True, slots=True)
class Catalogue:
    """A year's 归档文件目录: its cover and its 件."""

    fonds: str  # 全宗名称
    year: int  # 年度
    retention: str  # 保管期限
    institution: str  # 机构（问题）
    items: tuple[Item, ...]

    @property
    def title(self) -> str:
        return f"{self.fonds} {self.year}年度{NAME}"


def catalogue(site: Site, year: int, pdfs: Path, problems: Problems) -> Catalogue:
    """Return the year's catalogue: its bulletins in date order, each with the pages of its PDF in `pdfs`.

    A bulletin without 文号 is reported at its record, as a 件 the archive room will ask about.
    """
    settings: ArchiveSettings = site.config.archive
    organisation = site.config.organisation or site.config.title
    bulletins = sorted(site.bulletins.values(), key=lambda b: (b.date, b.id))
    numbering = _numbering(settings, year, site.config.root / "site.toml", problems)
    items = tuple(_item(number, bulletin, numbering(number), pdfs, site, problems)
                  for number, bulletin in enumerate(bulletins, start=1))
    return Catalogue(settings.fonds or organisation, year, settings.retention, settings.institution or organisation,
                     items)


def _numbering(settings: ArchiveSettings, year: int, toml: Path, problems: Problems) -> Callable[[int], str]:
    """Return how a 件号 becomes its 档号; an error on site.toml if the format names what there is not."""
    if not settings.fonds_number and "{全宗号" in settings.reference:
        problems.warning(toml, None, "archive.fonds_number", "没有设置全宗号，归档文件目录的档号中全宗号一项为空",
                         "在 site.toml 的 [archive] 表中写 fonds_number = \"档案室给的全宗号\"")
    values = {"全宗号": settings.fonds_number or "", "年度": year, "保管期限": RETENTION_CODES[settings.retention]}
    try:
        settings.reference.format(**values, 件号=1)
    except (KeyError, ValueError, IndexError) as exc:
        problems.error(toml, None, "archive.reference", f"档号格式“{settings.reference}”写得不对（{exc}）",
                       "只能用 " + "、".join("{" + name + "}" for name in REFERENCE_NAMES) + "，例如 {全宗号}-WS·{年度}-"
                       "{保管期限}-{件号:04d}")
        return lambda number: ""
    return lambda number: settings.reference.format(**values, 件号=number)


def _item(number: int, bulletin: Bulletin, reference: str, pdfs: Path, site: Site, problems: Problems) -> Item:
    source = source_of(site, bulletin)
    if not bulletin.number:
        problems.warning(source.path if source else None, source.line if source else None, "number",
                         f"归档文件目录第 {number} 件“{bulletin.title}”没有文号，目录中文号一栏将空着",
                         "在 number: 中填写文号，如 机关党发〔2024〕12号；确实没有文号的，在备注中会注明“无文号”")
    pdf = pdfs / f"{bulletin.id}.pdf"
    remarks = [] if bulletin.number else ["无文号"]
    if bulletin.attachments:
        remarks.append(f"附件{len(bulletin.attachments)}份")
    return Item(number, reference, bulletin.issuer, bulletin.number or "", bulletin.title, bulletin.date,
                page_count(pdf) if pdf.is_file() else None, bulletin.classification or "", "；".join(remarks))


def page_count(pdf: Path) -> int:
    """Return how many pages a PDF has."""
    import pypdf

    return len(pypdf.PdfReader(pdf).pages)


def catalogue_html(site: Site, made: Catalogue) -> str:
    """Return the catalogue as a page to print: its cover, then its rows on A4 landscape."""
    env = make_environment(site.config)
    return env.get_template(TEMPLATE).render(catalogue=made, name=NAME, columns=COLUMNS, fonts=font_stacks(()),
                                             cover=COVER, page_number=PAGE_NUMBER)


def catalogue_xlsx(made: Catalogue, built: dt.date, producer: str) -> bytes:
    """Return the catalogue as a workbook: the cover's facts above the rows, stamped with the content's date."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.writer.excel import ExcelWriter

    book = Workbook()
    sheet = book.active
    sheet.title = NAME
    sheet.append([made.title])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([f"全宗名称：{made.fonds}", "", f"年度：{made.year}", "", f"保管期限：{made.retention}", "",
                  f"机构（问题）：{made.institution}"])
    sheet.append(list(COLUMNS))
    for cell in sheet[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center")
    for item in made.items:
        sheet.append(list(item.cells()))
    for column, width in enumerate((6, 26, 26, 22, 50, 11, 6, 6, 16), start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    for row in sheet.iter_rows(min_row=4, min_col=5, max_col=5):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.print_title_rows = "3:3"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    stamp = dt.datetime.combine(built, dt.time())  # the content's date, never the clock: the same bytes each time
    book.properties.created = book.properties.modified = stamp
    book.properties.creator = book.properties.lastModifiedBy = producer
    book.properties.title = made.title
    written = io.BytesIO()
    # ExcelWriter, not book.save(): save() stamps the workbook as modified by the clock.
    with zipfile.ZipFile(written, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).save()
    return refixed(written.getvalue())
