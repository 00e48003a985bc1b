"""Print: `build.py pdf` makes a PDF of every printable page, at the right size, with every font embedded."""
from __future__ import annotations

import fnmatch
import io
import shutil
from pathlib import Path

import pytest
from PIL import Image

from conftest import MINIMAL_SITE, REPO, run, write_tree

pypdf = pytest.importorskip("pypdf")
try:
    import weasyprint  # noqa: F401
except (ImportError, OSError) as exc:  # no Pango: the README's set-up (and CI) installs it
    pytest.skip(f"WeasyPrint cannot run here: {exc}", allow_module_level=True)

MM = 72 / 25.4  # points per millimetre
A4 = (595.28, 841.89)


def jpeg(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (180, 120, 90)).save(buffer, "JPEG")
    return buffer.getvalue()


PARAGRAPH = ("机关各部室认真贯彻落实集团公司党委的部署要求，紧紧围绕创建目标，扎实开展各项创建工作，"
             "工作作风进一步转变，服务质量和办事效率明显提升，机关形象有了新的改善，涌现出一批先进典型。")
LONG_BULLETIN = (
    "---\ntitle: 关于2024年度机关文明部室创建活动情况的通报\nnumber: 机关党发〔2024〕20号\n"
    "issuer: 中共某某公司机关委员会\ndate: 2024-12-20\nkind: 通报\naddressees: [机关各部室, 机关各党支部]\n"
    "cc: [公司党委]\ncampaign: wenming-2024\nattachments:\n  - award: dushu\n---\n"
    + "\n\n".join(["## 一、基本情况", *[PARAGRAPH] * 6, "## 二、主要做法", *[PARAGRAPH] * 6]) + "\n")

PRINT_SITE = {
    **MINIMAL_SITE,
    "content/bulletins/tongbao-2024.md": LONG_BULLETIN,
    "site.toml": 'title = "测试光荣榜"\norganisation = "测试公司"\nboard = "1200x900"\n',
    # A portrait too small for a board: 120 px across a card tens of millimetres wide.
    "content/people/li-na.md": "---\nname: 李娜\nunit: xuanchuan\nphoto: li-na.jpg\n---\n",
    "content/people/li-na.jpg": jpeg(120, 160),
    "content/campaigns/laomo-2023/index.md": (
        "---\ntitle: 2023年度劳动模范评选\norganiser: 工会\nstart: 2023-01\nend: 2023-12\npaper: A3 横向\n"
        "awards:\n  - id: laomo\n    name: 劳动模范\n    recipient: person\n---\n"),
    "content/campaigns/laomo-2023/honours.yaml": "- award: laomo\n  person: zhang-wei\n  citation: 扎根一线二十年。\n",
}


def pdf_pages(path: Path) -> list:
    return pypdf.PdfReader(path).pages


def size_mm(box) -> tuple[float, float]:
    return round(float(box.width) / MM, 1), round(float(box.height) / MM, 1)


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The print site with every PDF made; returns its output folder and what the command printed."""
    site = write_tree(tmp_path_factory.mktemp("print") / "site", PRINT_SITE)
    result = run("pdf", "--site", str(site))
    assert result.exit_code == 0, result.output
    return site / "output", result.output


def test_every_printable_page_gets_its_pdf_beside_it(printed: tuple[Path, str]) -> None:
    output, said = printed
    pages = sorted((output / "print").rglob("*.html"))
    names = {p.relative_to(output / "print").as_posix() for p in pages}
    assert {"campaigns/wenming-2024/honour-roll.html", "campaigns/wenming-2024/board.html",
            "campaigns/wenming-2024/honour-roll-dushu.html", "units/xuanchuan.html",
            "bulletins/biaozhang-2024.html", "campaigns/laomo-2023/honour-roll.html"} <= names
    # One honour's certificate is made only when named (press.ON_REQUEST): the print run is the award's PDF.
    pages = [page for page in pages if not fnmatch.fnmatchcase(page.relative_to(output / "print").as_posix(),
                                                               "campaigns/*/certificates/*")]
    for page in pages:
        assert page.with_suffix(".pdf").is_file(), page
    assert f"{len(pages)} 个 PDF" in said and "print" in said


def test_paper_sizes_follow_site_toml_and_the_campaign(printed: tuple[Path, str]) -> None:
    output, _ = printed
    roll = pdf_pages(output / "print/campaigns/wenming-2024/honour-roll.pdf")[0]
    assert (round(float(roll.mediabox.width), 2), round(float(roll.mediabox.height), 2)) == A4
    landscape = pdf_pages(output / "print/campaigns/laomo-2023/honour-roll.pdf")[0]
    assert size_mm(landscape.mediabox) == (420.0, 297.0)  # A3 横向, from the campaign's front matter


def test_board_is_its_size_plus_bleed_with_the_trim_marked(printed: tuple[Path, str]) -> None:
    output, _ = printed
    board = pdf_pages(output / "print/campaigns/wenming-2024/board.pdf")
    assert len(board) == 1  # everything fits the one board
    assert size_mm(board[0].trimbox) == (1200.0, 900.0)
    assert size_mm(board[0].mediabox) == (1206.0, 906.0)  # 3 mm bleed all round


def test_colour_page_is_a4_with_bleed(printed: tuple[Path, str]) -> None:
    output, _ = printed
    page = pdf_pages(output / "print/units/xuanchuan.pdf")[0]
    assert size_mm(page.trimbox) == (210.0, 297.0)
    assert size_mm(page.mediabox) == (216.0, 303.0)


def lines_of(page) -> list[tuple[float, float, float, str]]:
    """Return a PDF page's text lines: (baseline from the top in mm, left edge in mm, size in pt, text)."""
    rows: dict[tuple[float, float], list[tuple[float, str]]] = {}

    def visit(text, cm, tm, font_dict, font_size) -> None:
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            size = font_size * abs(tm[3] * cm[3])
            key = (round((float(page.mediabox.height) - y) * 2) / 2, round(size, 1))
            rows.setdefault(key, []).append((x, text))

    page.extract_text(visitor_text=visit)
    return [(baseline / MM, min(parts)[0] / MM, size, "".join(t for _, t in sorted(parts)).strip())
            for (baseline, size), parts in sorted(rows.items())]


