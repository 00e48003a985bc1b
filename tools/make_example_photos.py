#!/usr/bin/env python3
"""Draw the synthetic photos the example content refers to (portraits, team photos, banners, logos).

The example site must not carry photos of real people, so every image under content/ is drawn here:
ID-photo style portraits (600×840) for people, group photos or buildings (1200×800) for units,
banners (1600×600) for campaigns and a round badge for a logo. The script reads the front matter of
every record under content/ and writes each file named by a `photo:` or `logo:` field, so adding a
person and running it again makes that person's portrait.

Drawing is deterministic: each image is seeded from its path, so a re-run writes the same bytes.

    python tools/make_example_photos.py                 # (re)draw every referenced image
    python tools/make_example_photos.py --missing-only  # draw only the images that do not exist yet
    python tools/make_example_photos.py --content path/to/content

Pillow is the only dependency.
"""
from __future__ import annotations

import argparse
import hashlib
import io
import math
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

ROOT = Path(__file__).resolve().parent.parent
PORTRAIT = (600, 840)
UNIT_PHOTO = (1200, 800)
BANNER = (1600, 600)
LOGO = (400, 400)
PORTRAIT_MAX_BYTES = 40_000
SS = 2  # supersampling factor: draw large, shrink with a good filter for smooth edges

# Studio backgrounds as Chinese ID photos use them: blue, red, white (top, bottom of a soft gradient).
BACKGROUNDS = {
    "blue": ((78, 150, 222), (52, 122, 201)),
    "red": ((214, 30, 38), (186, 14, 26)),
    "white": ((250, 250, 250), (232, 234, 238)),
}
SKIN = [(241, 204, 176), (234, 192, 160), (226, 181, 148), (214, 168, 134), (204, 156, 122), (244, 212, 188)]
HAIR = [(24, 22, 24), (34, 28, 26), (46, 36, 30), (58, 46, 38)]
GREY_HAIR = [(96, 92, 92), (128, 124, 122), (74, 72, 72)]
SUITS = [(28, 34, 52), (36, 38, 44), (22, 24, 28), (44, 52, 72), (58, 60, 66)]
WORKWEAR = (196, 38, 40)  # the red overalls of oilfield crews
TIES = [(160, 28, 36), (40, 60, 120), (110, 26, 40), (60, 70, 90)]
BLOUSES = [(250, 250, 250), (236, 226, 214), (214, 226, 240)]


@dataclass
class Record:
    """What the script needs to know about a record that names an image."""

    path: Path
    folder: str  # units, people, campaigns, bulletins
    fields: dict[str, str]
    body: str


@dataclass
class Person:
    """The traits a portrait is drawn from."""

    female: bool
    age: int
    workwear: bool


# ---------------------------------------------------------------------------------------- reading


_FIELD = re.compile(r"^([A-Za-z_]+):\s*(.*?)\s*$")


def read_records(content: Path) -> list[Record]:
    """Return every Markdown record under content/, with its top-level scalar front-matter fields."""
    records = []
    for path in sorted(content.rglob("*.md")):
        text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
        lines = text.split("\n")
        if not lines or lines[0].strip() != "---":
            continue
        try:
            end = next(i for i in range(1, len(lines)) if lines[i].strip() in ("---", "..."))
        except StopIteration:
            continue
        fields = {}
        for line in lines[1:end]:
            if found := _FIELD.match(line):  # top level only: nested lines start with a space
                fields[found.group(1)] = found.group(2).strip("'\"")
        folder = path.relative_to(content).parts[0]
        records.append(Record(path, folder, fields, "\n".join(lines[end + 1:])))
    return records


def unit_folders(records: list[Record], content: Path) -> dict[str, str]:
    """Return each unit id with the sub-folder of content/units it is filed in ('' at the top)."""
    found = {}
    for record in records:
        if record.folder == "units":
            parts = record.path.relative_to(content / "units").parts
            found[record.path.stem] = parts[0] if len(parts) > 1 else ""
    return found


