"""Benchmark whole-site builds of honours against Hugo (+ Pagefind) and Pelican, and the example site.

    python bench/build.py [--runs 3] [--keep DIR] [--markdown FILE] [--json FILE] [--skip-others] [--skip-example]
    python bench/build.py --growth [--scale 10] [--runs 1] [--keep DIR] [--markdown FILE]

Generates the corpus of bench/corpus.py (--seed 1, --scale 1.0: 10,000 people) in a temporary
folder, or reuses --keep DIR (generating into it first if it is new or empty). Every honours build
is a fresh `python build.py build --site SITE --quiet` subprocess; each figure is the median of --runs:
  cold        .honours-cache/ and output/ deleted first, but for .honours-cache/photos/ (made once,
              untimed, if the site has none; a cold build that still makes photos is noted);
  one edit    four figures: one person's body, their `position`, one honour appended to a campaign's
              honours.yaml, one unit's `name` (bench/edits.py), each made 3.1 s after the last build;
              each must show on its page, else the bench exits (stale output); each is undone and
              rebuilt, untimed, before the next;
  under serve the body edit again, with `serve` running on the site: from saving the file to the page,
              fetched from serve after its reload event, showing it (bench/serving.py);
  no-op       nothing changed since the last build (after a 3.1 s pause, past any "racy" window of a
              cache that trusts file times, as a real rebuild would be);
  memory      the peak memory of every honours build above: the largest sum of PSS over the process
              tree (sampled every 0.2 s: the CLI, its workers, Pagefind, every grandchild; a page forked
              workers share with the build counts once), or its largest single process's peak RSS
              (exact, from the kernel) if more; the summed RSS is shown beside it;
  others      Hugo cold, Pagefind over Hugo's output, Hugo again over its output, and Pelican cold,
              building only the same people's pages with a one-template theme (bench/others.py);
  example     the repo's own site (content/, site.toml, templates/, assets/) copied to a temporary
              folder with the repo's photo cache and built once untimed: cold, and one body edit.
--growth measures honours alone on a --scale 10 corpus (100,000 people) unless --scale says
otherwise: cold, one edit (body) and memory.

Targets: cold ≤ 2× (Hugo + Pagefind), and ≥ 3× faster than Pelican (also shown: cold against Hugo
alone); each edit < 1 s, and in the browser under serve within 0.5 s; no-op < 0.5 s; peak memory
< 1 GiB; the example site cold < 5 s, one edit < 0.5 s (and under serve). --markdown FILE writes the table that README.md's Performance section includes.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import sys
import tempfile
import time
import tomllib
from functools import partial
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

from edits import Edit, EditMaker, describe, person_to_edit, edit_body, site_edits
from measure import Run, run
from others import bench_others, read_people
from serving import serve_edits
from report import GIB, Figures, Row, example_rows, growth_rows, large_rows, markdown, median, print_table

RACY_PAUSE = 3.1
PHOTOS = "photos"  # the cache's folder a cold build keeps
EXAMPLE_PARTS = ("content", "site.toml", "templates", "assets")  # what the example site is made of


# ---------------------------------------------------------------------------------------------
# The sites


def prepare_site(args: argparse.Namespace, temp: Path) -> tuple[Path, dict | None]:
    """Return the site folder, and what corpus.generate said of it (None for a site it did not make)."""
    if args.keep and (args.keep / "site.toml").is_file():
        print(f"reusing the site in {args.keep} (--scale, --seed and --photos do not apply)")
        marker = args.keep / ".corpus.json"  # what corpus.py wrote when it made the site
        return args.keep.resolve(), json.loads(marker.read_text(encoding="utf-8")) if marker.is_file() else None
    if args.keep and args.keep.exists() and any(args.keep.iterdir()):
        sys.exit(f"--keep {args.keep}: the folder exists but holds no site.toml; give an empty or new folder")
    site = (args.keep or temp / "site").resolve()
    from corpus import generate

    started = time.perf_counter()
    kwargs = {} if args.photos is None else {"photos": args.photos}
    try:
        summary = generate(site, seed=args.seed, scale=args.scale, **kwargs)
    except BaseException:
        shutil.rmtree(site, ignore_errors=True)  # new or empty before: leave no half site to "reuse"
        raise
    print(f"generated the corpus in {site} in {time.perf_counter() - started:.1f} s")
    return site, summary


def example_site(temp: Path) -> Path:
    """Copy the repo's example site and its photo cache into `temp`, so the bench never touches the repo's output/."""
    site = temp / "example"
    site.mkdir()
    for part in EXAMPLE_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, site / part)
        elif source.is_file():
            shutil.copy2(source, site / part)
    try:
        shutil.copytree(ROOT / ".honours-cache" / PHOTOS, site / ".honours-cache" / PHOTOS)
    except (OSError, shutil.Error):
        pass  # no cache, or a file went while copying: the untimed first build makes what is missing
    return site


def corpus_counts(site: Path) -> dict[str, float]:
    """Count the site's records and photos from its files."""
    content = site / "content"

    def records(kind: str) -> int:
        return sum(1 for p in (content / kind).rglob("*") if p.suffix in (".md", ".yaml", ".yml")) \
            if (content / kind).is_dir() else 0

    campaigns = content / "campaigns"
    images = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".tif", ".tiff", ".bmp", ".heic", ".avif")
    return {
        "people": records("people"),
        "units": records("units"),
        "campaigns": sum(1 for _ in campaigns.rglob("index.md")) if campaigns.is_dir() else 0,
        "bulletins": records("bulletins"),
        "photos": sum(1 for p in content.rglob("*") if p.suffix.lower() in images),
        "content_mb": round(sum(p.stat().st_size for p in content.rglob("*") if p.is_file()) / 1e6, 1),
    }


