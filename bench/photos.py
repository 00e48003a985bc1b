"""Benchmark the photo pipeline: cold, a naive single-process Pillow baseline, and a warm rebuild.

    python bench/photos.py --count 24 --runs 3

Generates COUNT camera-sized JPEGs (4000×3000, smooth subject plus sensor-like noise, every third
stored sideways with EXIF orientation 6) in a temporary folder, then measures, RUNS times in turn
(each with an empty cache and output folder; medians reported, as other work on the machine varies):
  cold   the pipeline with an empty cache (all cores);
  naive  one process doing the same outputs the plain way: open → exif_transpose → crop → resize
         each width from the full image (no draft mode) → save the same formats and qualities;
and once:
  warm   a rebuild with every photo cached (request + run + published + prune), once trusting
         unchanged file stats for the source hash (the default) and once re-hashing every byte.
Targets on a 2-core machine: cold ≥ 4× naive; warm rebuild of 200 cached photos < 0.5 s.

    python bench/photos.py --count 6 --quality

instead compares the formats: each one's bytes and PSNR at each portrait width, AVIF included, on
the generated photos and the example site's portraits (content/people).
"""
from __future__ import annotations

import argparse
import math
import os
import random
import resource
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from statistics import mean, median

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageOps

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from honours.errors import Problems  # noqa: E402
from honours.photos import Photo, PhotoPipeline, PhotoSettings  # noqa: E402
from honours.photos.geometry import crop_box, height_for, output_widths  # noqa: E402

SIZE = (4000, 3000)


def make_photos(folder: Path, count: int) -> list[Path]:
    """Write `count` distinct camera-like JPEGs; every third is stored sideways with orientation 6."""
    rng = random.Random(2024)
    grain = Image.effect_noise(SIZE, 10).convert("RGB")  # sensor noise, shifted per photo
    paths = []
    for index in range(count):
        small = Image.new("RGB", (400, 300), tuple(rng.randrange(60, 200) for _ in range(3)))
        draw = ImageDraw.Draw(small)
        for _ in range(12):
            x, y = rng.randrange(400), rng.randrange(300)
            r = rng.randrange(20, 120)
            draw.ellipse((x - r, y - r, x + r, y + r), fill=tuple(rng.randrange(256) for _ in range(3)))
        scene = small.filter(ImageFilter.GaussianBlur(6)).resize(SIZE, Image.Resampling.BICUBIC)
        shifted = ImageChops.offset(grain, rng.randrange(4000), rng.randrange(3000))
        photo = ImageChops.add(scene, shifted, scale=1.0, offset=-64)
        exif = Image.Exif()
        if index % 3 == 0:
            exif[0x0112] = 6
        path = folder / f"photo-{index:03d}.jpg"
        photo.save(path, "JPEG", quality=90, exif=exif)
        paths.append(path)
    return paths


