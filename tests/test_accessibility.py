"""Every kind of page of the built example site passes axe-core in Debian's Chromium, and its charts read on a phone.

axe-core comes from npm (tests/package.json, installed by `npm ci --prefix tests`); Playwright
drives the system Chromium and injects it into each page. A serious or critical violation fails
the test. Without axe-core or Chromium the tests skip locally, but fail in CI (CI=true), where
`.ci/run` has installed both.
"""
from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import REPO
from honours import pipeline
from test_browser import CHROMIUM, sync_playwright

try:
    from playwright.sync_api import Browser
except ImportError:  # the test extra installs it
    pass

AXE = REPO / "tests" / "node_modules" / "axe-core" / "axe.min.js"
IN_CI = os.environ.get("CI", "").lower() == "true"
SERIOUS = {"serious", "critical"}
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
SMALLEST_CHART_TEXT = 11  # px, as drawn on a 390 px screen
# Run axe, then keep only what fails, with the nodes each rule found (their selectors and why).
RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary || ''}))}));
}"""
# The rendered size of the smallest text in each chart, in CSS px of the page.
SMALLEST_TEXT_IN_CHARTS = """() => [...document.querySelectorAll('svg')].filter(svg => svg.querySelector('text'))
  .map(svg => Math.min(...[...svg.querySelectorAll('text')].filter(t => t.textContent.trim())
    .map(t => t.getBoundingClientRect().height ? parseFloat(getComputedStyle(t).fontSize)
              * svg.getBoundingClientRect().width / (svg.viewBox.baseVal && svg.viewBox.baseVal.width
                || svg.getBoundingClientRect().width) : Infinity)))"""


def missing(what: str) -> None:
    """Skip for want of a tool, except in CI, where a check that did not run must not pass."""
    if IN_CI:
        pytest.fail(f"{what} (CI runs `npm ci --prefix tests` and installs Chromium: see .ci/run)")
    pytest.skip(what)


def page_types(output: Path) -> dict[str, str]:
    """Return one page (or a few, where they differ) of every kind the example site has."""
    def first(pattern: str) -> str:
        found = sorted(p.relative_to(output).as_posix() for p in output.glob(pattern))
        assert found, pattern
        return found[0]

    campaigns = sorted(p.parent.name for p in output.glob("campaigns/*/index.html"))
    pages = {"home": "index.html", "404": "404.html", "search": "search.html",
             "campaigns": "campaigns/index.html", "units": "units/index.html", "people": "people/index.html",
             "bulletins": "bulletins/index.html", "years": "years/index.html", "year": first("years/2*.html"),
             "unit": first("units/[!i]*.html"), "person": first("people/[!i]*.html"),
             "fanti-home": "fanti/index.html"}
    for campaign in campaigns:
        pages[f"campaign {campaign}"] = f"campaigns/{campaign}/index.html"
        pages[f"honour-roll {campaign}"] = f"campaigns/{campaign}/honour-roll.html"
        pages[f"print board {campaign}"] = f"print/campaigns/{campaign}/board.html"
        pages[f"print honour-roll {campaign}"] = f"print/campaigns/{campaign}/honour-roll.html"
        pages[f"print award {campaign}"] = first(f"print/campaigns/{campaign}/honour-roll-*.html")
    # Every period a results page can cover, its bulletin on screen and printed.
    results = sorted(p.relative_to(output).as_posix() for p in output.glob("campaigns/*/results/*.html"))
    for name, pattern in [("month", r"\d{4}-\d{2}"), ("quarter", r"\d{4}-Q\d"), ("half", r"\d{4}-H\d"),
                          ("year", r"\d{4}"), ("bulletin", r"\d{4}-\d{2}-bulletin")]:
        pages[f"results {name}"] = next(p for p in results if re.fullmatch(pattern, Path(p).stem))
    pages["print results bulletin"] = first("print/campaigns/*/results/*.html")
    # Every bulletin: their bodies call different shortcodes (honour lists, tables, results).
    for bulletin in sorted(output.glob("bulletins/[!i]*.html")):
        pages[f"bulletin {bulletin.stem}"] = bulletin.relative_to(output).as_posix()
    pages["print bulletin"] = first("print/bulletins/*.html")
    pages["print unit"] = first("print/units/*.html")
    return pages


@pytest.fixture(scope="module")
def output(example: tuple[Path, pipeline.BuildResult]) -> Path:
    return example[0]


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    """Debian's Chromium under Playwright (never a downloaded browser), with axe-core at hand."""
    if CHROMIUM is None or sync_playwright is None:
        missing("Chromium or Playwright is not installed")
    if not AXE.is_file():
        missing("axe-core is not installed: npm ci --prefix tests --ignore-scripts")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"])
        yield browser
        browser.close()


