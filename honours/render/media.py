"""Which photo each record shows, and in what role: the bridge from records to the photo pipeline.

A kind declares the photos its records show (`RecordKind.photos`: field and role, the first one
set wins) and the field saying where a face is (`focus`).
"""
from __future__ import annotations

from typing import Any

from ..model.records import kind_of
from ..model.source import Source
from ..photos import Photo, Picture, PhotoPipeline, PrintPicture
from .captions import unit_mark


def record_picture(photos: PhotoPipeline, record: Any, source: Source | None, lazy: bool = True) -> Picture:
    """Return the picture a record shows: a portrait, a team photo, a logo, a banner, or a placeholder; its
    problems are told at `source`, where the record was read."""
    field_name, role = _shown(record)
    return photos.request(_photo(record, source, field_name), role, lazy=lazy)


def record_print_picture(photos: PhotoPipeline, record: Any, source: Source | None, width_mm: float,
                         height_mm: float, product: str) -> PrintPicture:
    """Return the record's photo for print at `width_mm` × `height_mm` on a product (board, colour_page,
    honour_roll), at the print DPI (warned if too small for that product)."""
    field_name, _ = _shown(record)
    return photos.print_copy(_photo(record, source, field_name), width_mm, height_mm, product)


def _shown(record: Any) -> tuple[str, str]:
    """Return the field and role of the photo a record shows: the first of its kind's that is set."""
    kind = kind_of(record)
    if not kind.photos:
        raise TypeError(f"no picture for {type(record).__name__}")
    return next(((name, role) for name, role in kind.photos if getattr(record, name) is not None), kind.photos[0])


def _photo(record: Any, source: Source | None, field_name: str) -> Photo:
    kind = kind_of(record)
    name = getattr(record, kind.title)
    focus = getattr(record, kind.focus) if kind.focus else None
    # Messages already name the record's file and line; the owner is who is in the photo.
    return Photo(getattr(record, field_name), owner=name, alt=name, focus=tuple(focus) if focus else None,
                 record=source.path if source else None, line=source.line_of(field_name) if source else None,
                 field=field_name, mark=_mark(record, kind.name, name))


def _mark(record: Any, kind: str, name: str) -> str | None:
    """Return what a record's placeholder shows: a person a silhouette (a first character is not always a
    surname: 古丽米拉·艾山), a unit what tells it from its sisters (采油一队, not 党 for every 党支部)."""
    if kind == "person":
        return ""
    if kind == "unit":
        return unit_mark(name, getattr(record, "short_name", None))
    return None


def photo_fingerprint(photos: PhotoPipeline, record: Any) -> str:
    """Return what tells apart the photos a record may show (by its kind's photo fields)."""
    return "|".join(photos.fingerprint(getattr(record, name)) for name, _ in kind_of(record).photos)