def person_traits(record: Record, folders: dict[str, str], rnd: random.Random) -> Person:
    female = record.fields.get("gender") == "女"
    born = re.search(r"(19\d\d|20\d\d)年\d{1,2}月出生", record.body)
    age = 2016 - int(born.group(1)) if born else rnd.randint(28, 55)
    position = record.fields.get("position", "")
    in_field = folders.get(record.fields.get("unit", ""), "") == "youtian"
    hands_on = any(word in position for word in ("工", "班长", "技师"))
    return Person(female, age, in_field and hands_on)


def seeded(key: str) -> random.Random:
    return random.Random(int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:8], "big"))


# ---------------------------------------------------------------------------------------- drawing


def gradient(size: tuple[int, int], top: tuple[int, int, int], bottom: tuple[int, int, int]) -> Image.Image:
    """Return a vertical gradient from `top` to `bottom`."""
    column = Image.new("RGB", (1, 256))
    for y in range(256):
        t = y / 255
        column.putpixel((0, y), tuple(round(a + (b - a) * t) for a, b in zip(top, bottom)))
    return column.resize(size, Image.BILINEAR)


def shade(color: tuple[int, int, int], factor: float) -> tuple[int, int, int]:
    return tuple(max(0, min(255, round(c * factor))) for c in color)


