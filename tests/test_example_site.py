"""The repository's own example site builds, has a page for every record, and every link resolves."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from conftest import REPO
from honours import making, pipeline


class LinkCollector(HTMLParser):
    """Collect every href and src of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.links.append(value)


def test_example_site_is_valid_and_free_of_warnings(tmp_path: Path) -> None:
    problems = making.check(REPO, cache=tmp_path)
    assert not problems.items, [p.format(REPO) for p in problems.items]


def test_example_site_is_large_enough_to_look_real(example: tuple[Path, pipeline.BuildResult]) -> None:
    site = example[1].site
    assert len(site.units) >= 40 and len(site.people) >= 90 and len(site.bulletins) >= 5
    assert len(site.campaigns) >= 2 and len(site.honours) >= 100


def test_every_record_has_a_page(example: tuple[Path, pipeline.BuildResult]) -> None:
    output, result = example
    site = result.site
    expected = [f"units/{i}.html" for i in site.units] + [f"people/{i}.html" for i in site.people]
    expected += [f"campaigns/{i}/index.html" for i in site.campaigns]
    expected += [f"campaigns/{i}/honour-roll.html" for i in site.campaigns]
    expected += [f"bulletins/{i}.html" for i in site.bulletins]
    missing = [page for page in expected if not (output / page).is_file()]
    assert not missing


def test_every_link_and_image_resolves_to_a_file(example: tuple[Path, pipeline.BuildResult]) -> None:
    output = example[0]
    broken = []
    for page in sorted(output.rglob("*.html")):
        collector = LinkCollector()
        collector.feed(page.read_text(encoding="utf-8"))
        for link in collector.links:
            parts = urlsplit(link)
            assert not parts.scheme and not parts.netloc and not link.startswith("/"), (page, link)
            if not parts.path:
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            if not target.is_file() or not target.is_relative_to(output.resolve()):
                broken.append(f"{page.relative_to(output)} → {link}")
    assert not broken, broken[:20]


def test_no_page_shows_a_private_field(example: tuple[Path, pipeline.BuildResult]) -> None:
    output, result = example
    fields = re.compile(r"^(?:staff_no|phone):\s*['\"]?([^'\"\n]+?)['\"]?\s*$", re.MULTILINE)
    private = {value for record in (REPO / "content" / "people").glob("*.md")
               for value in fields.findall(record.read_text(encoding="utf-8"))}
    assert private, "the example site should exercise private fields"
    pattern = re.compile("|".join(re.escape(value) for value in private))
    leaks = [page.name for page in output.rglob("*.html") if pattern.search(page.read_text(encoding="utf-8"))]
    assert not leaks
