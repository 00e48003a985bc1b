"""Benchmark print: a 100-person honour roll (and its display board) rendered to PDF.

    python bench/pdf.py [--people 100] [--runs 3] [--keep DIR] [--json FILE]

Writes a site with one campaign whose one award names --people people, each with a 900×1200 JPEG
portrait, builds it once (pages and photos), then measures, each figure the median of --runs, a
fresh `python build.py pdf --only NAME --quiet` subprocess with the PDF cache emptied first:
  roll        the honour roll on A4 paper (print/campaigns/bench/honour-roll.pdf), 300-DPI photos;
  board       the 2400×1200 mm display board with bleed and crop marks;
  warm        the same roll again with its PDF cached: what a rebuild costs once it is made;
  baseline    in the same run, WeasyPrint alone rendering one A4 page of the same 100 names as
              plain text (no photos, no honours): the ratios below are against it, so they mean
              the same on a slower or faster machine.
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍红建国志强海燕春梅文博晓东雪梅"


def make_site(folder: Path, people: int, seed: int = 1) -> list[str]:
    """Write the benchmark site; return the people's names."""
    rng = random.Random(seed)
    content = folder / "content"
    for sub in ("units", "people", "campaigns/bench"):
        (content / sub).mkdir(parents=True, exist_ok=True)
    (folder / "site.toml").write_text('title = "基准光荣榜"\nboard = "2400x1200"\n', encoding="utf-8")
    (content / "units/jiguan.md").write_text("---\nname: 机关\nkind: 机关\n---\n", encoding="utf-8")
    names, ids = [], []
    for number in range(people):
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
        person_id = f"p{number:04d}"
        names.append(name)
        ids.append(person_id)
        shade = (rng.randrange(120, 220), rng.randrange(90, 180), rng.randrange(60, 160))
        portrait = Image.linear_gradient("L").resize((900, 1200)).convert("RGB")
        portrait = Image.blend(portrait, Image.new("RGB", (900, 1200), shade), 0.6)
        portrait.save(content / f"people/{person_id}.jpg", quality=88)
        (content / f"people/{person_id}.md").write_text(
            f"---\nname: {name}\nunit: jiguan\nposition: 科员\nphoto: {person_id}.jpg\n---\n", encoding="utf-8")
    (content / "campaigns/bench/index.md").write_text(
        "---\ntitle: 2024年度先进个人评选\norganiser: 机关党委\nstart: 2024-01\nend: 2024-12\n"
        "awards:\n  - id: xianjin\n    name: 先进个人\n    recipient: person\n---\n", encoding="utf-8")
    honours = "".join(f"- award: xianjin\n  person: {pid}\n  citation: 工作认真负责，成绩突出，起到了表率作用。\n"
                      for pid in ids)
    (content / "campaigns/bench/honours.yaml").write_text(honours, encoding="utf-8")
    return names


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def pdf_seconds(site: Path, name: str, runs: int, cached: bool = False) -> float:
    command = [sys.executable, "build.py", "pdf", "--site", str(site), "--quiet", "--only", name]
    times = []
    for _ in range(runs):
        if not cached:
            shutil.rmtree(site / ".honours-cache/pdf", ignore_errors=True)
        (site / "output/print").exists() and shutil.rmtree(site / "output/print")
        times.append(timed(command))
    return statistics.median(times)


def baseline_seconds(names: list[str], runs: int) -> float:
    """Return WeasyPrint's time for one A4 page of the names as plain text, in a fresh process like the others."""
    html = "<style>@page{size:A4}body{font:12pt 'Noto Serif CJK SC'}</style><p>" + "、".join(names) + "</p>"
    script = f"import weasyprint; weasyprint.HTML(string={html!r}).write_pdf()"
    return statistics.median(timed([sys.executable, "-c", script]) for _ in range(runs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="write the site here and keep it")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    temp = Path(tempfile.mkdtemp(prefix="honours-bench-pdf-"))
    site = args.keep or temp / "site"
    try:
        names = make_site(site, args.people)
        subprocess.run([sys.executable, "build.py", "build", "--site", str(site), "--quiet"], check=True, cwd=ROOT)
        figures = {
            "people": args.people,
            "baseline": baseline_seconds(names, args.runs),
            "roll": pdf_seconds(site, "campaigns/bench/honour-roll", args.runs),
            "board": pdf_seconds(site, "campaigns/bench/board", args.runs),
            "warm": pdf_seconds(site, "campaigns/bench/honour-roll", args.runs, cached=True),
        }
        from pypdf import PdfReader
        figures["roll_pages"] = len(PdfReader(site / "output/print/campaigns/bench/honour-roll.pdf").pages)
    finally:
        shutil.rmtree(temp, ignore_errors=True)
    base = figures["baseline"]
    print(f"{args.people}-person honour roll to PDF (median of {args.runs}; each a fresh `build.py pdf` process)")
    print(f"  baseline: WeasyPrint, one page of names   {base:6.2f} s")
    for key, label in (("roll", f"roll, A4, {figures['roll_pages']} pages, photos"), ("board", "board 2400×1200"),
                       ("warm", "roll again, PDF cached")):
        print(f"  {label:<38}{figures[key]:6.2f} s   {figures[key] / base:5.1f}× baseline")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