def draw_figure(draw: ImageDraw.ImageDraw, cx: float, top: float, s: float, person: Person,
                rnd: random.Random, features: bool = True) -> None:
    """Draw a head-and-shoulders figure: head centre x `cx`, crown at `top`, head height 2*s*0.62."""
    skin = rnd.choice(SKIN)
    grey = person.age > 52 and rnd.random() < 0.7
    hair = rnd.choice(GREY_HAIR if grey else HAIR)
    head_w, head_h = s * 0.50, s * 0.64
    hy = top + head_h  # head centre
    long_hair = person.female and rnd.random() < 0.55

    # hair that falls behind the shoulders
    if long_hair:
        draw.rounded_rectangle((cx - head_w * 1.18, hy - head_h * 0.9, cx + head_w * 1.18, hy + head_h * 1.55),
                               radius=head_w * 0.9, fill=hair)

    # shoulders and clothes
    neck_w = head_w * 0.46
    shoulder_y = hy + head_h * 1.28
    body_w = s * 1.34
    clothes = WORKWEAR if person.workwear else rnd.choice(SUITS)
    if person.female and not person.workwear and rnd.random() < 0.35:
        clothes = rnd.choice([(120, 30, 44), (38, 48, 78), (70, 70, 76), (24, 26, 30)])
    draw.rectangle((cx - neck_w, hy + head_h * 0.55, cx + neck_w, shoulder_y + s * 0.2), fill=shade(skin, 0.92))
    draw.ellipse((cx - neck_w, hy + head_h * 0.62, cx + neck_w, hy + head_h * 1.12), fill=shade(skin, 0.8))
    draw.rounded_rectangle((cx - body_w, shoulder_y, cx + body_w, shoulder_y + s * 4), radius=s * 0.85, fill=clothes)

    # collar, shirt and tie (or the zip and collar of overalls)
    v_depth = s * (0.95 if not person.female else 0.75)
    if person.workwear:
        draw.polygon([(cx - neck_w * 1.6, shoulder_y - s * 0.02), (cx, shoulder_y + s * 0.35),
                      (cx + neck_w * 1.6, shoulder_y - s * 0.02), (cx + neck_w * 2.4, shoulder_y + s * 0.18),
                      (cx, shoulder_y + s * 0.62), (cx - neck_w * 2.4, shoulder_y + s * 0.18)],
                     fill=shade(WORKWEAR, 0.82))
        draw.line((cx, shoulder_y + s * 0.5, cx, shoulder_y + s * 3), fill=(210, 210, 210), width=max(2, round(s * 0.03)))
        # reflective stripe across the chest
        draw.rectangle((cx - body_w, shoulder_y + s * 1.05, cx + body_w, shoulder_y + s * 1.13), fill=(230, 230, 225))
    else:
        shirt = (250, 250, 250) if not person.female else rnd.choice(BLOUSES)
        draw.polygon([(cx - neck_w * 1.35, shoulder_y - s * 0.05), (cx + neck_w * 1.35, shoulder_y - s * 0.05),
                      (cx, shoulder_y + v_depth)], fill=shirt)
        if not person.female and rnd.random() < 0.8:
            tie = rnd.choice(TIES)
            draw.polygon([(cx - s * 0.055, shoulder_y + s * 0.06), (cx + s * 0.055, shoulder_y + s * 0.06),
                          (cx + s * 0.035, shoulder_y + s * 0.14), (cx - s * 0.035, shoulder_y + s * 0.14)], fill=tie)
            draw.polygon([(cx - s * 0.035, shoulder_y + s * 0.14), (cx + s * 0.035, shoulder_y + s * 0.14),
                          (cx + s * 0.075, shoulder_y + v_depth * 0.92), (cx, shoulder_y + v_depth * 1.02),
                          (cx - s * 0.075, shoulder_y + v_depth * 0.92)], fill=tie)
        # lapels
        lapel = shade(clothes, 0.78)
        for side in (-1, 1):
            draw.polygon([(cx + side * neck_w * 1.35, shoulder_y - s * 0.05),
                          (cx + side * neck_w * 2.3, shoulder_y + s * 0.12),
                          (cx + side * s * 0.3, shoulder_y + s * 0.35),
                          (cx + side * s * 0.06, shoulder_y + v_depth * 1.02)], fill=lapel)
        if rnd.random() < 0.45:  # a party badge on the left lapel
            bx, by = cx + s * 0.42, shoulder_y + s * 0.42
            draw.ellipse((bx - s * 0.035, by - s * 0.035, bx + s * 0.035, by + s * 0.035), fill=(205, 30, 36),
                         outline=(236, 190, 70), width=max(1, round(s * 0.008)))

    # ears and face
    for side in (-1, 1):
        ex = cx + side * head_w * 0.98
        draw.ellipse((ex - head_w * 0.14, hy - head_h * 0.18, ex + head_w * 0.14, hy + head_h * 0.2),
                     fill=shade(skin, 0.93))
    draw.ellipse((cx - head_w, hy - head_h, cx + head_w, hy + head_h), fill=skin)

    # hair on top
    style = rnd.random()
    if person.female:
        draw.chord((cx - head_w * 1.08, hy - head_h * 1.08, cx + head_w * 1.08, hy + head_h * 0.55), 180, 360,
                   fill=hair)
        fringe = rnd.random()
        if fringe < 0.5:  # side-swept fringe
            draw.polygon([(cx - head_w * 0.2, hy - head_h * 1.0), (cx + head_w * 0.75, hy - head_h * 0.72),
                          (cx + head_w * 1.0, hy - head_h * 0.15), (cx + head_w * 0.2, hy - head_h * 0.55),
                          (cx - head_w * 0.9, hy - head_h * 0.45)], fill=hair)
        else:  # centre parting
            draw.polygon([(cx, hy - head_h * 0.95), (cx - head_w * 0.95, hy - head_h * 0.05),
                          (cx - head_w * 1.05, hy - head_h * 0.5)], fill=hair)
            draw.polygon([(cx, hy - head_h * 0.95), (cx + head_w * 0.95, hy - head_h * 0.05),
                          (cx + head_w * 1.05, hy - head_h * 0.5)], fill=hair)
        if not long_hair:  # a bob to the jaw
            for side in (-1, 1):
                draw.rounded_rectangle((cx + side * head_w * 0.86 - head_w * 0.22, hy - head_h * 0.4,
                                        cx + side * head_w * 0.86 + head_w * 0.22, hy + head_h * 0.55),
                                       radius=head_w * 0.2, fill=hair)
    else:
        recede = 0.0 if person.age < 45 or style < 0.6 else 0.12
        draw.chord((cx - head_w * 1.04, hy - head_h * 1.1, cx + head_w * 1.04, hy + head_h * (0.2 - recede * 2)),
                   180, 360, fill=hair)
        if style < 0.5:  # side parting
            draw.pieslice((cx - head_w * 1.1, hy - head_h * 1.2, cx + head_w * 1.0, hy - head_h * 0.2), 200, 340,
                          fill=shade(hair, 1.1))
        for side in (-1, 1):  # sideburns
            draw.rectangle((cx + side * head_w * 0.95 - head_w * 0.08, hy - head_h * 0.45,
                            cx + side * head_w * 0.95 + head_w * 0.08, hy - head_h * 0.05), fill=hair)

    if not features:
        return
    brow = shade(hair, 1.0) if not grey else (70, 66, 66)
    ey = hy - head_h * 0.05
    for side in (-1, 1):
        ex = cx + side * head_w * 0.38
        draw.arc((ex - head_w * 0.2, ey - head_h * 0.3, ex + head_w * 0.2, ey - head_h * 0.08), 200, 340, fill=brow,
                 width=max(2, round(s * 0.022)))
        draw.ellipse((ex - head_w * 0.085, ey - head_h * 0.045, ex + head_w * 0.085, ey + head_h * 0.045),
                     fill=(40, 32, 30))
    if rnd.random() < 0.25:  # glasses
        frame = rnd.choice([(40, 40, 44), (120, 100, 70), (90, 90, 96)])
        width = max(2, round(s * 0.012))
        for side in (-1, 1):
            ex = cx + side * head_w * 0.38
            draw.rounded_rectangle((ex - head_w * 0.25, ey - head_h * 0.12, ex + head_w * 0.25, ey + head_h * 0.13),
                                   radius=head_w * 0.08, outline=frame, width=width)
        draw.line((cx - head_w * 0.13, ey - head_h * 0.02, cx + head_w * 0.13, ey - head_h * 0.02), fill=frame,
                  width=width)
    draw.line((cx, hy + head_h * 0.05, cx - head_w * 0.06, hy + head_h * 0.3), fill=shade(skin, 0.8),
              width=max(2, round(s * 0.014)))
    mouth = shade(skin, 0.7) if not person.female else (176, 84, 86)
    draw.arc((cx - head_w * 0.26, hy + head_h * 0.3, cx + head_w * 0.26, hy + head_h * 0.55), 25, 155, fill=mouth,
             width=max(2, round(s * 0.02)))


