"""Pagefind's bundle written by honours (honours/search/pagefind_index) is the bundle Pagefind writes.

For the same entries, the writer and the binary (run by `make_bundle`) must make bundles that say
the same thing once decoded (gzip, the `pagefind_dcd` signature, CBOR): the same fragments, every
word on the same pages at the same positions with the same weights, the same meta words, filters,
word counts and chunk boundaries. Page numbers are not compared as numbers: Pagefind numbers pages
in the order it finds the files, the writer in the order of the entries, so pages are named by
URL; for the same reason a word's diacritic forms are compared as a set. Last, pagefind.js itself,
in Chromium, must find a name, a phrase and a filtered kind in the written bundle as in the binary's.
"""
from __future__ import annotations

import dataclasses
import gzip
import json
import random
from collections.abc import Iterator, Mapping
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest

from conftest import serving
from honours.search import pagefind
from honours.search.entries import SearchEntry
from honours.search.pagefind_index import BundleCache, Unsupported, static_files, write_bundle
from test_browser import CHROMIUM, browser, sync_playwright  # noqa: F401  (the fixture)

cbor2 = pytest.importorskip("cbor2")
needs_pagefind = pytest.mark.skipif(not pagefind.version(), reason="Pagefind is not installed (pip install -e '.[test]')")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (.ci/run installs it)")
needs_playwright = pytest.mark.skipif(sync_playwright is None, reason="Playwright is not installed")

CAMPAIGN = "2024年文明部室创建活动"
FINAL = "集团公司“323”技能竞赛, 第二期: 决赛"  # a comma and a colon stay inside the value
BULLETIN = "\n".join(
    [f"第{n}条 为表彰先进，决定授予宣传部等{n + 2}个部室“文明部室”称号，考核得分{180 + n}.{n % 10}分（满分200分），"
     f"达标率98.{n}%，评为★五星。附件{n}：No.2024{n:04d} 号文件，2024-07-{n % 28 + 1:02d} 印发。" for n in range(1, 40)]
    + ["The iPhone15Pro and XMLHttpRequest, e-mail snake_case C++ café naïve ΣΑΣ İstanbul 👍🏽 ❤️ ① Ⅻ",
       "特此通报。"])
ENTRIES = [
    SearchEntry("people/zhang-wei.html", "张伟", "先进个人", ("2024", "2023"), (CAMPAIGN, FINAL),
                "张伟\n单位\n宣传部\n职务\n干事\n工号 A20240017\n荣誉\n读书积极分子（2024年文明部室创建活动） 2024年7月1日\n"
                "长期从事宣传工作，成绩突出。"),
    SearchEntry("people/bai-yulan.html", "白玉兰", "先进个人", ("2024",), (CAMPAIGN,), "白玉兰\n单位\n财务部\n白玉兰花开"),
    SearchEntry("people/ai-li.html", "艾力·买买提", "先进个人", ("2023",), (FINAL,), "艾力·买买提\n维吾尔族 Zhang Wei 2023"),
    SearchEntry("units/xuanchuan.html", "宣传部", "先进集体", ("2024",), (CAMPAIGN,),
                "宣传部\n上级单位\n机关\n集体荣誉\n文明部室 宣传工作成绩突出。"),
    SearchEntry("bulletins/biaozhang-2024.html", "关于表彰2024年度文明部室的决定", "通报文件", ("2024",), (CAMPAIGN,),
                "机关党发〔2024〕12号\n" + BULLETIN),
    SearchEntry("campaigns/jineng/honour-roll.html", "集团公司“323”技能竞赛光荣榜", "光荣榜", ("2024", "2023"), (FINAL,),
                "一等奖 张伟 宣传部\n二等奖 白玉兰 财务部\n榮譽 表彰 臺灣 A&B <c> \"quoted\""),
    SearchEntry("search-only.html", "Zhang Wei", "Person", (), (), ""),
]


def _decode(data: bytes) -> Any:
    raw = gzip.decompress(data)
    assert raw.startswith(b"pagefind_dcd")
    return raw[len(b"pagefind_dcd"):]


