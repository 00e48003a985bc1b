"""Benchmark whole-site builds: honours cold, no-op and one-edit rebuilds, against Hugo and Pelican.

    python bench/build.py [--scale 1.0] [--runs 3] [--seed 1] [--skip-others] [--keep DIR] [--json FILE]

Generates a synthetic site with bench/corpus.py (10,000 people at --scale 1.0) in a temporary
folder — or reuses --keep DIR if it exists, else generates into it and keeps it — then measures,
each figure the median of --runs, every build a fresh `python build.py build --site SITE --quiet`
subprocess (so time and memory are the real command line's):
  cold        .honours-cache/ and output/ deleted first;
  no-op       nothing changed since the previous build (after a 3.1 s pause, past any "racy"
              window of a cache that trusts file times, as a real rebuild would be);
  one edit    one sentence of one person's body changed, and in another build their `position`;
              each edit is checked to appear on the person's page, and the file is restored after;
  memory      the peak resident set of the cold builds: the largest of the sum over the process
              tree (sampled every 50 ms: the CLI and its photo workers) and the largest single
              process (exact, from the kernel);
  others      Hugo (cold, and a second run over its public/) and Pelican (cold) building only the
              same people's pages with a one-template theme (bench/others.py).
Honours builds the whole site (people, units, campaigns, honour rolls, bulletins, years, photos);
Hugo and Pelican build only the person pages, so the comparison favours them.

Targets: honours cold ≤ 2× Hugo cold; Pelican cold ≥ 3× honours cold; no-op rebuild < 1 s;
one-edit rebuild < 1 s; peak memory < 1 GiB.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import sys
import tempfile
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

from others import Run, ToolResult, bench_hugo, bench_pelican, read_people, run

GIB = 2**30
MIB = 2**20
RACY_PAUSE = 3.1


# ---------------------------------------------------------------------------------------------
# The corpus


def prepare_site(args: argparse.Namespace, temp: Path) -> tuple[Path, dict | None]:
    """Return the site folder, and what corpus.generate said of it (None for a site it did not make)."""
    if args.keep and (args.keep / "site.toml").is_file():
        print(f"reusing the site in {args.keep} (--scale, --seed and --photos do not apply)")
        marker = args.keep / ".corpus.json"  # what corpus.py wrote when it made the site
        return args.keep.resolve(), json.loads(marker.read_text(encoding="utf-8")) if marker.is_file() else None
    if args.keep and args.keep.exists() and any(args.keep.iterdir()):
        sys.exit(f"--keep {args.keep}: the folder exists but holds no site.toml; give an empty or new folder")
    site = (args.keep or temp / "site").resolve()
    try:
        from corpus import generate
    except ImportError as exc:
        sys.exit(f"cannot import bench/corpus.py ({exc}); pass --keep DIR with an existing site instead")
    started = time.perf_counter()
    kwargs = {} if args.photos is None else {"photos": args.photos}
    try:
        summary = generate(site, seed=args.seed, scale=args.scale, **kwargs)
    except BaseException:
        shutil.rmtree(site, ignore_errors=True)  # new or empty before: leave no half site to "reuse"
        raise
    print(f"generated the corpus in {site} in {time.perf_counter() - started:.1f} s")
    return site, summary


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


def honours_build(site: Path, label: str) -> Run:
    """Run one `python build.py build --site SITE --quiet`; exit with its messages if it fails."""
    command = [sys.executable, str(ROOT / "build.py"), "build", "--site", str(site), "--quiet"]
    return run(command, cwd=ROOT).check(f"honours {label}")


def clean(site: Path) -> None:
    """Delete everything a build leaves behind, so the next build is cold."""
    out = output_dir(site)
    for path in (site / ".honours-cache", out, out.with_name(f".{out.name}.staging")):
        if path.exists():
            shutil.rmtree(path)


def cold_builds(site: Path, runs: int) -> list[Run]:
    results = []
    for index in range(runs):
        clean(site)
        results.append(honours_build(site, "cold build"))
        report_run(f"honours cold {index + 1}/{runs}", results[-1])
    return results


def noop_builds(site: Path, runs: int) -> list[Run]:
    """Rebuild `runs` times with nothing changed (the site must have been built just before)."""
    time.sleep(RACY_PAUSE)
    results = []
    for index in range(runs):
        results.append(honours_build(site, "no-op rebuild"))
        report_run(f"honours no-op {index + 1}/{runs}", results[-1])
    return results


@dataclass
class Edit:
    """One edit of a person file and the text it must put on the person's page."""

    kind: str
    text: str
    marker: str


