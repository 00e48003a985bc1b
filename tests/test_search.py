"""Search as a reader uses it: typing into the search page finds the right pages, served or from a folder.

Served over http (from a sub-path, as an intranet server would) the search page asks Pagefind;
opened from an unzipped year archive (file://), where Pagefind cannot fetch its files, it searches
the index the build wrote as a script. Either way a name, a title or part of a citation is found.
"""
from __future__ import annotations

import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import REPO, run, serving, write_tree
from honours import pipeline
from honours.options import BuildOptions
from honours.render import urls
from honours.search import pagefind
from test_archive import ARCHIVE_SITE
from test_browser import SUB_PATH, SubPathHandler, browser, output, server  # noqa: F401  (fixtures)

try:
    from playwright.sync_api import Browser, Page
except ImportError:  # test_browser skips this module's browser tests then
    Browser = Page = object  # type: ignore[misc, assignment]

from test_browser import pytestmark  # noqa: F401, E402  (the same skips: Chromium and Playwright)


@pytest.fixture
def search_page(browser: Browser) -> Iterator[tuple[Page, list[str]]]:  # noqa: F811
    """Return a browser tab, and the problems it meets: console errors, script errors, failed requests."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    problems: list[str] = []
    tab.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    tab.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    tab.on("requestfailed", lambda r: problems.append(f"request failed: {r.url}"))
    tab.on("response", lambda r: problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
    yield tab, problems
    context.close()


def search(tab: Page, url: str, words: str, **filters: str) -> list[tuple[str, str, str]]:
    """Open the search page, type `words` and press Enter as a reader would; return (kind, title, link) of each result."""
    tab.goto(url)
    for name, value in filters.items():
        tab.select_option(f"select[name={name}]", value)
    tab.fill("#search-q", words)
    tab.press("#search-q", "Enter")
    tab.wait_for_function("() => { const s = document.querySelector('.search-status').textContent;"
                          " return s && !s.includes('正在搜索'); }", timeout=15000)
    return [(item.query_selector(".search-result__kind").inner_text(),
             item.query_selector(".search-result__title").inner_text(),
             item.query_selector("a").get_attribute("href")) for item in tab.query_selector_all(".search-result")]


needs_pagefind = pytest.mark.skipif(not pagefind.version(), reason="Pagefind is not installed (pip install -e '.[test]')")


@needs_pagefind
def test_a_name_typed_over_http_finds_the_person_first(search_page: tuple[Page, list[str]], server: str,  # noqa: F811
                                                       output: Path) -> None:  # noqa: F811
    tab, problems = search_page
    assert (output / "pagefind" / "pagefind.js").is_file()
    results = search(tab, server + "search.html", "白玉兰")
    assert results[0] == ("先进个人", "白玉兰", "people/bai-yulan.html")
    # Pagefind answered, not the index for folders.
    assert "文件夹" not in tab.inner_text(".search-status")
    tab.click(".search-result a")
    tab.wait_for_load_state()
    assert tab.url == server + "people/bai-yulan.html"
    assert tab.inner_text("h1") == "白玉兰"
    assert not problems, problems


@needs_pagefind
def test_part_of_a_citation_and_the_filters_over_http(search_page: tuple[Page, list[str]], server: str) -> None:  # noqa: F811
    tab, problems = search_page
    results = search(tab, server + "search.html", "上门服务")
    links = [link for _, _, link in results]
    assert "units/shebao-fuwu-chuangkou.html" in links  # the unit whose citation says it
    assert "campaigns/hq-323-2024/honour-roll.html" in links  # and the roll that prints it
    units = search(tab, server + "search.html", "文明部室", kind="先进集体", year="2024")
    assert units and {kind for kind, _, _ in units} == {"先进集体"}
    assert not problems, problems


def test_a_name_typed_in_an_unzipped_archive_finds_the_person(search_page: tuple[Page, list[str]],
                                                              tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", ARCHIVE_SITE)
    result = run("archive", "2024", "--site", str(site), "--quiet")
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(site / "output" / "archive" / "honours-2024.zip") as zipped:
        zipped.extractall(tmp_path / "unzipped")
    folder = tmp_path / "unzipped" / "honours-2024"
    tab, problems = search_page
    # The search box every page has leads to the search page.
    tab.goto((folder / "index.html").as_uri())
    tab.fill("#site-search-q", "张伟")
    tab.press("#site-search-q", "Enter")
    tab.wait_for_selector(".search-result")
    assert tab.query_selector(".search-result a").get_attribute("href") == "people/zhang-wei.html"
    assert "文件夹" in tab.inner_text(".search-status")  # the index for folders answered
    # A part of a citation, with a filter; and a name of another year, which the archive does not hold.
    found = search(tab, (folder / "search.html").as_uri(), "成绩突出", kind="先进集体")
    assert found == [("先进集体", "宣传部", "units/xuanchuan.html")]
    assert search(tab, (folder / "search.html").as_uri(), "王强") == []
    assert not problems, problems


@pytest.fixture(scope="module")
def sharded(example: tuple[Path, pipeline.BuildResult],  # noqa: F811
            tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The example site built as a large one is: its index in shards (16, of about 10 pages each);
    return its output folder and the address it is served at."""
    folder = tmp_path_factory.mktemp("sharded")
    shutil.copytree(example[0].parent / "cache" / "photos", folder / "cache" / "photos")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(urls, "PAGES_PER_SHARD", 10)
        pipeline.build(BuildOptions(REPO, output=folder / "output", cache=folder / "cache"))
    assert (folder / "output" / urls.fallback_index(15)).is_file()
    with serving(folder / "output", SubPathHandler) as address:
        yield folder / "output", address + SUB_PATH


@needs_pagefind
def test_an_index_in_shards_finds_what_one_index_finds_over_http(search_page: tuple[Page, list[str]], server: str,  # noqa: F811
                                                                 sharded: tuple[Path, str]) -> None:
    tab, problems = search_page
    _, address = sharded
    assert (sharded[0] / urls.pagefind_bundle(15) / "pagefind-entry.json").is_file()
    assert search(tab, address + "search.html", "白玉兰")[0] == ("先进个人", "白玉兰", "people/bai-yulan.html")
    for words, filters in [("上门服务", {}), ("先进", {"kind": "先进集体", "year": "2024"}), ("班", {})]:
        # Pagefind ranks each shard's pages on their own: the same pages, not always in the same order.
        assert sorted(settled(tab, address, words, **filters)) == sorted(settled(tab, server, words, **filters)), words
    assert not problems, problems


def settled(tab: Page, address: str, words: str, **filters: str) -> list[tuple[str, str, str]]:
    """Search, and let Pagefind fetch what it began to before the tab leaves the page."""
    results = search(tab, address + "search.html", words, **filters)
    tab.wait_for_load_state("networkidle")
    return results


def test_an_index_in_shards_finds_what_one_index_finds_from_a_folder(search_page: tuple[Page, list[str]],
                                                                     output: Path,  # noqa: F811
                                                                     sharded: tuple[Path, str]) -> None:
    tab, problems = search_page
    for words, filters in [("白玉兰", {}), ("上门服务", {}), ("先进", {"kind": "先进集体", "year": "2024"})]:
        # The script indexes are put back in the site's order: the results come in the same order.
        assert search(tab, (sharded[0] / "search.html").as_uri(), words, **filters) == \
            search(tab, (output / "search.html").as_uri(), words, **filters), words
    assert "文件夹" in tab.inner_text(".search-status")
    assert not problems, problems
