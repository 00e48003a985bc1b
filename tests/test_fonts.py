"""Fonts and PDFs: no boxed PDFs without Chinese fonts, PDFs made again when the fonts change, crashes named.

fontconfig reads FONTCONFIG_FILE once, when a process first uses it: the command runs in a
subprocess for each font configuration, as a clerk would run it on another machine.
"""
from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import MINIMAL_SITE, REPO, run, write_tree
from honours.print import press as press_module
from honours.errors import Problems
from honours.print.machine_fonts import Typeface
from honours.print.pdf import CRASHED, PdfJob, make_pdfs
from pdf_stand_in import dies_on_every_page, dies_on_the_board, raises_on_the_board

try:
    import weasyprint  # noqa: F401
    from honours.print.machine_fonts import MachineFonts
except (ImportError, OSError) as exc:  # no Pango: the README's set-up (and CI) installs it
    pytest.skip(f"WeasyPrint cannot run here: {exc}", allow_module_level=True)

BULLETIN = "bulletins/biaozhang-2024"


def font_files(family: str) -> list[str]:
    """Return the files fontconfig sets Chinese in for `family`, regular and bold; skip if it is not installed."""
    faces = MachineFonts([(family,)]).fonts_for("中")
    files = sorted({face.file for face in faces if face.family == family})
    if not files:
        pytest.skip(f"{family} is not installed")
    return files


def font_config(folder: Path, files: list[str]) -> Path:
    """Write a fontconfig configuration whose only fonts are `files` (linked into one folder); return its path."""
    fonts = folder / "fonts"
    fonts.mkdir(parents=True)
    for file in files:
        try:
            os.symlink(file, fonts / Path(file).name)
        except OSError:
            shutil.copy(file, fonts)
    config = folder / "fonts.conf"
    config.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
                      f"<dir>{fonts}</dir>\n<cachedir>{folder / 'cache'}</cachedir>\n</fontconfig>\n",
                      encoding="utf-8")
    return config


def with_fonts(config: Path, *command: str | Path) -> subprocess.CompletedProcess[str]:
    """Run `build.py` with fontconfig reading `config`, as only a process of its own can."""
    env = {**os.environ, "FONTCONFIG_FILE": str(config), "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, str(REPO / "build.py"), *map(str, command)], env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=600)


@pytest.mark.parametrize("fonts", ["none", "latin"])
def test_without_a_chinese_font_pdf_says_so_once_and_writes_nothing(tmp_path: Path, fonts: str) -> None:
    site = write_tree(tmp_path / "site", MINIMAL_SITE)
    latin = [] if fonts == "none" else [str(p) for p in Path("/usr/share/fonts").rglob("DejaVuSans.ttf")][:1]
    if fonts == "latin" and not latin:
        pytest.skip("no DejaVu Sans to stand for a Latin-only font")
    done = with_fonts(font_config(tmp_path / "fontconfig", latin), "pdf", "--site", site, "--only", BULLETIN)
    said = done.stdout + done.stderr
    assert done.returncode == 1, said
    errors = [line for line in said.splitlines() if "错误" in line and "共" not in line]
    assert len(errors) == 1, said
    assert "本机没有中文字体" in errors[0] and "Noto Serif CJK SC" in errors[0]
    assert "apt-get install fonts-noto-cjk" in said and "仿宋" in said and "assets/fonts/" in said
    assert "空框" in said and "U+" not in said  # no per-character warnings
    assert "FontConfig" not in said  # nor WeasyPrint's English warning
    assert not (site / "output").exists()
    assert not list((site / ".honours-cache").rglob("*.pdf"))


def test_the_sites_own_font_is_enough_without_any_on_the_machine(tmp_path: Path) -> None:
    # An office's 黑体 copied into assets/fonts/ (here Noto Sans CJK under that name) on a machine with no font.
    sans = font_files("Noto Sans CJK SC")
    regular = Path(next((file for file in sans if "Regular" in file), sans[0]))
    site = write_tree(tmp_path / "site", MINIMAL_SITE)
    (site / "assets/fonts").mkdir(parents=True)
    shutil.copy(regular, site / "assets/fonts" / f"黑体{regular.suffix}")
    done = with_fonts(font_config(tmp_path / "fontconfig", []), "pdf", "--site", site, "--only", BULLETIN)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "空框" not in done.stdout + done.stderr and "FontConfig" not in done.stderr
    assert (site / "output/print" / f"{BULLETIN}.pdf").is_file()


def test_pdfs_are_made_again_when_fontconfig_resolves_other_fonts(tmp_path: Path) -> None:
    serif, sans = font_files("Noto Serif CJK SC"), font_files("Noto Sans CJK SC")
    both, only_sans = font_config(tmp_path / "both", serif + sans), font_config(tmp_path / "sans", sans)
    site = write_tree(tmp_path / "site", MINIMAL_SITE)
    pdf = site / "output/print" / f"{BULLETIN}.pdf"
    first = with_fonts(both, "pdf", "--site", site, "--only", BULLETIN)
    assert first.returncode == 0 and "新生成 1 个 PDF" in first.stdout, first.stdout + first.stderr
    made_with_serif = pdf.read_bytes()
    assert with_fonts(both, "build", "--site", site).returncode == 0 and pdf.read_bytes() == made_with_serif
    # The same font files, but the serif ones no longer configured: the document's 仿宋 would fall back to sans.
    # The build is not skipped as unchanged, and no longer publishes the PDF made with the serif.
    assert with_fonts(only_sans, "build", "--site", site).returncode == 0 and not pdf.exists()
    again = with_fonts(only_sans, "pdf", "--site", site, "--only", BULLETIN)
    assert again.returncode == 0 and "新生成 1 个 PDF" in again.stdout, again.stdout + again.stderr
    assert pdf.read_bytes() != made_with_serif


def test_characters_no_font_has_are_one_warning_per_record(site_dir: Path) -> None:
    # Two self-made characters (造字) of an office, in the private use area, in one person's record.
    (site_dir / "content/people/li-na.md").write_text("---\nname: 李\ue000娜\nunit: xuanchuan\n"
                                                      "position: 科\ue001员\n---\n", encoding="utf-8")
    result = run("pdf", "--site", str(site_dir), "--only", "units/xuanchuan")
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if "空框" in line]
    assert len(lines) == 1, result.output
    # Reported at the file of the page's record, with every character and where the first stands.
    assert "content/units/xuanchuan.md" in lines[0] and "李\ue000娜" in lines[0]
    assert "U+E000" in lines[0] and "U+E001" in lines[0]