def axe_violations(browser: Browser, url: str, viewport: dict[str, int] = DESKTOP) -> list[dict]:
    """Return axe-core's violations on a page, as a reader's browser lays it out."""
    context = browser.new_context(viewport=viewport, device_scale_factor=1)
    try:
        page = context.new_page()
        page.goto(url, wait_until="load")
        page.add_script_tag(path=str(AXE))
        return page.evaluate(RUN_AXE)
    finally:
        context.close()


def described(violations: list[dict]) -> str:
    return "\n".join(f"{v['impact']} {v['id']}: {v['help']}\n" + "\n".join(
        f"    {n['target']}: {n['summary'].splitlines()[-1].strip() if n['summary'] else ''}" for n in v["nodes"][:5])
        for v in violations)


def test_every_kind_of_page_is_found(output: Path) -> None:
    pages = page_types(output)
    assert len(pages) >= 30 and all((output / page).is_file() for page in pages.values())


@pytest.fixture(scope="module")
def axe_report(chromium: Browser, output: Path) -> dict[str, list[dict]]:
    """axe-core's violations on every kind of page, each opened from the folder as a reader would."""
    return {kind: axe_violations(chromium, (output / page).as_uri()) for kind, page in page_types(output).items()}


def test_no_page_has_a_serious_accessibility_violation(axe_report: dict[str, list[dict]]) -> None:
    found = {kind: [v for v in violations if v["impact"] in SERIOUS] for kind, violations in axe_report.items()}
    found = {kind: violations for kind, violations in found.items() if violations}
    assert not found, "\n".join(f"{kind}:\n{described(v)}" for kind, v in found.items())


def test_the_check_finds_violations(chromium: Browser, tmp_path: Path) -> None:
    """The check above can fail: grey text on white and an image without text are reported."""
    page = tmp_path / "wrong.html"
    page.write_text('<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>x</title></head><body>'
                    '<main><p style="color:#aaa;background:#fff">浅灰色的字</p><img src="x.png"></main></body></html>',
                    encoding="utf-8")
    ids = {v["id"] for v in axe_violations(chromium, page.as_uri()) if v["impact"] in SERIOUS}
    assert {"color-contrast", "image-alt"} <= ids, ids


def test_charts_read_on_a_phone(chromium: Browser, output: Path) -> None:
    """Every chart on a results page keeps its text at 11 px or more on a 390 px wide screen."""
    pages = [p for kind, p in page_types(output).items() if kind.startswith("results ") and "bulletin" not in kind]
    context = chromium.new_context(viewport=PHONE, device_scale_factor=1)
    try:
        tab = context.new_page()
        sizes = {}
        for page in pages:
            tab.goto((output / page).as_uri(), wait_until="load")
            sizes[page] = tab.evaluate(SMALLEST_TEXT_IN_CHARTS)
    finally:
        context.close()
    assert any(sizes.values()), "no chart with text found"
    small = {page: [round(s, 1) for s in of_page if s < SMALLEST_CHART_TEXT] for page, of_page in sizes.items()}
    assert not any(small.values()), json.dumps(small, ensure_ascii=False)
