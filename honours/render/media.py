"""Which photo each record shows, and in what role: the bridge from records to the photo pipeline."""
from __future__ import annotations

from ..model.records import Campaign, Person, Unit
from ..photos import Picture, PhotoPipeline, PrintPicture


def table_of(record: Unit | Person | Campaign) -> str:
    """Return the name of the site table a record with a picture is kept in."""
    match record:
        case Person():
            return "people"
        case Unit():
            return "units"
        case Campaign():
            return "campaigns"
    raise TypeError(f"no picture for {type(record).__name__}")


def record_picture(photos: PhotoPipeline, record: Unit | Person | Campaign, lazy: bool = True) -> Picture:
    """Return the picture a record shows: a portrait, a team photo, a logo, a banner, or a placeholder."""
    focus = None
    match record:
        case Person():
            role, field_name, name = "portrait", "photo", record.name
            focus = tuple(record.photo_focus) if record.photo_focus else None
        case Unit() if record.photo is None and record.logo is not None:
            role, field_name, name = "logo", "logo", record.name
        case Unit():
            role, field_name, name = "group", "photo", record.name
        case Campaign():
            role, field_name, name = "banner", "photo", record.title
        case _:
            raise TypeError(f"no picture for {type(record).__name__}")
    # Messages already name the record's file and line; the owner is who is in the photo.
    return photos.request(getattr(record, field_name), role=role, alt=name, owner=name, focus=focus,
                          initial=name[:1], lazy=lazy, record=record.source.path,
                          line=record.source.line_of(field_name), field=field_name)


def record_print_picture(photos: PhotoPipeline, record: Unit | Person | Campaign, width_mm: float,
                         height_mm: float) -> PrintPicture:
    """Return the record's photo for print at `width_mm` × `height_mm`, at the print DPI (warned if too small)."""
    focus = tuple(record.photo_focus) if isinstance(record, Person) and record.photo_focus else None
    field_name = "logo" if isinstance(record, Unit) and record.photo is None and record.logo is not None else "photo"
    name = record.title if isinstance(record, Campaign) else record.name
    return photos.print_copy(getattr(record, field_name), width_mm=width_mm, height_mm=height_mm, owner=name,
                             alt=name, focus=focus, initial=name[:1], record=record.source.path,
                             line=record.source.line_of(field_name), field=field_name)