def test_a_worker_that_dies_is_an_error_naming_its_page(site_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Several workers, so the pages beside the dead one are made again, and only the board is blamed.
    monkeypatch.setattr(press_module, "make_pdfs", functools.partial(make_pdfs, workers=2, render=dies_on_the_board))
    result = run("pdf", "--site", str(site_dir), "--only", "campaigns/*", "--only", BULLETIN)
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if CRASHED in line]
    assert len(errors) == 1 and "print/campaigns/wenming-2024/board.html" in errors[0], result.output
    assert not (site_dir / "output").exists()
    # The pages beside it were made (and kept for the next run): the 3 other pages of the campaign, its 3
    # certificate print runs (the campaign's and each award's) and the bulletin.
    assert len(list((site_dir / ".honours-cache/pdf").glob("*.pdf"))) == 7


def test_a_worker_that_dies_on_every_page_is_given_up_and_every_page_named(
        site_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # After three pages in a row crash alone, the rest are not each tried in a process of their own.
    monkeypatch.setattr(press_module, "make_pdfs", functools.partial(make_pdfs, workers=1, render=dies_on_every_page))
    result = run("pdf", "--site", str(site_dir), "--only", "campaigns/*", "--only", BULLETIN)
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if CRASHED in line]
    assert len(errors) == 8, result.output  # the campaign's 4 pages, its 3 certificate print runs, the bulletin
    assert not list((site_dir / ".honours-cache/pdf").glob("*.pdf"))


def test_a_page_weasyprint_raises_on_is_an_error_naming_it(site_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(press_module, "make_pdfs", functools.partial(make_pdfs, render=raises_on_the_board))
    result = run("pdf", "--site", str(site_dir), "--only", "campaigns/wenming-2024/board")
    assert result.exit_code == 1
    assert "生成 print/campaigns/wenming-2024/board.html 的 PDF 时出错：AssertionError: no layout" in result.output


class _Fonts:
    """Stands in for the machine's fonts: sets each family list in the font given for its first family."""

    def __init__(self, faces: dict[str, tuple[str, str]]) -> None:
        self.faces = faces

    def face_for(self, stack: tuple[str, ...], char: str = "文") -> Typeface:
        return Typeface(*self.faces.get(stack[0], ("Noto Serif CJK SC", "/usr/share/fonts/NotoSerifCJK.ttc")), 0)


class _Shelf:
    def __init__(self, fonts: _Fonts) -> None:
        self.fonts = fonts

    def machine_fonts(self, page_path: str, html: str) -> _Fonts:
        return self.fonts


DOCUMENT = PdfJob("print/bulletins/b.html", '<h1 class="doc-title">关于表彰的决定</h1>', {})


def test_a_document_without_fangsong_says_once_which_fonts_stand_in_and_how_to_add_the_offices() -> None:
    problems = Problems()
    board = PdfJob("print/campaigns/c/board.html", "<h1>光荣榜</h1>", {})
    press_module._report_document_fonts(_Shelf(_Fonts({})), [board, DOCUMENT, DOCUMENT], problems)
    [warning] = problems.items
    assert warning.message == ("本机和网站都没有仿宋、小标宋字体，公文 PDF 改用别的字体："
                               "仿宋用了 Noto Serif CJK SC，小标宋用了 Noto Serif CJK SC")
    assert "assets/fonts/" in warning.hint and "仿宋_GB2312" in warning.hint


def test_the_offices_fonts_on_the_machine_or_in_the_site_are_not_warned_about() -> None:
    problems = Problems()
    faces = {'仿宋_GB2312': ("FangSong_GB2312", "C:/Windows/Fonts/simfang.ttf"),
             "方正小标宋简体": ("Noto Serif CJK SC", "/site/assets/fonts/方正小标宋简体.otf")}  # a copy, named by its file
    press_module._report_document_fonts(_Shelf(_Fonts(faces)), [DOCUMENT], problems)
    assert problems.items == []
    press_module._report_document_fonts(_Shelf(_Fonts({})), [PdfJob("print/x.html", "<h1>榜</h1>", {})], problems)
    assert problems.items == []  # no 公文 to make


def test_this_machines_fonts_name_the_font_a_family_list_sets_text_in() -> None:
    from honours.print.shelf import PRINT_STACKS
    face = MachineFonts(PRINT_STACKS[:1]).face_for(PRINT_STACKS[0])
    assert face is not None and face.family and face.file