def decoded(files: Mapping[str, bytes]) -> dict[str, Any]:
    """Return what a bundle says, with pages named by URL: what must be equal between two bundles."""
    entry = json.loads(files["pagefind/pagefind-entry.json"])
    (language, about), = entry["languages"].items()
    version, pages, chunks, filters, sorts, fields = cbor2.loads(_decode(files[f"pagefind/pagefind.{about['hash']}.pf_meta"]))
    fragments = [json.loads(_decode(files[f"pagefind/fragment/{name}.pf_fragment"])) for name, _ in pages]
    urls = [fragment["url"] for fragment in fragments]

    def by_url(postings: list[list[Any]]) -> dict[str, tuple[list[int], list[int]]]:
        numbers = [sum(delta for delta, _, _ in postings[:i + 1]) for i in range(len(postings))]
        return {urls[number]: (locs, meta_locs) for number, (_, locs, meta_locs) in zip(numbers, postings)}

    words, variants, chunked = {}, {}, []
    for first, last, name in chunks:
        (chunk,) = cbor2.loads(_decode(files[f"pagefind/index/{name}.pf_index"]))
        chunked.append((first, last, [word for word, _, _ in chunk]))
        for word, postings, forms in chunk:
            words[word] = by_url(postings)
            variants[word] = {form: by_url(found) for form, found in forms}
    values = {}
    for name, file in filters:
        filter_name, found = cbor2.loads(_decode(files[f"pagefind/filter/{file}.pf_filter"]))
        values[filter_name] = {value: sorted(urls[number] for number in numbers) for value, numbers in found}
    return {"entry": {**entry, "languages": {language: {**about, "hash": None}}}, "version": version,
            "fields": fields, "sorts": sorts, "word_counts": {url: count for url, (_, count) in zip(urls, pages)},
            "fragments": {fragment["url"]: fragment for fragment in fragments}, "words": words,
            "variants": {word: forms for word, forms in variants.items() if forms}, "filters": values,
            "chunks": chunked, "scripts": {path: data for path, data in files.items() if path.count("/") == 1
                                           and not path.endswith((".pf_meta", "entry.json"))}}


