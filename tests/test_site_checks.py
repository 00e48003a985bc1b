"""The built example site is sound: valid HTML, every reference lands inside it, nothing fetched from elsewhere."""
from __future__ import annotations

import json
import re
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

import sitecheck
from conftest import MINIMAL_SITE, REPO, write_tree
from npm_tools import vnu_jar
from honours.options import BuildOptions
from honours import pipeline
from sitecheck import Reference, SiteFiles

CONTENT_SUFFIXES = {".md", ".yaml", ".yml", ".csv", ".txt"}


@pytest.fixture(scope="module")
def output(example: tuple[Path, pipeline.BuildResult]) -> Path:
    return example[0]


@pytest.fixture(scope="module")
def scanned(output: Path) -> tuple[SiteFiles, sitecheck.SiteScan]:
    files = SiteFiles.from_folder(output)
    return files, sitecheck.scan(files)


# What the Nu Html Checker's CSS grammar lacks, by the exact message it gives (nothing broader):
PAGED_MEDIA = {
    # WeasyPrint's paged media (CSS Paged Media 3, GCPM 3): print bleed, and the 版记 of a 公文 set as a footnote.
    "CSS: “bleed”: Property “bleed” doesn't exist.",
    "CSS: “float”: “footnote” is not a “float” value.",
    "CSS: Unknown pseudo-element or pseudo-class “::footnote-call”.",
    "CSS: Unknown pseudo-element or pseudo-class “::footnote-marker”.",
    "CSS: “footnote”: Parse Error.",  # the @footnote area inside @page document
    # The checker knows background-size, but not inside @page, where the printed board tiles its pattern.
    "CSS: “background-size”: Property “background-size” doesn't exist in “CSS Level 3 + SVG” but exists in “[css3]”.",
}
# Container queries are not paged media: they are standard CSS (CSS Containment 3, in every browser since
# 2023) that the checker's grammar predates. The theme sizes a card's initial (no photo) to the card with
# them, after a fallback in rem. Only this property, and the unit `cqw` (by the extract), are let through.
CONTAINER_QUERIES = "CSS: “container-type”: Property “container-type” doesn't exist."
UNKNOWN_DIMENSION = "CSS: “font-size”: Unknown dimension."


def not_an_error(message: dict) -> bool:
    """Return whether a message of the checker is one of the gaps in its CSS grammar listed above."""
    text, extract = message.get("message", ""), message.get("extract", "")
    return (text in PAGED_MEDIA or text == CONTAINER_QUERIES
            or (text == UNKNOWN_DIMENSION and re.search(r"font-size:\s*[\d.]+cqw\s*;", extract) is not None))


def nu_errors(pages: list[Path]) -> dict[Path, list[str]]:
    """Return the Nu HTML Checker's errors for each page (or style sheet), all checked in one run of the JVM.

    The checker is the current one, from npm's vnu-jar (tests/package.json), with CSS checked too: the
    style sheets given, and every <style> element and style attribute of the pages.
    """
    jar = vnu_jar()
    # The checker needs a deep stack for its schemas (it says at least 512k; 4m leaves room).
    done = subprocess.run(["java", "-Xss4m", "-jar", str(jar), "--errors-only", "--also-check-css", "--format", "json",
                           "--stdout", *map(str, pages)], capture_output=True, text=True, timeout=600)
    assert done.stdout.startswith("{"), done.stderr
    errors: dict[Path, list[str]] = {page: [] for page in pages}
    for m in json.loads(done.stdout)["messages"]:
        if not_an_error(m):
            continue
        page = Path(unquote(urlsplit(m.get("url", "")).path))
        errors.setdefault(page, []).append(f"{page}:{m.get('lastLine', '?')}: {m.get('message')}"
                                           f" — {m.get('extract', '').strip()!r}")
    return errors


@pytest.fixture(scope="module")
def nu_report(output: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Path], dict[Path, list[str]]]:
    """Return the example site's pages and style sheets and the errors of each, with a page known to be wrong among them."""
    vnu_jar()
    wrong = tmp_path_factory.mktemp("nu") / WRONG_NAME
    wrong.write_text(WRONG_PAGE, encoding="utf-8")
    pages = sorted([*output.rglob("*.html"), *output.rglob("*.css")])
    return pages, nu_errors([*pages, wrong])


def content_text(site_root: Path) -> str:
    """Return the text of every record of a site, where a link the content itself makes is written."""
    files = sorted(p for p in (site_root / "content").rglob("*") if p.suffix.lower() in CONTENT_SUFFIXES)
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in files)


def written_in_content(site_root: Path) -> Callable[[Reference], bool]:
    """Return the test for an outside reference the site may keep: a link the content's author wrote.

    Only <a href> qualifies (never an image, a style sheet or a script, which the browser would
    fetch), and only with a URL that occurs literally in a record, so no template can add one.
    """
    text = content_text(site_root)
    return lambda ref: ref.navigation and ref.url in text


