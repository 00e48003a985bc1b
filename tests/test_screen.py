"""The lobby screen (电子屏): every slide of the example's screen pages fits the screen, with names 48 px or more.

Each page is opened from the folder (file://, as from a USB stick) in Chromium at 1920×1080 and
1080×1920; the test steps through every slide with the arrow key and checks that no card, name or
heading runs off the screen, that every name is at least 48 px tall, that no request leaves the
folder and that no script fails. A screenshot of each slide of the first campaign's page goes to
test-artifacts/screenshots/screen/.
"""
from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import REPO, run
from honours import pipeline

try:
    from playwright.sync_api import Browser, sync_playwright
except ImportError:  # the test extra installs it
    sync_playwright = None

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
browser_needed = [
    pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (.ci/run installs it)"),
    pytest.mark.skipif(sync_playwright is None, reason="Playwright is not installed (pip install -e '.[test]')"),
]
SCREENSHOTS = REPO / "test-artifacts" / "screenshots" / "screen"
SIZES = {"landscape": {"width": 1920, "height": 1080}, "portrait": {"width": 1080, "height": 1920}}
NAME_FLOOR = 48  # px at 1080p: readable from across a lobby

# What overflows on the current slide: any card, name, heading or line of text outside the
# screen, or text cut off inside its box (wider than it), as "what: text".
OVERFLOWS = """() => {
  const slide = document.querySelector('.slide.is-current');
  const w = window.innerWidth, h = window.innerHeight, found = [];
  for (const el of slide.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.left < -0.5 || r.top < -0.5 || r.right > w + 0.5 || r.bottom > h + 0.5)
      found.push(`off screen ${el.className}: ${el.textContent.trim().slice(0, 30)}`);
    if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflow !== 'visible')
      found.push(`cut off ${el.className}: ${el.textContent.trim().slice(0, 30)}`);
  }
  for (const list of slide.querySelectorAll('.cards')) {
    const box = list.getBoundingClientRect();
    for (const card of list.children) {
      const r = card.getBoundingClientRect();
      if (r.bottom > box.bottom + 0.5) found.push(`card below its slide: ${card.textContent.trim().slice(0, 20)}`);
    }
  }
  return found;
}"""
NAME_SIZES = """() => [...document.querySelectorAll('.slide.is-current .card__name')].map(name => {
  const scale = name.getBoundingClientRect().height / name.offsetHeight;
  return [name.textContent, parseFloat(getComputedStyle(name).fontSize) * scale];
})"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert sync_playwright is not None and CHROMIUM is not None
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"])
        yield browser
        browser.close()


def screen_pages(output: Path) -> list[Path]:
    """Return every campaign's screen page, and the first campaign's award pages (dealt out alike)."""
    wholes = sorted(output.glob("campaigns/*/screen.html"))
    return wholes + sorted(wholes[0].parent.glob("screen-*.html"))


@pytest.mark.parametrize("orientation", SIZES)
def test_every_slide_fits_the_screen(example: tuple[Path, pipeline.BuildResult], browser: Browser,
                                     orientation: str) -> None:
    output, _ = example
    pages = screen_pages(output)
    campaigns = {page.parent.name for page in pages}
    assert len(campaigns) == 3 and all(page.parent / "screen.html" in pages for page in pages)
    # Without the slides' fade, so each can be looked at as soon as it is shown.
    context = browser.new_context(viewport=SIZES[orientation], device_scale_factor=1, reduced_motion="reduce")
    page = context.new_page()
    outside: list[str] = []
    page.on("request", lambda request: outside.append(request.url)
            if not request.url.startswith("file://") and not request.url.startswith("data:") else None)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    shots = SCREENSHOTS / orientation
    shutil.rmtree(shots, ignore_errors=True)
    shots.mkdir(parents=True)
    problems: list[str] = []
    for number, path in enumerate(pages):
        page.goto(f"{path.as_uri()}?orientation={orientation}&seconds=600")
        page.evaluate("document.fonts.ready")
        count = int(page.evaluate("document.documentElement.dataset.slides"))
        assert count >= 2, path
        assert page.evaluate("getComputedStyle(document.body).cursor") == "none"
        for slide in range(count):
            assert int(page.evaluate("document.documentElement.dataset.slide")) == slide
            where = f"{path.relative_to(output)} slide {slide + 1}/{count}"
            problems += [f"{where}: {found}" for found in page.evaluate(OVERFLOWS)]
            problems += [f"{where}: {name} is {size:.1f} px" for name, size in page.evaluate(NAME_SIZES)
                         if size < NAME_FLOOR - 0.01]
            if path == pages[0]:
                page.screenshot(path=str(shots / f"{slide + 1:02d}.png"))
            page.keyboard.press("ArrowRight")
        assert int(page.evaluate("document.documentElement.dataset.slide")) == 0  # round again
    context.close()
    assert not problems, "\n".join(problems)
    assert not outside and not errors, (outside, errors)


pytestmark = browser_needed


def test_an_unknown_award_in_the_screen_settings_is_an_error_at_its_line(site_dir: Path) -> None:
    settings = site_dir / "site.toml"
    settings.write_text(settings.read_text(encoding="utf-8") + '\n[screen]\nseconds = 10\nawards = ["no-such"]\n',
                        encoding="utf-8")
    line = settings.read_text(encoding="utf-8").splitlines().index('awards = ["no-such"]') + 1
    result = run("check", "--site", str(site_dir))
    assert result.exit_code == 1
    assert f"site.toml:{line}" in result.output and "没有编号为“no-such”的奖项" in result.output, result.output


def test_screen_settings_are_checked_like_any_setting(site_dir: Path) -> None:
    settings = site_dir / "site.toml"
    settings.write_text(settings.read_text(encoding="utf-8") + '\n[screen]\norientation = "sideways"\nsecond = 3\n',
                        encoding="utf-8")
    result = run("check", "--site", str(site_dir))
    assert result.exit_code == 1
    assert "screen.orientation" in result.output and "“sideways”不是可选的值" in result.output, result.output
    assert "screen.second" in result.output and "未知字段" in result.output and "seconds" in result.output
