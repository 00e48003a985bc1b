"""Hostile content: script in every field and body never runs on a page, and nothing outside the site is published.

Every page is read as a browser would (html.parser, entities decoded) and audited: the theme's own
script is the only script, no element has an event handler, no URL uses javascript:, vbscript:
or data:, and the payloads are shown to readers as the text they are.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import re
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir
from PIL import Image

from conftest import run, write_tree
from honours.errors import Problems
from honours.model.bodies import BodyChecker
from honours.render.markdown import MarkdownRenderer

set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "honours-hypothesis")  # not .hypothesis/ in the repo

# What an attacker types into a field, and what a careless paste brings along.
PAYLOADS = [
    '<script>alert("XSS")</script>',
    "<img src=x onerror=alert(1)>",
    '"><script>alert(1)</script>',
    "'><svg onload=alert(1)>",
    "javascript:alert(1)",
    '<iframe src="javascript:alert(1)"></iframe>',
    "</title><script>alert(1)</script>",
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    "{{ 7*7 }}{% raw %}",
    '<div style="background:url(javascript:alert(1))">',
]

# Markdown bodies: raw HTML, links and attribute lists, each a known way round a careless sanitiser.
HOSTILE_MARKDOWN = """\
正文开始。

<script>alert("body")</script>
<img src=x onerror=alert(1)>
<svg onload=alert(1)><circle r="1"/></svg>
<iframe src="https://example.com/"></iframe>
<object data="x.swf"></object><embed src="x.swf">
<form action="javascript:alert(1)"><input type="submit"></form>
<math><a xlink:href="javascript:alert(1)">m</a></math>
<meta http-equiv="refresh" content="0;url=javascript:alert(1)">
<base href="javascript:alert(1)//">
<link rel="stylesheet" href="https://example.com/x.css">
<style>body { background: url(javascript:alert(1)) }</style>
<div style="background:url(javascript:alert(1))">样式</div>
<p style="width: expression(alert(1))">表达式</p>
<details open ontoggle=alert(1)>细节</details>
<blockquote cite="javascript:alert(1)">引用</blockquote>
<a href="vbscript:msgbox(1)">vb</a>
<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>
<a href="jav&#x09;ascript:alert(1)">tab</a>
<a href="&#106;avascript:alert(1)">entity</a>
<a href=" javascript:alert(1)">space</a>
<a href="java
script:alert(1)">newline</a>