def portrait(person: Person, rnd: random.Random) -> Image.Image:
    w, h = PORTRAIT[0] * SS, PORTRAIT[1] * SS
    weights = [("blue", 0.5), ("red", 0.25), ("white", 0.25)]
    pick, acc = rnd.random(), 0.0
    name = "blue"
    for name, weight in weights:
        acc += weight
        if pick < acc:
            break
    image = gradient((w, h), *BACKGROUNDS[name])
    draw = ImageDraw.Draw(image)
    s = w * rnd.uniform(0.34, 0.37)
    draw_figure(draw, w / 2 + rnd.uniform(-0.01, 0.01) * w, h * rnd.uniform(0.11, 0.14), s, person, rnd)
    return image.resize(PORTRAIT, Image.LANCZOS)


def group_photo(rnd: random.Random) -> Image.Image:
    """A team standing in two rows in front of a wall with a red banner."""
    w, h = UNIT_PHOTO[0] * SS, UNIT_PHOTO[1] * SS
    image = gradient((w, h), (226, 222, 212), (196, 190, 178))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, h * 0.62, w, h), fill=(150, 142, 130))  # floor
    draw.rectangle((w * 0.12, h * 0.06, w * 0.88, h * 0.19), fill=(196, 24, 32))  # banner
    draw.rectangle((w * 0.12, h * 0.06, w * 0.88, h * 0.075), fill=(176, 18, 26))
    for i in range(14):  # stylised lettering: gold blocks, no real text
        x = w * (0.17 + i * 0.05)
        draw.rounded_rectangle((x, h * 0.1, x + w * 0.032, h * 0.155), radius=w * 0.004, fill=(246, 206, 96))
    rows = [(rnd.randint(6, 8), h * 0.36, w * 0.074), (rnd.randint(7, 9), h * 0.47, w * 0.082)]
    for count, top, size in rows:
        span = w * 0.8
        for i in range(count):
            person = Person(female=rnd.random() < 0.4, age=rnd.randint(24, 58), workwear=rnd.random() < 0.5)
            cx = w * 0.1 + span * (i + 0.5) / count + rnd.uniform(-1, 1) * size * 0.05
            draw_figure(draw, cx, top + rnd.uniform(-1, 1) * size * 0.05, size, person, rnd, features=False)
    image = image.filter(ImageFilter.GaussianBlur(SS * 0.6))
    return image.resize(UNIT_PHOTO, Image.LANCZOS)


