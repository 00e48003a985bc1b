"""荣誉证书: one certificate per honour, at mm positions on the paper site.toml names, numbered by honours.yaml."""
from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import MINIMAL_SITE, run, write_tree

MM = 72 / 25.4  # points in a millimetre
CAMPAIGN = "content/campaigns/wenming-2024/"
# 套打 on 12开 inserts, the printer 2 mm right and 1 mm high, the salutation's box placed by hand.
CERTIFICATE_SITE = {**MINIMAL_SITE, "site.toml": MINIMAL_SITE["site.toml"] + (
    '[certificates]\nmode = "套打"\npaper = "12开"\nper_honour = true\nissuer = "中共测试公司机关委员会"\noffset_x = 2\noffset_y = -1\n'
    '[certificates.fields.name]\nx = 50\ny = 60\nw = 180\nh = 14\nsize = 20\n'),
    CAMPAIGN + "index.md": MINIMAL_SITE[CAMPAIGN + "index.md"].replace(
        "featured: true", "featured: true\ncertificate_number: 〔{year}〕机关文明第{number:03d}号")}


def _pdf(output: Path, name: str) -> PdfReader:
    return PdfReader(output / "print" / f"{name}.pdf")


def _text_at(page: object, wanted: str) -> tuple[float, float]:
    """Return where `wanted` begins on a PDF page, in mm from the page's top left (its baseline)."""
    found: list[tuple[float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if wanted in text and not found:
            found.append((tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]))

    page.extract_text(visitor_text=visit)  # type: ignore[attr-defined]
    assert found, wanted
    height = float(page.mediabox.height)  # type: ignore[attr-defined]
    return found[0][0] / MM, (height - found[0][1]) / MM


@pytest.fixture(scope="module")
def certified(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site with its campaign's, one award's and the calibration page's certificates made as PDFs."""
    site = write_tree(tmp_path_factory.mktemp("certificates") / "site", CERTIFICATE_SITE)
    result = run("pdf", "--site", str(site), "--only", "campaigns/wenming-2024/certificate[s]",
                 "--only", "campaigns/wenming-2024/certificates-dushu", "--only", "certificates/calibration")
    assert result.exit_code == 0, result.output
    return site / "output"


def test_one_certificate_per_honour_on_the_paper_set(certified: Path) -> None:
    whole, award = _pdf(certified, "campaigns/wenming-2024/certificates"), \
        _pdf(certified, "campaigns/wenming-2024/certificates-dushu")
    assert len(whole.pages) == 3 and len(award.pages) == 2  # 宣传部, then 张伟 and 李娜
    for page in [*whole.pages, *award.pages]:
        assert round(float(page.mediabox.width) / MM) == 285 and round(float(page.mediabox.height) / MM) == 210
    text = whole.pages[0].extract_text()
    assert "宣传部：" in text and "荣誉证书" not in text  # 套打: the heading is on the insert already
    assert "在2024年文明部室创建活动中，被评为“文明部室”。" in text.replace("\n", "")
    assert "中共测试公司机关委员会" in text and "二〇二四年七月一日" in text and "〔2024〕机关文明第001号" in text
    assert (certified / "print/campaigns/wenming-2024/certificates/002.html").is_file()
    assert not (certified / "print/campaigns/wenming-2024/certificates/002.pdf").exists()  # made when named


def test_text_sits_at_its_box_plus_the_printer_offset(certified: Path) -> None:
    page = _pdf(certified, "campaigns/wenming-2024/certificates-dushu").pages[0]
    x, baseline = _text_at(page, "同志：")
    assert abs(x - 52) < 0.5  # the box's 50 mm and the offset's 2
    assert 59 < baseline < 59 + 14  # within the box, 1 mm higher than set
    x, _ = _text_at(page, "〔2024〕")
    assert abs(x - (40 * 285 / 297 + 2)) < 0.5  # the default box, scaled from A4 to 12开


def test_the_calibration_page_shows_each_box_a_ruler_and_the_seal(certified: Path) -> None:
    page = _pdf(certified, "certificates/calibration").pages[0]
    assert round(float(page.mediabox.width) / MM) == 285
    text = page.extract_text()
    for words in ("荣誉证书校准页", "称谓 · 52, 59", "正文", "落款", "日期", "编号", "印章位置", "280", "offset_x"):
        assert words in text, words
    x, _ = _text_at(page, "100")  # the ruler's 100 mm mark, moved with the offset
    assert abs(x - 102) < 2


def test_numbers_stay_when_an_honour_is_added_at_the_end(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", CERTIFICATE_SITE)

    def numbers() -> dict[str, str]:
        assert run("build", "--site", str(site)).exit_code == 0
        pages = sorted((site / "output/print/campaigns/wenming-2024/certificates").glob("*.html"))
        return {page.stem: page.read_text(encoding="utf-8").split("机关文明第")[1][:3] for page in pages}

    before = numbers()
    honours = site / CAMPAIGN / "honours.yaml"
    honours.write_text(honours.read_text(encoding="utf-8") + "- award: xingji\n  unit: jiguan\n  level: 五星\n",
                       encoding="utf-8")
    after = numbers()
    assert before == {"001": "001", "002": "002", "003": "003"} and after == {**before, "004": "004"}


def test_a_wrong_placeholder_is_an_error_at_its_line(site_dir: Path) -> None:
    index = site_dir / CAMPAIGN / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace(
        "    recipient: person\n", "    recipient: person\n    certificate_text: 在{campagin}中，被评为“{award}”。\n"),
        encoding="utf-8")
    result = run("check", "--site", str(site_dir))
    assert result.exit_code == 1
    line = next(n for n, text in enumerate(index.read_text(encoding="utf-8").splitlines(), 1) if "campagin" in text)
    assert f"index.md:{line}: awards[2].certificate_text: 占位符“{{campagin}}”不可用" in result.output
    assert "可用的占位符：{name}" in result.output
    (site_dir / "site.toml").write_text('title = "测试"\n[certificates]\nnumber = "第{year}号"\n', encoding="utf-8")
    result = run("check", "--site", str(site_dir))
    assert "site.toml:3: certificates.number:" in result.output and "没有序号 {number}" in result.output