[点我](javascript:alert(1)) [点我2](jav&#x09;ascript:alert(1)) [点我3](JaVaScRiPt:alert(1))
[点我4](<javascript:alert(1)>) [点我5](vbscript:msgbox(1)) [点我6](data:text/html,<script>alert(1)</script>)

![图](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)
![图2](javascript:alert(1))
![a"><script>alert(1)</script>](x.png "t\\"><script>alert(1)</script>")

段落 {: onclick="alert(1)" }

带属性的段落
{: onmouseover="alert(1)" style="color:red" }

正文结束。
"""
# The only scripts the theme ships: the score table's sorter on results pages, and the search page's.
THEME_SCRIPTS = ("assets/js/sort-table.js", "assets/js/search.js", "assets/js/screen.js")
# The theme's own search box (in every page's header) and search page: a form that only goes to
# search.html, a search field, a button, and the page's filters. nh3 lets no such element through
# from content, so these can only be the theme's.
THEME_CONTROLS = {
    "form": lambda attrs: url_of(attrs.get("action", "")).endswith("search.html"),
    "input": lambda attrs: attrs.get("type") == "search",
    "button": lambda attrs: attrs.get("type") in ("submit", "button"),
    "select": lambda attrs: attrs.get("name") in ("year", "campaign", "kind"),
}
FORBIDDEN_TAGS = {"iframe", "frame", "frameset", "object", "embed", "applet", "form", "base", "style", "input",
                  "button", "textarea", "select", "math"}
DANGEROUS_SCHEME = re.compile(r"^(javascript|vbscript|data|livescript|mocha):", re.IGNORECASE)
SECRET = "OUTSIDE-SECRET-9f2c"
CSS_STRING = re.compile(r'"(?:[^"\\\n<]|\\[0-9a-f]{1,6} ?)*"')
UNSAFE_CSS = re.compile(r"javascript|vbscript|expression|behavio|@import|://|</", re.IGNORECASE)
UNSAFE_URL = re.compile(r"url\((?![\"']?(\.\./)*assets/)", re.IGNORECASE)  # anything but the site's own assets
# A length, a whole number of a theme variable's lengths (a 公文 run of digits takes whole character cells), or
# an alignment (a certificate's boxes).
SAFE_STYLE_ATTRIBUTE = re.compile(r"^(\s*-{0,2}[a-z][-a-z]*\s*:\s*(-?[\d.]+(mm|pt|px|em|rem|%)?|calc\(\d+ \* var\(--[a-z-]+\)\)|left|center|right)"
                                  r"\s*;?)*\s*$")


class Page(HTMLParser):
    """A page as a browser parses it: every element with its attributes, and the text readers see."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[tuple[dict[str, str], str]] = []
        self.text: list[str] = []
        self.styles: list[str] = []  # the text of each <style> element
        self._in_script: dict[str, str] | None = None
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        self.elements.append((tag, found))
        if tag == "script":
            self._in_script = found
            self.scripts.append((found, ""))
        elif tag == "style":
            self._in_style = True
            self.styles.append("")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self._in_script = None

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = None
        elif tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_script is not None:
            attrs, content = self.scripts[-1]
            self.scripts[-1] = (attrs, content + data)
        elif self._in_style:
            self.styles[-1] += data
        else:
            self.text.append(data)

    @property
    def visible(self) -> str:
        return "".join(self.text)


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def url_of(value: str) -> str:
    """Return an attribute value as a browser reads a URL: tabs and line ends dropped, outer blanks stripped."""
    return re.sub(r"[\t\n\r]", "", value).strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12"
                                                 "\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")


def audit(output: Path) -> list[str]:
    """Return every way a page of `output` could run script or load something it should not."""
    pages = sorted(output.rglob("*.html"))
    assert pages, "no pages were built"
    return [problem for path in pages for problem in audit_page(path.relative_to(output).as_posix(), parse(path))]


def audit_page(where: str, page: Page) -> list[str]:
    """Return every way one parsed page (or fragment) could run script or load something it should not."""
    found = []
    for attrs, content in page.scripts:
        if content.strip() or set(attrs) != {"src"} or not attrs["src"].endswith(THEME_SCRIPTS):
            found.append(f"{where}: script {attrs} {content[:60]!r}")
    # Printable pages carry the theme's page geometry and fonts in a <style> and in style attributes:
    # lengths and font stacks only, never a value a record gave, nothing that loads or runs.
    printable = where.startswith("print/")
    for style in page.styles:
        # Quoted strings (titles in page margins) are text whatever they say: every character that
        # could end one is escaped, which CSS_STRING checks by matching only well-formed strings.
        if not printable or UNSAFE_URL.search(style) or UNSAFE_CSS.search(CSS_STRING.sub('""', style)):
            found.append(f"{where}: <style> {style[:60]!r}")
    for tag, attrs in page.elements:
        if tag in FORBIDDEN_TAGS and not (printable and tag == "style") and not THEME_CONTROLS.get(
                tag, lambda attrs: False)(attrs):
            found.append(f"{where}: <{tag}>")
        if tag == "meta" and set(attrs) - {"charset", "name", "content"}:
            found.append(f"{where}: <meta {attrs}>")
        if tag == "link" and (DANGEROUS_SCHEME.match(url_of(attrs.get("href", "")))
                              or "://" in attrs.get("href", "")):
            found.append(f"{where}: <link {attrs}>")
        for name, value in attrs.items():
            if name.startswith("on"):
                found.append(f"{where}: <{tag} {name}={value!r}>")
            if (name == "style" and not (printable and SAFE_STYLE_ATTRIBUTE.match(value))) or name.endswith(":href"):
                found.append(f"{where}: <{tag} {name}={value!r}>")
            if DANGEROUS_SCHEME.match(url_of(value)):
                found.append(f"{where}: <{tag} {name}={value!r}>")
    return found


def q(text: str) -> str:
    """Return text as a YAML (and TOML) double-quoted string: JSON's escapes are valid in both."""
    return json.dumps(text, ensure_ascii=False)