# -- the example site ----------------------------------------------------------------------------


# An image without a text (the current checker allows role=group on <svg>, which the 2020 one refused),
# an element left open, a misspelt CSS property, and a typo in a unit that must not pass for a container unit.
WRONG_NAME = "known-to-be-wrong.html"
WRONG_PAGE = ('<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>x</title></head>'
              '<body><img src="x.png"><p><span>未闭合</p>'
              '<p style="colr: red">错</p><p style="font-size: 3cqz">错</p></body></html>')


def test_every_page_is_valid_html(nu_report: tuple[list[Path], dict[Path, list[str]]]) -> None:
    pages, errors = nu_report
    assert len(pages) > 200
    found = [error for page, of_page in errors.items() if page.name != WRONG_NAME for error in of_page]
    assert not found, "\n".join(found[:30])


def test_the_html_check_finds_errors(nu_report: tuple[list[Path], dict[Path, list[str]]]) -> None:
    """The check above can fail: the wrong page checked with the site has its errors reported."""
    pages, errors = nu_report
    wrong = next(of_page for page, of_page in errors.items() if page.name == WRONG_NAME)
    assert any("“img” element must have an “alt” attribute" in e for e in wrong), wrong
    assert any("Unclosed element “span”" in e for e in wrong), wrong
    assert any("Property “colr” doesn't exist" in e for e in wrong), wrong  # CSS is checked
    assert any(UNKNOWN_DIMENSION in e for e in wrong), wrong


def test_every_reference_lands_on_a_file_of_the_site(scanned: tuple[SiteFiles, sitecheck.SiteScan]) -> None:
    files, site = scanned
    kinds = {(ref.tag, ref.attribute) for ref in site.references}
    # Every kind of reference the theme makes is among those checked.
    assert {("a", "href"), ("img", "src"), ("img", "srcset"), ("source", "srcset"), ("link", "href"),
            ("script", "src"), ("css", "url()")} <= kinds
    assert any(ref.url.startswith("#") for ref in site.references)  # fragments are checked too
    # The site promises to work opened from its folder, where a link to a folder shows a listing.
    broken = sitecheck.broken_references(files, site, folder_index=False)
    assert not broken, "\n".join(broken[:30])


def pagefind_url_base(ref: Reference) -> bool:
    """Pagefind's own script parses result URLs against a dummy https://example.com base; it fetches nothing there."""
    return (ref.source.startswith(("pagefind/", "fanti/pagefind/")) and (ref.tag, ref.attribute) == ("script", "literal")
            and ref.url.replace("\\/", "/").startswith("https://example"))


def test_nothing_refers_outside_the_site(scanned: tuple[SiteFiles, sitecheck.SiteScan]) -> None:
    in_content = written_in_content(REPO)
    outside = sitecheck.outside_references(scanned[1], lambda ref: in_content(ref) or pagefind_url_base(ref))
    assert not outside, "\n".join(outside[:30])


def test_links_the_content_makes_to_other_sites_are_its_only_outside_references(tmp_path: Path) -> None:
    link, picture = "https://www.gov.cn/zhengce/?a=1&b=2", "https://example.com/a.png"
    body = f"详见[国家政策]({link})。\n\n![示意图]({picture})\n"
    bulletin = MINIMAL_SITE["content/bulletins/biaozhang-2024.md"]
    assert isinstance(bulletin, str)
    root = write_tree(tmp_path / "site", {**MINIMAL_SITE, "content/bulletins/biaozhang-2024.md": bulletin + body})
    pipeline.build(BuildOptions(root, output=root / "output", cache=tmp_path / "cache"))
    site = sitecheck.scan(SiteFiles.from_folder(root / "output"))
    in_content = written_in_content(root)
    outside = sitecheck.outside_references(site, lambda ref: in_content(ref) or pagefind_url_base(ref))
    # The link is the content's own; the picture would be fetched from the other site, so it counts
    # (on the bulletin's page and on its printable form).
    assert {line.rsplit("> ", 1)[1] for line in outside} == {picture}
    assert {ref.url for ref in site.references
            if sitecheck.is_external(ref.url) and not pagefind_url_base(ref)} == {link, picture}


# -- the checks themselves, on small sites ---------------------------------------------------------

PAGE = '<!doctype html><html><head><link rel="stylesheet" href="{css}"></head><body id="top">{body}</body></html>'


def tiny_site(tmp_path: Path, pages: dict[str, str], **extra: str) -> SiteFiles:
    files = {name: PAGE.format(css=css, body=body) for name, (css, body) in
             ((n, v.split("|", 1)) for n, v in pages.items())}
    return SiteFiles.from_folder(write_tree(tmp_path / "out", {**files, **extra}))


