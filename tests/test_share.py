"""Share images (长图): `honours pdf` makes PNGs 1080 px wide, in parts of at most about 10,000 px, each under 5 MB.

A small site: the minimal one with a roll of 90 people, long enough to need two parts. Only the
share pages are printed (`--only share/*`), so the test stays quick.
"""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from conftest import MINIMAL_SITE, run, write_tree
from honours.print.share import MAX_BYTES, WIDTH_PX
from honours.render.printed import SHARE_PART_PX

pytest.importorskip("weasyprint")
pytest.importorskip("pypdfium2")

PEOPLE = 90
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"


def long_roll_site(root: Path) -> Path:
    files = dict(MINIMAL_SITE)
    for number in range(PEOPLE):
        name = SURNAMES[number % len(SURNAMES)] + "一二三四五六七八九十"[number // len(SURNAMES)] + "明"
        files[f"content/people/p{number:03d}.md"] = f"---\nname: {name}\nunit: xuanchuan\nposition: 干事\n---\n"
    files["content/campaigns/wenming-2024/honours.yaml"] = (
        MINIMAL_SITE["content/campaigns/wenming-2024/honours.yaml"]
        + "- award: dushu\n  people: [" + ", ".join(f"p{n:03d}" for n in range(PEOPLE)) + "]\n")
    return write_tree(root, files)


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = long_roll_site(tmp_path_factory.mktemp("share") / "site")
    result = run("pdf", "--site", str(site), "--only", "share/*")
    assert result.exit_code == 0, result.output
    return site / "output"


def test_a_long_roll_is_split_into_numbered_parts_1080_px_wide(shared: Path) -> None:
    folder = shared / "print/share/campaigns/wenming-2024"
    parts = sorted(folder.glob("honour-roll-[0-9].png"))
    assert len(parts) >= 2, sorted(p.name for p in folder.iterdir())
    for part in parts + sorted(folder.glob("honour-roll-*.png")):
        image = Image.open(io.BytesIO(part.read_bytes()))
        assert image.width == WIDTH_PX
        assert 200 < image.height <= SHARE_PART_PX, (part.name, image.height)
        assert part.stat().st_size < MAX_BYTES


def test_each_award_has_its_image_and_the_roll_page_links_them(shared: Path) -> None:
    folder = shared / "print/share/campaigns/wenming-2024"
    assert (folder / "honour-roll-wenming-bushi.png").is_file()
    roll = (shared / "campaigns/wenming-2024/honour-roll.html").read_text(encoding="utf-8")
    assert "分享图" in roll
    assert 'href="../../print/share/campaigns/wenming-2024/honour-roll-1.png"' in roll
    assert 'href="../../print/share/campaigns/wenming-2024/honour-roll-wenming-bushi.png"' in roll


def test_a_bulletin_has_its_image_linked_from_its_page(shared: Path) -> None:
    image = Image.open(shared / "print/share/bulletins/biaozhang-2024.png")
    assert image.width == WIDTH_PX and image.height < SHARE_PART_PX
    page = (shared / "bulletins/biaozhang-2024.html").read_text(encoding="utf-8")
    assert 'href="../print/share/bulletins/biaozhang-2024.png"' in page


def test_share_images_are_cached_by_content_and_pruned(shared: Path) -> None:
    cache = shared.parent / ".honours-cache" / "share"
    made = {path.name: path.stat().st_mtime_ns for path in cache.iterdir()}
    assert any(name.endswith("-2.png") for name in made)
    site = shared.parent
    result = run("pdf", "--site", str(site), "--only", "share/*")
    assert result.exit_code == 0, result.output
    assert {path.name: path.stat().st_mtime_ns for path in cache.iterdir()} == made  # nothing made again
    bulletin = site / "content/bulletins/biaozhang-2024.md"
    bulletin.write_text(bulletin.read_text(encoding="utf-8").replace("为表彰先进", "为表彰先进典型"), encoding="utf-8")
    assert run("pdf", "--site", str(site), "--only", "share/*").exit_code == 0
    now = {path.name for path in cache.iterdir()}
    assert len(now) == len(made) and now != set(made)  # the bulletin's image made again, the old one pruned