# ---------------------------------------------------------------------------------------------
# honours builds


def output_dir(site: Path) -> Path:
    """The folder the site builds into (site.toml's output_dir, else output/)."""
    settings = tomllib.loads((site / "site.toml").read_text(encoding="utf-8-sig"))
    return site / settings.get("output_dir", "output")


def pages_of(site: Path) -> int:
    """Count the HTML pages of the site's output."""
    return sum(1 for _ in output_dir(site).rglob("*.html"))


def honours_build(site: Path, label: str) -> Run:
    """Run one `python build.py build --site SITE --quiet`; exit with its messages if it fails."""
    command = [sys.executable, str(ROOT / "build.py"), "build", "--site", str(site), "--quiet"]
    return run(command, cwd=ROOT).check(f"honours {label}")


def clean(site: Path) -> None:
    """Delete the output and everything of the cache but its photos, so the next build is cold but for photos."""
    out = output_dir(site)
    cache = site / ".honours-cache"
    kept = [path for path in cache.iterdir() if path.name != PHOTOS] if cache.is_dir() else []
    for path in (*kept, out, out.with_name(f".{out.name}.staging")):
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()


def photo_files(site: Path) -> set[str]:
    """Return the names of the files in the photo cache."""
    folder = site / ".honours-cache" / PHOTOS
    return {str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file()} if folder.is_dir() else set()


def make_photos(site: Path) -> None:
    """Build once, untimed, if the photo cache is empty, so that the cold builds find their photos made."""
    if not photo_files(site):
        print("no photo cache: building once, untimed, to make the photos (about 7 min at scale 1.0)", flush=True)
        report_run("honours photos (untimed)", honours_build(site, "build making the photos"))


def cold_builds(site: Path, runs: int, name: str, notes: list[str]) -> list[Run]:
    """Build `runs` times from cold (photos kept), noting any build that still had photos to make."""
    results = []
    for index in range(runs):
        clean(site)
        before = photo_files(site)
        results.append(honours_build(site, "cold build"))
        report_run(f"{name} {index + 1}/{runs}", results[-1])
        if made := len(photo_files(site) - before):
            notes.append(f"{name} {index + 1} made {made} photo files: its time includes photo work.")
    return results


def noop_builds(site: Path, runs: int) -> list[Run]:
    """Rebuild `runs` times with nothing changed (the site must have been built just before)."""
    time.sleep(RACY_PAUSE)
    results = []
    for index in range(runs):
        results.append(honours_build(site, "no-op rebuild"))
        report_run(f"no-op {index + 1}/{runs}", results[-1])
    return results


def edit_builds(site: Path, edits: dict[str, EditMaker], runs: int, prefix: str = "edit") -> Figures:
    """Time a rebuild after each edit, `runs` times each, in turn; every edit is checked, undone and rebuilt."""
    figures: Figures = {f"{prefix} {kind}": [] for kind in edits}
    for index in range(runs):
        for kind, make in edits.items():
            figures[f"{prefix} {kind}"].append(timed_edit(site, make(index + 1)))
            report_run(f"{prefix} {kind} {index + 1}/{runs}", figures[f"{prefix} {kind}"][-1])
    return figures