def building_photo(rnd: random.Random) -> Image.Image:
    """An office building under a clear sky, with a flag."""
    w, h = UNIT_PHOTO[0] * SS, UNIT_PHOTO[1] * SS
    image = gradient((w, h), (112, 170, 228), (206, 228, 246))
    draw = ImageDraw.Draw(image)
    for _ in range(4):  # a few soft clouds
        x, y = rnd.uniform(0, w), rnd.uniform(h * 0.05, h * 0.3)
        for k in range(5):
            r = rnd.uniform(w * 0.025, w * 0.05)
            draw.ellipse((x + k * r * 0.9 - r, y - r * 0.6, x + k * r * 0.9 + r, y + r * 0.6), fill=(246, 249, 252))
    floors = rnd.randint(9, 14)
    left, right, roof, ground = w * 0.24, w * 0.76, h * 0.78 - floors * h * 0.045, h * 0.78
    wall = rnd.choice([(222, 214, 196), (206, 210, 214), (214, 196, 176)])
    draw.rectangle((left, roof, right, ground), fill=wall)
    draw.rectangle((left - w * 0.01, roof - h * 0.02, right + w * 0.01, roof), fill=shade(wall, 0.8))
    cols = 12
    for f in range(floors):
        for c in range(cols):
            x0 = left + (right - left) * (c + 0.18) / cols
            y0 = roof + (ground - roof) * (f + 0.2) / (floors + 1)
            draw.rectangle((x0, y0, x0 + (right - left) / cols * 0.64, y0 + (ground - roof) / (floors + 1) * 0.6),
                           fill=(70, 112, 150) if (f + c) % 5 else (92, 136, 172))
    for side in (-1, 1):  # lower wings
        x0 = w / 2 + side * w * 0.26
        x1 = x0 + side * w * 0.18
        draw.rectangle((min(x0, x1), h * 0.6, max(x0, x1), ground), fill=shade(wall, 0.92))
        for c in range(5):
            for f in range(3):
                wx = min(x0, x1) + abs(x1 - x0) * (c + 0.2) / 5
                wy = h * 0.6 + (ground - h * 0.6) * (f + 0.2) / 3.5
                draw.rectangle((wx, wy, wx + abs(x1 - x0) / 5 * 0.6, wy + h * 0.03), fill=(70, 112, 150))
    # entrance, steps, square and flagpole
    draw.rectangle((w * 0.45, ground - h * 0.09, w * 0.55, ground), fill=(60, 70, 84))
    draw.rectangle((0, ground, w, h), fill=(176, 174, 168))
    for k in range(3):
        draw.rectangle((w * (0.42 - k * 0.02), ground + k * h * 0.012, w * (0.58 + k * 0.02), ground + (k + 1) * h * 0.012),
                       fill=shade((200, 198, 192), 1 - k * 0.05))
    pole, base, top = w * 0.33, h * 0.95, h * 0.5
    draw.rectangle((pole - w * 0.003, top, pole + w * 0.003, base), fill=(214, 214, 218))
    draw.polygon([(pole + w * 0.003, top), (pole + w * 0.075, top + h * 0.02), (pole + w * 0.07, top + h * 0.07),
                  (pole + w * 0.003, top + h * 0.055)], fill=(222, 28, 36))
    for x in (w * 0.08, w * 0.92):  # trees
        draw.ellipse((x - w * 0.07, ground - h * 0.24, x + w * 0.07, ground + h * 0.02), fill=(70, 130, 80))
        draw.rectangle((x - w * 0.006, ground - h * 0.02, x + w * 0.006, ground + h * 0.08), fill=(96, 74, 56))
    return image.resize(UNIT_PHOTO, Image.LANCZOS)


