"""Opened from file:// in headless Chromium, pages render with the theme's styles and their photos."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from honours import pipeline

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (.ci/run installs it)")


def screenshot(url: str, target: Path, profile: Path) -> Image.Image:
    """Return a screenshot of `url` taken the way a user's browser would draw it."""
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--no-first-run", f"--user-data-dir={profile}",
                    "--hide-scrollbars", "--window-size=1280,900", f"--screenshot={target}", url],
                   check=True, capture_output=True, timeout=120)
    return Image.open(target).convert("RGB")


def red_share(image: Image.Image, box: tuple[int, int, int, int]) -> float:
    """Return the share of the theme's red among the pixels of a region."""
    data = image.crop(box).tobytes()
    pixels = [data[i:i + 3] for i in range(0, len(data), 3)]
    red = sum(1 for r, g, b in pixels if r > 140 and g < 80 and b < 80)
    return red / len(pixels)


@pytest.fixture
def output(example: tuple[Path, pipeline.BuildResult]) -> Path:
    return example[0]


@pytest.mark.parametrize("page", ["index.html", "campaigns/hq-323-2024/index.html",
                                  "campaigns/hq-323-2024/honour-roll.html", "people/index.html"])
def test_page_from_file_url_has_the_red_header(output: Path, tmp_path: Path, page: str) -> None:
    image = screenshot((output / page).as_uri(), tmp_path / "shot.png", tmp_path / "profile")
    # The red header band is drawn by assets/css/site.css: if the stylesheet's relative link
    # were broken, the top of the page would be white.
    assert red_share(image, (0, 0, 1280, 60)) > 0.5


def test_unstyled_page_would_fail_the_check(output: Path, tmp_path: Path) -> None:
    """The check above can fail: the same page without its stylesheet has no red header."""
    bare = tmp_path / "bare.html"
    bare.write_text((output / "index.html").read_text(encoding="utf-8").replace("assets/css/site.css", "x.css"),
                    encoding="utf-8")
    image = screenshot(bare.as_uri(), tmp_path / "shot.png", tmp_path / "profile")
    assert red_share(image, (0, 0, 1280, 60)) < 0.1
