"""Build the same people's pages with Hugo (then Pagefind over them) and Pelican, for comparison with honours.

    python bench/others.py SITE [--runs 3] [--work DIR]

Reads every person record of SITE (content/people/**/<id>.md or .yaml: YAML front matter and a
Markdown body), converts each to the tool's own format in a temporary work folder, writes a
minimal theme (one template for a person page: the title, unit, position and the body's HTML) and
times the tool's build — the build only, not the conversion — as a subprocess:
  hugo     cold (public/ and resources/ deleted first), then a second run over the same public/;
           only `page` pages are built: no home, sections, taxonomies, feeds, sitemap, robots, 404.
  pagefind over Hugo's cold public/, as a Hugo user who wants search runs it after Hugo (the
           extended build, which segments Chinese: pip package `pagefind[extended]`).
  pelican  cold (output deleted first; no plugins, no content cache, no feeds, no direct or
           paginated templates, no static files, RELATIVE_URLS), as `python -m pelican`.
Each build must produce exactly one HTML page per person, or it fails loudly. A tool that is not
installed is skipped with a message. bench/build.py runs these beside the honours builds, each
measured by bench/measure.py.
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from measure import Run, run

# ---------------------------------------------------------------------------------------------
# Reading the people


@dataclass
class Person:
    """What a person page shows: the id (the file name), name, unit's name, position and Markdown body."""

    id: str
    name: str
    unit: str
    position: str
    body: str


def read_people(site: Path) -> list[Person]:
    """Return every person of the site, in file-name order, with their unit's name (as honours shows)."""
    units = {path.stem: str(meta.get("name", path.stem)) for path, meta, _ in _records(site / "content" / "units")}
    return [Person(path.stem, str(meta["name"]), units.get(str(meta.get("unit")), str(meta.get("unit", ""))),
                   str(meta.get("position") or ""), body)
            for path, meta, body in _records(site / "content" / "people")]


def _records(folder: Path) -> list[tuple[Path, dict, str]]:
    """Return (path, front matter, Markdown body) of every .md or .yaml record under `folder`."""
    paths = sorted(p for p in folder.rglob("*") if p.suffix in (".md", ".yaml", ".yml") and p.is_file())
    return [(path, *_read_record(path)) for path in paths]


def _read_record(path: Path) -> tuple[dict, str]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("gb18030")  # honours reads “ANSI” files too
    text = text.replace("\r\n", "\n")
    if path.suffix == ".md":
        _, front, body = text.split("---\n", 2)  # honours has already validated the shape
    else:
        front, body = text, ""
    return yaml.safe_load(front) or {}, body.strip() + "\n"


# ---------------------------------------------------------------------------------------------
# Hugo

HUGO_CONFIG = """\
baseURL = "http://example.invalid/"
languageCode = "zh-cn"
title = "bench"
disableKinds = ["home", "section", "taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
uglyURLs = true
relativeURLs = true
disableHugoGeneratorInject = true
enableGitInfo = false
enableEmoji = false

[outputs]
page = ["HTML"]
"""

HUGO_SINGLE = """\
<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body>
<h1>{{ .Title }}</h1>
<p>单位：{{ .Params.unit }}</p>
{{ with .Params.position }}<p>职务：{{ . }}</p>{{ end }}
{{ .Content }}
</body></html>
"""


def hugo_binary() -> str | None:
    return shutil.which("hugo")


