"""The theme's words in one catalogue per language, a site's overrides, and the traditional-Chinese edition."""
from __future__ import annotations

import re
import zipfile
import string
from pathlib import Path

import pytest

from conftest import MINIMAL_SITE, REPO, run, write_tree
from honours.options import BuildOptions
from honours import pipeline
from honours.config import SITE_NAMES
from honours.model.records import KINDS
from honours.strings import CATALOGUES, STRINGS
from sitecheck import SiteFiles, broken_references, scan

HAN = re.compile(r"[\u3400-\u9fff]")


def _placeholders(text: str) -> list[str]:
    return sorted(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)


@pytest.mark.parametrize("language", sorted(CATALOGUES))
def test_every_catalogue_has_every_string_with_the_same_placeholders(language: str) -> None:
    catalogue = CATALOGUES[language]
    assert list(catalogue) == list(STRINGS)
    for key, text in catalogue.items():
        assert text.strip(), key
        assert _placeholders(text) == _placeholders(STRINGS[key]), key


def test_every_string_in_the_catalogue_is_used() -> None:
    code = "".join(p.read_text(encoding="utf-8") for p in (REPO / "honours").rglob("*") if p.suffix in (".html", ".py"))
    # Each kind of record with pages names its menu entry, list page and search results by its declaration.
    by_kind = {key for kind in KINDS if kind.index for key in (f"nav_{kind.nav}", f"{kind.nav}_title")}
    unused = [key for key in STRINGS if key not in code and key not in by_kind and not key.startswith((
        "search_kind_", "order_", "kind_", "feed_count_", "results_subject_", "count_", "results_rollup_",
        "certificate_salutation_", "certificate_field_"))]
    assert unused == []


def test_templates_hold_no_words_of_their_own() -> None:
    """What a page says comes from the catalogue, so a zh-TW site and a site's overrides reach every word."""
    for template in (REPO / "honours" / "theme" / "templates").rglob("*.html"):
        text = re.sub(r"\{#.*?#\}", "", template.read_text(encoding="utf-8"), flags=re.S)
        if template.name == "document.html":  # its line-breaking rule lists words to keep together; it shows none
            text = re.sub(r"\{% set (words|digits) = .*?%\}|\{% set bonus = .*?%\}", "", text, flags=re.S)
            text = re.sub(r"\{% if n < 10 %\}.*?\{% endif %\}", "", text, flags=re.S)  # numbers as 一 … 九十九
        assert not HAN.findall(text), template


