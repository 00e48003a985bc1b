"""Build the same people's pages with Hugo and Pelican, for comparison with honours.

    python bench/others.py SITE [--runs 3] [--work DIR]

Reads every person record of SITE (content/people/**/<id>.md or .yaml: YAML front matter and a
Markdown body), converts each to the tool's own format in a temporary work folder, writes a
minimal theme (one template for a person page: the title, unit, position and the body's HTML) and
times the tool's build — the build only, not the conversion — as a subprocess:
  hugo     cold (public/ and resources/ deleted first), then a second run over the same public/;
           only `page` pages are built: no home, sections, taxonomies, feeds, sitemap, robots, 404.
  pelican  cold (output deleted first; no plugins, no content cache, no feeds, no direct or
           paginated templates, no static files, RELATIVE_URLS), as `python -m pelican`.
Each build must produce exactly one HTML page per person, or it fails loudly. A tool that is not
installed is skipped with a message. bench/build.py runs these beside the honours builds.

Also here, because both benchmarks use it: `run()`, which runs a command and returns its wall
time, its largest process's peak RSS (exact, from the kernel) and its process tree's peak total
RSS (sampled).
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

import yaml

# ---------------------------------------------------------------------------------------------
# Running a command and measuring it


@dataclass
class Run:
    """One measured command: wall seconds, peak memory in bytes, exit status and its output."""

    seconds: float
    max_rss: int  # the largest single process of the tree (exact: the kernel's ru_maxrss)
    tree_rss: int  # the largest sum over its process tree (sampled every SAMPLE_SECONDS; ≥ max_rss)
    returncode: int
    stdout: str
    stderr: str

    def check(self, label: str) -> Run:
        """Return self, or exit with the command's output if it failed."""
        if self.returncode != 0:
            sys.exit(f"{label} failed (exit status {self.returncode}):\n{self.stdout[-3000:]}\n{self.stderr[-3000:]}")
        return self


SAMPLE_SECONDS = 0.05

# A fresh, small process between us and each measured command. The kernel's peak RSS of a process
# counts the pages it had before exec: a child forked straight from this (possibly large) process
# would report our size as its peak. The wrapper times the command and writes "seconds peak_kb".
WRAPPER = """\
import resource, subprocess, sys, time
started = time.perf_counter()
code = subprocess.call(sys.argv[2:])
seconds = time.perf_counter() - started
with open(sys.argv[1], "w") as report:
    report.write(f"{seconds} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}")
sys.exit(code if code >= 0 else 128 - code)
"""


def run(command: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> Run:
    """Run `command` to completion and measure it, through a fresh wrapper each time so that
    nothing accumulates across runs and the peak RSS is the command's own (to within the
    wrapper's ~10 MB, which its forked child starts from)."""
    peak, done = [0], threading.Event()
    with tempfile.TemporaryDirectory(prefix="honours-run-") as temp:
        report, out, err = (Path(temp, name) for name in ("report", "stdout", "stderr"))
        with out.open("wb") as stdout, err.open("wb") as stderr:
            process = subprocess.Popen([sys.executable, "-I", "-S", "-c", WRAPPER, str(report), *command],
                                       cwd=cwd, env=env, stdout=stdout, stderr=stderr)
            sampler = threading.Thread(target=_sample_tree, args=(process.pid, peak, done))
            sampler.start()
            returncode = process.wait()
            done.set()
            sampler.join()
        if not report.exists():
            sys.exit(f"could not run {command[0]}:\n{err.read_text(errors='replace')}")
        seconds, max_kb = report.read_text().split()
        max_rss = int(max_kb) * 1024  # kilobytes on Linux
        return Run(float(seconds), max_rss, max(peak[0], max_rss), returncode,
                   out.read_text(errors="replace"), err.read_text(errors="replace"))


def _sample_tree(root: int, peak: list[int], done: threading.Event) -> None:
    """Keep peak[0] at the largest total RSS seen of the processes below `root`, until `done`."""
    while not done.wait(SAMPLE_SECONDS):
        peak[0] = max(peak[0], sum(_rss(pid) for pid in _descendants(root)[1:]))  # not the wrapper


def _descendants(root: int) -> list[int]:
    """Return root and every process below it, from each thread's /proc/PID/task/TID/children."""
    found, queue = [], [root]
    while queue:
        pid = queue.pop()
        found.append(pid)
        try:
            threads = os.listdir(f"/proc/{pid}/task")
        except OSError:
            continue  # it has just ended
        for thread in threads:
            try:
                queue.extend(int(child) for child in Path(f"/proc/{pid}/task/{thread}/children").read_text().split())
            except OSError:
                pass
    return found


def _rss(pid: int) -> int:
    """Return a process's resident set in bytes, or 0 if it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


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
    """A tool's measured builds: cold runs, and (Hugo) repeated runs over an existing output."""

    tool: str
    version: str
    cold: list[Run] = field(default_factory=list)
    again: list[Run] = field(default_factory=list)

    def median(self, which: str = "cold") -> float | None:
        runs = getattr(self, which)
        return statistics.median(r.seconds for r in runs) if runs else None

    def peak(self) -> int:
        return max((r.tree_rss for r in (*self.cold, *self.again)), default=0)


def bench_hugo(people: list[Person], work: Path, runs: int) -> ToolResult | None:
    """Time Hugo: `runs` cold builds, each followed by a build over the public/ it made."""
    binary = hugo_binary()
    if binary is None:
        print("hugo: not installed (no `hugo` on PATH) — skipped")
        return None
    version = subprocess.run([binary, "version"], check=True, capture_output=True, text=True).stdout.split()[1]
    project = work / "hugo"
    write_hugo_project(people, project)
    result = ToolResult("hugo", version)
    for _ in range(runs):
        result.cold.append(build_hugo(project, cold=True))
        _expect_pages(project / "public" / "people", len(people), "hugo")
        result.again.append(build_hugo(project, cold=False))
        _expect_pages(project / "public" / "people", len(people), "hugo")
    return result


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
        for bench in (bench_hugo, bench_pelican):
            result = bench(people, work, args.runs)
            if result is None:
                continue
            print(f"{result.tool} {result.version}: cold {result.median('cold'):.2f} s"
                  + (f", again {result.median('again'):.2f} s" if result.again else "")
                  + f", peak {result.peak() / 2**20:.0f} MiB  (median of {args.runs}; {len(people)} pages)")


if __name__ == "__main__":
    main()