def banner(theme: str, rnd: random.Random) -> Image.Image:
    """A red ceremonial banner with rays and a themed skyline: pumpjacks, office towers or a medal."""
    w, h = BANNER[0] * SS, BANNER[1] * SS
    image = gradient((w, h), (206, 22, 30), (150, 10, 20))
    draw = ImageDraw.Draw(image)
    ox, oy = w * rnd.uniform(0.7, 0.8), h * 1.1
    for k in range(36):  # rays
        a0 = math.pi + k * math.pi / 36
        a1 = a0 + math.pi / 72
        r = w * 1.2
        draw.polygon([(ox, oy), (ox + r * math.cos(a0), oy + r * math.sin(a0)),
                      (ox + r * math.cos(a1), oy + r * math.sin(a1))], fill=(214, 40, 40))
    for k in range(5):  # golden arcs
        r = h * (0.5 + k * 0.22)
        draw.arc((ox - r, oy - r, ox + r, oy + r), 180, 360, fill=(240, 190, 80), width=max(2, SS * 2))
    for _ in range(5):  # stars
        cx, cy, r = rnd.uniform(w * 0.05, w * 0.45), rnd.uniform(h * 0.1, h * 0.4), rnd.uniform(h * 0.03, h * 0.06)
        draw.polygon([(cx + r * (1 if i % 2 == 0 else 0.4) * math.cos(-math.pi / 2 + i * math.pi / 5),
                       cy + r * (1 if i % 2 == 0 else 0.4) * math.sin(-math.pi / 2 + i * math.pi / 5))
                      for i in range(10)], fill=(250, 214, 100))
    ground = h * 0.86
    silhouette = (110, 6, 14)
    if theme == "oil":
        for i in range(5):  # pumpjacks
            x, s = w * (0.1 + i * 0.2 + rnd.uniform(-0.02, 0.02)), h * rnd.uniform(0.2, 0.25)
            line = max(3, round(s * 0.07))
            for side in (-1, 1):  # the A-frame
                draw.line((x + side * s * 0.28, ground, x, ground - s), fill=silhouette, width=line)
            tilt = rnd.uniform(-0.18, 0.18)
            y0, y1 = ground - s * (1.02 + tilt), ground - s * (1.02 - tilt * 0.8)
            draw.line((x - s * 0.85, y0, x + s * 0.65, y1), fill=silhouette, width=round(s * 0.11))
            draw.polygon([(x - s * 0.85, y0 - s * 0.12), (x - s * 1.05, y0 - s * 0.05), (x - s * 1.08, y0 + s * 0.25),
                          (x - s * 0.85, y0 + s * 0.12)], fill=silhouette)  # horsehead
            draw.line((x - s * 1.06, y0 + s * 0.2, x - s * 1.06, ground), fill=silhouette, width=max(2, SS * 2))
            draw.line((x + s * 0.65, y1, x + s * 0.7, ground - s * 0.35), fill=silhouette, width=line)
            draw.ellipse((x + s * 0.5, ground - s * 0.55, x + s * 0.9, ground - s * 0.15), fill=silhouette)  # crank
            draw.rectangle((x + s * 0.35, ground - s * 0.25, x + s * 1.0, ground), fill=silhouette)
        for i in range(2):  # derricks
            x, s = w * (0.3 + i * 0.4), h * 0.55
            draw.polygon([(x - s * 0.18, ground), (x, ground - s), (x + s * 0.18, ground)], outline=silhouette,
                         width=max(3, SS * 3))
            for k in range(1, 6):
                y = ground - s * k / 6
                half = s * 0.18 * (1 - k / 6)
                draw.line((x - half, y, x + half, y), fill=silhouette, width=max(2, SS * 2))
    elif theme == "medal":
        cx, cy, r = w * 0.2, h * 0.5, h * 0.28
        draw.polygon([(cx - r * 0.6, cy - r * 1.6), (cx - r * 0.1, cy - r * 1.6), (cx + r * 0.2, cy - r * 0.6),
                      (cx - r * 0.3, cy - r * 0.6)], fill=(30, 70, 160))
        draw.polygon([(cx + r * 0.6, cy - r * 1.6), (cx + r * 0.1, cy - r * 1.6), (cx - r * 0.2, cy - r * 0.6),
                      (cx + r * 0.3, cy - r * 0.6)], fill=(200, 30, 40))
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(236, 188, 72), outline=(250, 226, 140), width=SS * 4)
        draw.polygon([(cx + r * 0.62 * (1 if i % 2 == 0 else 0.4) * math.cos(-math.pi / 2 + i * math.pi / 5),
                       cy + r * 0.62 * (1 if i % 2 == 0 else 0.4) * math.sin(-math.pi / 2 + i * math.pi / 5))
                      for i in range(10)], fill=(206, 30, 36))
        x = w * 0.38
        while x < w:  # factory roofs and chimneys
            bw = w * rnd.uniform(0.05, 0.09)
            bh = h * rnd.uniform(0.12, 0.3)
            draw.rectangle((x, ground - bh, x + bw, ground), fill=silhouette)
            if rnd.random() < 0.4:
                draw.rectangle((x + bw * 0.3, ground - bh - h * 0.2, x + bw * 0.45, ground), fill=silhouette)
            x += bw + w * 0.004
    else:
        x = w * 0.02
        while x < w:  # office towers
            bw = w * rnd.uniform(0.04, 0.08)
            bh = h * rnd.uniform(0.2, 0.62)
            draw.rectangle((x, ground - bh, x + bw, ground), fill=silhouette)
            for fy in range(int(bh / (h * 0.06))):
                for fx in range(int(bw / (w * 0.012))):
                    if rnd.random() < 0.35:
                        wx, wy = x + w * 0.004 + fx * w * 0.012, ground - bh + h * 0.03 + fy * h * 0.06
                        draw.rectangle((wx, wy, wx + w * 0.005, wy + h * 0.025), fill=(200, 60, 50))
            x += bw + w * rnd.uniform(0.002, 0.01)
        for i in range(3):  # open books across the foreground, for the reading campaign
            bx = w * (0.12 + i * 0.08)
            draw.polygon([(bx - w * 0.035, ground - h * 0.1), (bx, ground - h * 0.07), (bx, ground + h * 0.04),
                          (bx - w * 0.035, ground + h * 0.01)], fill=(250, 236, 200))
            draw.polygon([(bx + w * 0.035, ground - h * 0.1), (bx, ground - h * 0.07), (bx, ground + h * 0.04),
                          (bx + w * 0.035, ground + h * 0.01)], fill=(240, 222, 180))
    draw.rectangle((0, ground, w, h), fill=silhouette)
    draw.rectangle((0, ground, w, ground + h * 0.012), fill=(240, 190, 80))
    return image.resize(BANNER, Image.LANCZOS)