def test_a_traditional_site_shows_the_theme_in_traditional_chinese(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", {**MINIMAL_SITE, "site.toml": 'title = "測試光榮榜"\nlanguage = "zh-TW"\n'
                                          '[strings]\nnav_people = "優秀個人"\n'})
    assert run("build", "--site", str(site), "--strict").exit_code == 0
    home = (site / "output" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="zh-TW">' in home
    assert ">首頁<" in home and ">創建活動<" in home and ">優秀個人<" in home  # the catalogue, then the override
    person = (site / "output" / "people" / "zhang-wei.html").read_text(encoding="utf-8")
    assert "個人榮譽" in person and "张伟" in person  # the theme's words are zh-TW; the records are as written


def test_an_unknown_language_names_the_ones_there_are(site_dir: Path) -> None:
    (site_dir / "site.toml").write_text('title = "测试"\nlanguage = "zh-HK"\n', encoding="utf-8")
    result = run("check", "--site", str(site_dir))
    assert result.exit_code == 1
    assert "site.toml:2: language" in result.output and "zh-CN" in result.output and "zh-TW" in result.output


EDITION_SITE = {
    **MINIMAL_SITE,
    "site.toml": 'title = "测试光荣榜"\norganisation = "测试公司"\ntraditional_edition = "fanti"\n'
                 '[strings]\nfooter_generated = "本网站由宣传部维护"\n',
    # A Chinese id and old id: file names, links and redirects must stay as they are in the edition.
    "content/people/刘强.md": "---\nname: 刘强\nunit: xuanchuan\naliases: [刘小强]\n---\n发展壮大，后来居上。\n",
}


@pytest.fixture(scope="module")
def edition(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = write_tree(tmp_path_factory.mktemp("edition") / "site", EDITION_SITE)
    result = run("build", "--site", str(site), "--strict")
    assert result.exit_code == 0, result.output
    assert "fanti" in result.output
    return site


def _page(site: Path, path: str) -> str:
    return (site / "output" / path).read_text(encoding="utf-8")


def test_the_edition_converts_content_and_theme(edition: Path) -> None:
    person = _page(edition, "fanti/people/zhang-wei.html")
    assert '<html lang="zh-Hant">' in person
    assert "<title>張偉 · 測試光榮榜</title>" in person
    assert "長期從事宣傳工作" in person and "個人榮譽" in person and "讀書積極分子" in person
    assert "本網站由宣傳部維護" in person  # the site's own override, converted too
    assert "张伟" not in person and "宣传" not in person
    chinese_id = _page(edition, "fanti/people/刘强.html")
    assert "發展壯大，後來居上" in chinese_id
    unit = _page(edition, "fanti/units/xuanchuan.html")
    assert 'href="../people/刘强.html"' in unit and 'alt="劉強的照片"' in unit


def test_the_simplified_site_is_unchanged_and_links_to_the_edition(edition: Path) -> None:
    person = _page(edition, "people/zhang-wei.html")
    assert "长期从事宣传工作" in person
    assert '<a href="../fanti/people/zhang-wei.html" hreflang="zh-Hant" lang="zh-Hant">繁體版</a>' in person
    back = _page(edition, "fanti/people/zhang-wei.html")
    assert '<a href="../../people/zhang-wei.html" hreflang="zh-CN" lang="zh-CN">简体版</a>' in back


def test_every_link_of_both_editions_resolves(edition: Path) -> None:
    files = SiteFiles.from_folder(edition / "output")
    assert broken_references(files, scan(files)) == []


def test_an_old_address_in_the_edition_leads_to_the_same_file(edition: Path) -> None:
    redirect = _page(edition, "fanti/people/刘小强.html")
    assert 'content="0; url=刘强.html"' in redirect and 'href="刘强.html"' in redirect and "劉強" in redirect


def test_the_edition_has_its_own_feed_and_search(edition: Path) -> None:
    feed = _page(edition, "fanti/feed.xml")
    assert "讀書積極分子" in feed
    assert "people/zhang-wei.html" in feed and "張偉" in feed and "張偉.html" not in feed
    assert not (edition / "output" / "fanti" / "robots.txt").exists()  # robots.txt counts only at the top
    index = _page(edition, "fanti/search/index.js")
    assert "張偉" in index and "長期從事宣傳工作" in index and "2024年文明部室創建活動" in index
    assert "people/zhang-wei.html" in index
    assert any((edition / "output" / "fanti" / "pagefind").glob("pagefind-entry.json"))


def test_the_editions_feed_gives_its_own_addresses(tmp_path: Path) -> None:
    files = {**EDITION_SITE, "site.toml": EDITION_SITE["site.toml"].replace(
        "[strings]", 'base_url = "https://oa.example.org/roll/"\n[strings]')}
    site = write_tree(tmp_path / "site", files)
    assert run("build", "--site", str(site)).exit_code == 0
    feed = _page(site, "fanti/feed.xml")
    assert 'href="https://oa.example.org/roll/fanti/feed.xml"' in feed
    assert "https://oa.example.org/roll/fanti/bulletins/biaozhang-2024.html" in feed
    assert "https://oa.example.org/roll/fanti/people/" in _page(site, "fanti/sitemap.xml")


def test_an_edition_folder_the_site_uses_is_an_error_at_its_line(site_dir: Path) -> None:
    (site_dir / "site.toml").write_text('title = "测试"\ntraditional_edition = "people"\n', encoding="utf-8")
    result = run("build", "--site", str(site_dir))
    assert result.exit_code == 1
    assert "site.toml:2: traditional_edition: “people”已被网站本身使用" in result.output


def test_the_names_an_edition_folder_may_not_take_are_every_name_a_site_uses(
        example: tuple[Path, pipeline.BuildResult]) -> None:
    output, _ = example
    assert (output / "fanti" / "index.html").is_file()  # the example site has an edition
    used = {entry.name.split(".")[0] for entry in output.iterdir() if entry.name != "fanti"} | {"archive"}
    assert used == SITE_NAMES


def test_a_traditional_site_has_no_edition_to_convert(site_dir: Path) -> None:
    (site_dir / "site.toml").write_text('title = "測試"\nlanguage = "zh-TW"\ntraditional_edition = "fanti"\n',
                                        encoding="utf-8")
    result = run("check", "--site", str(site_dir))
    assert result.exit_code == 1 and "site.toml:3: traditional_edition" in result.output


def test_turning_the_edition_off_removes_it(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", EDITION_SITE)
    assert run("build", "--site", str(site)).exit_code == 0
    assert (site / "output" / "fanti" / "index.html").is_file()
    (site / "site.toml").write_text('title = "测试光荣榜"\n', encoding="utf-8")
    assert run("build", "--site", str(site)).exit_code == 0
    assert not (site / "output" / "fanti").exists()
    assert (site / "output" / "index.html").is_file()


def test_a_year_archive_is_simplified_only(tmp_path: Path) -> None:
    pytest.importorskip("weasyprint")
    site = write_tree(tmp_path / "site", EDITION_SITE)
    result = run("archive", "2024", "--site", str(site))
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(site / "output" / "archive" / "honours-2024.zip") as archive:
        names = archive.namelist()
        home = archive.read("honours-2024/index.html").decode("utf-8")
    assert not any("/fanti/" in name for name in names)
    assert "繁體版" not in home and "fanti/" not in home


def test_a_quick_build_leaves_the_edition_to_the_next(tmp_path: Path) -> None:
    """serve builds quickly while one types (pages only) and brings the edition up to date in a pause."""
    site = write_tree(tmp_path / "site", EDITION_SITE)
    pipeline.build(BuildOptions(site))
    person = site / "content" / "people" / "zhang-wei.md"
    person.write_text(person.read_text(encoding="utf-8").replace("长期从事宣传工作", "负责新闻宣传"), encoding="utf-8")
    pipeline.build(BuildOptions(site, quick=True))
    assert "负责新闻宣传" in _page(site, "people/zhang-wei.html")
    assert "長期從事宣傳工作" in _page(site, "fanti/people/zhang-wei.html")
    assert pipeline.build(BuildOptions(site)).edition_written > 0
    assert "負責新聞宣傳" in _page(site, "fanti/people/zhang-wei.html")


@pytest.mark.parametrize(("standard", "expected"), [("s2t", "爲做好考覈工作"), ("s2tw", "為做好考核工作"),
                                                    ("s2hk", "為做好考核工作")])
def test_a_site_chooses_how_the_edition_writes_characters(tmp_path: Path, standard: str, expected: str) -> None:
    files = {**EDITION_SITE, "site.toml": EDITION_SITE["site.toml"].replace(
        "[strings]", f'traditional_standard = "{standard}"\n[strings]')}
    files["content/people/li-na.md"] = "---\nname: 李娜\nunit: xuanchuan\n---\n为做好考核工作。\n"
    site = write_tree(tmp_path / "site", files)
    assert run("build", "--site", str(site)).exit_code == 0
    page = _page(site, "fanti/people/li-na.html")
    assert expected in page
    language = {"s2t": "zh-Hant", "s2tw": "zh-Hant-TW", "s2hk": "zh-Hant-HK"}[standard]
    assert f'hreflang="{language}"' in _page(site, "people/li-na.html") and f'<html lang="{language}">' in page


def test_links_inside_a_feeds_escaped_html_stay_as_they_are() -> None:
    from honours.render.edition import Traditional

    xml = '<content type="html">&lt;p&gt;&lt;a href="people/刘强.html"&gt;刘强&lt;/a&gt; &amp;amp; 发展&lt;/p&gt;</content>'
    assert Traditional("s2t").markup(xml, xml=True) == (
        '<content type="html">&lt;p&gt;&lt;a href="people/刘强.html"&gt;劉強&lt;/a&gt; &amp;amp; 發展&lt;/p&gt;</content>')