def timed_edit(site: Path, edit: Edit) -> Run:
    """Make the edit, past the racy window, time the rebuild and check its page; then undo it and rebuild, untimed."""
    original = edit.path.read_bytes()
    time.sleep(RACY_PAUSE)  # as a person would edit, some seconds after the last build
    edit.path.write_text(edit.text, encoding="utf-8")
    try:
        result = honours_build(site, f"rebuild after a {edit.kind} edit")
        expect_on_page(site, edit, shown=True)
    finally:
        edit.path.write_bytes(original)
    honours_build(site, f"rebuild after undoing a {edit.kind} edit")
    expect_on_page(site, edit, shown=False)
    return result


def expect_on_page(site: Path, edit: Edit, shown: bool) -> None:
    """Exit unless the edit's page shows its marker (or, once undone, no longer does)."""
    page = output_dir(site) / edit.page
    text = page.read_text(encoding="utf-8") if page.is_file() else ""
    if (edit.marker in text) != shown:
        state = "without" if shown else "still with"
        sys.exit(f"the rebuild after {'' if shown else 'undoing '}a {edit.kind} edit of {edit.path} "
                 f"left {page} {state} “{edit.marker}”: stale output")


# ---------------------------------------------------------------------------------------------
# The runs


def measure_large(site: Path, runs: int, notes: list[str]) -> Figures:
    """Time honours on the large site: cold, no-op, and the four edits."""
    make_photos(site)
    figures = {"cold": cold_builds(site, runs, "cold", notes)}
    figures["no-op"] = noop_builds(site, runs)
    edits = site_edits(site)
    print(f"editing {describe(edits, site)}", flush=True)
    return figures | edit_builds(site, edits, runs) | served_edits(site, edits["body"], runs)


def served_edits(site: Path, make: EditMaker, runs: int, name: str = "serve body") -> Figures:
    """Time the body edit under `serve`, `runs` times (markers numbered past edit_builds' own)."""
    figures = {name: serve_edits(ROOT / "build.py", site, make, runs, numbered_from=100)}
    for index, one in enumerate(figures[name]):
        report_run(f"{name} {index + 1}/{runs}", one)
    return figures


def measure_growth(site: Path, runs: int, notes: list[str]) -> Figures:
    """Time honours on a large corpus: cold and one body edit."""
    make_photos(site)
    figures = {"cold": cold_builds(site, runs, "cold", notes)}
    return figures | edit_builds(site, {"body": partial(edit_body, person_to_edit(site))}, runs)


def measure_others(site: Path, work: Path, runs: int, tools: dict[str, str]) -> Figures:
    """Time Hugo, Pagefind over Hugo's output, and Pelican on the site's people; note their versions in `tools`."""
    results = bench_others(read_people(site), work, runs)
    figures: Figures = {}
    for tool, result in results.items():
        tools[tool] = result.version
        figures[f"{tool} cold" if tool != "pagefind" else "pagefind"] = result.cold
        if result.again:
            figures[f"{tool} again"] = result.again
    for name, measured in figures.items():
        for index, one in enumerate(measured):
            report_run(f"{name} {index + 1}/{len(measured)}", one)
    return figures


def measure_example(temp: Path, runs: int, notes: list[str]) -> tuple[Figures, int]:
    """Time the example site, copied with its photo cache: cold, and one body edit; return the figures and pages."""
    site = example_site(temp)
    print(f"example site copied to {site}; building it once, untimed", flush=True)
    report_run("example (untimed)", honours_build(site, "example site's first build"))
    figures = {"example cold": cold_builds(site, runs, "example cold", notes)}
    pages = pages_of(site)
    body = partial(edit_body, person_to_edit(site))
    edits = edit_builds(site, {"edit": body}, runs, prefix="example")
    return figures | edits | served_edits(site, body, runs, "example serve"), pages