def logo() -> Image.Image:
    """A round badge: a red disc, a gold ring and a flame-shaped drop."""
    w, h = LOGO[0] * SS, LOGO[1] * SS
    image = Image.new("RGB", (w, h), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    m = w * 0.06
    draw.ellipse((m, m, w - m, h - m), fill=(200, 20, 32))
    draw.ellipse((m * 2, m * 2, w - m * 2, h - m * 2), outline=(240, 196, 80), width=round(w * 0.025))
    cx, cy, r = w / 2, h * 0.56, w * 0.2
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(250, 210, 90))
    draw.polygon([(cx - r * 0.98, cy - r * 0.2), (cx, cy - r * 2.2), (cx + r * 0.98, cy - r * 0.2)], fill=(250, 210, 90))
    draw.ellipse((cx - r * 0.45, cy - r * 0.2, cx + r * 0.45, cy + r * 0.7), fill=(200, 20, 32))
    for k in range(3):
        y = h * 0.84 - k * h * 0.025
        draw.line((w * 0.3, y, w * 0.7, y), fill=(240, 196, 80), width=round(w * 0.008))
    return image.resize(LOGO, Image.LANCZOS)


# ---------------------------------------------------------------------------------------- saving


def save_jpeg(image: Image.Image, path: Path, quality: int = 80, max_bytes: int | None = None) -> int:
    """Write `image` as a baseline JPEG, lowering the quality until it fits in `max_bytes`."""
    while True:
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=quality, optimize=True)
        data = buffer.getvalue()
        if max_bytes is None or len(data) <= max_bytes or quality <= 50:
            break
        quality -= 5
    path.write_bytes(data)
    return len(data)