def png() -> bytes:
    data = io.BytesIO()
    Image.new("RGB", (8, 8), (40, 40, 180)).save(data, "PNG")
    return data.getvalue()


def jpeg(colour: tuple[int, int, int] = (180, 40, 40), size: tuple[int, int] = (120, 160)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG")
    return buffer.getvalue()


def hostile_site(root: Path, payload: str) -> tuple[Path, dict[str, list[tuple[str, str]]]]:
    """Write a site with `payload` (and a numbered marker) in every text field; return it and where each shows.

    The map says, per page, which (marker, value) pairs readers must see there as text.
    """
    n = iter(range(1, 1000))
    shown: dict[str, list[tuple[str, str]]] = {}

    def value(page: str | None = None, markdown: bool = False) -> str:
        text = f"标{next(n)}{payload}"
        if page:  # Markdown is HTML: its raw tags are sanitised, not shown; only the marker must be there
            marker = f"标{text[1:].split(payload[:1] or '?')[0]}" if payload else text
            shown.setdefault(page, []).append((marker, marker if markdown else text))
        return q(text)

    def ui_value(page: str) -> str:  # UI strings are format strings: their braces are doubled to be shown
        text = f"标{next(n)}{payload}"
        shown.setdefault(page, []).append((text[:3], text))
        return q(text.replace("{", "{{").replace("}", "}}"))

    campaign = "content/campaigns/c"
    award_id = q('x"><script>alert(1)</script>')
    level = q(f"级{payload}")
    files: dict[str, str | bytes] = {
        "site.toml": (f"title = {value('index.html')}\nsubtitle = {value('index.html')}\n"
                      f"organisation = {value('index.html')}\n"
                      f"[strings]\nnav_home = {ui_value('index.html')}\n"
                      f"photo_of = {q('{name}' + payload.replace('{', '{{').replace('}', '}}'))}\n"),
        "content/units/top.md": (f"---\nname: {value('units/top.html')}\nkind: {value('units/top.html')}\n"
                                 f"short_name: {value()}\n---\n" + HOSTILE_MARKDOWN),
        # One photo only: a single photo is made in-process, without starting a pool of workers.
        "content/units/team.md": f"---\nname: {value('units/team.html')}\nkind: 班组\nparent: top\n---\n",
        "content/people/p1.md": (f"---\nname: {value('people/p1.html')}\nunit: team\n"
                                 f"position: {value('people/p1.html')}\nethnicity: {value()}\n"
                                 "photo: p1.jpg\n---\n" + HOSTILE_MARKDOWN),
        "content/people/p1.jpg": jpeg(),
        # The picture the Markdown shows beside each record that has it: published, its alt and title still text.
        **{f"{folder}/x.png": png() for folder in ("content/units", "content/people", "content/bulletins", campaign,
                                                   f"{campaign}/assessments")},
        "content/people/p2.md": f"---\nname: {value('people/p2.html')}\nunit: top\n---\n",
        f"{campaign}/index.md": (
            f"---\ntitle: {value('campaigns/c/index.html')}\norganiser: {value('campaigns/c/index.html')}\n"
            f"start: 2024-01\nend: 2024-12\nsummary: {value('campaigns/c/index.html')}\nscheme: s\n"
            f"phases:\n  - name: {value('campaigns/c/index.html')}\n    start: 2024-01\n"
            f"    summary: {value('campaigns/c/index.html')}\n"
            f"goals: [{value('campaigns/c/index.html')}]\n"
            f"awards:\n  - id: {award_id}\n    name: {value('campaigns/c/index.html')}\n    recipient: person\n"
            f"    description: {value('campaigns/c/index.html')}\n"
            f"  - id: lv\n    name: 星级\n    recipient: unit\n    levels: [{level}]\n"
            "featured: true\n---\n" + HOSTILE_MARKDOWN + "\n{{< honours campaign=\"c\" >}}\n"),
        f"{campaign}/honours.yaml": (
            f"- award: {award_id}\n  person: p1\n  citation: {q(HOSTILE_MARKDOWN)}\n"
            f"- award: {award_id}\n  person: p2\n  citation: {value('campaigns/c/honour-roll.html', markdown=True)}\n"
            f"- award: lv\n  unit: team\n  level: {level}\n"),
        "content/schemes/s.yaml": (
            f"name: {value('campaigns/c/results/2024-01.html')}\ncategories:\n"
            f"  - name: {value('campaigns/c/results/2024-01.html')}\n    items:\n"
            f"      - {{id: a, name: {value('campaigns/c/results/2024-01.html')}, max: 50}}\n"
            f"      - {{id: b, name: 乙, max: 50}}\n"
            f"deductions: true\nbonus_cap: 5\nstars: [{{level: {value('campaigns/c/results/2024-01.html')}, min: 10}}]\n"),
        f"{campaign}/assessments/2024-01.yaml": (
            "date: 2024-02-01\nscores:\n"
            f"  - unit: team\n    a: 40\n    b: 45\n    deductions:\n      - {{points: 1, reason: {value('campaigns/c/results/2024-01.html')}}}\n"
            f"    bonus: 2\n    bonus_reason: {value('campaigns/c/results/2024-01.html')}\n    comment: {value()}\n"
            "  - unit: top\n    a: 30\n    b: 30\n"),
        f"{campaign}/assessments/2024-01.md": (
            f"---\ntitle: {value('campaigns/c/results/2024-01-bulletin.html')}\n"
            f"number: {value('campaigns/c/results/2024-01-bulletin.html')}\n"
            f"issuer: {value('campaigns/c/results/2024-01-bulletin.html')}\n---\n" + HOSTILE_MARKDOWN),
        "content/bulletins/b.md": (
            f"---\ntitle: {value('bulletins/b.html')}\nnumber: {value('bulletins/b.html')}\n"
            f"issuer: {value('bulletins/b.html')}\ndate: 2024-07-01\n"
            f"addressees: [{value('bulletins/b.html')}]\ncc: [{value('bulletins/b.html')}]\ncampaign: c\n"
            f"signatory: {value('bulletins/b.html')}\n---\n" + HOSTILE_MARKDOWN
            + "\n{{< honours campaign=\"c\" >}}\n"),
    }
    return write_tree(root, files), shown


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_script_in_any_field_is_shown_as_text_and_never_runs(tmp_path: Path, payload: str) -> None:
    site, shown = hostile_site(tmp_path / "site", payload)
    result = run("build", "--site", str(site))
    assert result.exit_code == 0, result.output
    output = site / "output"
    assert audit(output) == []
    for page_path, values in shown.items():
        text = parse(output / page_path).visible
        missing = [marker for marker, value in values if value not in text]
        assert not missing, (page_path, missing)
    # The person's name is in an alt attribute too: whole, and nothing broke out of it.
    alts = [attrs["alt"] for tag, attrs in parse(output / "people/p1.html").elements if tag == "img" and "alt" in attrs]
    assert any(payload in alt for alt in alts), alts


def test_hostile_markdown_keeps_its_text_and_loses_its_script(tmp_path: Path) -> None:
    site, _ = hostile_site(tmp_path / "site", "")
    result = run("build", "--site", str(site))
    assert result.exit_code == 0, result.output
    assert audit(site / "output") == []
    for page_path in ("units/top.html", "people/p1.html", "campaigns/c/index.html", "bulletins/b.html",
                      "campaigns/c/honour-roll.html", "campaigns/c/results/2024-01-bulletin.html"):
        text = parse(site / "output" / page_path).visible
        assert "正文开始。" in text and "正文结束。" in text and "引用" in text, page_path
        assert 'alert("body")' not in text, page_path  # a script's text is dropped, not shown


def test_the_theme_script_is_the_only_script(tmp_path: Path) -> None:
    site, _ = hostile_site(tmp_path / "site", PAYLOADS[0])
    assert run("build", "--site", str(site)).exit_code == 0
    scripts = [attrs["src"] for path in (site / "output").rglob("*.html") for attrs, _ in parse(path).scripts]
    assert scripts and all(src.endswith(THEME_SCRIPTS) for src in scripts)


FRAGMENTS = [
    "<script>alert(1)</script>", "<script src=x.js>", "<scr<script>ipt>alert(1)</script>", "<img src=x onerror=alert(1)>",
    "<svg><script>alert(1)</script></svg>", "<svg onload=alert(1)>", "<math><mtext><script>alert(1)</script>",
    "<iframe srcdoc='<script>alert(1)</script>'>", "<a href=\"javascript:alert(1)\">a</a>", "<a href='jav&#x09;ascript:x'>",
    "<a href=\"&#x6A;avascript:x\">", "<a href=\"java&#0000010;script:x\">", "<a href=\"\x01javascript:x\">",
    "<img src=\"data:image/svg+xml,<svg onload=alert(1)>\">", "<a href=vbscript:x>", "<object data=javascript:x>",
    "<embed src=javascript:x>", "<form><button formaction=javascript:x>", "<input onfocus=alert(1) autofocus>",
    "<details open ontoggle=alert(1)>", "<body onload=alert(1)>", "<style>@import 'javascript:x'</style>",
    "<div style=\"x:expression(alert(1))\">", "<p style=behavior:url(x.htc)>", "<base href=javascript:/>",
    "<meta http-equiv=refresh content='0;url=javascript:x'>", "<link rel=import href=x>", "<!--<script>-->",
    "<![CDATA[<script>alert(1)</script>]]>", "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
    "<textarea><script>alert(1)</script></textarea>", "<title><script>alert(1)</script></title>",
    "<blockquote cite=javascript:x>", "<q cite=javascript:x>", "<ins cite=javascript:x>", "<table background=javascript:x>",
    "<td background=javascript:x>", "<img longdesc=javascript:x>", "<video poster=javascript:x>", "<a xlink:href=javascript:x>",
    "[a](javascript:alert(1))", "[a](<javascript:alert(1)>)", "[a]( javascript:x )", "![i](javascript:x)",
    "![i](data:text/html,x)", "[a](JAVASCRIPT:x)", "[a](java\tscript:x)", "[a]: javascript:x", "[a][a]", "<javascript:x>",
    "{: onclick=\"alert(1)\" }", "{: style=\"color:red\" }", "{: #x .y onmouseover=alert(1) }", '<div markdown="1">',
    "</div>", "*", "**", "`", "```", "\n", "\n\n", "    ", "> ", "- ", "1. ", "| a |\n|---|\n| <script>x</script> |",
    "[^1]\n\n[^1]: <img src=x onerror=alert(1)>", "Term\n: <svg onload=x>", "*[HTML]: <script>x</script>", "HTML",
    "&lt;script&gt;", "&#60;script&#62;", '"><', "'><", "<", ">", "=", "\"", "'", "javascript:", "on", "error=",
]


@settings(max_examples=250, deadline=None, derandomize=True, database=None, print_blob=False,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=8).map("".join))
@example("<![i](javascript:x)")  # once crashed the link check: html.parser asserts on `<![i`
def test_no_mix_of_hostile_fragments_survives_the_sanitiser(markdown: str) -> None:
    html = MarkdownRenderer().render(markdown, lambda code: "")
    page = Page()
    page.feed(html)
    page.close()
    assert audit_page("fragment", page) == [], html
    # And the check that runs before rendering never fails on it, whatever it makes of it.
    BodyChecker(Path("/site")).check(markdown, Path("/site/content/people/p.md"), 5, None, Problems())


