"""The year's site: the part of the site that belongs to a campaign year, as a site of its own.

The year's site is the site itself narrowed to the year: its campaigns with their honours, scores
and bulletins, the bulletins of the year that belong to no campaign, and the people and units all
of these name (with the units above them, so every unit tree is whole). It is rendered by the same
templates as the site, so each page is the page readers saw, and every link in it stays inside it.
"""
from __future__ import annotations

from typing import Any

from ..model.kinds import RecordKind
from ..model.links import references
from ..model.records import CAMPAIGN, tabled
from ..model.site import Site, sources_of


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