def write_hugo_project(people: list[Person], project: Path) -> None:
    """Write a Hugo project: config, one layout, and content/people/<id>.md with YAML front matter."""
    (project / "layouts" / "_default").mkdir(parents=True)
    (project / "layouts" / "_default" / "single.html").write_text(HUGO_SINGLE, encoding="utf-8")
    (project / "config.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    content = project / "content" / "people"
    content.mkdir(parents=True)
    for person in people:
        front = {"title": person.name, "unit": person.unit}
        if person.position:
            front["position"] = person.position
        header = yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
        (content / f"{person.id}.md").write_text(f"---\n{header}---\n{person.body}", encoding="utf-8")


def build_hugo(project: Path, cold: bool) -> Run:
    """Run one Hugo build; a cold one starts without public/, resources/ or its cache."""
    if cold:
        for name in ("public", "resources", "cache", ".hugo_build.lock"):
            _remove(project / name)
    command = [hugo_binary() or "hugo", "--source", str(project), "--cacheDir", str(project / "cache"), "--quiet"]
    return run(command).check("hugo")


# ---------------------------------------------------------------------------------------------
# Pagefind, over Hugo's output


def pagefind_binary() -> str | None:
    """Return the extended Pagefind binary (pip package `pagefind[extended]`), else one on PATH, else None."""
    try:
        import pagefind_bin_extended
        return str(pagefind_bin_extended.get_executable())
    except Exception:  # not installed, or no binary for this platform
        return shutil.which("pagefind_extended") or shutil.which("pagefind")


def index_with_pagefind(binary: str, public: Path, expected: int) -> Run:
    """Run Pagefind over `public` (its pagefind/ deleted first); exit unless it indexed `expected` pages."""
    _remove(public / "pagefind")
    result = run([binary, "--site", str(public), "--quiet"]).check("pagefind")
    entry = json.loads((public / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    indexed = sum(language["page_count"] for language in entry["languages"].values())
    if indexed != expected:
        sys.exit(f"pagefind: indexed {indexed} pages of {public}, expected {expected} — the comparison is void")
    return result


# ---------------------------------------------------------------------------------------------
# Pelican

PELICAN_CONFIG = """\
SITENAME = "bench"
SITEURL = ""
RELATIVE_URLS = True
TIMEZONE = "Asia/Shanghai"
DEFAULT_LANG = "zh"
THEME = {theme!r}
PLUGINS = []
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
ARTICLE_PATHS = []
PAGE_PATHS = ["people"]
PAGE_URL = "people/{{slug}}.html"
PAGE_SAVE_AS = "people/{{slug}}.html"
SLUGIFY_SOURCE = "basename"
STATIC_PATHS = []
THEME_STATIC_PATHS = []
DIRECT_TEMPLATES = []
PAGINATED_TEMPLATES = {{}}
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
ARTICLE_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
CATEGORY_SAVE_AS = ""
TAG_SAVE_AS = ""
ARTICLE_LANG_SAVE_AS = ""
PAGE_LANG_SAVE_AS = ""
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
"""

PELICAN_PAGE = """\
<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{ page.title|e }}</title></head>
<body>
<h1>{{ page.title|e }}</h1>
<p>单位：{{ page.unit|e }}</p>
{% if page.position %}<p>职务：{{ page.position|e }}</p>{% endif %}
{{ page.content }}
</body></html>
"""


def pelican_available() -> bool:
    try:
        import pelican  # noqa: F401
    except ImportError:
        return False
    return True


def write_pelican_project(people: list[Person], project: Path) -> None:
    """Write a Pelican project: settings, a one-template theme, and content/people/<id>.md pages
    with Markdown `Key: value` metadata."""
    theme = project / "theme"
    (theme / "templates").mkdir(parents=True)
    (theme / "templates" / "page.html").write_text(PELICAN_PAGE, encoding="utf-8")
    (project / "pelicanconf.py").write_text(PELICAN_CONFIG.format(theme=str(theme)), encoding="utf-8")
    content = project / "content" / "people"
    content.mkdir(parents=True)
    for person in people:
        meta = [f"Title: {person.name}", f"Slug: {person.id}", f"Unit: {person.unit}"]
        if person.position:
            meta.append(f"Position: {person.position}")
        (content / f"{person.id}.md").write_text("\n".join(meta) + "\n\n" + person.body, encoding="utf-8")


def build_pelican(project: Path) -> Run:
    """Run one cold Pelican build (no cache to start from: output deleted, caching off)."""
    _remove(project / "output")
    _remove(project / "cache")
    command = [sys.executable, "-m", "pelican", str(project / "content"), "--output", str(project / "output"),
               "--settings", str(project / "pelicanconf.py"), "--ignore-cache", "--quiet", "--fatal", "errors"]
    return run(command, cwd=project).check("pelican")


# ---------------------------------------------------------------------------------------------
# Benchmarks


@dataclass
class ToolResult:
    """A tool's measured builds: cold runs (Pagefind: over Hugo's cold output), and (Hugo) runs over its output."""

    tool: str
    version: str
    cold: list[Run] = field(default_factory=list)
    again: list[Run] = field(default_factory=list)

    def median(self, which: str = "cold") -> float | None:
        runs = getattr(self, which)
        return statistics.median(r.seconds for r in runs) if runs else None

    def peak(self) -> int:
        return max((r.memory for r in (*self.cold, *self.again)), default=0)


def bench_others(people: list[Person], work: Path, runs: int) -> dict[str, ToolResult]:
    """Time every installed peer on the same people: "hugo", "pagefind" (over Hugo's output) and "pelican"."""
    results = bench_hugo(people, work, runs)
    if (pelican := bench_pelican(people, work, runs)) is not None:
        results["pelican"] = pelican
    return results


def bench_hugo(people: list[Person], work: Path, runs: int) -> dict[str, ToolResult]:
    """Time Hugo: `runs` cold builds, each followed by Pagefind over its public/ and a build over that public/."""
    binary, indexer = hugo_binary(), pagefind_binary()
    if binary is None:
        print("hugo: not installed (no `hugo` on PATH) — skipped, and Pagefind with it")
        return {}
    if indexer is None:
        print("pagefind: not installed (pip install \"pagefind[extended]\") — skipped")
    version = subprocess.run([binary, "version"], check=True, capture_output=True, text=True).stdout.split()[1]
    project = work / "hugo"
    write_hugo_project(people, project)
    hugo = ToolResult("hugo", version)
    pagefind = ToolResult("pagefind", _version_of(indexer) if indexer else "")
    for _ in range(runs):
        hugo.cold.append(build_hugo(project, cold=True))
        _expect_pages(project / "public" / "people", len(people), "hugo")
        if indexer:
            pagefind.cold.append(index_with_pagefind(indexer, project / "public", len(people)))
        hugo.again.append(build_hugo(project, cold=False))
        _expect_pages(project / "public" / "people", len(people), "hugo")
    return {"hugo": hugo, "pagefind": pagefind} if indexer else {"hugo": hugo}


def bench_pelican(people: list[Person], work: Path, runs: int) -> ToolResult | None:
    """Time Pelican: `runs` cold builds."""
    if not pelican_available():
        print("pelican: not installed (`import pelican` failed) — skipped")
        return None
    import pelican

    project = work / "pelican"
    write_pelican_project(people, project)
    result = ToolResult("pelican", pelican.__version__)
    for _ in range(runs):
        result.cold.append(build_pelican(project))
        _expect_pages(project / "output" / "people", len(people), "pelican")
    return result


def _version_of(binary: str) -> str:
    """Return what `binary --version` says after the program's name."""
    said = subprocess.run([binary, "--version"], check=True, capture_output=True, text=True).stdout.split()
    return said[-1] if said else ""


def _expect_pages(folder: Path, expected: int, tool: str) -> None:
    """Exit unless `folder` holds exactly one HTML page per person."""
    found = sum(1 for _ in folder.rglob("*.html")) if folder.is_dir() else 0
    if found != expected:
        sys.exit(f"{tool}: made {found} person pages in {folder}, expected {expected} — the comparison is void")


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path, help="a site folder (with content/people/)")
    parser.add_argument("--runs", type=int, default=3, help="builds of each kind; the median is shown")
    parser.add_argument("--work", type=Path, default=None, help="keep the Hugo and Pelican projects here")
    args = parser.parse_args()
    people = read_people(args.site)
    print(f"{len(people)} people from {args.site}", flush=True)
    with tempfile.TemporaryDirectory(prefix="honours-others-") as temp:
        work = args.work or Path(temp)
        for result in bench_others(people, work, args.runs).values():
            print(f"{result.tool} {result.version}: cold {result.median('cold'):.2f} s"
                  + (f", again {result.median('again'):.2f} s" if result.again else "")
                  + f", peak {result.peak() / 2**20:.0f} MiB  (median of {args.runs}; {len(people)} pages)")


if __name__ == "__main__":
    main()