def theme_of(record: Record) -> str:
    text = record.fields.get("title", "") + record.path.parent.name
    if "油" in text or "三基" in text or "oil" in text:
        return "oil"
    if "劳动" in text or "劳模" in text:
        return "medal"
    return "city"


def jobs(records: list[Record]) -> list[tuple[Path, str, Record]]:
    """Return (image path, what to draw, record) for every image a record names."""
    found = []
    for record in records:
        for key in ("photo", "logo"):
            value = record.fields.get(key)
            if not value:
                continue
            target = (record.path.parent / value).resolve()
            if record.folder == "people" and key == "photo":
                what = "portrait"
            elif record.folder == "campaigns":
                what = "banner"
            elif key == "logo":
                what = "logo"
            elif record.fields.get("kind") in ("集团公司", "机关", "采油厂", "作业大队"):
                what = "building"
            else:
                what = "group"
            found.append((target, what, record))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--content", type=Path, default=ROOT / "content", help="the content folder")
    parser.add_argument("--missing-only", action="store_true", help="only draw images that do not exist yet")
    args = parser.parse_args(argv)
    content = args.content.resolve()
    records = read_records(content)
    folders = unit_folders(records, content)
    written = skipped = total = 0
    for target, what, record in jobs(records):
        if not target.is_relative_to(content):
            print(f"skipped (outside content/): {target}", file=sys.stderr)
            continue
        if args.missing_only and target.exists():
            skipped += 1
            continue
        if target.suffix.lower() not in (".jpg", ".jpeg"):
            print(f"skipped (only .jpg is drawn): {target.relative_to(content)}", file=sys.stderr)
            continue
        rnd = seeded(target.relative_to(content).as_posix())
        if what == "portrait":
            size = save_jpeg(portrait(person_traits(record, folders, rnd), rnd), target, 80, PORTRAIT_MAX_BYTES)
        elif what == "group":
            size = save_jpeg(group_photo(rnd), target, 78)
        elif what == "building":
            size = save_jpeg(building_photo(rnd), target, 78)
        elif what == "banner":
            size = save_jpeg(banner(theme_of(record), rnd), target, 80)
        else:
            size = save_jpeg(logo(), target, 85)
        written += 1
        total += size
    print(f"{written} images written ({total / 1024:.0f} KB), {skipped} already present")
    return 0


if __name__ == "__main__":
    sys.exit(main())