def test_broken_references_are_found_with_their_file_and_line(tmp_path: Path) -> None:
    files = tiny_site(tmp_path, {
        "index.html": "assets/site.css|<a href='docs/'>ok</a><a href='docs/a.html#top'>ok</a>"
                      "<a href='docs/a.html#nowhere'>no id</a>\n<img src='gone.png' alt=''>"
                      "<img src='p.png' srcset='p.png 1x, p-2x.png 2x' alt=''><a href='#top'>ok</a>",
        "docs/index.html": "../assets/site.css|<a href='../index.html'>ok</a><a href='../../up.html'>out</a>"
                           "<a href='/index.html'>rooted</a><a href='../docs'>folder</a>",
        "docs/a.html": "../assets/site.css|<picture><source srcset='../p.avif 320w,../p-640.avif 640w'>"
                       "<img src='../p.png' alt=''></picture><a href='mailto:x@example.com'>mail</a>"},
        **{"assets/site.css": "/* url(commented.png) */\nbody { background: url('../p.png'); }\n"
                              "h1 { background: url(missing.svg) }", "p.png": "", "p.avif": ""})
    site = sitecheck.scan(files)
    broken = sitecheck.broken_references(files, site)
    assert broken == [
        "assets/site.css:3: <css url()> missing.svg: no such file: assets/missing.svg",
        "docs/a.html:1: <source srcset> ../p-640.avif: no such file: p-640.avif",
        "docs/index.html:1: <a href> ../../up.html: leads out of the site's folder",
        "docs/index.html:1: <a href> /index.html: an absolute path: breaks when the site is served from a "
        "sub-path or opened from a folder",
        "index.html:1: <a href> docs/a.html#nowhere: docs/a.html has no id “nowhere”",
        "index.html:2: <img src> gone.png: no such file: gone.png",
        "index.html:2: <img srcset> p-2x.png: no such file: p-2x.png",
    ]
    strict = sitecheck.broken_references(files, site, folder_index=False)
    # Opened from a folder, links to a folder show a listing: then they are errors too.
    assert sorted(set(strict) - set(broken)) == [
        "docs/index.html:1: <a href> ../docs: a link to a folder: opened from a folder (file://) it shows a listing,"
        " not index.html",
        "index.html:1: <a href> docs/: a link to a folder: opened from a folder (file://) it shows a listing,"
        " not index.html"]


def test_outside_references_are_found_in_pages_styles_and_scripts(tmp_path: Path) -> None:
    files = tiny_site(tmp_path, {
        "index.html": "https://cdn.example.com/site.css|<img src='//cdn.example.com/a.png' alt=''>"
                      "<a href='http://example.org/'>link</a><a href='data.html'>local</a>"
                      "<svg xmlns='http://www.w3.org/2000/svg'><image href='https://example.com/i.png'/></svg>"
                      "<div style=\"background:url(https://example.com/b.png)\"></div>"
                      "<script>fetch('https://api.example.com/x'); var u = '//example.net/y';</script>"},
        **{"site.css": "@import 'https://fonts.example.com/f.css';\nb { background: url(//example.com/c.png) }",
           "site.js": "// a comment, not a URL\nvar a = 'https://example.com/d.js';"})
    outside = sitecheck.outside_references(sitecheck.scan(files), lambda ref: ref.url == "http://example.org/")
    urls = sorted(line.rsplit("> ", 1)[1] for line in outside)
    assert urls == ["//cdn.example.com/a.png", "//example.com/c.png", "//example.net/y", "https://api.example.com/x",
                    "https://cdn.example.com/site.css", "https://example.com/b.png", "https://example.com/d.js",
                    "https://example.com/i.png", "https://fonts.example.com/f.css"]


def test_a_zipped_site_is_read_like_its_folder(tmp_path: Path) -> None:
    files = tiny_site(tmp_path, {"index.html": "site.css|<a href='sub/'>sub</a>",
                                 "sub/index.html": "../site.css|<a href='../nope.html'>x</a>"}, **{"site.css": ""})
    archive = tmp_path / "site.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for name in files.names:
            zf.writestr(f"光荣榜/{name}", files.read(name))
    zipped = SiteFiles.from_zip(archive, "光荣榜")
    assert zipped.names == files.names
    assert sitecheck.broken_references(zipped, sitecheck.scan(zipped)) == [
        "sub/index.html:1: <a href> ../nope.html: no such file: nope.html"]


def test_srcset_is_split_as_browsers_split_it() -> None:
    assert sitecheck.srcset_urls("a.jpg 320w, b,c.jpg 640w,d.jpg") == ["a.jpg", "b,c.jpg", "d.jpg"]
    assert sitecheck.srcset_urls(" x.avif 1x ,y.avif 2x ") == ["x.avif", "y.avif"]
    assert sitecheck.srcset_urls("") == []


def test_reference_kinds() -> None:
    assert Reference("a.html", 1, "a", "href", "x").navigation
    assert not Reference("a.html", 1, "img", "src", "x").navigation
    assert sitecheck.is_external("HTTPS://x") and sitecheck.is_external("//x") and sitecheck.is_external("/\\x")
    assert not sitecheck.is_external("x.html") and not sitecheck.is_external("data:image/png;base64,AA")
