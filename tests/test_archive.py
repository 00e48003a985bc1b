"""Year archives: `build.py archive YEAR` writes a zip of that year's part of the site that opens whole, with
PDF/A documents, its 归档文件目录, its sources and a manifest that `honours verify` checks."""
from __future__ import annotations

import datetime
import hashlib
import json
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import pypdf
import pytest
from openpyxl import load_workbook
from PIL import Image

from conftest import MINIMAL_SITE, run, write_tree
from honours.archive.sources import sources_digest
from honours.errors import Problems, Severity
from honours.print.archival import PdfDescription, nonconformities
from honours.print.pdf import PdfJob, make_pdf
from honours.print.press import Printing, _reported
from sitecheck import SiteFiles, broken_references, outside_references, scan

try:
    import weasyprint  # noqa: F401
    PDFS = True
except (ImportError, OSError):  # no Pango: the README's set-up (and CI) installs it
    PDFS = False

# The minimal site's 2024 campaign, and a 2023 one whose honours and people must stay out of 2024's archive.
ARCHIVE_SITE = {
    **MINIMAL_SITE,
    "content/people/wang-qiang.md": "---\nname: 王强\nunit: xuanchuan\n---\n",
    "content/units/gonghui.md": "---\nname: 工会\nkind: 部室\nparent: jiguan\n---\n",
    "content/campaigns/dushu-2023/index.md": (
        "---\ntitle: 2023年读书活动\norganiser: 机关工会\nstart: 2023-03\nend: 2023-11\n"
        "awards:\n  - id: dushu\n    name: 读书积极分子\n    recipient: person\n---\n"),
    "content/campaigns/dushu-2023/honours.yaml": "- award: dushu\n  people: [wang-qiang]\n",
    "content/bulletins/dushu-2023.md": (
        "---\ntitle: 关于表彰2023年读书积极分子的决定\nissuer: 机关工会\ndate: 2023-12-01\nkind: 表彰决定\n"
        "campaign: dushu-2023\n---\n王强同志读书积极。\n"),
}


@pytest.fixture
def archive_site(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "site", ARCHIVE_SITE)


def archive(site: Path, year: str, output: Path | None = None) -> Path:
    """Archive a year as a user would; return the zip."""
    where = ["--output", str(output)] if output else []
    result = run("archive", year, "--site", str(site), "--quiet", *where)
    assert result.exit_code == 0, result.output
    return (output or site / "output") / "archive" / f"honours-{year}.zip"


def test_an_unzipped_archive_links_only_to_files_inside_it(archive_site: Path, tmp_path: Path) -> None:
    zipped = archive(archive_site, "2024")
    with zipfile.ZipFile(zipped) as opened:
        opened.extractall(tmp_path / "unzipped")
    folder = tmp_path / "unzipped" / "honours-2024"
    files = SiteFiles.from_folder(folder)
    site = scan(files)
    assert site.references, "the archive has pages that link"
    # Every link, image, srcset, stylesheet and script resolves to a file in the folder, from file://
    # (no folder index to fall back on), and nothing is fetched from anywhere else.
    assert broken_references(files, site, folder_index=False) == []
    assert outside_references(site) == []
    # The year's records are there, with the search page and its index for reading from a folder.
    for page in ["index.html", "people/zhang-wei.html", "people/li-na.html", "units/xuanchuan.html",
                 "units/jiguan.html", "campaigns/wenming-2024/honour-roll.html", "bulletins/biaozhang-2024.html",
                 "years/2024.html", "search.html", "search/index.js"]:
        assert (folder / page).is_file(), page
    # Another year's campaign, bulletin and the people only it honours are not.
    for page in ["campaigns/dushu-2023/index.html", "bulletins/dushu-2023.html", "people/wang-qiang.html",
                 "years/2023.html", "units/gonghui.html"]:
        assert not (folder / page).exists(), page
    home = (folder / "index.html").read_text(encoding="utf-8")
    assert "2024年文明部室创建活动" in home and "2023年读书活动" not in home
    # The search index holds the year's people and not the others.
    index = (folder / "search" / "index.js").read_text(encoding="utf-8")
    assert "张伟" in index and "王强" not in index
    # Pagefind cannot work from a folder, so the archive does without its bundle.
    assert not (folder / "pagefind").exists()
    if PDFS:
        assert (folder / "print" / "bulletins" / "biaozhang-2024.pdf").is_file()
        bulletin = (folder / "bulletins" / "biaozhang-2024.html").read_text(encoding="utf-8")
        assert "../print/bulletins/biaozhang-2024.pdf" in bulletin