def cpu_seconds() -> float:
    """Return the CPU time of this process and its finished children (the pool's workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def cold(paths: list[Path], cache: Path, settings: PhotoSettings) -> tuple[float, float]:
    """Return wall and CPU seconds for a full pipeline build with an empty cache."""
    started, cpu = time.perf_counter(), cpu_seconds()
    pipeline = PhotoPipeline(cache, Problems(), settings)
    for path in paths:
        pipeline.request(Photo(path, path.name, ""), "portrait")
    pipeline.run()
    pipeline.published()
    return time.perf_counter() - started, cpu_seconds() - cpu


def warm(paths: list[Path], cache: Path, settings: PhotoSettings, remember: bool) -> tuple[float, int]:
    """Return seconds for a rebuild with every output cached, and how many jobs it ran (should be 0)."""
    started = time.perf_counter()
    pipeline = PhotoPipeline(cache, Problems(), replace(settings, remember_sources=remember))
    for path in paths:
        pipeline.request(Photo(path, path.name, ""), "portrait")
    ran = pipeline.run()
    pipeline.published()
    pipeline.prune()
    return time.perf_counter() - started, ran


def naive(paths: list[Path], out: Path, settings: PhotoSettings) -> tuple[float, float]:
    """Return wall and CPU seconds for the same outputs made the plain single-process way."""
    out.mkdir()
    spec = settings.role("portrait")
    started, cpu = time.perf_counter(), cpu_seconds()
    for path in paths:
        with Image.open(path) as opened:
            image = ImageOps.exif_transpose(opened).convert("RGB")
        box = crop_box(image.size, spec.aspect, None)
        cropped = image.crop(box)
        for width in output_widths(box[2] - box[0], spec.widths):
            resized = cropped.resize((width, height_for(width, box)), Image.Resampling.LANCZOS)
            for fmt in spec.formats:
                target = out / f"{path.stem}-{width}.{fmt}"
                if fmt == "avif":
                    resized.save(target, "AVIF", quality=settings.avif_quality, speed=settings.avif_speed)
                elif fmt == "webp":
                    resized.save(target, "WEBP", quality=settings.webp_quality, method=settings.webp_method)
                else:
                    resized.save(target, "JPEG", quality=settings.jpeg_quality, optimize=True)
    return time.perf_counter() - started, cpu_seconds() - cpu


def compare_formats(paths: list[Path], root: Path) -> None:
    """Print each format's mean bytes and PSNR at each portrait width, portraits made in AVIF too."""
    settings = PhotoSettings(avif_roles=(*PhotoSettings().avif_roles, "portrait"))
    example = sorted((Path(__file__).resolve().parent.parent / "content" / "people").glob("*.jpg"))[::5]
    print("portraits in every format (AVIF too): mean bytes and PSNR against a Lanczos resize of the upright source")
    for label, sources in (("bench photos", paths[:6]), ("example portraits", example)):
        if not sources:
            continue
        pipeline = PhotoPipeline(root / label, Problems(), settings)
        pictures = [pipeline.request(Photo(path, path.name, ""), "portrait") for path in sources]
        pipeline.run()
        files = pipeline.published()
        found: dict[int, dict[str, list[tuple[int, float]]]] = {}
        for source, picture in zip(sources, pictures):
            with Image.open(source) as opened:
                upright = ImageOps.exif_transpose(opened).convert("RGB")
            box = crop_box(upright.size, settings.role("portrait").aspect, None)
            offered = [(offer.type.split("/")[1], item) for offer in picture.sources for item in offer.srcset_items]
            for fmt, (site_path, width) in [*offered, *(("jpeg", item) for item in picture.fallback_srcset)]:
                with Image.open(files[site_path]) as made:
                    pixels = made.convert("RGB")
                ideal = upright.resize(pixels.size, Image.Resampling.LANCZOS, box=box)
                found.setdefault(width, {}).setdefault(fmt, []).append((files[site_path].stat().st_size,
                                                                        psnr(ideal, pixels)))
        for width, formats in sorted(found.items(), reverse=True):
            cells = " | ".join(f"{fmt} {mean(size for size, _ in made) / 1024:5.1f} KiB "
                               f"{mean(db for _, db in made):4.1f} dB" for fmt, made in formats.items())
            print(f"  {label} ({len(sources)}) {width:4d} px: {cells}")
        totals: dict[str, float] = {}
        for formats in found.values():
            for fmt, made in formats.items():
                totals[fmt] = totals.get(fmt, 0) + mean(size for size, _ in made)
        print(f"  {label}, all widths: " + ", ".join(f"{fmt} {total / 1024:.1f} KiB" for fmt, total in totals.items()))


def psnr(reference: Image.Image, image: Image.Image) -> float:
    """Return the PSNR of `image` against `reference` over all channels, in dB (Pillow alone, no numpy)."""
    histogram = ImageChops.difference(reference, image).histogram()
    squares = sum(count * (level % 256) ** 2 for level, count in enumerate(histogram))
    error = squares / (reference.width * reference.height * len(reference.getbands()))
    return 10 * math.log10(255 ** 2 / error) if error else math.inf