# -- files outside the site -------------------------------------------------------------------------------------

PERSON = "content/people/p.md"


@pytest.fixture
def small_site(tmp_path: Path) -> Path:
    """A valid site with one unit and one person, and beside it (outside it) a secret photo and text file."""
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside/secret.jpg").write_bytes(jpeg((1, 2, 3)) + SECRET.encode())
    (tmp_path / "outside/secret.txt").write_text(SECRET, encoding="utf-8")
    return write_tree(tmp_path / "site", {
        "site.toml": 'title = "测试"\n',
        "content/units/u.md": "---\nname: 宣传部\nkind: 部室\n---\n",
        PERSON: "---\nname: 张伟\nunit: u\n---\n简介。\n",
        "content/campaigns/c/index.md": "---\ntitle: 活动\norganiser: 党委\nstart: 2024\nend: 2024\n---\n",
    })


class Opened:
    """Every file this process opens while it is recording (an audit hook cannot be removed, so it is gated)."""

    paths: ClassVar[list[str]] = []
    recording: ClassVar[bool] = False

    @classmethod
    def hook(cls, event: str, args: tuple) -> None:
        if cls.recording and event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
            cls.paths.append(os.fsdecode(args[0]))


sys.addaudithook(Opened.hook)


def build_reading(site: Path) -> tuple[object, list[str]]:
    """Build the site, returning the result and the files opened meanwhile (in this process)."""
    Opened.paths, Opened.recording = [], True
    try:
        result = run("build", "--site", str(site))
    finally:
        Opened.recording = False
    return result, Opened.paths


