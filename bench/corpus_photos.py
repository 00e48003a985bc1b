"""The photos of the benchmark corpus (bench/corpus.py): synthetic ID portraits and team photos.

A few base drawings are made once per seed; every photo is a slightly cropped, resized and tinted copy
of one, written as JPEG, in a process pool when there are many.
"""
from __future__ import annotations

import io
import itertools
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from random import Random

from PIL import Image, ImageChops, ImageDraw, ImageFilter

from corpus_units import Person, Unit, rng_for

PORTRAIT_BASE = (1200, 1600)
GROUP_BASE = (1600, 1200)
PORTRAIT_BASES = 16
GROUP_BASES = 6
BACKGROUNDS = (((78, 150, 222), (52, 122, 201)), ((214, 30, 38), (186, 14, 26)), ((250, 250, 250), (226, 230, 236)))
SKIN = ((241, 204, 176), (234, 192, 160), (226, 181, 148), (214, 168, 134), (204, 156, 122))
HAIR = ((24, 22, 24), (46, 36, 30), (96, 92, 92), (58, 46, 38))
CLOTHES = ((28, 34, 52), (36, 38, 44), (196, 38, 40), (44, 52, 72), (40, 80, 150), (236, 226, 214))

_bases: dict[tuple[str, int], Image.Image] = {}


@dataclass(frozen=True)
class PhotoJob:
    """One photo to write: which base drawing, the output size and the seed of its variation."""

    path: str
    role: str  # portrait or group
    base: int
    size: tuple[int, int]
    seed: str


def _gradient(size: tuple[int, int], top: tuple[int, int, int], bottom: tuple[int, int, int]) -> Image.Image:
    mask = Image.linear_gradient("L").resize(size)
    return Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), mask)


@cache
def _noise(size: tuple[int, int]) -> Image.Image:
    """Sensor-like grain, drawn once per size (Pillow's noise is the slowest step of a base)."""
    return Image.effect_noise(size, 2).convert("RGB")


def _grain(rng: Random, image: Image.Image) -> Image.Image:
    """Add the grain, shifted by a random offset so every base has its own."""
    shifted = ImageChops.offset(_noise(image.size), rng.randrange(image.width), rng.randrange(image.height))
    return ImageChops.add(image, shifted, 1.0, -128)


