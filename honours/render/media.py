"""Which photo each record shows, and in what role: the bridge from records to the photo pipeline."""
from __future__ import annotations

from ..model.records import Campaign, Person, Unit
from ..photos import Picture, PhotoPipeline


def record_picture(photos: PhotoPipeline, record: Unit | Person | Campaign, lazy: bool = True) -> Picture:
    """Return the picture a record shows: a portrait, a team photo, a logo, a banner, or a placeholder."""
    source = record.source
    name = record.title if isinstance(record, Campaign) else record.name
    # Messages already name the record's file and line; the owner is who is in the photo.
    common = {"alt": name, "owner": name, "initial": name[:1], "lazy": lazy,
              "record": source.path}
    match record:
        case Person():
            focus = tuple(record.photo_focus) if record.photo_focus else None
            return photos.request(record.photo, role="portrait", focus=focus, field="photo",
                                  line=source.line_of("photo"), **common)
        case Unit() if record.photo is None and record.logo is not None:
            return photos.request(record.logo, role="logo", field="logo", line=source.line_of("logo"), **common)
        case Unit():
            return photos.request(record.photo, role="group", field="photo", line=source.line_of("photo"),
                                  **common)
        case Campaign():
            return photos.request(record.photo, role="banner", field="photo", line=source.line_of("photo"),
                                  **common)
    raise TypeError(f"no picture for {type(record).__name__}")
