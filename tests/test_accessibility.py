"""Every kind of page of the built example site passes axe-core in Debian's Chromium, and its charts read on a phone.

axe-core comes from npm (tests/package.json, installed by `npm ci --prefix tests`); Playwright
drives the system Chromium and injects it into each page. A serious or critical violation fails
the test. Without axe-core or Chromium the tests skip locally, but fail in CI (CI=true), where
`.ci/run` has installed both.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from npm_tools import axe_script, missing
from honours import derive, pipeline
from honours.model.site import Site
from honours.render.markdown import MarkdownRenderer
from test_browser import CHROMIUM, sync_playwright

try:
    from playwright.sync_api import Browser
except ImportError:  # the test extra installs it
    pass

SERIOUS = {"serious", "critical"}
# axe-core calls a skipped heading level moderate; the theme promises headings in order all the same.
ALSO_FAILING = {"heading-order"}
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
SMALLEST_CHART_TEXT = 11  # px, as drawn on a 390 px screen
# Run axe, then keep only what fails, with the nodes each rule found (their selectors and why).
RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary || ''}))}));
}"""
# The size each chart shown draws its smallest text at, in CSS px: its font size times the scale of its
# viewBox to the screen (a chart hidden at this width is left out).
SMALLEST_TEXT_IN_CHARTS = """() => [...document.querySelectorAll('svg')]
  .filter(svg => svg.querySelector('text') && svg.getBoundingClientRect().width > 0)
  .map(svg => Math.min(...[...svg.querySelectorAll('text')]
    .map(text => parseFloat(getComputedStyle(text).fontSize) * text.getScreenCTM().a)))"""


def page_types(output: Path, site: Site) -> dict[str, str]:
    """Return a page of every kind the example site has (and of every way a bulletin's body differs)."""
    def first(pattern: str) -> str:
        found = sorted(p.relative_to(output).as_posix() for p in output.glob(pattern))
        assert found, pattern
        return found[0]

    campaign = derive.featured_campaign(site)
    assert campaign is not None
    bulletins = sorted(site.bulletins.values(), key=lambda b: b.id)
    with_shortcode = next(b for b in bulletins if "{{<" in b.body)
    with_attachments = next(b for b in bulletins if b.attachments)
    plain = next(b for b in bulletins if not b.attachments and "{{<" not in b.body)
    results = f"campaigns/{campaign.id}/results"
    return {
        "home": "index.html", "404": "404.html", "search": "search.html", "fanti home": "fanti/index.html",
        "campaigns": "campaigns/index.html", "units": "units/index.html", "people": "people/index.html",
        "bulletins": "bulletins/index.html", "years": "years/index.html", "year": first("years/2*.html"),
        "unit": first("units/[!i]*.html"), "unit with a trend chart": unit_with_a_chart(output),
        "person": first("people/[!i]*.html"),
        "campaign": f"campaigns/{campaign.id}/index.html", "honour roll": f"campaigns/{campaign.id}/honour-roll.html",
        "results of a month": first(f"{results}/????-??.html"), "results of a year": first(f"{results}/????.html"),
        "assessment bulletin": first(f"{results}/*-bulletin.html"),
        "bulletin with a shortcode": f"bulletins/{with_shortcode.id}.html",
        "bulletin with attachments": f"bulletins/{with_attachments.id}.html",
        "bulletin": f"bulletins/{plain.id}.html",
        "print board": f"print/campaigns/{campaign.id}/board.html",
        "print honour roll": f"print/campaigns/{campaign.id}/honour-roll.html",
        "print award": first(f"print/campaigns/{campaign.id}/honour-roll-*.html"),
        "print assessment bulletin": first(f"print/{results}/*-bulletin.html"),
        "print bulletin": f"print/bulletins/{with_attachments.id}.html",
        "print colour page": first("print/units/*.html"),
    }


