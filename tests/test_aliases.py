"""Renaming an id: the old ids in `aliases` keep every old address working, as a page that leads on."""
from __future__ import annotations

import posixpath
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import MINIMAL_SITE, run, write_tree
from honours.options import BuildOptions
from honours import pipeline
from honours.render.pages import plan_pages
from test_browser import CHROMIUM, sync_playwright
from test_hostile import PAYLOADS, audit_page, parse
from test_incremental import differences, tree
from test_site_checks import nu_errors

PERSON = "content/people/zhang-wei.md"
UNIT = "content/units/xuanchuan.md"
CAMPAIGN = "content/campaigns/wenming-2024/"
BULLETIN = "content/bulletins/biaozhang-2024.md"
NEW_PERSON = "content/people/zhang-wei-1985.md"
NEW_UNIT = "content/units/xuanchuan-bu.md"
NEW_CAMPAIGN = "content/campaigns/jiguan-wenming-2024/index.md"
Files = dict[str, str | bytes]


class Redirect(HTMLParser):
    """What a redirect page tells a browser and a reader: where refresh goes, the canonical, the link."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refresh: str | None = None
        self.canonical: str | None = None
        self.links: list[str] = []
        self.robots: str | None = None
        self.lang: str | None = None
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        if tag == "html":
            self.lang = found.get("lang")
        elif tag == "meta" and found.get("http-equiv", "").lower() == "refresh":
            delay, _, url = found["content"].partition(";")
            assert delay.strip() == "0" and url.strip().lower().startswith("url=")
            self.refresh = url.strip()[len("url="):]
        elif tag == "meta" and found.get("name") == "robots":
            self.robots = found.get("content")
        elif tag == "link" and found.get("rel") == "canonical":
            self.canonical = found.get("href")
        elif tag == "a":
            self.links.append(found.get("href", ""))

    def handle_data(self, data: str) -> None:
        self.text += data


def redirect_of(output: Path, page: str) -> Redirect:
    """Return the redirect page at `page`, read as a browser reads it."""
    redirect = Redirect()
    redirect.feed((output / page).read_text(encoding="utf-8"))
    redirect.close()
    return redirect


def leads_to(output: Path, page: str) -> str:
    """Return the site path the redirect at `page` sends readers to, checking refresh, canonical and link agree."""
    redirect = redirect_of(output, page)
    assert redirect.refresh and not redirect.refresh.startswith(("/", "http")), redirect.refresh  # relative
    assert redirect.canonical == redirect.refresh and redirect.links == [redirect.refresh]
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), redirect.refresh))
    assert (output / target).is_file(), target
    assert redirect.robots == "noindex" and redirect.lang == "zh-CN"
    return target


def renamed(files: Files, moves: dict[str, str], edits: dict[str, tuple[str, str]]) -> Files:
    """Return a site's files with some moved (a renamed id) and some edited (old text -> new, all of it)."""
    result = dict(files)
    for old, new in moves.items():
        for name in [n for n in result if n == old or n.startswith(old)]:
            result[new + name[len(old):]] = result.pop(name)
    for name, (old, new) in edits.items():
        assert old in result[name], (name, old)
        result[name] = str(result[name]).replace(old, new)
    return result


def edited(files: Files, name: str, old: str, new: str) -> Files:
    """Return a site's files with one edit made in one file."""
    return renamed(files, {}, {name: (old, new)})


def build(site: Path) -> Path:
    """Build a site as a user would, into its output/; return that."""
    result = run("build", "--site", str(site))
    assert result.exit_code == 0, result.output
    return site / "output"


# Zhang Wei's file was zhang-wei.md; it is renamed and honours.yaml follows.
PERSON_RENAMED = renamed(MINIMAL_SITE, {PERSON: NEW_PERSON}, {
    NEW_PERSON: ("position: 干事\n", "position: 干事\naliases: [zhang-wei]\n"),
    f"{CAMPAIGN}honours.yaml": ("people: [zhang-wei, li-na]", "people: [zhang-wei-1985, li-na]")})

CAMPAIGN_RENAMED = renamed(MINIMAL_SITE, {CAMPAIGN: "content/campaigns/jiguan-wenming-2024/"}, {
    NEW_CAMPAIGN: ("featured: true\n", "featured: true\naliases:\n  - wenming-2024\n"),
    BULLETIN: ("wenming-2024", "jiguan-wenming-2024")})  # its campaign: and its shortcode