def time_builds(paths: list[Path], root: Path, settings: PhotoSettings, runs: int, skip_naive: bool) -> None:
    """Time cold and naive builds `runs` times in turn, then warm rebuilds; print each and the medians."""
    colds, naives = [], []
    for run in range(runs):
        print(f"run {run + 1}: load average before {os.getloadavg()[0]:.1f} (other work slows the wall times)")
        colds.append(cold(paths, root / f"cache-{run}", settings))
        report("cold pipeline", len(paths), *colds[-1])
        if not skip_naive:
            naives.append(naive(paths, root / f"naive-{run}", settings))
            report("naive baseline", len(paths), *naives[-1])
    cache = root / f"cache-{runs - 1}"
    time.sleep(3.1)  # past the memo's "racy" window, as any real rebuild is
    warm(paths, cache, settings, remember=True)  # a first rebuild records the memo
    warm_s, ran = warm(paths, cache, settings, remember=True)
    print(f"{'warm rebuild':22s} {warm_s:7.2f} s  jobs run: {ran}")
    hashed_s, ran_hashed = warm(paths, cache, settings, remember=False)
    print(f"{'warm, re-hashing all':22s} {hashed_s:7.2f} s  jobs run: {ran_hashed}")
    print()
    summarise("cold", len(paths), colds)
    if naives:
        summarise("naive", len(paths), naives)
        ratios = sorted(n[0] / c[0] for c, n in zip(colds, naives))
        cpu_ratio = median(c for _, c in naives) / median(c for _, c in colds)
        print(f"cold / naive throughput, median of {runs}: {median(ratios):.1f}×  (target ≥ 4×; runs "
              f"{', '.join(f'{r:.1f}' for r in ratios)}); CPU per photo: {cpu_ratio:.1f}× less, so "
              f"{cpu_ratio * (os.cpu_count() or 1):.1f}× on {os.cpu_count()} idle cores")
    print(f"warm rebuild of 200 photos, projected: {warm_s / len(paths) * 200:.3f} s"
          f" (re-hashing every byte: {hashed_s / len(paths) * 200:.3f} s; target < 0.5 s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=40, help="how many 4000×3000 photos to generate")
    parser.add_argument("--workers", type=int, default=None, help="worker processes (default: all cores)")
    parser.add_argument("--runs", type=int, default=1, help="cold and naive builds, in turn; medians reported")
    parser.add_argument("--skip-naive", action="store_true", help="leave out the slow baseline")
    parser.add_argument("--avif-portraits", action="store_true",
                        help="make portraits in AVIF too, as honours did before (on both sides)")
    parser.add_argument("--quality", action="store_true",
                        help="instead of timing, compare the formats' bytes and PSNR at each portrait width")
    args = parser.parse_args()
    settings = PhotoSettings(workers=args.workers)
    if args.avif_portraits:
        settings = replace(settings, avif_roles=(*settings.avif_roles, "portrait"))
    with tempfile.TemporaryDirectory(prefix="honours-bench-") as temp:
        root = Path(temp)
        (root / "photos").mkdir()
        started = time.perf_counter()
        paths = make_photos(root / "photos", args.count)
        megabytes = sum(p.stat().st_size for p in paths) / 1e6
        print(f"generated {len(paths)} photos 4000×3000 ({megabytes:.0f} MB) in {time.perf_counter() - started:.1f} s;"
              f" {os.cpu_count()} cores; portraits as {', '.join(settings.role('portrait').formats)}")
        if args.quality:
            compare_formats(paths, root)
        else:
            time_builds(paths, root, settings, args.runs, args.skip_naive)


def report(label: str, count: int, seconds: float, cpu: float) -> None:
    print(f"{label:22s} {seconds:7.2f} s  {count / seconds:8.1f} photos/s  {cpu / count * 1000:.0f} CPU-ms/photo")


def summarise(label: str, count: int, timings: list[tuple[float, float]]) -> None:
    seconds, cpu = median(s for s, _ in timings), median(c for _, c in timings)
    print(f"{label}, median of {len(timings)}: {count / seconds:.1f} photos/s, {cpu / count * 1000:.0f} CPU-ms/photo")


if __name__ == "__main__":
    main()