def unit_with_a_chart(output: Path) -> str:
    """Return the first unit page that draws its scores over a campaign's periods."""
    return next(p.relative_to(output).as_posix() for p in sorted(output.glob("units/[!i]*.html"))
                if 'class="results-chart"' in p.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def output(example: tuple[Path, pipeline.BuildResult]) -> Path:
    return example[0]


@pytest.fixture(scope="module")
def pages(example: tuple[Path, pipeline.BuildResult]) -> dict[str, str]:
    return page_types(example[0], example[1].site)


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    """Debian's Chromium under Playwright (never a downloaded browser)."""
    if CHROMIUM is None or sync_playwright is None:
        missing("Chromium or Playwright is not installed")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"])
        yield browser
        browser.close()


def axe_violations(browser: Browser, url: str, viewport: dict[str, int] = DESKTOP) -> list[dict]:
    """Return axe-core's violations on a page, as a reader's browser lays it out at that size."""
    context = browser.new_context(viewport=viewport, device_scale_factor=1)
    try:
        page = context.new_page()
        page.goto(url, wait_until="load")
        page.add_script_tag(path=str(axe_script()))
        return page.evaluate(RUN_AXE)
    finally:
        context.close()


def serious(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v["impact"] in SERIOUS or v["id"] in ALSO_FAILING]


def described(violations: list[dict]) -> str:
    return "\n".join(f"{v['impact']} {v['id']}: {v['help']}\n" + "\n".join(
        f"    {n['target']}: {n['summary'].splitlines()[-1].strip() if n['summary'] else ''}" for n in v["nodes"][:5])
        for v in violations)


def test_a_page_of_every_kind_is_checked(output: Path, pages: dict[str, str]) -> None:
    assert len(set(pages.values())) >= 25
    assert all((output / page).is_file() for page in pages.values())


@pytest.fixture(scope="module")
def axe_report(chromium: Browser, output: Path, pages: dict[str, str]) -> dict[str, list[dict]]:
    """axe-core's violations on a page of every kind, opened from the folder as a reader would; the home page,
    a results page (its chart) and an assessment bulletin (its table scrolls) also as a phone shows them."""
    report = {kind: axe_violations(chromium, (output / page).as_uri()) for kind, page in pages.items()}
    for kind in ("home", "results of a month", "assessment bulletin"):
        report[f"{kind} on a phone"] = axe_violations(chromium, (output / pages[kind]).as_uri(), PHONE)
    return report


def test_no_page_has_a_serious_accessibility_violation(axe_report: dict[str, list[dict]]) -> None:
    found = {kind: serious(violations) for kind, violations in axe_report.items() if serious(violations)}
    assert not found, "\n".join(f"{kind}:\n{described(v)}" for kind, v in found.items())


def test_the_check_finds_violations(chromium: Browser, tmp_path: Path) -> None:
    """The check above can fail: grey text on white, a link told from its words by colour alone, and an
    image without a text are reported."""
    page = tmp_path / "wrong.html"
    page.write_text('<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>x</title></head><body>'
                    '<main><p style="color:#86786d">浅灰色的字</p>'
                    '<p style="color:#222">正文<a href="#" style="color:#333;text-decoration:none">链接</a>正文</p>'
                    '<img src="x.png"></main></body></html>', encoding="utf-8")
    ids = {v["id"] for v in serious(axe_violations(chromium, page.as_uri()))}
    assert {"color-contrast", "link-in-text-block", "image-alt"} <= ids, ids


def test_charts_read_on_a_phone(chromium: Browser, output: Path, pages: dict[str, str]) -> None:
    """Every chart keeps its text at 11 px or more on a 390 px wide screen: a results page's bars, a unit's trend."""
    checked = [pages["results of a month"], pages["results of a year"], pages["unit with a trend chart"]]
    context = chromium.new_context(viewport=PHONE, device_scale_factor=1)
    try:
        tab = context.new_page()
        sizes = {}
        for page in checked:
            tab.goto((output / page).as_uri(), wait_until="load")
            sizes[page] = tab.evaluate(SMALLEST_TEXT_IN_CHARTS)
    finally:
        context.close()
    assert all(sizes.values()), f"a page without a chart shown: {sizes}"
    small = {page: [round(s, 1) for s in of_page if s < SMALLEST_CHART_TEXT] for page, of_page in sizes.items()}
    assert not any(small.values()), json.dumps(small, ensure_ascii=False)


@pytest.mark.parametrize(("body", "levels"), [
    ("开头。\n\n{{< honours campaign=\"c\" >}}\n", [2]),
    ("## 一、先进集体\n\n{{< honours campaign=\"c\" >}}\n\n{{< honours campaign=\"c\" >}}\n", [3, 3]),
    ("## 一\n\n### （一）\n\n{{< honours campaign=\"c\" >}}\n\n## 二\n\n{{< honours campaign=\"c\" >}}\n", [4, 3]),
    ("###### 六级\n\n{{< honours campaign=\"c\" >}}\n", [6]),
])
def test_a_shortcodes_headings_follow_the_heading_before_it(body: str, levels: list[int]) -> None:
    """A shortcode's headings go one level below the body's last heading before it (h2 after none): never a jump."""
    given: list[int] = []
    MarkdownRenderer().render(body, lambda code, level: given.append(level) or f"<h{level}>名单</h{level}>")
    assert given == levels
