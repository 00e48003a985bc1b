"""The user guide (docs/用户手册.md) stays true: its pictures exist and its commands are real commands.

Its screenshots are taken here, from the example site in headless Chromium, so they show the
pages as they are: `HONOURS_GUIDE_IMAGES=1 python3 -m pytest tests/test_guide.py` writes them
to docs/images/ (the only test that writes into the repository, and only when asked).
"""
from __future__ import annotations

import io
import os
import re
import shlex
import shutil
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from PIL import Image

from conftest import REPO, serving
from honours import derive, pipeline
from honours.cli import main

GUIDE = REPO / "docs" / "用户手册.md"
IMAGES = REPO / "docs" / "images"
WRITE_IMAGES = os.environ.get("HONOURS_GUIDE_IMAGES") == "1"
MAX_IMAGE_BYTES = 200_000
WIDTH = 1280


def guide_text() -> str:
    return GUIDE.read_text(encoding="utf-8")


def guide_commands() -> list[str]:
    """Return every `honours …` command the guide shows, in code blocks and inline code."""
    text = guide_text()
    blocks = re.findall(r"```[^\n]*\n(.*?)```", text, re.S)
    lines = [line for block in blocks for line in block.splitlines()]
    lines += re.findall(r"`([^`\n]+)`", re.sub(r"```.*?```", "", text, flags=re.S))
    commands = []
    for line in lines:
        found = re.search(r"(?:^|\s|>)(honours\s.*)$", line.strip())
        if found:
            commands.append(found.group(1).split("#")[0].strip())
    return commands


def resolve(words: list[str]) -> tuple[click.Command, list[str]]:
    """Return the click command the words name, and the words after it."""
    command: click.Command = main
    rest = words[1:]
    while isinstance(command, click.Group) and rest and not rest[0].startswith("-"):
        sub = command.commands.get(rest[0])
        assert sub is not None, f"用户手册中的命令 {' '.join(words)}：没有 {rest[0]} 这个命令"
        command, rest = sub, rest[1:]
    return command, rest


def test_every_command_in_the_guide_is_a_real_command_with_real_options() -> None:
    commands = guide_commands()
    assert len(commands) >= 15, commands
    named = set()
    for line in commands:
        words = shlex.split(line.replace("\\", "/"))
        command, rest = resolve(words)
        named.add(words[1])
        known = {name for param in command.params for name in getattr(param, "opts", [])} | {"-h", "--help"}
        for word in rest:
            option = word.split("=")[0]
            if option.startswith("-") and option not in ("-", "--"):
                assert option in known, f"用户手册中的命令 {line}：{command.name} 没有选项 {option}"
    assert {"init", "import", "new", "check", "serve", "build", "pdf", "archive"} <= named


def test_every_image_the_guide_shows_is_there_and_small() -> None:
    images = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", guide_text())
    assert len(images) >= 5
    for image in images:
        path = GUIDE.parent / image
        assert path.is_file(), f"用户手册引用的图片不存在：{image}（HONOURS_GUIDE_IMAGES=1 运行本测试生成）"
        assert path.stat().st_size < MAX_IMAGE_BYTES, f"{image} 太大：{path.stat().st_size} 字节"


def test_every_link_inside_the_guide_finds_its_heading() -> None:
    # Anchors as GitHub and most Markdown viewers make them: lower case, punctuation dropped, spaces to "-".
    text = re.sub(r"```.*?```", "", guide_text(), flags=re.S)
    anchors = {re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
               for heading in re.findall(r"^#+ (.+)$", text, re.M)}
    for target in re.findall(r"\]\(#([^)]+)\)", text):
        assert target in anchors, f"用户手册中的链接 #{target} 找不到对应的标题"


def test_the_readme_links_the_guide_first() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "docs/用户手册.md" in readme[:1500]


# The screenshots: which page, and what to wait for before taking it.
def shot_pages(example: tuple[Path, pipeline.BuildResult]) -> dict[str, tuple[str, str]]:
    output, result = example
    site = result.site
    campaign = derive.featured_campaign(site)
    assert campaign is not None
    person = max(sorted(site.people.values(), key=lambda p: p.id),
                 key=lambda p: (p.photo is not None, len(site.honours_of("person", p.id))))
    surname = person.name[0]
    return {
        "home": ("index.html", "main"),
        "campaign": (f"campaigns/{campaign.id}/index.html", "main"),
        "honour-roll": (f"campaigns/{campaign.id}/honour-roll.html", "main"),
        "person": (f"people/{person.id}.html", "main"),
        "print": (f"print/campaigns/{campaign.id}/honour-roll.html", "body"),
        "search": (f"search.html?q={surname}", ".search-results li"),
        "certificate": (f"print/campaigns/{campaign.id}/certificates.html", "body"),
        "screen": (f"campaigns/{campaign.id}/screen.html?seconds=600", ".slide.is-current"),
    }


@pytest.fixture(scope="module")
def chromium() -> Iterator[object]:
    """Return Debian's Chromium under Playwright (never a downloaded browser)."""
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    playwright_api = pytest.importorskip("playwright.sync_api")
    if executable is None:
        pytest.skip("Chromium is not installed (.ci/run installs it)")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=[
            "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"])
        yield browser
        browser.close()


def small_png(png: bytes) -> bytes:
    """Return the screenshot as a palette PNG, a fraction of the size, still sharp for text."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    if image.width != WIDTH:
        image = image.resize((WIDTH, round(image.height * WIDTH / image.width)), Image.LANCZOS)
    buffer = io.BytesIO()
    image.quantize(colors=128, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
        buffer, "PNG", optimize=True)
    return buffer.getvalue()


@pytest.mark.skipif(not WRITE_IMAGES, reason="HONOURS_GUIDE_IMAGES=1 takes the guide's screenshots")
def test_take_the_guides_screenshots(example: tuple[Path, pipeline.BuildResult], chromium) -> None:
    IMAGES.mkdir(parents=True, exist_ok=True)
    with serving(example[0]) as address:
        for name, (path, ready) in shot_pages(example).items():
            context = chromium.new_context(viewport={"width": WIDTH, "height": 860}, device_scale_factor=1)
            page = context.new_page()
            page.goto(f"{address}/{path}", wait_until="load")
            page.wait_for_selector(ready, timeout=15000)
            page.wait_for_timeout(300)  # the search draws its list in steps
            if name == "screen":  # past the title slide, to the first slide of cards
                page.keyboard.press("ArrowRight")
                page.wait_for_timeout(900)
            png = small_png(page.screenshot(full_page=False))
            context.close()
            assert len(png) < MAX_IMAGE_BYTES, f"{name}.png: {len(png)} bytes"
            (IMAGES / f"{name}.png").write_bytes(png)
