"""The Atom feed, sitemap.xml and robots.txt, as a feed reader, a crawler and a site's admin see them."""
from __future__ import annotations

import posixpath
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote

import pytest

from conftest import MINIMAL_SITE, run, write_tree
from honours.making import load_site
from honours.errors import Problems
from honours.render import feeds

A = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SITE_TOML = str(MINIMAL_SITE["site.toml"])
OLDER_BULLETIN = ("content/bulletins/dongyuan-2024.md",
                  "---\ntitle: 关于开展文明部室创建活动的通知\nissuer: 机关党委\ndate: 2024-02-20\nkind: 通知\n---\n"
                  "## 一、目的\n\n为**转变作风**、提升服务，\n决定开展创建活动。\n\n第二段不进摘要。\n")


def build(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write a site and build it with the command line; return its output folder."""
    write_tree(root, files)
    result = run("build", "--site", str(root))
    assert result.exit_code == 0, result.output
    return root / "output"


def with_settings(settings: str, **extra: str) -> dict[str, str | bytes]:
    """Return the minimal site with lines added to its site.toml, and more files."""
    return {**MINIMAL_SITE, "site.toml": f"{SITE_TOML}{settings}\n", **extra}


def feed_of(output: Path) -> ET.Element:
    return ET.parse(output / "feed.xml").getroot()


def sitemap_of(output: Path) -> list[str]:
    return [loc.text or "" for loc in ET.parse(output / "sitemap.xml").getroot().iter(f"{SITEMAP}loc")]


@pytest.fixture
def output(tmp_path: Path) -> Path:
    """The minimal site with a second, older bulletin, built without base_url."""
    return build(tmp_path / "site", {**MINIMAL_SITE, OLDER_BULLETIN[0]: OLDER_BULLETIN[1]})


# -- the feed --------------------------------------------------------------------------------------


def test_the_feed_has_what_atom_requires(output: Path) -> None:
    feed = feed_of(output)
    assert feed.tag == f"{A}feed"
    assert feed.findtext(f"{A}title") == "测试光荣榜：通报与表彰"
    assert feed.findtext(f"{A}id", "").startswith("urn:uuid:")
    assert feed.findtext(f"{A}author/{A}name") == "测试公司"
    entries = feed.findall(f"{A}entry")
    assert entries
    for entry in entries:
        for element in ("id", "title", "updated", "author/" + A + "name"):
            assert (entry.findtext(f"{A}{element}") or "").strip(), (element, ET.tostring(entry, "unicode"))
        assert entry.find(f"{A}link[@rel='alternate']") is not None
    # The feed is as new as its newest entry: never the time of the build.
    assert feed.findtext(f"{A}updated") == entries[0].findtext(f"{A}updated")
    assert len({entry.findtext(f"{A}id") for entry in entries}) == len(entries)


def test_bulletins_and_honours_are_entries_newest_first(output: Path) -> None:
    entries = feed_of(output).findall(f"{A}entry")
    titles = [entry.findtext(f"{A}title") for entry in entries]
    # 读书积极分子 were named without a date, so on the campaign's end; 文明部室 on 2024-07-01, with the decision.
    assert titles == ["2024年文明部室创建活动：表彰先进个人 2 名", "2024年文明部室创建活动：表彰先进集体 1 个",
                      "关于表彰2024年度文明部室的决定", "关于开展文明部室创建活动的通知"]
    days = [entry.findtext(f"{A}updated") for entry in entries]
    assert days == sorted(days, reverse=True)
    assert days[2] == "2024-07-01T00:00:00+08:00"


def test_a_bulletin_entry_names_its_issuer_and_sums_it_up(output: Path) -> None:
    entries = {entry.findtext(f"{A}title"): entry for entry in feed_of(output).findall(f"{A}entry")}
    decision = entries["关于表彰2024年度文明部室的决定"]
    assert decision.findtext(f"{A}author/{A}name") == "中共某某公司机关委员会"
    assert decision.findtext(f"{A}summary") == "机关党发〔2024〕12号　为表彰先进，决定："
    notice = entries["关于开展文明部室创建活动的通知"]
    # No number; the first paragraph as plain text, its wrapped lines joined without a space.
    assert notice.findtext(f"{A}summary") == "为转变作风、提升服务，决定开展创建活动。"


def test_an_honours_entry_lists_each_award_and_its_recipients(output: Path) -> None:
    entry = feed_of(output).findall(f"{A}entry")[0]
    assert entry.findtext(f"{A}author/{A}name") == "机关党委"
    content = entry.find(f"{A}content")
    assert content is not None and content.get("type") == "html"
    html = content.text or ""
    assert "读书积极分子" in html and "张伟" in html and "李娜" in html and "文明部室" not in html
    assert 'href="people/zhang-wei.html"' in html


def test_every_feed_link_lands_on_a_page_of_the_site(output: Path) -> None:
    feed = feed_of(output)
    links = [link.get("href", "") for link in feed.iter(f"{A}link")]
    assert "campaigns/wenming-2024/honour-roll.html" in links and "bulletins/biaozhang-2024.html" in links
    for link in links:
        # The feed sits in the site's top folder, so a site path relative to it names the file.
        assert (output / unquote(link)).is_file(), link


def test_ids_never_change_between_builds(tmp_path: Path) -> None:
    files = {**MINIMAL_SITE, OLDER_BULLETIN[0]: OLDER_BULLETIN[1]}
    first = feed_of(build(tmp_path / "one", files))
    again = feed_of(build(tmp_path / "two", files))
    ids = [element.text for element in first.iter(f"{A}id")]
    assert ids == [element.text for element in again.iter(f"{A}id")]
    assert all(text and text.startswith("urn:uuid:") for text in ids)
    assert (tmp_path / "one/output/feed.xml").read_bytes() == (tmp_path / "two/output/feed.xml").read_bytes()


def test_with_base_url_every_link_and_id_is_absolute(tmp_path: Path) -> None:
    output = build(tmp_path / "site", with_settings('base_url = "http://oa.example.com/honours"'))
    feed = feed_of(output)
    base = "http://oa.example.com/honours/"
    assert feed.findtext(f"{A}id") == base + "feed.xml"
    assert feed.find(f"{A}link[@rel='self']").get("href") == base + "feed.xml"  # type: ignore[union-attr]
    entry_ids = [entry.findtext(f"{A}id") for entry in feed.findall(f"{A}entry")]
    assert base + "bulletins/biaozhang-2024.html" in entry_ids
    # One page can announce honours of several days: each day is an entry of its own.
    assert base + "campaigns/wenming-2024/honour-roll.html#2024-07-01" in entry_ids
    assert all(link.get("href", "").startswith(base) for link in feed.iter(f"{A}link"))
    assert 'href="http://oa.example.com/honours/people/li-na.html"' in (feed.findtext(f"{A}entry/{A}content") or "")
    assert sitemap_of(output) and all(loc.startswith(base) for loc in sitemap_of(output))


def test_the_feed_keeps_the_latest_fifty(tmp_path: Path) -> None:
    bulletins = {f"content/bulletins/b{n:02d}.md": f"---\ntitle: 第{n}号通报\nissuer: 机关党委\ndate: 2023-01-{n % 28 + 1:02d}\n"
                 f"---\n正文。\n" for n in range(60)}
    root = write_tree(tmp_path / "site", {**MINIMAL_SITE, **bulletins})
    site = load_site(root, Problems())
    assert site is not None
    entries = feeds.latest_entries(site)
    assert len(entries) == feeds.FEED_ENTRIES == 50
    # The two honours entries and the decision are the newest; the oldest bulletins are left out.
    assert entries[0].date.isoformat() > "2024" and entries[-1].date.isoformat() >= "2023-01-03"
    assert sum(entry.title.startswith("第") for entry in entries) == 47


def test_what_readers_see_is_text_whatever_it_holds(tmp_path: Path) -> None:
    odd = ("content/bulletins/odd.md", "---\ntitle: '“A&B” <公司> ]]> 通报'\nissuer: 机关党委\ndate: 2025-01-02\n---\n"
           "含有 <b>标签</b> 与 &amp; 的段落。\n")
    output = build(tmp_path / "site", {**MINIMAL_SITE, odd[0]: odd[1]})
    entry = feed_of(output).find(f"{A}entry")
    assert entry is not None and entry.findtext(f"{A}title") == "“A&B” <公司> ]]> 通报"
    assert entry.findtext(f"{A}summary") == "含有 标签 与 & 的段落。"


def test_a_site_with_nothing_to_announce_still_has_a_valid_feed(tmp_path: Path) -> None:
    output = build(tmp_path / "site", {"site.toml": 'title = "空"\n', "content/units/a.md": "---\nname: 甲\nkind: 部室\n---\n"})
    feed = feed_of(output)
    assert feed.findall(f"{A}entry") == [] and feed.findtext(f"{A}updated") == "1970-01-01T00:00:00+08:00"


# -- sitemap and robots ----------------------------------------------------------------------------


def test_the_sitemap_lists_the_web_pages_and_no_printable_one(output: Path) -> None:
    listed = sitemap_of(output)
    for page in ("index.html", "people/zhang-wei.html", "units/xuanchuan.html", "campaigns/wenming-2024/index.html",
                 "campaigns/wenming-2024/honour-roll.html", "bulletins/biaozhang-2024.html", "years/2024.html"):
        assert page in listed
    assert not [loc for loc in listed if loc.startswith("print/") or loc == "404.html"]
    assert all((output / loc).is_file() for loc in listed)
    assert (output / "print").is_dir()  # there are printable pages, just not in the sitemap


def test_robots_keeps_crawlers_out_by_default(output: Path) -> None:
    robots = (output / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *\nDisallow: /\n" in robots and "Sitemap" not in robots


def test_search_engines_may_be_let_in_and_find_the_sitemap(tmp_path: Path) -> None:
    output = build(tmp_path / "site", with_settings('base_url = "https://oa.example.com/"\nsearch_engines = true'))
    assert (output / "robots.txt").read_text(encoding="utf-8") == \
        "User-agent: *\nAllow: /\n\nSitemap: https://oa.example.com/sitemap.xml\n"
    for page in ("index.html", "people/zhang-wei.html", "print/bulletins/biaozhang-2024.html"):
        assert 'name="robots"' not in (output / page).read_text(encoding="utf-8"), page


def test_without_base_url_robots_names_no_sitemap(tmp_path: Path) -> None:
    output = build(tmp_path / "site", with_settings("search_engines = true"))
    assert (output / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\nAllow: /\n"


# -- the pages -------------------------------------------------------------------------------------


def test_every_page_asks_robots_to_stay_out_by_default(output: Path) -> None:
    for page in ("index.html", "people/zhang-wei.html", "404.html", "print/bulletins/biaozhang-2024.html"):
        assert '<meta name="robots" content="noindex, nofollow">' in (output / page).read_text(encoding="utf-8"), page


def test_every_page_links_the_feed(output: Path) -> None:
    for page in ("index.html", "campaigns/wenming-2024/index.html"):
        html = (output / page).read_text(encoding="utf-8")
        assert '<link rel="alternate" type="application/atom+xml" title="测试光荣榜：通报与表彰"' in html
        link = "../" * page.count("/") + "feed.xml"
        assert f'href="{link}"' in html and "订阅（Atom）" in html
        assert (output / posixpath.normpath(posixpath.join(posixpath.dirname(page), link))).is_file()


# -- base_url's mistakes ---------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "hint"), [
    ("oa.example.com", '前面加上 http:// 或 https://，例如 base_url = "http://oa.example.com/"'),
    ("ftp://x", "要以 http:// 或 https:// 开头"),
    ("http://oa.example.com/?page=1", "不能带“?”或“#”"),
    ("http:// oa.example.com", "网址中不能有空格"),
])
def test_a_base_url_that_is_no_web_address_is_named_with_its_line(tmp_path: Path, value: str, hint: str) -> None:
    root = write_tree(tmp_path / "site", with_settings(f'base_url = "{value}"'))
    result = run("build", "--site", str(root))
    assert result.exit_code == 1
    line = SITE_TOML.count("\n") + 1
    assert f"site.toml:{line}: base_url: “{value}”不是可用的网址" in result.output
    assert hint in result.output
    assert not (root / "output").exists()


def test_base_url_is_normalised_to_end_with_a_slash(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "site", with_settings('base_url = "HTTPS://oa.example.com/光荣榜"'))
    site = load_site(root, Problems())
    assert site is not None and site.config.base_url == "https://oa.example.com/%E5%85%89%E8%8D%A3%E6%A6%9C/"
