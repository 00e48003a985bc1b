"""What a year archive holds: the year's site as built, its 归档文件目录, its source records, and the proof.

Every file is gathered here as bytes, so manifest.json and SHA256SUMS digest exactly what the zip holds.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..errors import Problems
from ..model.site import Site
from ..print.archival import PdfDescription, producer
from ..print.pdf import PdfJob, PdfUnavailable, check_available, make_pdf
from ..write import inventory
from .catalogue import NAME, Catalogue, catalogue, catalogue_html, catalogue_xlsx
from .manifest import MANIFEST, README, SUMS, Holdings, manifest, readme, sums
from .sources import source_files, sources_digest
from .zipped import archive_name

PRINTED_BULLETINS = "print/bulletins"  # where the year's site keeps each bulletin's PDF


def holdings(site: Site, year: int, built: Path, problems: Problems) -> dict[str, bytes]:
    """Return every file of the year's archive by its path in it: the site built in `built`, the catalogue,
    the sources, 说明.txt, manifest.json and SHA256SUMS."""
    files = {path: (built / path).read_bytes() for path in sorted(inventory(built))}
    made = catalogue(site, year, built / PRINTED_BULLETINS, problems)
    day = content_date(site)
    html = catalogue_html(site, made)
    files[f"{NAME}.html"] = html.encode("utf-8")
    files[f"{NAME}.xlsx"] = catalogue_xlsx(made, day, producer())
    if (pdf := _catalogue_pdf(html, made, day, site.config.root / "site.toml", problems)) is not None:
        files[f"{NAME}.pdf"] = pdf
    sources = {path: file.read_bytes() for path, file in source_files(site).items()}
    files |= sources
    about = Holdings(archive_name(year), year, producer(), day.isoformat(), sources_digest(sources), NAME)
    files[README] = readme(about)
    files[MANIFEST] = manifest(files, about)
    files[SUMS] = sums(files)
    return files


def content_date(site: Site) -> dt.date:
    """Return the latest date the year's records give: the archive's date, the same however often it is made."""
    days = [b.date for b in site.bulletins.values()] + [c.end.last_day() for c in site.campaigns.values()]
    return max(days)


def _catalogue_pdf(html: str, made: Catalogue, day: dt.date, toml: Path, problems: Problems) -> bytes | None:
    """Return the catalogue as PDF/A; None, with an error, if it cannot be made."""
    try:
        check_available()
    except PdfUnavailable as exc:
        problems.error(None, None, "pdf", f"无法生成归档文件目录的 PDF：WeasyPrint 不可用（{exc}）",
                       "按 README“打印与 PDF”一节安装 WeasyPrint 及其需要的 Pango 库")
        return None
    outcome = make_pdf(PdfJob(f"{NAME}.html", html, {}, PdfDescription(made.title, made.fonds, day)))
    for failure in outcome.failures:
        problems.error(None, None, "pdf", f"生成归档文件目录的 PDF 时出错：{failure}", "检查 templates/archive/catalogue.html")
    for nonconformity in outcome.nonconforming:
        problems.warning(toml, None, "archive", f"归档文件目录的 PDF 不符合 PDF/A-2b：{nonconformity}",
                         "检查 templates/archive/catalogue.html 使用的字体和图片")
    return outcome.pdf if not outcome.failures else None
