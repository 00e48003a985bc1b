"""Benchmark the photo pipeline: cold, a naive single-process Pillow baseline, and a warm rebuild.

    python bench/photos.py --count 40

Generates COUNT camera-sized JPEGs (4000×3000, smooth subject plus sensor-like noise, every third
stored sideways with EXIF orientation 6) in a temporary folder, then measures in one run:
  cold   the pipeline with an empty cache (all cores);
  naive  one process doing the same outputs the plain way: open → exif_transpose → crop → resize
         each width from the full image (no draft mode) → save the same formats and qualities;
  warm   a rebuild with every photo cached (request + run + published + prune), once trusting
         unchanged file stats for the source hash (the default) and once re-hashing every byte.
Targets on a 2-core machine: cold ≥ 4× naive; warm rebuild of 200 cached photos < 0.5 s.
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

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


def cold(paths: list[Path], cache: Path, workers: int | None) -> tuple[float, float]:
    """Return wall and CPU seconds for a full pipeline build with an empty cache."""
    started, cpu = time.perf_counter(), cpu_seconds()
    pipeline = PhotoPipeline(cache, Problems(), PhotoSettings(workers=workers))
    for path in paths:
        pipeline.request(Photo(path, path.name, ""), "portrait")
    pipeline.run()
    pipeline.published()
    return time.perf_counter() - started, cpu_seconds() - cpu


def warm(paths: list[Path], cache: Path, workers: int | None, remember: bool) -> tuple[float, int]:
    """Return seconds for a rebuild with every output cached, and how many jobs it ran (should be 0)."""
    started = time.perf_counter()
    pipeline = PhotoPipeline(cache, Problems(), PhotoSettings(remember_sources=remember, workers=workers))
    for path in paths:
        pipeline.request(Photo(path, path.name, ""), "portrait")
    ran = pipeline.run()
    pipeline.published()
    pipeline.prune()
    return time.perf_counter() - started, ran


def naive(paths: list[Path], out: Path) -> tuple[float, float]:
    """Return wall and CPU seconds for the same outputs made the plain single-process way."""
    settings = PhotoSettings()
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
                    resized.save(target, "JPEG", quality=settings.jpeg_quality, optimize=True, progressive=True)
    return time.perf_counter() - started, cpu_seconds() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=40, help="how many 4000×3000 photos to generate")
    parser.add_argument("--workers", type=int, default=None, help="worker processes (default: all cores)")
    parser.add_argument("--skip-naive", action="store_true", help="leave out the slow baseline")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="honours-bench-") as temp:
        root = Path(temp)
        (root / "photos").mkdir()
        (root / "naive").mkdir()
        started = time.perf_counter()
        paths = make_photos(root / "photos", args.count)
        megabytes = sum(p.stat().st_size for p in paths) / 1e6
        print(f"generated {len(paths)} photos 4000×3000 ({megabytes:.0f} MB) in {time.perf_counter() - started:.1f} s;"
              f" {os.cpu_count()} cores; formats {PhotoSettings().role('portrait').formats}")
        print(f"load average before: {os.getloadavg()[0]:.1f} (other work on the machine slows the wall times)")
        cold_s, cold_cpu = cold(paths, root / "cache", args.workers)
        report("cold pipeline", len(paths), cold_s, f"{cold_cpu / len(paths) * 1000:.0f} CPU-ms/photo")
        if not args.skip_naive:
            naive_s, naive_cpu = naive(paths, root / "naive")
            report("naive baseline", len(paths), naive_s, f"{naive_cpu / len(paths) * 1000:.0f} CPU-ms/photo")
        time.sleep(3.1)  # past the memo's "racy" window, as any real rebuild is
        warm(paths, root / "cache", args.workers, remember=True)  # a first rebuild records the memo
        warm_s, ran = warm(paths, root / "cache", args.workers, remember=True)
        report("warm rebuild", len(paths), warm_s, f"jobs run: {ran}")
        hashed_s, ran_hashed = warm(paths, root / "cache", args.workers, remember=False)
        report("warm, re-hashing all", len(paths), hashed_s, f"jobs run: {ran_hashed}")
        print()
        if not args.skip_naive:
            print(f"cold / naive throughput: {naive_s / cold_s:.1f}×  (target ≥ 4×); CPU per photo: "
                  f"{naive_cpu / cold_cpu:.1f}× less, so {naive_cpu / cold_cpu * (os.cpu_count() or 1):.1f}× "
                  f"on {os.cpu_count()} idle cores")
        print(f"warm rebuild of 200 photos, projected: {warm_s / len(paths) * 200:.3f} s"
              f" (re-hashing every byte: {hashed_s / len(paths) * 200:.3f} s; target < 0.5 s)")


def report(label: str, count: int, seconds: float, note: str = "") -> None:
    print(f"{label:22s} {seconds:7.2f} s  {count / seconds:8.1f} photos/s  {note}")


if __name__ == "__main__":
    main()
