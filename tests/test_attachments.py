"""Files linked from Markdown bodies (附件): published beside the pages under hashed names, links rewritten,
and every link that cannot be published an error at the line that wrote it."""
from __future__ import annotations

import io
import re
import shutil
import struct
import zipfile
import zlib
from pathlib import Path
from urllib.parse import unquote, urljoin

import pytest
from PIL import Image

from conftest import MINIMAL_SITE, run, write_tree
from honours import cachefiles, pipeline
from honours.render import attachments
from honours.errors import BuildFailed
from honours.options import BuildOptions
from sitecheck import SiteFiles, broken_references, scan
from test_incremental import differences, tree

PERSON = "content/people/zhang-wei.md"
BODY = ("---\nname: 张伟\nunit: xuanchuan\n---\n长期从事宣传工作。\n\n"
        "![获奖证书](attachments/证书 1.jpg)\n\n见[工作总结](zongjie.pdf#page=2)。\n")


def jpeg(colour: str = "red") -> bytes:
    data = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(data, "JPEG")
    return data.getvalue()


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def attached_site(tmp_path: Path) -> Path:
    """The minimal site, with a traditional edition and a person whose body shows an image and links a PDF."""
    return write_tree(tmp_path / "site", {
        **MINIMAL_SITE, "site.toml": MINIMAL_SITE["site.toml"] + 'traditional_edition = "fanti"\n',
        PERSON: BODY, "content/people/attachments/证书 1.jpg": jpeg(), "content/people/zongjie.pdf": PDF})


def linked(page: Path, pattern: str) -> Path:
    """Return the file a page's first link or image matching `pattern` (in src= or href=) leads to."""
    found = re.search(rf'(?:src|href)="([^"]*{pattern}[^"#]*)', page.read_text(encoding="utf-8"))
    assert found, f"no link to {pattern} in {page}"
    return Path(unquote(urljoin(page.as_uri(), found.group(1))[len("file://"):]))


def test_images_and_documents_beside_a_record_are_published_and_linked(attached_site: Path) -> None:
    result = run("build", "--site", str(attached_site))
    assert result.exit_code == 0, result.output
    output = attached_site / "output"
    for folder in (output, output / "fanti"):  # the traditional edition has its own copies
        page = folder / "people/zhang-wei.html"
        image, document = linked(page, r"\.jpg"), linked(page, r"zongjie\.pdf")
        assert image.read_bytes() == jpeg() and document.read_bytes() == PDF
        # Named by their bytes, keeping the name the clerk gave (a document downloads under it).
        assert image.name == "证书 1.jpg" and document.name == "zongjie.pdf"
        assert image.parent.parent == folder / "attachments" and len(image.parent.name) == 24
        html = page.read_text(encoding="utf-8")
        assert 'alt="获奖证书"' in html or 'alt="獲獎證書"' in html
        assert "zongjie.pdf#page=2" in html
    files = SiteFiles.from_folder(output)
    assert broken_references(files, scan(files)) == []
    # The originals are not copied under their own paths: only the hashed copies are published.
    assert not list(output.rglob("zhang-wei/zongjie.pdf")) and not (output / "people/zongjie.pdf").exists()


def test_a_citation_links_files_beside_its_honours_file(attached_site: Path) -> None:
    honours = "content/campaigns/wenming-2024/honours.yaml"
    write_tree(attached_site, {
        "content/campaigns/wenming-2024/tupian.png": png(),
        honours: "- award: wenming-bushi\n  unit: xuanchuan\n  date: 2024-07-01\n  citation: 见 ![合影](tupian.png)\n"
                 "- award: dushu\n  people: [zhang-wei, li-na]\n"})
    result = run("build", "--site", str(attached_site))
    assert result.exit_code == 0, result.output
    page = attached_site / "output/units/xuanchuan.html"  # the citation is shown on the unit's page
    assert linked(page, r"tupian\.png").read_bytes() == png()
    # and on the campaign's honour rolls and printable forms, each a folder deeper: every link resolves.
    roll = (attached_site / "output/campaigns/wenming-2024/honour-roll.html").read_text(encoding="utf-8")
    assert "../../attachments/" in roll
    files = SiteFiles.from_folder(attached_site / "output")
    assert broken_references(files, scan(files)) == []


def png(size: tuple[int, int] = (10, 10)) -> bytes:
    data = io.BytesIO()
    Image.new("RGB", size, "blue").save(data, "PNG")
    return data.getvalue()


WHERE = "把文件放在本文件旁边，或旁边的 attachments 文件夹里"
TYPES = "可以发布的图片：jpg、jpeg、png、gif、webp；文档：pdf、doc、docx、xls、xlsx、ppt、pptx、zip、txt"