def em_top(line: tuple[float, float, float, str]) -> float:
    """Return where a CJK line's characters start, in mm from the top: the baseline less 0.88 em (Noto CJK)."""
    return line[0] - 0.88 * line[2] / MM


def test_bulletin_is_laid_out_per_gbt_9704(printed: tuple[Path, str]) -> None:
    output, _ = printed
    pages = pdf_pages(output / "print/bulletins/tongbao-2024.pdf")
    assert len(pages) >= 3
    assert (round(float(pages[0].mediabox.width), 2), round(float(pages[0].mediabox.height), 2)) == A4
    first, second = lines_of(pages[0]), lines_of(pages[1])
    # Page 1: the issuer's mark 35 mm into the type area (37 + 35 mm from the top), the number, the title in 22 pt.
    issuer = next(line for line in first if line[3].replace(" ", "") == "中共某某公司机关委员会")
    assert abs(em_top(issuer) - 72) <= 1
    assert any(line[3] == "机关党发〔2024〕20号" and line[2] == 16 for line in first)
    assert [line[3] for line in first if line[2] == 22] == ["关于2024年度机关文明", "部室创建活动情况的通报"]
    # A full page of body: 22 lines of 3号 (16 pt), the first at the 37 mm top margin, at the 28 mm left margin.
    body = [line for line in second if line[2] == 16]
    assert len(body) == 22
    assert abs(em_top(body[0]) - 37) <= 1
    assert abs(min(line[1] for line in body) - 28) <= 1
    assert all(len(line[3]) <= 28 for line in body)
    # Page numbers in 4号 (14 pt): odd pages on the right, even pages on the left.
    one = next(line for line in first if line[3] == "— 1 —")
    two = next(line for line in second if line[3] == "— 2 —")
    assert one[2] == two[2] == 14 and one[1] > 150 and abs(two[1] - 28 - 14 / MM) <= 1
    assert abs(em_top(two) - (37 + 225 + 7)) <= 1  # 7 mm under the type area


def test_bulletin_attachment_lists_the_honours_with_their_ordering_note(printed: tuple[Path, str]) -> None:
    output, _ = printed
    pages = pdf_pages(output / "print/bulletins/tongbao-2024.pdf")
    text = ["".join(line[3] for line in lines_of(page)).replace(" ", "") for page in pages]
    assert any(page.startswith("附件") and "读书积极分子" in page and "按姓氏笔画排序" in page
               and "李娜" in page and "张伟" in page for page in text)
    assert any("附件：读书积极分子名单" in page for page in text[:-1])  # the 附件说明 under the body


def test_every_font_is_embedded(printed: tuple[Path, str]) -> None:
    output, _ = printed
    for path in sorted((output / "print").rglob("*.pdf")):
        for page in pdf_pages(path):
            for font in page["/Resources"]["/Font"].values():
                font = font.get_object()
                descriptors = [d.get_object()["/FontDescriptor"] for d in font.get("/DescendantFonts", [])] or \
                    [font["/FontDescriptor"]]
                for descriptor in descriptors:
                    descriptor = descriptor.get_object()
                    assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), (path, font)


def test_no_glyph_is_missing_and_a_photo_too_small_for_the_board_is_named(printed: tuple[Path, str]) -> None:
    _, said = printed
    assert "空框" not in said
    assert "li-na.md" in said and "DPI" in said  # 120 px across a board card prints far below the board's 100 DPI


