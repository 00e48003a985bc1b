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
from typing import Any

from .model.kinds import RecordKind
from .model.links import references
from .model.records import CAMPAIGN, tabled
from .model.site import Site, sources_of
from .write import inventory

_STAMP = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can hold; the same for every entry of every archive


def archive_name(year: int) -> str:
    """Return the archive's file name, which is also the folder it unzips into."""
    return f"honours-{year}"


def year_site(site: Site, year: int) -> Site:
    """Return the part of `site` that belongs to a campaign year, as a site of its own.

    Dated records (campaigns, bulletins) belong to a year by the campaign they name, else by their own
    date; the others (units, people, schemes) are in it when a record in it names them: a recipient
    or the assessed, a person's units, a unit's parents.
    """
    campaigns = {cid for cid, c in site.campaigns.items() if site.campaign_year(c) == year}
    honours = tuple(h for h in site.honours if h.campaign in campaigns)
    assessments = {cid: list(site.assessments[cid]) for cid in campaigns if cid in site.assessments}
    chosen = {kind.name: {rid for rid, record in site.table(kind.name).items() if _belongs(kind, record, campaigns, year)}
              for kind in tabled()}
    for honour in honours:
        chosen[honour.recipient_kind].add(honour.recipient)
    for cid, periods in assessments.items():
        subject = site.schemes[site.campaigns[cid].scheme or ""].subject
        chosen[subject].update(row.subject for assessment in periods for row in assessment.rows)
    _named(site, chosen)
    records = {kind.name: _in_order(kind, site.table(kind.name), chosen[kind.name]) for kind in tabled()}
    return Site(site.config, records, honours, assessments, sources_of(site))


def _belongs(kind: RecordKind, record: Any, campaigns: set[str], year: int) -> bool:
    """Return whether a dated record goes with a year: by the campaign it names, else by its own year."""
    if kind.year is None:
        return False
    if kind is CAMPAIGN:
        return record.id in campaigns
    named = [ref.target for ref in references(record) if ref.kind == CAMPAIGN.name]
    return bool(set(named) & campaigns) if named else kind.year(record) == year


def _named(site: Site, chosen: dict[str, set[str]]) -> None:
    """Add to `chosen` every undated record that a chosen record names, and what those name in turn."""
    waiting = [(kind, rid) for kind, ids in chosen.items() for rid in ids]
    while waiting:
        kind, rid = waiting.pop()
        for ref in references(site.table(kind)[rid]):
            target_kind = next(k for k in tabled() if k.name == ref.kind)
            if target_kind.year is None and ref.target not in chosen[ref.kind]:
                chosen[ref.kind].add(ref.target)
                waiting.append((ref.kind, ref.target))


def _in_order(kind: RecordKind, table: Any, ids: set[str]) -> dict[str, Any]:
    """Return the chosen records: dated ones in the site's order, the others by id."""
    order = table if kind.year is not None else sorted(ids)
    return {rid: table[rid] for rid in order if rid in ids}


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