@pytest.mark.parametrize("markdown, message, hint", [
    ("![图](huiyi.jpg)", "找不到链接的文件“huiyi.jpg”（应在 content/people/ 文件夹里）", WHERE),
    ("[附件](attachments/总结.pdf)", "找不到链接的文件“attachments/总结.pdf”（应在 content/people/attachments/ 文件夹里）",
     WHERE),
    ("[总结](ZongJie.pdf)", "找不到链接的文件“ZongJie.pdf”（应在 content/people/ 文件夹里），是不是“zongjie.pdf”？", WHERE),
    ("![证书](attachments/证书 1.jpeg)", "找不到链接的文件“attachments/证书 1.jpeg”（应在 content/people/attachments/ 文件夹里），"
     "是不是“证书 1.jpg”？", WHERE),
    ("[程序](setup.exe)", "链接的文件“setup.exe”不是可以发布的类型（.exe）", TYPES),
    ("![矢量图](logo.svg)", "链接的文件“logo.svg”不是可以发布的类型（.svg）", TYPES),
    ('<a href="Setup.EXE">程序</a>', "链接的文件“Setup.EXE”不是可以发布的类型（.exe）", TYPES),
    ("[单位的附件](../units/jiguan.pdf)", "链接的文件“../units/jiguan.pdf”不在本文件所在的文件夹里", WHERE),
])
def test_a_link_to_a_file_that_cannot_be_published_is_an_error_at_its_line(attached_site: Path, markdown: str,
                                                                             message: str, hint: str) -> None:
    write_tree(attached_site, {"content/units/jiguan.pdf": PDF, "content/people/setup.exe": b"MZ",
                               "content/people/logo.svg": "<svg/>",
                               PERSON: BODY.replace("见[工作总结]", f"第二段。\n\n{markdown}\n\n见[工作总结]")})
    result = run("build", "--site", str(attached_site))
    assert result.exit_code == 1, result.output
    assert f"{PERSON}:11: {message}" in result.output, result.output
    assert hint in result.output
    assert not (attached_site / "output").exists()


def test_links_leaving_the_site_are_refused_with_a_hint_that_says_where_files_go(attached_site: Path) -> None:
    write_tree(attached_site, {PERSON: BODY + "\n[密码](../../../outside/secret.pdf)\n"})
    result = run("build", "--site", str(attached_site))
    assert result.exit_code == 1
    assert f"{PERSON}:11: 链接“../../../outside/secret.pdf”指向网站文件夹之外" in result.output, result.output
    # The old hint told the clerk to link files in the site folder by relative path: what made dead links.
    assert "路径相对于本文件所在的文件夹" not in result.output
    assert "把文件放在本文件旁边，或旁边的 attachments 文件夹里" in result.output