def test_site_links_each_printable_page_and_its_pdf(printed: tuple[Path, str]) -> None:
    output, _ = printed
    campaign = (output / "campaigns/wenming-2024/index.html").read_text(encoding="utf-8")
    assert 'href="../../print/campaigns/wenming-2024/board.html"' in campaign
    assert 'href="../../print/campaigns/wenming-2024/board.pdf"' in campaign
    unit = (output / "units/xuanchuan.html").read_text(encoding="utf-8")
    assert 'href="../print/units/xuanchuan.pdf"' in unit


def test_pdfs_are_kept_while_current_and_dropped_with_their_link_when_stale(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", MINIMAL_SITE)
    assert run("pdf", "--site", str(site), "--only", "bulletins/*", "--only", "units/xuanchuan").exit_code == 0
    output = site / "output"
    bulletin_pdf = output / "print/bulletins/biaozhang-2024.pdf"
    first = bulletin_pdf.read_bytes()
    assert not (output / "print/campaigns/wenming-2024/board.pdf").exists()  # not asked for
    # A plain build keeps publishing (and linking) the PDFs that are still current.
    (site / "content/people/li-na.md").write_text("---\nname: 李娜\nunit: xuanchuan\nposition: 科员\n---\n",
                                                  encoding="utf-8")
    assert run("build", "--site", str(site)).exit_code == 0
    assert bulletin_pdf.read_bytes() == first
    assert 'biaozhang-2024.pdf"' in (output / "bulletins/biaozhang-2024.html").read_text(encoding="utf-8")
    # The colour page shows 李娜's new position: its old PDF is stale, so it and its link are gone.
    assert not (output / "print/units/xuanchuan.pdf").exists()
    assert "xuanchuan.pdf" not in (output / "units/xuanchuan.html").read_text(encoding="utf-8")
    # Making the same PDF again gives the same bytes.
    shutil.rmtree(site / ".honours-cache")
    assert run("pdf", "--site", str(site), "--only", "bulletins/biaozhang-2024").exit_code == 0
    assert bulletin_pdf.read_bytes() == first


def test_only_names_what_it_did_not_find(site_dir: Path) -> None:
    result = run("pdf", "--site", str(site_dir), "--only", "bulletins/nonesuch")
    assert result.exit_code == 1
    assert "没有可打印的页面与“bulletins/nonesuch”相符" in result.output
    assert not (site_dir / "output").exists()
    listed = run("pdf", "--site", str(site_dir), "--list")
    assert "bulletins/biaozhang-2024" in listed.output.splitlines()


def test_a_character_no_font_has_is_reported_with_its_text(site_dir: Path) -> None:
    # A rare name typed with an office's self-made character (造字) lands in the private use area.
    (site_dir / "content/people/li-na.md").write_text("---\nname: 李\ue000娜\nunit: xuanchuan\n---\n",
                                                      encoding="utf-8")
    result = run("pdf", "--site", str(site_dir), "--only", "units/xuanchuan")
    assert result.exit_code == 0, result.output
    assert "U+E000" in result.output and "李\ue000娜" in result.output and "assets/fonts/" in result.output
    assert "警告 content/units/xuanchuan.md" in result.output  # the file of the record the page prints


@pytest.mark.parametrize("value", ["B5", "A4 斜向", "A3x"])
def test_an_unknown_paper_is_an_error_at_its_line(site_dir: Path, value: str) -> None:
    index = site_dir / "content/campaigns/wenming-2024/index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("featured: true", f"featured: true\npaper: {value}"),
                     encoding="utf-8")
    result = run("check", "--site", str(site_dir))
    assert result.exit_code == 1
    assert "content/campaigns/wenming-2024/index.md:" in result.output and "paper" in result.output
    assert "不是可用的纸张" in result.output


def test_an_impossible_board_size_is_an_error_in_site_toml(site_dir: Path) -> None:
    (site_dir / "site.toml").write_text('title = "测试"\nboard = "2400x12"\n', encoding="utf-8")
    result = run("check", "--site", str(site_dir))
    assert result.exit_code == 1 and "site.toml:2" in result.output and "不是可用的展板尺寸" in result.output


def test_the_example_site_prints_every_page_without_a_missing_glyph(tmp_path: Path) -> None:
    output = tmp_path / "output"
    # Every printable page but the share pages, whose images tests/test_share.py makes (rasterising the
    # example's 35 would add half a minute to the suite for nothing the share pages' PDFs do not show here).
    only = [option for section in ("bulletins", "campaigns", "certificates", "units") for option in ("--only", section)]
    result = run("pdf", "--site", str(REPO), "--output", str(output), *only)
    assert result.exit_code == 0, result.output
    assert "空框" not in result.output and not [line for line in result.output.splitlines() if line.startswith("错误")]
    pages = [page for page in sorted((output / "print").rglob("*.html"))  # one honour's certificate: on request
             if not fnmatch.fnmatchcase(page.relative_to(output / "print").as_posix(), "campaigns/*/certificates/*")
             and not page.relative_to(output / "print").as_posix().startswith("share/")]
    assert pages and all(page.with_suffix(".pdf").is_file() for page in pages)