def _portrait_base(rng: Random, long_hair: bool) -> Image.Image:
    """An ID-photo style portrait: gradient backdrop, shoulders, neck, head, hair; drawn small, then grown."""
    w, h = 300, 400
    top, bottom = BACKGROUNDS[rng.randrange(len(BACKGROUNDS))]
    image = _gradient((w, h), top, bottom)
    draw = ImageDraw.Draw(image)
    skin, hair, clothes = rng.choice(SKIN), rng.choice(HAIR), rng.choice(CLOTHES)
    cx = w // 2 + rng.randint(-8, 8)
    head_w, head_h = rng.randint(88, 108), rng.randint(118, 136)
    head_top = rng.randint(70, 95)
    chin = head_top + head_h
    shoulders = chin + rng.randint(14, 28)
    if long_hair:  # down to the shoulders
        draw.rounded_rectangle((cx - head_w // 2 - 8, head_top + 10, cx + head_w // 2 + 8, shoulders + 20), 30,
                               fill=hair)
    draw.rectangle((cx - 20, chin - 20, cx + 20, shoulders + 20), fill=skin)
    draw.ellipse((cx - 135, shoulders, cx + 135, shoulders + 280), fill=clothes)
    draw.polygon([(cx - 28, shoulders + 2), (cx, shoulders + 45), (cx + 28, shoulders + 2)], fill=(245, 245, 245))
    draw.ellipse((cx - head_w // 2 - 4, head_top - 14, cx + head_w // 2 + 4, head_top + head_h // 2 + 10), fill=hair)
    draw.ellipse((cx - head_w // 2, head_top, cx + head_w // 2, chin), fill=skin)
    eye_y = head_top + head_h * 45 // 100
    for dx in (-head_w // 5, head_w // 5):
        draw.ellipse((cx + dx - 6, eye_y - 3, cx + dx + 6, eye_y + 3), fill=(40, 30, 30))
    draw.arc((cx - 14, head_top + head_h * 68 // 100, cx + 14, head_top + head_h * 80 // 100), 20, 160,
             fill=(150, 70, 70), width=3)
    image = image.filter(ImageFilter.GaussianBlur(1.2)).resize(PORTRAIT_BASE, Image.Resampling.BICUBIC)
    return _grain(rng, image)


def _group_base(rng: Random) -> Image.Image:
    """A team photo in front of a building: sky, building with windows, two rows of people."""
    w, h = 400, 300
    image = _gradient((w, h), (150, 190, 230), (220, 230, 240))
    draw = ImageDraw.Draw(image)
    draw.rectangle((20, 40, 380, 210), fill=rng.choice(((200, 190, 170), (180, 180, 185), (210, 200, 190))))
    for x in range(35, 370, 30):
        for y in range(55, 190, 32):
            draw.rectangle((x, y, x + 16, y + 18), fill=(90, 120, 150))
    draw.rectangle((0, 210, w, h), fill=(120, 120, 115))
    clothes = rng.choice(((196, 38, 40), (40, 80, 150), (230, 120, 30), (28, 34, 52)))
    for row, (y, count) in enumerate(((190, 9), (215, 8))):
        for i in range(count):
            x = 40 + i * (320 // count) + row * 18 + rng.randint(-3, 3)
            draw.rounded_rectangle((x - 14, y + 10, x + 14, y + 70), 8, fill=clothes)
            draw.ellipse((x - 8, y - 10, x + 8, y + 10), fill=rng.choice(SKIN))
            draw.pieslice((x - 9, y - 12, x + 9, y + 4), 180, 360, fill=rng.choice(HAIR))
    image = image.filter(ImageFilter.GaussianBlur(0.8)).resize(GROUP_BASE, Image.Resampling.BICUBIC)
    return _grain(rng, image)


def _base(seed: int, role: str, index: int) -> Image.Image:
    key = (role, index)
    if key not in _bases:
        rng = rng_for(seed, f"photo-base:{role}:{index}")
        _bases[key] = _portrait_base(rng, index % 2 == 1) if role == "portrait" else _group_base(rng)
    return _bases[key]


def prepare_bases(seed: int) -> None:
    """Draw every base image once (before the pool forks, so the workers share them)."""
    for index in range(PORTRAIT_BASES):
        _base(seed, "portrait", index)
    for index in range(GROUP_BASES):
        _base(seed, "group", index)


def render_photo(job: PhotoJob, seed: int) -> int:
    """Write one photo: a slightly cropped, resized and tinted copy of a base; return its size in bytes."""
    rng = Random(job.seed)
    base = _base(seed, job.role, job.base)
    bw, bh = base.size
    box = (rng.randint(0, bw // 25), rng.randint(0, bh // 40),
           bw - rng.randint(0, bw // 25), bh - rng.randint(0, bh // 25))
    # Nearest-neighbour: the bases are smooth drawings plus grain, and it is 20× faster than bilinear.
    image = base.crop(box).resize(job.size, Image.Resampling.NEAREST)
    lut: list[int] = []
    for _ in range(3):
        gain, offset = rng.uniform(0.9, 1.1), rng.randint(-10, 10)
        lut.extend(min(255, max(0, round(v * gain + offset))) for v in range(256))
    data = io.BytesIO()
    image.point(lut).save(data, "JPEG", quality=rng.randint(80, 90))
    Path(job.path).write_bytes(data.getvalue())
    return data.tell()


def _render_many(jobs: list[PhotoJob], seed: int) -> int:
    return sum(render_photo(job, seed) for job in jobs)


def make_photos(jobs: list[PhotoJob], seed: int) -> int:
    """Write every photo, across the machine's cores when there are many; return the bytes written."""
    if not jobs:
        return 0
    workers = min(os.cpu_count() or 1, 8)
    if workers == 1 or len(jobs) < 40:
        return _render_many(jobs, seed)
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    if "fork" in methods:
        prepare_bases(seed)
    chunks = [jobs[i::workers * 4] for i in range(workers * 4)]
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        return sum(pool.map(_render_many, chunks, itertools.repeat(seed)))


def plan_photos(rng: Random, count: int, units: list[Unit], people: list[Person],
                content: Path) -> list[PhotoJob]:
    """Choose who has a photo (the most honoured people first; teams and windows for units) and its size."""
    photogenic = [u for u in units if u.kind in ("基层队", "班组", "服务窗口", "采油厂", "二级单位", "集团公司")]
    unit_count = min(len(photogenic), round(count * 0.06))
    person_count = min(len(people), count - unit_count)
    unit_count = min(len(photogenic), count - person_count)
    jobs = []
    for unit in rng.sample(photogenic, unit_count):
        width = rng.choice((1200, 1280, 1400, 1500, 1600))
        height = width * 2 // 3 if rng.random() < 0.5 else width * 3 // 4
        unit.photo = f"{unit.id}.jpg"
        folder = content / "units" / unit.folder
        jobs.append(PhotoJob(str(folder / unit.photo), "group", rng.randrange(GROUP_BASES), (width, height),
                             f"{rng.random()}"))
    ranked = sorted(people, key=lambda p: (-len(p.honours), rng.random()))
    for person in ranked[:person_count]:
        width = rng.choice((600, 660, 720, 750, 810, 900, 960, 1050, 1080, 1200))
        person.photo = f"{person.id}.jpg"
        if rng.random() < 0.1:
            person.focus = (0.5, round(rng.uniform(0.33, 0.4), 2))
        long_hair = person.female and rng.random() < 0.8
        base = 2 * rng.randrange(PORTRAIT_BASES // 2) + int(long_hair)  # the odd bases have long hair
        jobs.append(PhotoJob(str(content / "people" / person.photo), "portrait", base,
                             (width, width * 4 // 3), f"{rng.random()}"))
    return jobs
