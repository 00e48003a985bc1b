"""A campaign year's archive: that year's part of the site, as a zip that opens from a folder years later.

The year's site is the site itself narrowed to the year: its campaigns with their honours, scores
and bulletins, the bulletins of the year that belong to no campaign, and the people and units all
of these name (with the units above them, so every unit tree is whole). It is rendered by the same
templates as the site, so each page is the page readers saw, and every link in it stays inside it.
The zip is reproducible: entries sorted, every time stamp and permission fixed, so archiving the
same year twice gives the same bytes, and a department can tell a copy is unaltered by its digest.
"""
from __future__ import annotations

import os
import zipfile
from pathlib import Path

from .model.records import Bulletin
from .model.site import Site
from .write import inventory
_STAMP = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can hold; the same for every entry of every archive


def archive_name(year: int) -> str:
    """Return the archive's file name, which is also the folder it unzips into."""
    return f"honours-{year}"


def year_site(site: Site, year: int) -> Site:
    """Return the part of `site` that belongs to a campaign year, as a site of its own."""
    campaigns = {cid: c for cid, c in site.campaigns.items() if site.campaign_year(c) == year}
    honours = tuple(h for h in site.honours if h.campaign in campaigns)
    assessments = {cid: list(site.assessments[cid]) for cid in campaigns if cid in site.assessments}
    bulletins = {bid: b for bid, b in site.bulletins.items() if _belongs(b, campaigns, year)}
    people = {h.recipient for h in honours if h.recipient_kind == "person"}
    units = {h.recipient for h in honours if h.recipient_kind == "unit"}
    for cid, periods in assessments.items():
        scheme = site.schemes.get(campaigns[cid].scheme or "")
        subjects = {row.subject for assessment in periods for row in assessment.rows}
        (people if scheme is not None and scheme.subject == "person" else units).update(subjects)
    units |= {site.people[pid].unit for pid in people}
    units |= {parent.id for uid in list(units) for parent in site.ancestors(site.units[uid])}
    return Site(site.config, {uid: site.units[uid] for uid in sorted(units)},
                {pid: site.people[pid] for pid in sorted(people)}, campaigns, bulletins, honours,
                dict(site.schemes.items()), assessments)


def _belongs(bulletin: Bulletin, campaigns: dict, year: int) -> bool:
    """A campaign's bulletins go with its year; the others with the year they were issued."""
    return bulletin.campaign in campaigns if bulletin.campaign else bulletin.date.year == year


def write_zip(folder: Path, target: Path, year: int) -> int:
    """Write every file under `folder` into the zip `target`, inside a folder named for the year; return the count."""
    files = sorted(inventory(folder))
    top = archive_name(year)
    partial = target.with_name(f".{target.name}.partial")
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for site_path in files:
            info = zipfile.ZipInfo(f"{top}/{site_path}", date_time=_STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16  # a readable file, whatever the umask of whoever archived it
            info.create_system = 3  # Unix, so the permissions above are read as such everywhere
            info.flag_bits |= 0x800  # names are UTF-8
            archive.writestr(info, (folder / site_path).read_bytes(), compresslevel=9)
    os.replace(partial, target)  # never half an archive under its name
    return len(files)
