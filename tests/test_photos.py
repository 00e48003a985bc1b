"""The photo pipeline on real awkward images made here: orientation, colour, privacy, failures, cache."""
from __future__ import annotations

import io
import os
import struct
import time
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageCms, ImageFile, features

from honours import cachefiles
from honours.errors import Problems, Severity
from honours.photos import Photo, PhotoPipeline, PhotoSettings, Picture
from honours.photos import pipeline as photo_pipeline
from honours.photos.geometry import UPRIGHT, crop_box, output_widths, stored_box

RED, GREEN, BLUE, WHITE = (230, 20, 20), (20, 200, 20), (20, 20, 230), (250, 250, 250)

# The stored pixels that EXIF orientation n turns upright: the inverse of each orientation's transpose.
STORE_FOR = {
    1: None,
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_90,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_270,
}


# ---- image makers -------------------------------------------------------------------------------

def quadrants(width: int = 1200, height: int = 800) -> Image.Image:
    """Return an upright test card: red top-left, green top-right, blue bottom-left, white bottom-right."""
    card = Image.new("RGB", (width, height), WHITE)
    card.paste(RED, (0, 0, width // 2, height // 2))
    card.paste(GREEN, (width // 2, 0, width, height // 2))
    card.paste(BLUE, (0, height // 2, width // 2, height))
    return card


def jpeg_bytes(image: Image.Image, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=92, **options)
    return buffer.getvalue()


def png_bytes(image: Image.Image, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG", **options)
    return buffer.getvalue()


def _s15(value: float) -> bytes:
    return struct.pack(">i", round(value * 65536))


def adobe_rgb_profile() -> bytes:
    """Return a minimal ICC v2 matrix/TRC profile with Adobe RGB (1998) primaries (D50-adapted)."""
    def xyz(x: float, y: float, z: float) -> bytes:
        return b"XYZ \0\0\0\0" + _s15(x) + _s15(y) + _s15(z)
    text = b"Adobe RGB (1998) test"
    desc = (b"desc\0\0\0\0" + struct.pack(">I", len(text) + 1) + text + b"\0"
            + b"\0" * 8 + b"\0\0" + b"\0" + b"\0" * 67)
    curve = b"curv\0\0\0\0" + struct.pack(">IH", 1, 563) + b"\0\0"  # gamma 563/256 = 2.2
    tags = [(b"desc", desc), (b"wtpt", xyz(0.9642, 1.0, 0.8249)),
            (b"rXYZ", xyz(0.60974, 0.31111, 0.01947)), (b"gXYZ", xyz(0.20528, 0.62567, 0.06087)),
            (b"bXYZ", xyz(0.14919, 0.06322, 0.74457)),
            (b"rTRC", curve), (b"gTRC", curve), (b"bTRC", curve), (b"cprt", b"text\0\0\0\0none\0\0\0\0")]
    offset = 128 + 4 + 12 * len(tags)
    table, data = b"", b""
    for signature, body in tags:
        while len(body) % 4:
            body += b"\0"
        table += signature + struct.pack(">II", offset + len(data), len(body))
        data += body
    size = offset + len(data)
    header = (struct.pack(">I", size) + b"lcms" + bytes([2, 0x10, 0, 0]) + b"mntrRGB XYZ "
              + struct.pack(">6H", 2024, 1, 1, 0, 0, 0) + b"acsp" + b"\0" * 24 + b"\0\0\0\0"
              + _s15(0.9642) + _s15(1.0) + _s15(0.8249) + b"\0" * 48)
    assert len(header) == 128
    return header + struct.pack(">I", len(tags)) + table + data


def png_with_size(width: int, height: int) -> bytes:
    """Return a tiny PNG whose header claims `width`×`height`: a decompression bomb's first step."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 1024))
            + chunk(b"IEND", b""))


# ---- helpers ------------------------------------------------------------------------------------

@pytest.fixture
def problems() -> Problems:
    return Problems()


def make_pipeline(tmp_path: Path, problems: Problems, **settings: object) -> PhotoPipeline:
    return PhotoPipeline(tmp_path / "cache", problems, PhotoSettings(workers=1, **settings), site_root=tmp_path)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / "content" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def opened(pipeline: PhotoPipeline, site_path: str) -> Image.Image:
    image = Image.open(pipeline.published()[site_path])
    image.load()
    return image


def colour_at(image: Image.Image, fx: float, fy: float) -> tuple[int, ...]:
    return image.convert("RGB").getpixel((int(image.width * fx), int(image.height * fy)))


def near(actual: tuple[int, ...], expected: tuple[int, ...], tolerance: int = 24) -> bool:
    return all(abs(a - e) <= tolerance for a, e in zip(actual, expected))


def all_outputs(pipeline: PhotoPipeline, picture: Picture) -> list[Image.Image]:
    return [opened(pipeline, path) for path in picture.paths]


# ---- orientation and framing -------------------------------------------------------------------

@pytest.mark.parametrize("orientation", range(1, 9))
def test_every_exif_orientation_comes_out_upright(tmp_path: Path, problems: Problems, orientation: int) -> None:
    upright = quadrants()
    stored = upright if STORE_FOR[orientation] is None else upright.transpose(STORE_FOR[orientation])
    exif = Image.Exif()
    exif[0x0112] = orientation
    source = write(tmp_path, f"o{orientation}.jpg", jpeg_bytes(stored, exif=exif))
    # Small widths make the JPEG decode at a reduced DCT scale, so draft mode is exercised too.
    pipeline = make_pipeline(tmp_path, problems, group_widths=(160, 320))
    picture = pipeline.request(Photo(source, "测试", "合影"), "group")
    assert (picture.width, picture.height) == (320, 213)  # asked before decoding: from the header
    pipeline.run()
    assert not problems.items
    for image in all_outputs(pipeline, picture):
        assert image.width > image.height
        assert near(colour_at(image, 0.25, 0.25), RED)
        assert near(colour_at(image, 0.75, 0.25), GREEN)
        assert near(colour_at(image, 0.25, 0.75), BLUE)
        assert near(colour_at(image, 0.75, 0.75), WHITE)


@pytest.mark.parametrize("orientation", range(1, 9))
def test_an_off_centre_crop_of_a_turned_photo_shows_the_same_part(tmp_path: Path, problems: Problems,
                                                                   orientation: int) -> None:
    # The crop is resampled from the pixels as stored and turned upright after: its box must be turned too.
    upright = quadrants(1600, 800)
    stored = upright if STORE_FOR[orientation] is None else upright.transpose(STORE_FOR[orientation])
    exif = Image.Exif()
    exif[0x0112] = orientation
    source = write(tmp_path, f"o{orientation}.jpg", jpeg_bytes(stored, exif=exif))
    pipeline = make_pipeline(tmp_path, problems)
    picture = pipeline.request(Photo(source, "张伟", "张伟", focus=(0.6, 0.5)), "portrait")
    pipeline.run()
    assert not problems.items
    for image in all_outputs(pipeline, picture):
        # The crop spans x 674–1245 of the card, whose halves meet at 800: 22 % from the crop's left edge.
        assert abs(image.width / image.height - 5 / 7) < 0.01
        assert near(colour_at(image, 0.1, 0.25), RED) and near(colour_at(image, 0.4, 0.25), GREEN)
        assert near(colour_at(image, 0.1, 0.75), BLUE) and near(colour_at(image, 0.4, 0.75), WHITE)


@pytest.mark.parametrize("orientation", range(1, 9))
def test_stored_box_holds_the_pixels_of_the_upright_box(orientation: int) -> None:
    upright = Image.new("L", (10, 6))
    upright.putdata(range(60))  # every pixel its own value: a box one pixel off holds others
    stored = upright if STORE_FOR[orientation] is None else upright.transpose(STORE_FOR[orientation])
    cut = stored.crop(stored_box((1, 1, 5, 4), stored.size, orientation))
    turned = cut if orientation not in UPRIGHT else cut.transpose(UPRIGHT[orientation])
    assert turned.tobytes() == upright.crop((1, 1, 5, 4)).tobytes()


def test_portrait_is_cropped_to_five_by_seven_around_the_focus(tmp_path: Path, problems: Problems) -> None:
    wide = Image.new("RGB", (1400, 700), BLUE)
    wide.paste(RED, (1000, 0, 1400, 700))  # the "face" is at the right
    source = write(tmp_path, "wide.png", png_bytes(wide))
    pipeline = make_pipeline(tmp_path, problems)
    centred = pipeline.request(Photo(source, "张伟", "张伟"), "portrait")
    focused = pipeline.request(Photo(source, "张伟", "张伟", focus=(0.9, 0.5)), "portrait")
    pipeline.run()
    assert (focused.width, focused.height) == (500, 700)  # the whole crop: 240 and 500, not upscaled to 960
    assert all(abs(image.width / image.height - 5 / 7) < 0.01 for image in all_outputs(pipeline, focused))
    assert near(colour_at(opened(pipeline, focused.fallback), 0.5, 0.5), RED)
    assert near(colour_at(opened(pipeline, centred.fallback), 0.5, 0.5), BLUE)


def test_crop_keeps_the_upper_centre_without_a_focus() -> None:
    assert crop_box((500, 1500), 5 / 7, None) == (0, 150, 500, 850)
    assert crop_box((1400, 700), 5 / 7, None) == (450, 0, 950, 700)
    assert crop_box((1400, 700), 5 / 7, (1.0, 0.5)) == (900, 0, 1400, 700)
    assert crop_box((1, 1), 5 / 7, None) == (0, 0, 1, 1)


def test_widths_never_exceed_the_source() -> None:
    assert output_widths(4000, (240, 480, 960)) == (240, 480, 960)
    assert output_widths(700, (240, 480, 960)) == (240, 480, 700)
    assert output_widths(500, (240, 480, 960)) == (240, 500)
    assert output_widths(1, (240, 480, 960)) == (1,)


def test_group_photo_keeps_its_aspect_unless_asked(tmp_path: Path, problems: Problems) -> None:
    source = write(tmp_path, "group.jpg", jpeg_bytes(quadrants(2000, 1000)))
    pipeline = make_pipeline(tmp_path, problems)
    own = pipeline.request(Photo(source, "宣传部", "合影"), "group")
    square = pipeline.request(Photo(source, "宣传部", "合影"), "group", aspect=(1, 1))
    assert (own.width, own.height) == (960, 480)
    assert (square.width, square.height) == (1000, 1000)  # 480 and the whole 1000-px square
    assert [w for _, w in own.sources[0].srcset_items] == [480, 960, 1600]


def test_portraits_are_webp_and_jpeg_and_team_photos_add_avif(tmp_path: Path, problems: Problems) -> None:
    source = write(tmp_path, "team.jpg", jpeg_bytes(quadrants(2000, 1400)))
    pipeline = make_pipeline(tmp_path, problems)
    portrait = pipeline.request(Photo(source, "张伟", "张伟"), "portrait")
    group = pipeline.request(Photo(source, "宣传部", "合影"), "group")
    pipeline.run()
    assert not problems.items
    avif = ["image/avif"] if features.check("avif") else []
    assert [offer.type for offer in portrait.sources] == ["image/webp"]
    assert {Path(path).suffix for path in portrait.paths} == {".webp", ".jpg"}
    assert [offer.type for offer in group.sources] == [*avif, "image/webp"]  # a browser takes the first it can show
    assert all([width for _, width in offer.srcset_items] == [480, 960, 1600] for offer in group.sources)
    opted_in = make_pipeline(tmp_path, problems, avif_roles=("portrait",))
    asked = opted_in.request(Photo(source, "张伟", "张伟"), "portrait")
    assert [offer.type for offer in asked.sources] == [*avif, "image/webp"]
    assert (asked.fallback != portrait.fallback) == bool(avif)  # other outputs, other names: no stale file reused


def test_one_by_one_image_is_never_upscaled(tmp_path: Path, problems: Problems) -> None:
    source = write(tmp_path, "dot.png", png_bytes(Image.new("RGB", (1, 1), RED)))
    pipeline = make_pipeline(tmp_path, problems)
    picture = pipeline.request(Photo(source, "测试", "点"), "portrait")
    pipeline.run()
    assert not problems.items
    assert (picture.width, picture.height) == (1, 1)
    assert [image.size for image in all_outputs(pipeline, picture)] == [(1, 1)] * len(picture.paths)


# ---- colour -------------------------------------------------------------------------------------

def test_cmyk_jpeg_becomes_rgb(tmp_path: Path, problems: Problems) -> None:
    cmyk = Image.new("CMYK", (400, 300), (0, 255, 255, 0))  # process red
    source = write(tmp_path, "cmyk.jpg", jpeg_bytes(cmyk))
    pipeline = make_pipeline(tmp_path, problems)
    picture = pipeline.request(Photo(source, "测试", "红"), "group")
    pipeline.run()
    for image in all_outputs(pipeline, picture):
        assert image.mode == "RGB"
        red, green, blue = colour_at(image, 0.5, 0.5)
        assert red > 200 and green < 60 and blue < 60


def test_adobe_rgb_is_converted_to_srgb_and_untagged(tmp_path: Path, problems: Problems) -> None:
    profile = adobe_rgb_profile()
    ImageCms.ImageCmsProfile(io.BytesIO(profile))  # the test's own profile must be valid
    muted = (100, 180, 100)
    tagged = write(tmp_path, "adobe.png", png_bytes(Image.new("RGB", (400, 300), muted), icc_profile=profile))
    plain = write(tmp_path, "plain.png", png_bytes(Image.new("RGB", (400, 300), muted)))
    pipeline = make_pipeline(tmp_path, problems)
    converted = pipeline.request(Photo(tagged, "测试", "A"), "group")
    untouched = pipeline.request(Photo(plain, "测试", "B"), "group")
    pipeline.run()
    red, green, blue = colour_at(opened(pipeline, converted.fallback), 0.5, 0.5)
    # Adobe RGB's green is wider than sRGB's: the same numbers are a more saturated sRGB colour.
    assert green - red > muted[1] - muted[0] + 15
    assert near(colour_at(opened(pipeline, untouched.fallback), 0.5, 0.5), muted, 4)
    assert all("icc_profile" not in image.info for image in all_outputs(pipeline, converted))


def test_sixteen_bit_grey_png_is_scaled_not_clipped(tmp_path: Path, problems: Problems) -> None:
    grey = Image.new("I;16", (300, 200), 32768)
    source = write(tmp_path, "deep.png", png_bytes(grey))
    assert Image.open(source).mode.startswith("I")
    pipeline = make_pipeline(tmp_path, problems)
    picture = pipeline.request(Photo(source, "测试", "灰"), "group")
    pipeline.run()
    assert near(colour_at(opened(pipeline, picture.fallback), 0.5, 0.5), (128, 128, 128), 4)


def test_palette_png_with_transparency(tmp_path: Path, problems: Problems) -> None:
    logo = Image.new("P", (300, 300), 0)
    logo.putpalette([0, 0, 0, 200, 30, 30] + [0] * 762)
    logo.paste(1, (100, 100, 200, 200))  # an opaque red square on a transparent ground
    source = write(tmp_path, "logo.png", png_bytes(logo, transparency=0))
    pipeline = make_pipeline(tmp_path, problems)
    as_photo = pipeline.request(Photo(source, "测试", "标志"), "group")
    as_logo = pipeline.request(Photo(source, "测试", "标志"), "logo")
    pipeline.run()
    flat = opened(pipeline, as_photo.fallback)
    assert flat.mode == "RGB" and near(colour_at(flat, 0.1, 0.1), (255, 255, 255), 2)
    assert near(colour_at(flat, 0.5, 0.5), (200, 30, 30))
    kept = opened(pipeline, as_logo.fallback)
    assert as_logo.fallback.endswith(".png") and as_logo.sources[0].type == "image/webp"
    assert kept.mode == "RGBA" and kept.getpixel((2, 2))[3] == 0
    assert opened(pipeline, as_logo.sources[0].srcset_items[0][0]).mode == "RGBA"


def test_grey_and_grey_alpha_and_progressive(tmp_path: Path, problems: Problems) -> None:
    grey = write(tmp_path, "grey.jpg", jpeg_bytes(Image.new("L", (500, 700), 90)))
    grey_alpha = write(tmp_path, "la.png", png_bytes(Image.new("LA", (500, 700), (90, 255))))
    progressive = write(tmp_path, "prog.jpg", jpeg_bytes(quadrants(1000, 1400), progressive=True))
    pipeline = make_pipeline(tmp_path, problems)
    pictures = [pipeline.request(Photo(path, "测试", ""), "portrait")
                for path in (grey, grey_alpha, progressive)]
    pipeline.run()
    assert not problems.items
    for picture in pictures[:2]:
        assert near(colour_at(opened(pipeline, picture.fallback), 0.5, 0.5), (90, 90, 90), 4)
    assert near(colour_at(opened(pipeline, pictures[2].fallback), 0.2, 0.2), RED)


# ---- privacy ------------------------------------------------------------------------------------

def test_no_metadata_survives_and_originals_are_not_copied(tmp_path: Path, problems: Problems) -> None:
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"          # Make
    exif[0x0131] = "SecretSoftware"     # Software
    exif[0x927C] = b"SECRETMAKERNOTE"   # MakerNote
    exif.get_ifd(0x8825)[2] = (39.0, 54.0, 0.0)  # GPSLatitude
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/">SECRETXMP</x:xmpmeta>'
    iptc_like = b"Photoshop 3.0\x008BIM\x04\x04SECRETIPTC"
    source = write(tmp_path, "private.jpg", jpeg_bytes(
        quadrants(), exif=exif, xmp=xmp, comment=b"SECRETCOMMENT", icc_profile=adobe_rgb_profile(),
        extra=b"\xff\xed" + struct.pack(">H", len(iptc_like) + 2) + iptc_like))
    original = source.read_bytes()
    assert b"SECRETIPTC" in original and b"SecretCam" in original
    pipeline = make_pipeline(tmp_path, problems)
    pictures = [pipeline.request(Photo(source, "测试", ""), role) for role in ("portrait", "group", "logo")]
    printed = pipeline.print_copy(Photo(source, "测试", ""), 20, 28)
    pipeline.run()
    published = pipeline.published()
    assert printed.path in published and all(set(p.paths) <= set(published) for p in pictures)
    for site_path, path in published.items():
        data = Path(path).read_bytes()
        assert data != original and site_path.startswith("media/")
        for secret in (b"Secret", b"SECRET", b"Exif\0", b"http://ns.adobe.com/xap", b"8BIM", b"Adobe RGB"):
            assert secret not in data, (site_path, secret)
        image = Image.open(path)
        assert not image.getexif() and not {"exif", "xmp", "icc_profile", "comment"} & set(image.info)


# ---- print --------------------------------------------------------------------------------------

def test_print_copy_at_300_dpi_and_a_warning_below_the_products_minimum(tmp_path: Path, problems: Problems) -> None:
    source = write(tmp_path, "portrait.jpg", jpeg_bytes(quadrants(1200, 1400)))  # cropped to 1000×1400
    pipeline = make_pipeline(tmp_path, problems)
    card = pipeline.print_copy(Photo(source, "张伟", "张伟"), 35, 49)
    board = pipeline.print_copy(Photo(source, "张伟", "张伟"), 300.4, 420.6, "board")
    pipeline.run()
    assert (card.width_px, card.height_px, card.dpi) == (413, 578, 300)
    image = opened(pipeline, card.path)
    assert image.size == (413, 578) and round(image.info["dpi"][0]) == 300
    assert (board.width_px, board.dpi) == (1000, 85)  # never upscaled: the source's pixels, honestly labelled
    [warning] = problems.items
    assert warning.severity is Severity.WARNING
    # The product, the file's own pixels (not the crop's), whole millimetres, and the pixels that would do.
    assert warning.message == ("张伟的照片 content/portrait.jpg 是 1200×1400 像素，在展板上印成 300×421 毫米时约 85 DPI，"
                               "低于展板需要的 100 DPI，印出来会模糊")
    assert warning.hint.startswith("换一张至少 1183×1656 像素的原始照片")


@pytest.mark.parametrize("pixels", [(295, 413), (413, 579)], ids=["一寸", "二寸"])
def test_id_photos_pass_on_the_a4_products_at_their_largest_cards(tmp_path: Path, problems: Problems,
                                                                   pixels: tuple[int, int]) -> None:
    from honours.paper import Paper
    from honours.render.printed import colour_page_layout, paper_layout
    source = write(tmp_path, "id.jpg", jpeg_bytes(quadrants(*pixels)))
    pipeline = make_pipeline(tmp_path, problems)
    colour = colour_page_layout(1, 1, 3)[1]  # one person: the widest cards
    pipeline.print_copy(Photo(source, "张伟", "张伟"), colour.card, colour.photo_height, "colour_page")
    for paper in (Paper("A4"), Paper("A3", landscape=True)):
        roll = paper_layout(paper)[1]
        pipeline.print_copy(Photo(source, "张伟", "张伟"), roll.card, roll.photo_height, "honour_roll")
    assert problems.items == []


# ---- placeholders -------------------------------------------------------------------------------

def test_missing_photo_gets_a_surname_placeholder(tmp_path: Path, problems: Problems) -> None:
    pipeline = make_pipeline(tmp_path, problems)
    picture = pipeline.request(Photo(None, "李娜", "李娜"), "portrait")
    assert picture.placeholder and picture.width * 7 == picture.height * 5
    svg = Path(pipeline.published()[picture.fallback]).read_text(encoding="utf-8")
    assert "李" in svg and "<svg" in svg and not problems.items
    gone = pipeline.request(Photo(tmp_path / "content" / "gone.jpg", "王芳", "王芳"), "portrait")
    assert gone.placeholder and "找不到照片文件" in problems.items[0].message


# ---- broken files -------------------------------------------------------------------------------

def test_broken_files_are_named_and_the_rest_still_built(tmp_path: Path, problems: Problems) -> None:
    whole = jpeg_bytes(quadrants(1200, 1600))
    good = write(tmp_path, "good.jpg", whole)
    cases = {
        "truncated.jpg": (whole[: len(whole) // 2], "不完整"),
        "empty.jpg": (b"", "空的"),
        "text.jpg": ("这不是照片".encode(), "不是可识别的图片"),
        "bomb.png": (png_with_size(100_000, 100_000), "像素过多"),
        "big.png": (png_with_size(12_000, 10_000), "像素过多"),
        "corrupt.png": (png_bytes(quadrants(300, 200))[:60] + b"\0" * 400, ""),
    }
    pipeline = PhotoPipeline(tmp_path / "cache", problems, PhotoSettings(workers=2), site_root=tmp_path)
    record = tmp_path / "content" / "people" / "zhang-wei.md"
    for name, (data, _) in cases.items():
        picture = pipeline.request(Photo(write(tmp_path, name, data), f"{name} 的主人", "", record=record), "portrait")
        assert picture.width and picture.height
    fine = pipeline.request(Photo(good, "张伟", "张伟"), "portrait")
    pipeline.run()
    assert set(fine.paths) <= set(pipeline.published())
    messages = {problem.message: problem for problem in problems.errors}
    assert len(messages) == len(cases)
    for name, (_, wording) in cases.items():
        [problem] = [p for text, p in messages.items() if f"{name} 的主人的照片" in text]
        assert f"content/{name}" in problem.message and wording in problem.message
        assert problem.path == record and problem.field == "photo" and problem.hint
    assert problems.fatal()


@pytest.mark.parametrize("workers", [1, 2])
def test_cut_off_photos_are_refused_after_weasyprint_is_imported(tmp_path: Path, problems: Problems,
                                                                  monkeypatch: pytest.MonkeyPatch, workers: int) -> None:
    # WeasyPrint's import sets this for the whole process; a build making PDFs imports it before its last photos.
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    whole = jpeg_bytes(quadrants(1200, 1600))
    pipeline = PhotoPipeline(tmp_path / "cache", problems, PhotoSettings(workers=workers), site_root=tmp_path)
    for name in ("cut-1.jpg", "cut-2.jpg"):  # two jobs, so that two workers really start
        cut = whole[: len(whole) // (3 if name == "cut-1.jpg" else 2)]
        pipeline.request(Photo(write(tmp_path, name, cut), "张伟", "张伟"), "portrait")
    pipeline.run()
    assert len(problems.errors) == 2 and all("不完整" in problem.message for problem in problems.errors)
    assert ImageFile.LOAD_TRUNCATED_IMAGES  # left as WeasyPrint set it


def test_a_bomb_is_told_by_its_own_size_and_the_limit(tmp_path: Path, problems: Problems) -> None:
    # Pillow refuses above twice the limit and its message then names only its own 200,000,000.
    pipeline = PhotoPipeline(tmp_path / "cache", problems, PhotoSettings(workers=1), site_root=tmp_path)
    for name, size in (("huge.png", (30_000, 30_000)), ("big.png", (12_000, 10_000))):
        record = tmp_path / "content" / "people" / name.replace(".png", ".md")
        pipeline.request(Photo(write(tmp_path, name, png_with_size(*size)), "张伟", "张伟", record=record), "portrait")
    pipeline.run()
    huge, big = sorted((p.message for p in problems.errors), key=lambda text: "huge" not in text)
    assert "content/huge.png" in huge and "30000×30000，共 90,000 万像素" in huge and "上限 10,000 万像素" in huge
    assert "content/big.png" in big and "12000×10000，共 12,000 万像素" in big
    assert "200,000,000" not in huge + big


# ---- cache --------------------------------------------------------------------------------------

def test_rebuild_decodes_nothing_and_prunes_what_is_unused(tmp_path: Path, problems: Problems) -> None:
    first_source = write(tmp_path, "a.jpg", jpeg_bytes(quadrants()))
    second_source = write(tmp_path, "b.jpg", jpeg_bytes(quadrants(800, 1200)))
    first = make_pipeline(tmp_path, problems)
    a = first.request(Photo(first_source, "甲", ""), "portrait")
    first.request(Photo(first_source, "甲，又一次", ""), "portrait")
    first.request(Photo(second_source, "乙", ""), "portrait")
    assert first.run() == 2  # the same source and parameters twice is one job
    stamps = {path: os.stat(path).st_mtime_ns for path in first.published().values()}

    again = make_pipeline(tmp_path, problems)
    assert again.request(Photo(first_source, "甲", ""), "portrait") == a
    assert again.run() == 0
    assert again.prune() == 6  # b.jpg's six outputs (WebP and JPEG at three widths) are no longer referenced
    assert all(os.stat(path).st_mtime_ns == stamps[path] for path in again.published().values())
    assert not any(os.path.exists(path) for path in stamps if path not in again.published().values())


def test_changed_bytes_or_version_make_new_names(tmp_path: Path, problems: Problems,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cachefiles, "RACY_NS", 0)  # trust the memo at once
    source = write(tmp_path, "a.png", png_bytes(Image.new("RGB", (300, 400), RED)))
    before = make_pipeline(tmp_path, problems).request(Photo(source, "甲", ""), "portrait")
    make_pipeline(tmp_path, problems).run()
    stat = source.stat()
    time.sleep(0.05)  # let the change time tick
    source.write_bytes(png_bytes(Image.new("RGB", (300, 400), BLUE)))  # same size, other content
    assert source.stat().st_size == stat.st_size
    os.utime(source, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # even with the old mtime put back
    after_pipeline = make_pipeline(tmp_path, problems)
    after = after_pipeline.request(Photo(source, "甲", ""), "portrait")
    assert after.fallback != before.fallback
    after_pipeline.run()
    assert near(colour_at(opened(after_pipeline, after.fallback), 0.5, 0.5), BLUE)
    monkeypatch.setattr(photo_pipeline, "PIPELINE_VERSION", "test-next")
    assert make_pipeline(tmp_path, problems).request(Photo(source, "甲", ""), "portrait") != after


def test_partial_files_never_count(tmp_path: Path, problems: Problems) -> None:
    source = write(tmp_path, "a.jpg", jpeg_bytes(quadrants()))
    pipeline = make_pipeline(tmp_path, problems)
    picture = pipeline.request(Photo(source, "甲", ""), "portrait")
    pipeline.run()
    name = picture.fallback.removeprefix("media/")
    temp = tmp_path / "cache" / name.split("/")[0] / f".{name.split('/')[1].split('-')[0]}-x.tmp"
    temp.write_bytes(b"half")
    (tmp_path / "cache" / name).unlink()  # a lost output is made again, not assumed
    again = make_pipeline(tmp_path, problems)
    again.request(Photo(source, "甲", ""), "portrait")
    assert again.run() == 1 and (tmp_path / "cache" / name).is_file()
    again.prune()
    assert not temp.exists()


def test_no_progress_bar_when_not_a_terminal(tmp_path: Path, problems: Problems,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    source = write(tmp_path, "a.jpg", jpeg_bytes(quadrants(400, 300)))
    pipeline = PhotoPipeline(tmp_path / "cache", problems, PhotoSettings(workers=1), progress=True)
    pipeline.request(Photo(source, "甲", ""), "group")
    pipeline.run()
    assert capsys.readouterr().err == ""


def test_unknown_role_is_a_programming_error(tmp_path: Path, problems: Problems) -> None:
    with pytest.raises(ValueError, match="unknown photo role"):
        make_pipeline(tmp_path, problems).request(Photo(None, "甲", ""), "avatar")
    with pytest.raises(ValueError, match="avif_roles: unknown photo roles"):
        PhotoSettings(avif_roles=("portraits",))


def test_request_reads_headers_only(tmp_path: Path, problems: Problems, monkeypatch: pytest.MonkeyPatch) -> None:
    from PIL import ImageFile

    exif = Image.Exif()
    exif[0x0112] = 6
    sideways = write(tmp_path, "a.jpg", jpeg_bytes(quadrants(800, 600), exif=exif))
    png = write(tmp_path, "b.png", png_bytes(quadrants(800, 600), exif=exif))
    pipeline = make_pipeline(tmp_path, problems)

    def no_decoding(self: ImageFile.ImageFile) -> None:
        raise AssertionError("request() decoded pixels")

    with monkeypatch.context() as patch:
        patch.setattr(ImageFile.ImageFile, "load", no_decoding)
        pictures = [pipeline.request(Photo(path, "甲", ""), "group") for path in (sideways, png)]
    assert [(p.width, p.height) for p in pictures] == [(600, 800), (600, 800)]  # upright, from the header
    assert pipeline.run() == 2 and not problems.items


def test_progress_bar_draws_in_place() -> None:
    from honours.photos.messages import PROGRESS_LABEL
    from honours.progress import ProgressBar

    stream = io.StringIO()
    bar = ProgressBar(2, PROGRESS_LABEL, stream, width=4)
    bar.advance()
    bar.advance()
    bar.close()
    assert stream.getvalue().endswith("\r处理照片 2/2 [####]\n")