@pytest.fixture(scope="module")
def static(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """Pagefind's own scripts and wasm, from the installed binary."""
    if not pagefind.version():
        pytest.skip("Pagefind is not installed (pip install -e '.[test]')")
    return static_files(tmp_path_factory.mktemp("pagefind-static"))


def made_by_pagefind(entries: list[SearchEntry], language: str, folder: Path) -> dict[str, bytes]:
    """Return the bundle Pagefind's binary makes of the pages `_page` writes for `entries`."""
    return pagefind.make_bundle(entries, language, folder / "scratch")


def chinese_pages(count: int, seed: int = 7) -> list[SearchEntry]:
    """Return pages of made-up Chinese text long enough to need several index chunks."""
    chance = random.Random(seed)
    characters = ("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种"
                  "面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本"
                  "去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比"
                  "或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总"
                  "次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做"
                  "必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权"
                  "收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信"
                  "马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连"
                  "断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存"
                  "候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞")
    pages = []
    for number in range(count):
        text = "\n".join("".join(chance.choice(characters) for _ in range(chance.randint(20, 120))) + "。"
                         for _ in range(chance.randint(5, 40)))
        pages.append(SearchEntry(f"made-up/{number:03d}.html", "".join(chance.choices(characters, k=3)),
                                 chance.choice(["先进个人", "先进集体"]), (str(2010 + number % 7),), (CAMPAIGN,), text))
    return pages


@needs_pagefind
@pytest.mark.parametrize("language", ["zh-CN", "zh-TW"])
def test_the_written_bundle_says_what_pagefinds_says(static: dict[str, bytes], tmp_path: Path, language: str) -> None:
    mine, theirs = decoded(write_bundle(ENTRIES, language, static)), decoded(made_by_pagefind(ENTRIES, language, tmp_path))
    assert mine["fragments"] == theirs["fragments"]  # url, excerpt text, word count, filters, meta
    assert mine["words"] == theirs["words"]  # every word, on the same pages, same positions and weights
    assert mine["variants"] == theirs["variants"]  # café, naïve: the forms with diacritics
    assert mine["filters"] == theirs["filters"]
    assert mine == theirs  # and the rest: meta, entry (but the file names it gives), chunks, scripts
    # What a reader searches for is where Pagefind puts it:
    assert list(mine["words"]["a20240017"]) == ["/people/zhang-wei.html"]
    assert list(mine["words"]["张伟"]) == ["/people/zhang-wei.html"]  # the title, as a meta word
    assert set(mine["filters"]["campaign"][FINAL]) == {"/people/zhang-wei.html", "/people/ai-li.html",
                                                       "/campaigns/jineng/honour-roll.html"}


@needs_pagefind
def test_words_are_chunked_as_pagefind_chunks_them(static: dict[str, bytes], tmp_path: Path) -> None:
    entries = chinese_pages(40)
    mine, theirs = decoded(write_bundle(entries, "zh-CN", static)), decoded(made_by_pagefind(entries, "zh-CN", tmp_path))
    assert len(mine["chunks"]) > 3
    assert mine == theirs


@needs_pagefind
def test_fragments_are_the_files_pagefind_writes(static: dict[str, bytes], tmp_path: Path) -> None:
    """A fragment's name is the digest of its JSON, so equal names mean byte-equal fragments."""
    mine, theirs = write_bundle(ENTRIES, "zh-CN", static), made_by_pagefind(ENTRIES, "zh-CN", tmp_path)
    fragments = {path for path in mine if "/fragment/" in path}
    assert fragments == {path for path in theirs if "/fragment/" in path}
    assert all(_decode(mine[path]) == _decode(theirs[path]) for path in fragments)


def test_the_bundle_is_the_same_every_time(static: dict[str, bytes]) -> None:
    first = write_bundle(ENTRIES, "zh-CN", static)
    again = write_bundle(list(ENTRIES), "zh-CN", static, BundleCache())
    assert first == again


def test_a_rebuild_from_the_cache_equals_a_cold_build(static: dict[str, bytes]) -> None:
    cache = BundleCache()
    entries = chinese_pages(12)
    before = write_bundle(entries, "zh-CN", static, cache)
    entries[5] = dataclasses.replace(entries[5], text=entries[5].text + "\n新增一句话 A2024。")
    entries.append(ENTRIES[0])
    after = write_bundle(entries, "zh-CN", static, cache)
    assert after == write_bundle(entries, "zh-CN", static)
    # Only the edited and the new page have new fragments; the others keep their files.
    assert len([path for path in after if "/fragment/" in path and path not in before]) == 2


def test_a_language_pagefind_stems_is_refused(static: dict[str, bytes]) -> None:
    with pytest.raises(Unsupported):
        write_bundle(ENTRIES, "en", static)


SEARCH_PAGE = """<!doctype html><html><head><meta charset="utf-8"></head><body><script type="module">
const pagefind = await import("./pagefind/pagefind.js");
await pagefind.options({ baseUrl: "/" });
await pagefind.init();
window.find = async (query, filters) => {
  const answer = await pagefind.search(query, { filters: filters || {} });
  const found = await Promise.all(answer.results.map((result) => result.data()));
  return found.map((data) => data.url).sort();
};
window.ready = true;
</script></body></html>"""


@pytest.fixture
def served(static: dict[str, bytes], tmp_path: Path) -> Iterator[str]:
    """Serve the written bundle under mine/ and Pagefind's under theirs/, each with a page that searches it."""
    for name, files in (("mine", write_bundle(ENTRIES, "zh-CN", static)),
                        ("theirs", made_by_pagefind(ENTRIES, "zh-CN", tmp_path))):
        for path, data in {**files, "index.html": SEARCH_PAGE.encode()}.items():
            target = tmp_path / "site" / name / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    quiet = type("Quiet", (SimpleHTTPRequestHandler,), {"log_message": lambda *args: None})
    with serving(tmp_path / "site", quiet) as address:
        yield address + "/"


@needs_pagefind
@needs_chromium
@needs_playwright
@pytest.mark.parametrize("bundle", ["mine", "theirs"])
def test_pagefind_js_finds_names_phrases_and_filters(browser, served: str, bundle: str) -> None:  # noqa: F811
    """The real proof: pagefind.js and its wasm, in Chromium, search the written bundle as the binary's."""
    tab = browser.new_page()
    problems: list[str] = []
    tab.on("pageerror", lambda error: problems.append(str(error)))
    tab.on("response", lambda r: problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
    tab.goto(f"{served}{bundle}/index.html")
    tab.wait_for_function("() => window.ready === true", timeout=15000)

    def find(query: str, **filters: str) -> list[str]:
        return tab.evaluate("([query, filters]) => window.find(query, filters)", [query, filters])

    # A name and part of a citation, as search.js asks for them: a phrase of characters.
    assert find('"白 玉 兰"') == ["/campaigns/jineng/honour-roll.html", "/people/bai-yulan.html"]
    assert find('"宣 传 工 作"') == ["/people/zhang-wei.html", "/units/xuanchuan.html"]
    assert find("a20240017") == ["/people/zhang-wei.html"]
    assert find('"宣 传 部"', kind="先进集体") == ["/units/xuanchuan.html"]
    assert find('"张 伟"', campaign=FINAL) == ["/campaigns/jineng/honour-roll.html", "/people/zhang-wei.html"]
    tab.close()
    assert not problems, problems


def test_a_bundle_of_an_unknown_format_is_kept_quietly(caplog: pytest.LogCaptureFixture) -> None:
    # A Pagefind version that changed its format: search still works; the person building sees nothing in English.
    made = {"pagefind/filter/x.pf_filter": b"not cbor", "pagefind/pagefind-entry.json": b"{}"}
    caplog.set_level("DEBUG")
    assert pagefind._canonical(made) == made
    assert [record.levelname for record in caplog.records] == ["DEBUG"]