def png_header(width: int, height: int) -> bytes:
    """Return the start of a PNG claiming this size (a crafted "decompression bomb": no pixels follow)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) \
        + chunk(b"IDAT", b"") + chunk(b"IEND", b"")


@pytest.mark.parametrize("name, data, message", [
    ("zongjie.pdf", "<html><script>alert(1)</script></html>", "文件的内容不是 pdf 格式（扩展名与内容不符）"),
    ("attachments/证书 1.jpg", "<html><script>alert(1)</script></html>", "不是可识别的图片文件（jpg、png、gif 或 webp）"),
    ("attachments/证书 1.jpg", png_header(30000, 30000), "图片有 30000×30000 像素，太大，浏览器难以显示"),
])
def test_a_file_whose_bytes_are_not_of_its_type_is_an_error_naming_it(attached_site: Path, name: str,
                                                                       data: str | bytes, message: str) -> None:
    write_tree(attached_site, {f"content/people/{name}": data})
    result = run("build", "--site", str(attached_site))
    assert result.exit_code == 1
    assert f"content/people/{name}: {message}" in result.output, result.output
    assert not (attached_site / "output").exists()
    checked = run("check", "--site", str(attached_site))  # `check` finds it too, writing nothing
    assert checked.exit_code == 1 and f"content/people/{name}: {message}" in checked.output, checked.output


def test_a_file_over_the_size_limit_is_an_error_with_its_size(attached_site: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("honours.render.attachments.LIMIT_MB", 0.0001)  # 104 bytes: spares writing 50 MB
    result = run("build", "--site", str(attached_site))
    assert result.exit_code == 1
    assert "content/people/attachments/证书 1.jpg: 正文中链接的这个文件有 0.0 MB，超过了 0.0001 MB 的上限" in result.output, \
        result.output


def test_pages_rendered_in_worker_processes_publish_and_check_their_attachments(
        attached_site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("honours.render.rendering.PARALLEL_FROM", 2)  # as a site of 400 pages or more renders
    result = run("build", "--site", str(attached_site))
    assert result.exit_code == 0, result.output
    assert linked(attached_site / "output/people/zhang-wei.html", r"zongjie\.pdf").read_bytes() == PDF
    write_tree(attached_site, {"content/people/zongjie.pdf": "不是 PDF"})
    for command in ("build", "check"):
        result = run(command, "--site", str(attached_site))
        assert result.exit_code == 1
        assert result.output.count("content/people/zongjie.pdf: 文件的内容不是 pdf 格式") == 1, result.output


def test_an_edited_attachment_rebuilds_as_a_build_from_scratch(attached_site: Path, tmp_path: Path) -> None:
    options = BuildOptions(attached_site, output=tmp_path / "output", cache=tmp_path / "cache")
    first = pipeline.build(options)
    old = linked(options.output / "people/zhang-wei.html", r"\.jpg")
    (attached_site / "content/people/attachments/证书 1.jpg").write_bytes(jpeg("green"))
    again = pipeline.build(options)
    assert 0 < again.pages_rendered < first.pages  # the pages showing it, not the whole site
    new = linked(options.output / "people/zhang-wei.html", r"\.jpg")
    assert new != old and new.read_bytes() == jpeg("green") and not old.exists()
    cold = pipeline.build(BuildOptions(attached_site, output=tmp_path / "cold", cache=tmp_path / "cold-cache"))
    assert differences(tree(options.output), tree(cold.output)) == []
    # A deleted attachment is found missing although the record's file did not change.
    (attached_site / "content/people/zongjie.pdf").unlink()
    with pytest.raises(BuildFailed) as failed:
        pipeline.build(options)
    assert [(p.path.name, p.line, p.message.split("（")[0]) for p in failed.value.problems.errors] == [
        ("zhang-wei.md", 9, "找不到链接的文件“zongjie.pdf#page=2”")]


def test_a_year_archive_holds_the_attachments_of_its_pages(attached_site: Path, tmp_path: Path) -> None:
    result = run("archive", "2024", "--site", str(attached_site), "--quiet")
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(attached_site / "output/archive/honours-2024.zip") as opened:
        opened.extractall(tmp_path / "unzipped")
    folder = tmp_path / "unzipped/honours-2024"
    assert linked(folder / "people/zhang-wei.html", r"zongjie\.pdf").read_bytes() == PDF
    files = SiteFiles.from_folder(folder)
    assert broken_references(files, scan(files), folder_index=False) == []
    shutil.rmtree(tmp_path / "unzipped")


def test_a_printed_bulletin_shows_the_image_its_body_shows(tmp_path: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as exc:  # no Pango: the README's set-up (and CI) installs it
        pytest.skip(f"WeasyPrint cannot run here: {exc}")
    bulletin = "content/bulletins/biaozhang-2024.md"
    site = write_tree(tmp_path / "site", {
        **MINIMAL_SITE, "content/bulletins/attachments/heying.png": png((400, 200)),
        bulletin: MINIMAL_SITE[bulletin].replace("特此通报。", "![合影](attachments/heying.png)\n\n特此通报。")})
    result = run("pdf", "--site", str(site), "--only", "bulletins/biaozhang-2024")
    assert result.exit_code == 0, result.output
    pages = pypdf.PdfReader(site / "output/print/bulletins/biaozhang-2024.pdf").pages
    assert (400, 200) in {image.image.size for page in pages for image in page.images}


def test_an_edit_elsewhere_reads_no_attachment_again(attached_site: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cachefiles, "RACY_NS", 0)  # trust the stamps at once
    options = BuildOptions(attached_site, output=tmp_path / "output", cache=tmp_path / "cache")
    pipeline.build(options)
    hashed: list[Path] = []
    real = attachments._digest
    monkeypatch.setattr(attachments, "_digest", lambda file: hashed.append(file) or real(file))
    write_tree(attached_site, {"content/people/li-na.md": "---\nname: 李娜\nunit: xuanchuan\n---\n新的简介。\n"})
    pipeline.build(options)
    assert hashed == []  # the images and documents the site links were known by their stamps
    (attached_site / "content/people/zongjie.pdf").write_bytes(PDF + b"%changed\n")
    pipeline.build(options)
    assert {file.name for file in hashed} == {"zongjie.pdf"}  # by the site, and by its traditional edition
    # Output holds copies from the cache, never links to the clerk's own files (an edit would show at once).
    published = linked(options.output / "people/zhang-wei.html", r"zongjie\.pdf")
    assert not published.samefile(attached_site / "content/people/zongjie.pdf")
    assert len(list((options.cache_dir / "attachments").glob("*/zongjie.pdf"))) == 1  # the old copy pruned
