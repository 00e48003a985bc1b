"""Bring any image to 8-bit sRGB: CMYK, palette, grey, 16-bit and ICC-tagged photos alike."""
from __future__ import annotations

import functools
import io
import logging

from PIL import Image, ImageCms

log = logging.getLogger(__name__)

_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
_WHITE = (255, 255, 255)


def normalise_mode(image: Image.Image) -> Image.Image:
    """Return the image in a mode resizing and colour management handle: RGB, RGBA, L or CMYK.

    Modes that carry an ICC profile's meaning (RGB, RGBA, L, CMYK) are kept so `to_srgb` can use it.
    """
    mode = image.mode
    if mode in ("RGB", "RGBA", "L", "CMYK"):
        return image
    if mode.startswith("I;16") or mode == "I":
        # Pillow clips 16-bit values to 255 when converting to L; scale them down instead.
        scale = 1 / 256 if mode.startswith("I;16") or _max_value(image) > 255 else 1.0
        as_int = image if mode == "I" else image.convert("I")
        return as_int.point(lambda value: value * scale).convert("L")
    if mode in ("P", "PA"):
        has_alpha = mode == "PA" or "transparency" in image.info
        return image.convert("RGBA" if has_alpha else "RGB")
    if mode in ("LA", "La", "RGBa"):
        return image.convert("RGBA")
    return image.convert("RGB")


def to_srgb(image: Image.Image, icc_profile: bytes | None) -> Image.Image:
    """Return the image as sRGB (RGB, or RGBA if it has alpha), converted through its ICC profile if any."""
    if icc_profile:
        converted = _through_profile(image, icc_profile)
        if converted is not None:
            return converted
    if image.mode in ("RGB", "RGBA"):
        return image
    return image.convert("RGB")


def flatten(image: Image.Image) -> Image.Image:
    """Return the image on white with no alpha, as JPEG and photos on coloured cards need."""
    if image.mode != "RGBA":
        return image
    ground = Image.new("RGB", image.size, _WHITE)
    ground.paste(image, mask=image.getchannel("A"))
    return ground


def _through_profile(image: Image.Image, icc_profile: bytes) -> Image.Image | None:
    out_mode = "RGBA" if image.mode == "RGBA" else "RGB"
    try:
        transform = _transform(icc_profile, image.mode, out_mode)
        if transform is None:
            return None
        return ImageCms.applyTransform(image, transform)
    except (ImageCms.PyCMSError, OSError, ValueError) as exc:
        # A broken or mismatched profile: the pixels are still usable as they are.
        log.debug("ignoring ICC profile: %s", exc)
        return None


@functools.lru_cache(maxsize=32)
def _transform(icc_profile: bytes, in_mode: str, out_mode: str) -> ImageCms.ImageCmsTransform | None:
    """Return the transform from this profile to sRGB, or None when the profile already is sRGB."""
    profile = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
    description = (ImageCms.getProfileDescription(profile) or "").strip()
    if in_mode in ("RGB", "RGBA") and description.startswith("sRGB"):
        return None
    return ImageCms.buildTransform(profile, _SRGB, in_mode, out_mode,
                                   renderingIntent=ImageCms.Intent.PERCEPTUAL)


def _max_value(image: Image.Image) -> float:
    extrema = image.getextrema()
    return float(extrema[1]) if isinstance(extrema, tuple) else 0.0