# ---------------------------------------------------------------------------------------------
# Reporting


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = next((int(line.split()[1]) * 1024 for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal:")), 0)
    return {"nproc": os.cpu_count(), "usable_cpus": len(os.sched_getaffinity(0)), "cpu": cpu,
            "memory_gib": round(memory / GIB, 1), "load_average": [round(x, 2) for x in os.getloadavg()],
            "python": platform.python_version()}


def report_run(label: str, result: Run) -> None:
    """Print one build's time and peak memory as it ends."""
    memory = result.memory / 2**20
    print(f"  {label:28s} {result.seconds:8.2f} s   peak {memory:6.0f} MiB", flush=True)


def command_line(args: argparse.Namespace, corpus: dict | None) -> str:
    """Return the command that repeats this run's figures (without its folders), with the corpus's seed and scale."""
    scale, seed = (corpus["scale"], corpus["seed"]) if corpus else (args.scale, args.seed)
    words = ["python3 bench/build.py"] + (["--growth"] if args.growth else [])
    if scale != (10.0 if args.growth else 1.0):
        words.append(f"--scale {scale:g}")
    if seed != 1:
        words.append(f"--seed {seed}")
    if args.photos is not None:
        words.append(f"--photos {args.photos}")
    if not corpus and args.keep:
        words.append(f"--keep {args.keep}")  # a site corpus.py did not make
    return " ".join(words + [f"--runs {args.runs}"])


def caption(args: argparse.Namespace, info: dict) -> str:
    """Return one line saying how, where and on what the figures were taken."""
    m, c = info["machine"], info["corpus"]
    corpus = ", ".join(f"{value:,} {key}" for key, value in c.items() if key != "content_mb")
    return (f"`{command_line(args, info['generator'])}`, {dt.date.today():%Y-%m-%d}: {corpus}; "
            f"{m['usable_cpus']} CPUs ({m['cpu']}), {m['memory_gib']} GiB, load average {m['load_average_before'][0]} before and "
            f"{m['load_average'][0]} after; Python {m['python']}"
            + "".join(f", {tool} {version}" for tool, version in info["tools"].items())
            + f"; median of {args.runs} run{'s' if args.runs != 1 else ''} each.")


def write_outputs(args: argparse.Namespace, info: dict, figures: Figures, rows: list[Row], notes: list[str]) -> None:
    """Print the table and the notes, and write --markdown and --json if asked."""
    text = markdown(rows, caption(args, info), notes)
    print("\n" + text.split("\n", 1)[0] + "\n")
    print_table(rows)
    for note in notes:
        print(f"\nnote: {note}")
    if args.markdown:
        args.markdown.write_text(text, encoding="utf-8")
        print(f"\nwrote {args.markdown}")
    if args.json:
        info["runs"] = {name: [{"seconds": round(r.seconds, 3), "tree_pss_mib": round(r.tree_pss / 2**20, 1),
                                "tree_rss_mib": round(r.tree_rss / 2**20, 1),
                                "process_rss_mib": round(r.max_rss / 2**20, 1), "processes": sorted(r.processes)}
                               for r in measured] for name, measured in figures.items()}
        info["medians_s"] = {name: round(median(figures, name), 3) for name in figures}
        info["rows"], info["notes"] = [row.__dict__ for row in rows], notes
        args.json.write_text(json.dumps(info, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {args.json}")


# ---------------------------------------------------------------------------------------------


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=None,
                        help="corpus size: 1.0 is 10,000 people (the default; 10 with --growth)")
    parser.add_argument("--runs", type=int, default=3, help="builds of each kind; medians are reported")
    parser.add_argument("--seed", type=int, default=1, help="the corpus's random seed")
    parser.add_argument("--photos", type=int, default=None, help="photos in the corpus (default: corpus.py's own)")
    parser.add_argument("--growth", action="store_true",
                        help="honours alone on a --scale 10 corpus: cold, one edit, memory")
    parser.add_argument("--skip-others", action="store_true", help="leave out Hugo, Pagefind and Pelican")
    parser.add_argument("--skip-example", action="store_true", help="leave out the example site")
    parser.add_argument("--keep", type=Path, default=None, metavar="DIR",
                        help="reuse the site in DIR if it exists, else generate it there and keep it")
    parser.add_argument("--markdown", type=Path, default=None, metavar="FILE", help="write the table, in Markdown, to FILE")
    parser.add_argument("--json", type=Path, default=None, metavar="FILE", help="also write every run's figures to FILE")
    args = parser.parse_args()
    if args.scale is None:
        args.scale = 10.0 if args.growth else 1.0
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def main() -> None:
    args = parse_args()
    info: dict = {"machine": {"load_average_before": [round(x, 2) for x in os.getloadavg()]}, "tools": {}}
    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="honours-bench-") as temp:
        site, info["generator"] = prepare_site(args, Path(temp))
        info["corpus"] = corpus_counts(site)
        print("corpus: " + ", ".join(f"{value} {key}" for key, value in info["corpus"].items()), flush=True)
        if args.growth:
            figures = measure_growth(site, args.runs, notes)
            rows = growth_rows(figures, int(info["corpus"]["people"]), pages_of(site))
        else:
            figures = measure_large(site, args.runs, notes)
            pages = pages_of(site)  # every edit undone: the cold build's pages
            if not args.skip_others:
                figures |= measure_others(site, Path(temp) / "others", args.runs, info["tools"])
            rows = large_rows(figures, pages)
            if not args.skip_example:
                example, pages = measure_example(Path(temp), args.runs, notes)
                figures |= example
                rows += example_rows(figures, pages)
    info["machine"] |= machine()
    write_outputs(args, info, figures, rows, notes)


if __name__ == "__main__":
    main()