def person_to_edit(site: Path) -> Path:
    """Pick a person file (the middle one, in name order) with a body and a `position` line."""
    paths = sorted((site / "content" / "people").rglob("*.md"))
    ordered = paths[len(paths) // 2:] + paths[:len(paths) // 2]
    for path in ordered:
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        parts = text.split("---\n", 2)
        if len(parts) == 3 and re.search(r"^position: ", parts[1], re.MULTILINE) and "。" in parts[2]:
            return path
    sys.exit("no person file with a `position:` line and a body of sentences to edit")


def edit_body(text: str, number: int) -> Edit:
    """Replace the body's first sentence."""
    _, front, body = text.split("---\n", 2)
    marker = f"这是第{number}次基准测试修改的句子。"
    body = marker + body[body.index("。") + 1:]
    return Edit("body", f"---\n{front}---\n{body}", marker)


def edit_position(text: str, number: int) -> Edit:
    """Change the `position` field."""
    _, front, body = text.split("---\n", 2)
    marker = f"基准测试职务{number}"
    front = re.sub(r"^position: .*$", f"position: {marker}", front, count=1, flags=re.MULTILINE)
    return Edit("position", f"---\n{front}---\n{body}", marker)


def edit_builds(site: Path, runs: int) -> dict[str, list[Run]]:
    """Rebuild after editing one person: `runs` times each, the body and the position, alternately."""
    path = person_to_edit(site)
    page = output_dir(site) / "people" / f"{path.stem}.html"
    original = path.read_bytes()
    print(f"editing {path.relative_to(site)}")
    results: dict[str, list[Run]] = {"body": [], "position": []}
    try:
        for index in range(runs):
            for change in (edit_body, edit_position):
                edit = change(path.read_text(encoding="utf-8"), index + 1)  # one change since the last build
                path.write_text(edit.text, encoding="utf-8")
                results[edit.kind].append(honours_build(site, f"rebuild after a {edit.kind} edit"))
                report_run(f"honours {edit.kind} edit {index + 1}/{runs}", results[edit.kind][-1])
                if edit.marker not in page.read_text(encoding="utf-8"):
                    sys.exit(f"the rebuild after a {edit.kind} edit left {page} without “{edit.marker}”: stale output")
    finally:
        path.write_bytes(original)
    return results


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
    print(f"  {label:32s} {result.seconds:8.2f} s   peak {result.tree_rss / MIB:6.0f} MiB", flush=True)


def median(runs: list[Run]) -> float:
    return statistics.median(r.seconds for r in runs)


def measurement(runs: list[Run]) -> dict:
    return {"median_s": round(median(runs), 3), "runs_s": [round(r.seconds, 3) for r in runs],
            "peak_tree_rss_mib": round(max(r.tree_rss for r in runs) / MIB, 1),
            "peak_process_rss_mib": round(max(r.max_rss for r in runs) / MIB, 1)}


def targets(figures: dict[str, dict]) -> list[dict]:
    """Compare the medians with the targets; a ratio whose tool was skipped is n/a."""
    def seconds(name: str) -> float | None:
        return figures[name]["median_s"] if name in figures else None

    honours, hugo, pelican = seconds("honours cold"), seconds("hugo cold"), seconds("pelican cold")
    edit = max(seconds("honours edit body"), seconds("honours edit position"))
    peak = max(figures["honours cold"]["peak_tree_rss_mib"], figures["honours cold"]["peak_process_rss_mib"])
    rows = [
        ("honours cold / Hugo cold", honours / hugo if hugo else None, "×", "≤ 2×", lambda v: v <= 2),
        ("Pelican cold / honours cold", pelican / honours if pelican else None, "×", "≥ 3×", lambda v: v >= 3),
        ("no-op rebuild", seconds("honours no-op"), " s", "< 1 s", lambda v: v < 1),
        ("one-edit rebuild (slower of body, position)", edit, " s", "< 1 s", lambda v: v < 1),
        ("peak memory of a cold build", peak, " MiB", "< 1024 MiB", lambda v: v < 1024),
    ]
    return [{"name": name, "value": None if value is None else round(value, 3), "unit": unit.strip(),
             "target": target, "verdict": "n/a" if value is None else ("PASS" if test(value) else "MISS")}
            for name, value, unit, target, test in rows]


def print_report(info: dict) -> None:
    m, c = info["machine"], info["corpus"]
    print(f"\nmachine: {m['nproc']} CPUs ({m['usable_cpus']} usable), {m['cpu']}, {m['memory_gib']} GiB; "
          f"load average {m['load_average_before'][0]} before, {m['load_average'][0]} after; Python {m['python']}")
    conferred = f", {info['generator']['honours']} honours conferred" if info.get("generator") else ""
    print("corpus: " + ", ".join(f"{value} {key}" for key, value in c.items())
          + f"{conferred}; honours made {info['honours_pages']} pages")
    if info.get("tools"):
        print("tools: " + ", ".join(f"{tool} {version}" for tool, version in info["tools"].items()))
    print("\nhonours builds the whole site (people, units, campaigns, rolls, bulletins, years, photos);\n"
          "Hugo and Pelican build only the person pages with a one-template theme: the ratios favour them.\n")
    print(f"{'measurement':44s} {'median':>9s}  {'peak RSS':>9s}  runs")
    for name, figure in info["measurements"].items():
        runs = ", ".join(f"{s:.2f}" for s in figure["runs_s"])
        print(f"{name:44s} {figure['median_s']:8.2f}s  {figure['peak_tree_rss_mib']:6.0f} MiB  {runs}")
    print(f"\n{'target':44s} {'value':>12s}  {'target':>10s}  verdict")
    for row in info["targets"]:
        value = "n/a" if row["value"] is None else f"{row['value']:.2f} {row['unit']}"
        print(f"{row['name']:44s} {value:>12s}  {row['target']:>10s}  {row['verdict']}")


def tool_figures(result: ToolResult | None) -> dict[str, dict]:
    if result is None:
        return {}
    figures = {f"{result.tool} cold": measurement(result.cold)}
    if result.again:
        figures[f"{result.tool} second run"] = measurement(result.again)
    return figures


# ---------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0, help="corpus size: 1.0 is 10,000 people")
    parser.add_argument("--runs", type=int, default=3, help="builds of each kind; medians are reported")
    parser.add_argument("--seed", type=int, default=1, help="the corpus's random seed")
    parser.add_argument("--photos", type=int, default=None, help="photos in the corpus (default: corpus.py's own)")
    parser.add_argument("--skip-others", action="store_true", help="leave out Hugo and Pelican")
    parser.add_argument("--keep", type=Path, default=None,
                        help="reuse the site in DIR if it exists, else generate it there and keep it")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures to FILE")
    args = parser.parse_args()
    info: dict = {"machine": {"load_average_before": [round(x, 2) for x in os.getloadavg()]}}
    with tempfile.TemporaryDirectory(prefix="honours-bench-") as temp:
        site, summary = prepare_site(args, Path(temp))
        info["corpus"] = corpus_counts(site)
        info["generator"] = summary
        print("corpus: " + ", ".join(f"{value} {key}" for key, value in info["corpus"].items()), flush=True)
        figures = {"honours cold": measurement(cold_builds(site, args.runs))}
        info["honours_pages"] = sum(1 for _ in output_dir(site).rglob("*.html"))
        figures["honours no-op"] = measurement(noop_builds(site, args.runs))
        edits = edit_builds(site, args.runs)
        figures["honours edit body"] = measurement(edits["body"])
        figures["honours edit position"] = measurement(edits["position"])
        if not args.skip_others:
            people = read_people(site)
            work = Path(temp) / "others"
            for bench in (bench_hugo, bench_pelican):
                result = bench(people, work, args.runs)
                figures.update(tool_figures(result))
                if result is not None:
                    info.setdefault("tools", {})[result.tool] = result.version
                    for kind, runs in (("cold", result.cold), ("second run", result.again)):
                        for index, r in enumerate(runs):
                            report_run(f"{result.tool} {kind} {index + 1}/{len(runs)}", r)
    info["machine"] |= machine()
    info["measurements"] = figures
    info["targets"] = targets(figures)
    print_report(info)
    if args.json:
        args.json.write_text(json.dumps(info, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"\nwrote {args.json}")


if __name__ == "__main__":
    main()