def tree_digest(folder: Path) -> dict[str, str]:
    """Return every file under `folder` (but the build's own cache) with a hash of its bytes."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink() and ".honours-cache" not in p.parts}


def assert_nothing_from_outside(site: Path, opened: list[str]) -> None:
    outside = str(site.parent / "outside")
    assert not [p for p in opened if os.path.abspath(p).startswith(outside)], opened
    for folder in (site / "output", site / ".honours-cache"):
        for path in folder.rglob("*") if folder.exists() else ():
            if path.is_file():
                assert SECRET.encode() not in path.read_bytes(), path


@pytest.mark.parametrize("field", ["photo", "logo"])
@pytest.mark.parametrize("target", ["../../../outside/secret.jpg", "..\\..\\..\\outside\\secret.jpg", "ABSOLUTE",
                                    "../../../../../../../../etc/passwd", "/etc/passwd"])
def test_photo_paths_outside_the_site_are_errors_and_never_read(small_site: Path, field: str, target: str) -> None:
    if target == "ABSOLUTE":
        target = str(small_site.parent / "outside/secret.jpg")
    record = "content/units/u.md"
    write_tree(small_site, {record: f"---\nname: 宣传部\nkind: 部室\n{field}: {q(target)}\n---\n"})
    result, opened = build_reading(small_site)
    assert result.exit_code == 1
    assert f"{record}:4: {field}: 文件“" in result.output and "在网站文件夹之外" in result.output, result.output
    assert "Traceback" not in result.output
    assert not (small_site / "output").exists()
    assert_nothing_from_outside(small_site, opened)


def test_campaign_banner_outside_the_site_is_an_error(small_site: Path) -> None:
    write_tree(small_site, {"content/campaigns/c/index.md": "---\ntitle: 活动\norganiser: 党委\nstart: 2024\nend: 2024\n"
                                                             "photo: ../../../../outside/secret.jpg\n---\n"})
    result, opened = build_reading(small_site)
    assert result.exit_code == 1
    assert "content/campaigns/c/index.md:6: photo: 文件“../../../../outside/secret.jpg”在网站文件夹之外" in result.output
    assert_nothing_from_outside(small_site, opened)


def symlink(link: Path, target: Path) -> None:
    """Make a symbolic link, or skip the test where the system will not (Windows without the right)."""
    try:
        link.symlink_to(target)
    except OSError as exc:
        pytest.skip(f"cannot make symbolic links here: {exc}")


def test_a_symlinked_photo_that_leads_outside_is_an_error(small_site: Path) -> None:
    symlink(small_site / "content/people/p.jpg", small_site.parent / "outside/secret.jpg")
    write_tree(small_site, {PERSON: "---\nname: 张伟\nunit: u\nphoto: p.jpg\n---\n"})
    result, opened = build_reading(small_site)
    assert result.exit_code == 1
    assert f"{PERSON}:4: photo: 文件“p.jpg”在网站文件夹之外" in result.output, result.output
    assert_nothing_from_outside(small_site, opened)


def test_a_linked_folder_of_records_is_told_not_read(small_site: Path) -> None:
    # A folder of people kept elsewhere and linked in: not entered (its photos and links would lead outside).
    write_tree(small_site.parent, {"outside/chejian/li-na.md": "---\nname: 李娜\nunit: u\n---\n"})
    symlink(small_site / "content/people/chejian", small_site.parent / "outside/chejian")
    symlink(small_site / "content/people/loop", small_site / "content/people")
    for _ in range(2):  # and told again by a build that finds nothing else changed
        result = run("build", "--site", str(small_site))
        assert result.exit_code == 0, result.output
        for name in ("chejian", "loop"):
            assert f"警告 content/people/{name}: 这个文件夹是指向别处的链接（符号链接），里面的记录没有读取" in result.output
    assert not (small_site / "output/people/li-na.html").exists()
    assert run("build", "--site", str(small_site), "--strict").exit_code == 1


@pytest.mark.parametrize(("markdown", "shown"), [
    ("[密码](../../../../../../etc/passwd)", "../../../../../../etc/passwd"),
    ("![图](../../../outside/secret.jpg)", "../../../outside/secret.jpg"),
    ("[绝对](/etc/passwd)", "/etc/passwd"),
    ("![绝对](/etc/passwd)", "/etc/passwd"),
    ("[本机](file:///etc/passwd)", "file:///etc/passwd"),
    ("[盘符](C:\\Windows\\win.ini)", "C:\\Windows\\win.ini"),
    ('<img src="..\\..\\..\\outside\\secret.jpg">', "..\\..\\..\\outside\\secret.jpg"),
    ('<a href="%2e%2e/%2e%2e/%2e%2e/outside/secret.txt">编码</a>', "%2e%2e/%2e%2e/%2e%2e/outside/secret.txt"),
    ("[网络](//server/share/secret.txt)", "//server/share/secret.txt"),
    ("见[附件][1]。\n\n[1]: ../../../outside/secret.txt", "../../../outside/secret.txt"),
])
def test_markdown_links_outside_the_site_are_errors(small_site: Path, markdown: str, shown: str) -> None:
    write_tree(small_site, {PERSON: f"---\nname: 张伟\nunit: u\n---\n第一段。\n\n{markdown}\n"})
    result, opened = build_reading(small_site)
    assert result.exit_code == 1, result.output
    line = 7 + markdown[:markdown.find(shown)].count("\n")
    assert f"{PERSON}:{line}: 链接“{shown}”" in result.output, result.output
    assert "Traceback" not in result.output
    assert not (small_site / "output").exists()
    assert_nothing_from_outside(small_site, opened)


def test_markdown_links_in_citations_are_checked_too(small_site: Path) -> None:
    write_tree(small_site, {
        "content/campaigns/c/index.md": "---\ntitle: 活动\norganiser: 党委\nstart: 2024\nend: 2024\n"
                                        "awards:\n  - {id: a, name: 先进, recipient: person}\n---\n",
        "content/campaigns/c/honours.yaml": "- award: a\n  person: p\n  citation: '[见](../../../../outside/secret.txt)'\n"})
    result = run("build", "--site", str(small_site))
    assert result.exit_code == 1
    assert "content/campaigns/c/honours.yaml:3: citation: 链接“../../../../outside/secret.txt”指向网站文件夹之外" \
        in result.output, result.output


def test_every_link_problem_of_a_body_is_reported_at_once_with_its_line(small_site: Path) -> None:
    # A control character pasted from Word, the same local file linked twice, and another link after them.
    body = "\n".join(["第一段。"] * 30 + ["文字\x0b粘贴自 Word。", "[本机](file:///C:/Users/a/doc.docx)",
                                         "再见 [本机](file:///C:/Users/a/doc.docx)", "[盘符](D:\\照片\\x.jpg)"])
    write_tree(small_site, {PERSON: f"---\nname: 张伟\nunit: u\n---\n{body}\n"})
    result = run("build", "--site", str(small_site))
    assert result.exit_code == 1
    assert f"{PERSON}:35: 含有不可见的控制字符（U+000B）" in result.output, result.output
    for line in (36, 37):
        assert f"{PERSON}:{line}: 链接“file:///C:/Users/a/doc.docx”指向本机上的文件" in result.output
    assert f"{PERSON}:38: 链接“D:\\照片\\x.jpg”是本机上的绝对路径" in result.output
    assert "共 4 个错误" in result.output


def test_links_inside_the_site_and_to_the_web_are_fine(small_site: Path) -> None:
    write_tree(small_site, {PERSON: "---\nname: 张伟\nunit: u\n---\n[单位](../units/u.html) [网站](https://example.com/)"
                                    " [邮件](mailto:a@example.com) [锚](#top) [电话](tel:12345)\n"})
    result = run("build", "--site", str(small_site))
    assert result.exit_code == 0, result.output
    html = (small_site / "output/people/p.html").read_text(encoding="utf-8")
    assert 'href="https://example.com/"' in html and 'href="../units/u.html"' in html


@pytest.mark.parametrize("svg_name", ["evil.svg", "evil.jpg"])
def test_svg_photos_with_script_are_rejected_never_published(small_site: Path, svg_name: str) -> None:
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" width="100" height="140" onload="alert(1)">'
           '<script>alert("svg")</script><rect width="100" height="140" fill="red"/></svg>')
    write_tree(small_site, {f"content/people/{svg_name}": svg,
                            PERSON: f"---\nname: 张伟\nunit: u\nphoto: {svg_name}\n---\n"})
    result = run("build", "--site", str(small_site))
    assert result.exit_code == 1
    assert f"{PERSON}:4: photo: 张伟的照片 content/people/{svg_name}：不是可识别的图片文件" in result.output, result.output
    assert not (small_site / "output").exists()
    cached = [p for p in (small_site / ".honours-cache").rglob("*") if p.is_file()]
    assert not [p for p in cached if b"alert" in p.read_bytes()]


def test_a_real_image_carrying_a_script_is_rasterised(small_site: Path) -> None:
    payload = b'<script>alert("polyglot")</script>'
    write_tree(small_site, {"content/people/p.jpg": jpeg() + payload,
                            PERSON: "---\nname: 张伟\nunit: u\nphoto: p.jpg\n---\n"})
    result = run("build", "--site", str(small_site))
    assert result.exit_code == 0, result.output
    images = [p for p in (small_site / "output").rglob("*") if p.suffix in (".jpg", ".webp", ".avif")]
    assert images and not [p for p in images if payload in p.read_bytes()]
    assert not list((small_site / "output").rglob("p.jpg"))  # the original is never copied


@pytest.mark.parametrize("setting", ['output_dir = "."', 'output_dir = ""', 'output_dir = ".."', 'output_dir = "content"',
                                     'output_dir = "content/people"', 'output_dir = "templates"', 'output_dir = "assets"',
                                     'output_dir = "ABSOLUTE"', 'content_dir = "../outside"', 'content_dir = "/etc"'])
def test_settings_that_would_replace_or_read_outside_the_site_are_errors(small_site: Path, setting: str) -> None:
    setting = setting.replace("ABSOLUTE", str(small_site.parent / "elsewhere"))
    write_tree(small_site, {"site.toml": f'title = "测试"\n{setting}\n', "templates/.keep": "", "assets/.keep": ""})
    before = tree_digest(small_site.parent)
    result, opened = build_reading(small_site)
    assert result.exit_code == 1, result.output
    assert f"site.toml:2: {setting.split()[0]}: " in result.output, result.output
    assert "Traceback" not in result.output
    assert tree_digest(small_site.parent) == before  # not one file of the site (or beside it) changed
    assert_nothing_from_outside(small_site, opened)


def test_assets_that_link_outside_the_site_are_errors(small_site: Path) -> None:
    (small_site / "assets").mkdir()
    symlink(small_site / "assets/notes.txt", small_site.parent / "outside/secret.txt")
    result = run("build", "--site", str(small_site))
    assert result.exit_code == 1
    assert "assets/notes.txt: 是指向网站文件夹之外的链接" in result.output, result.output
    assert not (small_site / "output").exists()


@pytest.mark.parametrize("key", ["photo_of", "date_format", "nav_home"])
@pytest.mark.parametrize("text", ["{name.__class__.__mro__}", "{0}", "{", "{year:>99999999}", "{config}"])
def test_ui_strings_cannot_run_format_tricks(small_site: Path, key: str, text: str) -> None:
    write_tree(small_site, {"site.toml": f'title = "测试"\n[strings]\n{key} = {q(text)}\n'})
    result = run("build", "--site", str(small_site))
    assert result.exit_code == 1, result.output
    assert f"site.toml:3: strings.{key}: " in result.output and "Traceback" not in result.output
