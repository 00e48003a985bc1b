"""In a real browser (Playwright driving Debian's Chromium), the main pages load everything they ask for.

Each page is opened both from a web server that serves the site from a sub-path (as an intranet
server would: /intranet/honours/) and from the folder (file://): no console error, no script
error, no failed request, every image decoded, and the theme's red header drawn. Full-page
screenshots go to test-artifacts/screenshots/ at the top of the repository, where CI keeps them.
"""
from __future__ import annotations

import io
import os
import re
import shutil
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from PIL import Image

from conftest import REPO, serving
from honours import derive, pipeline

try:
    from playwright.sync_api import Browser, sync_playwright
except ImportError:  # the test extra installs it
    sync_playwright = None

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (.ci/run installs it)"),
    pytest.mark.skipif(sync_playwright is None, reason="Playwright is not installed (pip install -e '.[test]')"),
]

SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
SUB_PATH = "/intranet/honours/"
VIEWPORT = {"width": 1280, "height": 900}
HEADER_HEIGHT = 60  # the top band the red header fills
# Switch every lazy image to eager and wait for all to settle, so each is fetched and decoded;
# return those the browser could not draw.
LOAD_EVERY_IMAGE = """async () => {
  const images = [...document.images];
  images.forEach(image => { image.loading = 'eager'; });
  const settled = images.map(image => image.complete ? null : new Promise(done => {
    image.addEventListener('load', done); image.addEventListener('error', done); }));
  await Promise.race([Promise.all(settled), new Promise(done => setTimeout(done, 15000))]);
  return images.filter(image => !(image.complete && image.naturalWidth > 0))
               .map(image => image.currentSrc || image.getAttribute('src'));
}"""
KINDS = ["home", "campaigns", "campaign", "honour-roll", "results", "unit", "person", "people", "bulletin",
         "years", "404"]


def main_pages(output: Path, result: pipeline.BuildResult) -> dict[str, str]:
    """Return a page of each main kind, chosen from the example site for the most to show."""
    site = result.site
    campaign = derive.featured_campaign(site)
    assert campaign is not None
    months = sorted(p.name for p in (output / "campaigns" / campaign.id / "results").glob("*.html")
                    if re.fullmatch(r"\d{4}-\d{2}\.html", p.name))
    unit = max(sorted(site.units.values(), key=lambda u: u.id),
               key=lambda u: (u.photo is not None, len(site.honours_of("unit", u.id))))
    person = max(sorted(site.people.values(), key=lambda p: p.id),
                 key=lambda p: (p.photo is not None, len(site.honours_of("person", p.id))))
    bulletin = next(b for b in sorted(site.bulletins.values(), key=lambda b: b.id) if "{{<" in b.body)
    return {
        "home": "index.html", "campaigns": "campaigns/index.html",
        "campaign": f"campaigns/{campaign.id}/index.html",
        "honour-roll": f"campaigns/{campaign.id}/honour-roll.html",
        "results": f"campaigns/{campaign.id}/results/{months[-1]}",
        "unit": f"units/{unit.id}.html", "person": f"people/{person.id}.html", "people": "people/index.html",
        "bulletin": f"bulletins/{bulletin.id}.html", "years": "years/index.html", "404": "404.html",
    }


class SubPathHandler(SimpleHTTPRequestHandler):
    """Serve the site's folder under SUB_PATH only, with the media types an intranet server sends."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".avif": "image/avif", ".webp": "image/webp",
                      ".svg": "image/svg+xml", ".css": "text/css", ".js": "text/javascript"}

    def translate_path(self, path: str) -> str:
        path = urlsplit(path).path
        if not path.startswith(SUB_PATH):
            return os.path.join(self.directory, ".not-under-the-sub-path")  # answered with 404
        return super().translate_path("/" + path[len(SUB_PATH):])

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def output(example: tuple[Path, pipeline.BuildResult]) -> Path:
    return example[0]


@pytest.fixture(scope="module")
def pages(example: tuple[Path, pipeline.BuildResult]) -> dict[str, str]:
    return main_pages(*example)


@pytest.fixture(scope="module")
def server(output: Path) -> Iterator[str]:
    """Return the address of the site served from a sub-path by a local web server."""
    with serving(output, SubPathHandler) as address:
        yield address + SUB_PATH


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Return Debian's Chromium under Playwright, one for all pages (never a downloaded browser)."""
    assert sync_playwright is not None and CHROMIUM is not None
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"])
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


def visit(browser: Browser, url: str, shot: Path | None = None) -> tuple[list[str], Image.Image]:
    """Open a page as a reader would; return what went wrong, and how its header looks.

    Every image has settled when the page is drawn (all are fetched, none is lazy), so nothing
    is still loading then: no wait for the network to be idle is needed.
    """
    context = browser.new_context(viewport=VIEWPORT, device_scale_factor=1)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text} ({m.location.get('url')})")
            if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url} ({r.failure})"))
    page.on("response", lambda r: problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
    try:
        page.goto(url, wait_until="load")
        undrawn = page.evaluate(LOAD_EVERY_IMAGE)
        problems += [f"image not drawn: {src}" for src in undrawn]
        if shot is not None:
            page.screenshot(path=shot, full_page=True)
        header = page.screenshot(clip={"x": 0, "y": 0, "width": VIEWPORT["width"], "height": HEADER_HEIGHT})
    finally:
        context.close()
    return problems, Image.open(io.BytesIO(header)).convert("RGB")


def red_share(image: Image.Image) -> float:
    """Return the share of the theme's red among the pixels of an image."""
    data = image.tobytes()
    pixels = [data[i:i + 3] for i in range(0, len(data), 3)]
    red = sum(1 for r, g, b in pixels if r > 140 and g < 80 and b < 80)
    return red / len(pixels)


@pytest.mark.parametrize("kind", KINDS)
def test_page_over_http_from_a_sub_path(browser: Browser, server: str, pages: dict[str, str],
                                        screenshots: Path, kind: str) -> None:
    # The home page is asked for as the folder, as a reader types the address.
    url = server if kind == "home" else server + pages[kind]
    problems, image = visit(browser, url, screenshots / f"http-{kind}.png")
    assert not problems, "\n".join(problems)
    # The red header band is drawn by assets/css/site.css: if the stylesheet's relative link
    # were broken, the top of the page would be white.
    assert red_share(image) > 0.5


@pytest.mark.parametrize("kind", KINDS)
def test_page_from_file_url(browser: Browser, output: Path, pages: dict[str, str], screenshots: Path,
                            kind: str) -> None:
    problems, image = visit(browser, (output / pages[kind]).as_uri(), screenshots / f"file-{kind}.png")
    assert not problems, "\n".join(problems)
    assert red_share(image) > 0.5


def test_the_checks_can_fail(browser: Browser, output: Path, tmp_path: Path) -> None:
    """The checks above can fail: the home page copied away from its site has no red header,
    and its missing stylesheet and photos are reported."""
    bare = tmp_path / "index.html"
    bare.write_text((output / "index.html").read_text(encoding="utf-8"), encoding="utf-8")
    problems, image = visit(browser, bare.as_uri())
    assert red_share(image) < 0.1
    assert any("request failed" in p and p.split(" (")[0].endswith("assets/css/site.css") for p in problems)
    assert any(p.startswith("image not drawn") for p in problems), problems
