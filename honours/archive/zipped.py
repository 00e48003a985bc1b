"""The archive as one zip: reproducible, so archiving the same year twice gives the same bytes.

Entries are sorted and every time stamp and permission is fixed, so a department can tell a copy
is unaltered by its digest, and manifest.json's digests are the same from one run to the next.
"""
from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Mapping
from pathlib import Path

STAMP = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can hold; the same for every entry of every archive


def archive_name(year: int) -> str:
    """Return the archive's file name, which is also the folder it unzips into."""
    return f"honours-{year}"


def write_zip(files: Mapping[str, Path | bytes], target: Path, top: str) -> int:
    """Write the files (archive path -> file or bytes) into the zip `target`, inside the folder `top`; return the count."""
    partial = target.with_name(f".{target.name}.partial")
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(files):
            body = files[path]
            archive.writestr(fixed_entry(f"{top}/{path}"), body if isinstance(body, bytes) else body.read_bytes(),
                             compresslevel=9)
    os.replace(partial, target)  # never half an archive under its name
    return len(files)


def fixed_entry(name: str) -> zipfile.ZipInfo:
    """Return a zip entry whose date and permissions are the same whoever makes it, and whenever."""
    info = zipfile.ZipInfo(name, date_time=STAMP)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16  # a readable file, whatever the umask of whoever archived it
    info.create_system = 3  # Unix, so the permissions above are read as such everywhere
    info.flag_bits |= 0x800  # names are UTF-8
    return info


def refixed(zipped: bytes) -> bytes:
    """Return a zip (an XLSX) again with its entries' dates fixed: its writer stamps them with the clock."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(zipped)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(fixed_entry(info.filename), source.read(info), compresslevel=9)
    return out.getvalue()