UNIT_RENAMED = renamed(MINIMAL_SITE, {UNIT: NEW_UNIT}, {
    NEW_UNIT: ("parent: jiguan\n", "parent: jiguan\naliases: xuanchuan\n"),  # one, not a list
    PERSON: ("unit: xuanchuan", "unit: xuanchuan-bu"), "content/people/li-na.md": ("unit: xuanchuan", "unit: xuanchuan-bu"),
    f"{CAMPAIGN}honours.yaml": ("unit: xuanchuan", "unit: xuanchuan-bu")})

BULLETIN_RENAMED = renamed(MINIMAL_SITE, {BULLETIN: "content/bulletins/jiguan-2024-12.md"}, {
    "content/bulletins/jiguan-2024-12.md": ("kind: 表彰决定\n", "kind: 表彰决定\naliases: [biaozhang-2024]\n")})


def test_a_renamed_person_keeps_the_old_address_as_a_redirect(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", MINIMAL_SITE)
    output = build(site)
    assert "张伟" in (output / "people/zhang-wei.html").read_text(encoding="utf-8")
    shutil.rmtree(site / "content")
    write_tree(site, PERSON_RENAMED)
    build(site)
    assert leads_to(output, "people/zhang-wei.html") == "people/zhang-wei-1985.html"
    assert "张伟" in redirect_of(output, "people/zhang-wei.html").text
    # A rebuild after the rename gives what a build from scratch gives.
    cold = pipeline.build(BuildOptions(site, output=tmp_path / "cold", cache=tmp_path / "cache"))
    assert not differences(tree(output), tree(cold.output))


def test_every_page_of_a_renamed_campaign_leads_to_its_new_address(tmp_path: Path) -> None:
    output = build(write_tree(tmp_path / "site", CAMPAIGN_RENAMED))
    for page in ("index.html", "honour-roll.html"):
        assert leads_to(output, f"campaigns/wenming-2024/{page}") == f"campaigns/jiguan-wenming-2024/{page}"
    printed = sorted(p.relative_to(output).as_posix() for p in (output / "print/campaigns/jiguan-wenming-2024").rglob("*.html"))
    assert "print/campaigns/jiguan-wenming-2024/honour-roll.html" in printed
    for page in printed:
        assert leads_to(output, page.replace("jiguan-wenming-2024", "wenming-2024")) == page
    assert "2024年文明部室创建活动光荣榜" in redirect_of(output, "campaigns/wenming-2024/honour-roll.html").text


def test_a_renamed_unit_leads_on_from_its_page_and_its_colour_page(tmp_path: Path) -> None:
    output = build(write_tree(tmp_path / "site", UNIT_RENAMED))
    assert leads_to(output, "units/xuanchuan.html") == "units/xuanchuan-bu.html"
    assert leads_to(output, "print/units/xuanchuan.html") == "print/units/xuanchuan-bu.html"
    assert not (output / "print/units/jiguan.html").exists()  # no colour page without members: nothing to lead to


def test_a_renamed_bulletin_leads_on_from_its_page_and_its_document(tmp_path: Path) -> None:
    output = build(write_tree(tmp_path / "site", BULLETIN_RENAMED))
    assert leads_to(output, "bulletins/biaozhang-2024.html") == "bulletins/jiguan-2024-12.html"
    assert leads_to(output, "print/bulletins/biaozhang-2024.html") == "print/bulletins/jiguan-2024-12.html"


def test_redirects_are_not_pages_of_the_site(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", PERSON_RENAMED)
    result = pipeline.build(BuildOptions(site, output=tmp_path / "output", cache=tmp_path / "cache"))
    assert "people/zhang-wei.html" not in (tmp_path / "output/sitemap.xml").read_text(encoding="utf-8")
    assert result.pages == len(list(plan_pages(result.site)))
    again = pipeline.build(BuildOptions(site, output=tmp_path / "again", cache=tmp_path / "cache-again"))
    assert tree(tmp_path / "output") == tree(again.output)


def test_a_redirect_is_valid_html(tmp_path: Path) -> None:
    output = build(write_tree(tmp_path / "site", CAMPAIGN_RENAMED))
    pages = [output / "campaigns/wenming-2024/honour-roll.html", output / "print/campaigns/wenming-2024/board.html"]
    assert nu_errors(pages) == {page: [] for page in pages}


def test_a_browser_from_the_folder_lands_on_the_new_page(tmp_path: Path) -> None:
    if CHROMIUM is None or sync_playwright is None:
        pytest.skip("Chromium or Playwright is not installed (.ci/run installs them)")
    output = build(write_tree(tmp_path / "site", CAMPAIGN_RENAMED))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--disable-gpu", "--no-first-run"])
        try:
            page = browser.new_page()
            page.goto((output / "campaigns/wenming-2024/honour-roll.html").as_uri())
            page.wait_for_url("**/campaigns/jiguan-wenming-2024/honour-roll.html", timeout=10000)
            assert "2024年文明部室创建活动光荣榜" in page.title()
        finally:
            browser.close()


@pytest.mark.parametrize("payload", PAYLOADS[:3], ids=range(3))
def test_a_redirect_runs_no_script_and_shows_the_name_as_text(tmp_path: Path, payload: str) -> None:
    files = edited(PERSON_RENAMED, NEW_PERSON, "name: 张伟", f"name: '张伟{payload}'")
    output = build(write_tree(tmp_path / "site", files))
    page = parse(output / "people/zhang-wei.html")
    # The audit allows no http-equiv at all; the refresh a redirect is made of is the one it may have.
    found = [f for f in audit_page("people/zhang-wei.html", page) if "'http-equiv': 'refresh'" not in f]
    assert found == []
    assert f"张伟{payload}" in page.visible and page.scripts == []
    assert leads_to(output, "people/zhang-wei.html") == "people/zhang-wei-1985.html"


def with_aliases(aliases: str) -> Files:
    """Return the renamed-person site with these lines for its aliases, from line 5."""
    return edited(PERSON_RENAMED, NEW_PERSON, "aliases: [zhang-wei]\n", aliases)


MISTAKES = [
    pytest.param(with_aliases("aliases: ['zhang wei']\n"),
                 f"{NEW_PERSON}:5: aliases: “zhang wei”不能用作编号 — 写改名前的文件名去掉 .md", id="not-an-id"),
    pytest.param(with_aliases("aliases:\n  - zhang-wei\n  - zhang-wei.md\n"),  # an item's own line
                 f"{NEW_PERSON}:7: aliases: 旧编号“zhang-wei.md”带了扩展名 — 写成 zhang-wei", id="file-name"),
    pytest.param(with_aliases("aliases:\n  - zhang-wei\n  - li-na\n"),
                 f"{NEW_PERSON}:7: aliases: 旧编号“li-na”与人员“li-na”的编号相同，那个记录的网页会被跳转页覆盖 — 删去这一项",
                 id="an-id-in-use"),
    pytest.param(with_aliases("aliases: Li-Na\n"),
                 f"{NEW_PERSON}:5: aliases: 旧编号“Li-Na”与人员“li-na”的编号相同（只差大小写）", id="an-id-in-use-but-for-case"),
    pytest.param(with_aliases("aliases: [zhang-wei-1985]\n"),
                 f"{NEW_PERSON}:5: aliases: 旧编号“zhang-wei-1985”就是本记录现在的编号 — aliases 中只写改名前用过的编号",
                 id="its-own-id"),
    pytest.param(with_aliases("aliases: [index]\n"), f"{NEW_PERSON}:5: aliases: “index”是保留名", id="reserved"),
    pytest.param(edited(PERSON_RENAMED, "content/people/li-na.md", "unit: xuanchuan\n", "unit: xuanchuan\naliases: [zhang-wei]\n"),
                 f"{NEW_PERSON}:5: aliases: 旧编号“zhang-wei”也写在人员“li-na”的 aliases 中，旧地址只能通向一个记录 — 从其中一个记录的 aliases 中删去它",
                 id="claimed-twice"),
    pytest.param(edited(UNIT_RENAMED, NEW_UNIT, "aliases: xuanchuan\n", "aliases: jiguan\n"),
                 f"{NEW_UNIT}:5: aliases: 旧编号“jiguan”与单位“jiguan”的编号相同", id="unit"),
    pytest.param(edited(CAMPAIGN_RENAMED, NEW_CAMPAIGN, "  - wenming-2024\n", "  - 'wenming 2024'\n"),
                 f"{NEW_CAMPAIGN}:23: aliases: “wenming 2024”不能用作编号", id="campaign"),
]


@pytest.mark.parametrize("files, expected", MISTAKES)
def test_a_wrong_alias_is_named_with_its_file_line_and_field(tmp_path: Path, files: Files, expected: str) -> None:
    site = write_tree(tmp_path / "site", files)
    result = run("build", "--site", str(site))
    assert result.exit_code == 1 and expected in result.output, result.output
    assert not (site / "output").exists()


def test_an_old_id_may_be_a_current_id_of_another_kind(tmp_path: Path) -> None:
    """A bulletin's old id is a campaign's id: they live in different folders, so nothing is overwritten."""
    files = edited(CAMPAIGN_RENAMED, BULLETIN, "kind: 表彰决定\n", "kind: 表彰决定\naliases: [jiguan-wenming-2024]\n")
    output = build(write_tree(tmp_path / "site", files))
    assert leads_to(output, "bulletins/jiguan-wenming-2024.html") == "bulletins/biaozhang-2024.html"