def test_archiving_a_year_twice_gives_the_same_bytes(archive_site: Path, tmp_path: Path) -> None:
    first = archive(archive_site, "2024", tmp_path / "first")
    # The second time from nothing: another output folder and an empty cache.
    second_site = write_tree(tmp_path / "again", ARCHIVE_SITE)
    second = archive(second_site, "2024", tmp_path / "second")
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as opened:
        names = opened.namelist()
        assert names == sorted(names)
        assert all(name.startswith("honours-2024/") for name in names)
        assert {info.date_time for info in opened.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_a_build_keeps_the_archives_in_output(archive_site: Path) -> None:
    zipped = archive(archive_site, "2024")
    made = zipped.read_bytes()
    result = run("build", "--site", str(archive_site), "--quiet")
    assert result.exit_code == 0, result.output
    assert zipped.read_bytes() == made


def test_a_year_with_nothing_in_it_is_an_error_naming_the_years_there_are(archive_site: Path) -> None:
    result = run("archive", "2019", "--site", str(archive_site))
    assert result.exit_code == 1
    assert "没有 2019 年度的活动或通报" in result.output
    assert "2024、2023" in result.output
    assert not (archive_site / "output" / "archive").exists()


# --- The archive as the archive room receives it: PDF/A, the 归档文件目录, sources, manifest (issue 22) ---

# The same year with the archive room's settings, and a 简报 without 文号 but with a 密级, issued before the decision.
ARCHIVE_ROOM_SITE = {
    **ARCHIVE_SITE,
    "site.toml": ('title = "测试光荣榜"\norganisation = "测试公司"\n\n[archive]\nfonds = "测试公司"\nfonds_number = "J001"\n'
                  'retention = "定期30年"\ninstitution = "党委宣传部"\n'),
    "content/bulletins/jianbao-2024.md": (
        "---\ntitle: 文明创建工作简报（第1期）\nissuer: 机关党委办公室\ndate: 2024-03-05\nkind: 简报\n"
        "classification: 内部\n---\n创建活动启动。\n"),
}
TOP = "honours-2024"


@pytest.fixture(scope="module")
def archived(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """Archive 2024 of the archive room's site once for the tests below; return the site, the zip and what was said."""
    site = write_tree(tmp_path_factory.mktemp("room") / "site", ARCHIVE_ROOM_SITE)
    result = run("archive", "2024", "--site", str(site))
    assert result.exit_code == 0, result.output
    return site, site / "output" / "archive" / f"{TOP}.zip", result.output


def unzipped(zipped: Path, where: Path) -> Path:
    with zipfile.ZipFile(zipped) as opened:
        opened.extractall(where)
    return where / TOP


def xmp_of(pdf: Path) -> tuple[pypdf.PdfReader, str]:
    reader = pypdf.PdfReader(pdf)
    return reader, reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")


needs_pdfs = pytest.mark.skipif(not PDFS, reason="WeasyPrint (Pango) is not installed")


@needs_pdfs
def test_every_document_and_roll_of_the_year_is_pdf_a_2b_described_by_its_record(archived, tmp_path: Path) -> None:
    folder = unzipped(archived[1], tmp_path)
    reader, xmp = xmp_of(folder / "print" / "bulletins" / "biaozhang-2024.pdf")
    assert 'pdfaid:part="2"' in xmp and 'pdfaid:conformance="B"' in xmp
    meta = reader.xmp_metadata
    assert meta.dc_title == {"x-default": "关于表彰2024年度文明部室的决定"}
    assert meta.dc_creator == ["中共某某公司机关委员会"]
    assert meta.dc_identifier == "机关党发〔2024〕12号"
    assert meta.dc_relation == ["2024年文明部室创建活动"]
    assert [d.date() for d in meta.dc_date] == [datetime.date(2024, 7, 1)]
    assert meta.pdf_producer.startswith("honours ")
    assert reader.metadata["/Producer"] == meta.pdf_producer and reader.metadata["/Author"] == "中共某某公司机关委员会"
    assert not reader.is_encrypted
    # Fonts embedded, no CMYK: nothing keeps any of the year's PDFs from PDF/A-2b, and nothing was said.
    pdfs = sorted((folder / "print").rglob("*.pdf"))
    assert len(pdfs) >= 5  # both bulletins, the honour rolls, the board, the unit's colour page
    for pdf in pdfs:
        assert 'pdfaid:part="2"' in xmp_of(pdf)[1], pdf
        assert nonconformities(pdf.read_bytes()) == [], pdf
    roll = xmp_of(folder / "print" / "campaigns" / "wenming-2024" / "honour-roll.pdf")[0].xmp_metadata
    assert roll.dc_creator == ["机关党委"] and roll.dc_relation == ["2024年文明部室创建活动"]
    assert "PDF/A" not in archived[2]


@needs_pdfs
def test_what_keeps_a_pdf_from_pdf_a_is_said_at_its_record(tmp_path: Path) -> None:
    cmyk = tmp_path / "cmyk.jpg"
    Image.new("CMYK", (40, 30), (0, 200, 200, 0)).save(cmyk, "JPEG")
    html = '<html lang="zh-CN"><body><p>图片</p><img src="cmyk.jpg"></body></html>'
    outcome = make_pdf(PdfJob("print/bulletins/x.html", html, {"print/bulletins/cmyk.jpg": str(cmyk)},
                              PdfDescription("标题", "发文机关")))
    assert outcome.pdf is not None and any("CMYK" in found for found in outcome.nonconforming)
    problems = Problems()
    record = tmp_path / "content" / "bulletins" / "x.md"
    assert _reported(outcome, Printing("print/bulletins/x.html", html, record), problems)  # kept all the same
    assert [(item.path, item.line, item.severity) for item in problems.items] == [(record, 1, Severity.WARNING)]
    assert "print/bulletins/x.html 的 PDF 不符合 PDF/A-2b" in problems.items[0].message
    assert "CMYK" in problems.items[0].message


def test_the_catalogue_lists_each_document_of_the_year_in_date_order(archived, tmp_path: Path) -> None:
    folder = unzipped(archived[1], tmp_path)
    rows = list(load_workbook(folder / "归档文件目录.xlsx").active.iter_rows(values_only=True))
    assert rows[2] == ("件号", "档号", "责任者", "文号", "题名", "日期", "页数", "密级", "备注")
    first, second = rows[3], rows[4]
    assert first[:6] == (1, "J001-WS·2024-D30-0001", "机关党委办公室", None, "文明创建工作简报（第1期）", "20240305")
    assert first[7:] == ("内部", "无文号")
    assert second[:6] == (2, "J001-WS·2024-D30-0002", "中共某某公司机关委员会", "机关党发〔2024〕12号",
                          "关于表彰2024年度文明部室的决定", "20240701")
    assert len(rows) == 5  # the 2023 decision is another year's
    html = (folder / "归档文件目录.html").read_text(encoding="utf-8")
    assert "A4 landscape" in html
    for cover in ("全宗名称", "测试公司", "保管期限", "定期30年", "党委宣传部", "J001-WS·2024-D30-0002"):
        assert cover in html
    assert html.index("文明创建工作简报") < html.index("关于表彰2024年度文明部室的决定")
    # The bulletin without 文号 is reported at its record when the year is archived.
    assert "content/bulletins/jianbao-2024.md:2: number:" in archived[2].replace("\\", "/")
    assert "没有文号" in archived[2]
    if PDFS:
        pages = pypdf.PdfReader(folder / "print" / "bulletins" / "biaozhang-2024.pdf").pages
        assert second[6] == len(pages)
        catalogue = pypdf.PdfReader(folder / "归档文件目录.pdf")
        assert 'pdfaid:part="2"' in xmp_of(folder / "归档文件目录.pdf")[1]
        assert catalogue.pages[0].mediabox.width > catalogue.pages[0].mediabox.height  # landscape
        assert "全宗名称 测试公司" in catalogue.pages[0].extract_text()  # the cover, then the rows
        assert "J001-WS·2024-D30-0001" in catalogue.pages[1].extract_text()


def test_the_archive_holds_its_sources_manifest_and_a_note_on_checking_it(archived, tmp_path: Path) -> None:
    folder = unzipped(archived[1], tmp_path)
    site = archived[0]
    for source in ("site.toml", "content/campaigns/wenming-2024/index.md", "content/campaigns/wenming-2024/honours.yaml",
                   "content/bulletins/biaozhang-2024.md", "content/bulletins/jianbao-2024.md",
                   "content/people/zhang-wei.md", "content/units/jiguan.md"):
        assert (folder / "source" / source).read_bytes() == (site / source).read_bytes(), source
    for other_year in ("content/bulletins/dushu-2023.md", "content/campaigns/dushu-2023/index.md",
                       "content/people/wang-qiang.md"):
        assert not (folder / "source" / other_year).exists(), other_year
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["producer"].startswith("honours ") and manifest["year"] == 2024
    assert manifest["built"] == "2024-12-31"  # the campaign's end: the content's date, not the clock's
    listed = {entry["path"]: entry for entry in manifest["files"]}
    on_disk = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    assert set(listed) == on_disk - {"manifest.json", "SHA256SUMS"}
    entry = listed["归档文件目录.xlsx"]
    body = (folder / "归档文件目录.xlsx").read_bytes()
    assert entry["size"] == len(body) and entry["sha256"] == hashlib.sha256(body).hexdigest()
    sources = {p: (folder / p).read_bytes() for p in listed if p.startswith("source/")}
    assert manifest["sources_sha256"] == sources_digest(sources)
    note = (folder / "说明.txt").read_text(encoding="utf-8")
    assert "sha256sum -c SHA256SUMS" in note and "honours verify" in note and "归档文件目录" in note
    if shutil.which("sha256sum"):  # checkable without honours
        checked = subprocess.run(["sha256sum", "-c", "--quiet", "SHA256SUMS"], cwd=folder, capture_output=True)
        assert checked.returncode == 0, checked.stdout + checked.stderr


def _rezip(zipped: Path, target: Path, change: Callable[[str, bytes], bytes | None], added: str | None = None) -> Path:
    """Copy a zip, each member through `change` (None drops it), and optionally one member more."""
    with zipfile.ZipFile(zipped) as source, zipfile.ZipFile(target, "w") as copy:
        for info in source.infolist():
            body = change(info.filename, source.read(info))
            if body is not None:
                copy.writestr(info, body)
        if added:
            copy.writestr(f"{TOP}/{added}", "多出来的文件\n")
    return target


def test_verify_passes_on_the_archive_and_its_folder(archived, tmp_path: Path) -> None:
    result = run("verify", str(archived[1]))
    assert result.exit_code == 0, result.output
    assert "校验通过" in result.output and "没有缺少、改动或多出的文件" in result.output
    unzipped(archived[1], tmp_path)
    for folder in (tmp_path, tmp_path / TOP):
        assert run("verify", str(folder)).exit_code == 0


@pytest.mark.parametrize("damage, said", [
    ("changed", "文件已改动：print/bulletins/biaozhang-2024.pdf"),
    ("removed", "缺少文件：source/content/bulletins/jianbao-2024.md"),
    ("added", "多出文件：extra/备忘.txt"),
])
def test_verify_fails_naming_the_file_changed_removed_or_added(archived, tmp_path: Path, damage: str, said: str) -> None:
    def change(name: str, body: bytes) -> bytes | None:
        if damage == "changed" and name.endswith("/print/bulletins/biaozhang-2024.pdf"):
            return body[:100] + bytes([body[100] ^ 1]) + body[101:]  # one byte
        if damage == "removed" and name.endswith("jianbao-2024.md"):
            return None
        return body
    damaged = _rezip(archived[1], tmp_path / "damaged.zip", change, "extra/备忘.txt" if damage == "added" else None)
    result = run("verify", str(damaged))
    assert result.exit_code == 1
    assert said in result.output and "校验失败" in result.output
    assert result.output.count("错误 ") == 1, result.output


def test_verify_does_not_trust_a_manifest_edited_to_hide_a_change(archived, tmp_path: Path) -> None:
    damaged = _rezip(archived[1], tmp_path / "edited.zip",
                     lambda name, body: body.replace(b'"year": 2024', b'"year": 2025') if name.endswith("manifest.json")
                     else body)
    result = run("verify", str(damaged))
    assert result.exit_code == 1 and "文件已改动：manifest.json" in result.output


@needs_pdfs
def test_pdf_archival_makes_the_sites_own_pdfs_pdf_a(archive_site: Path) -> None:
    result = run("pdf", "--archival", "--only", "bulletins/biaozhang-2024", "--site", str(archive_site), "--quiet")
    assert result.exit_code == 0, result.output
    reader, xmp = xmp_of(archive_site / "output" / "print" / "bulletins" / "biaozhang-2024.pdf")
    assert 'pdfaid:part="2"' in xmp and reader.xmp_metadata.dc_identifier == "机关党发〔2024〕12号"
