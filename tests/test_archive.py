"""Year archives: `build.py archive YEAR` writes a zip of that year's part of the site that opens whole."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from conftest import MINIMAL_SITE, run, write_tree
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
