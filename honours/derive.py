"""What the pages show that no single record says: honour rolls grouped and ordered, years, featured."""
from __future__ import annotations

import importlib.metadata
from dataclasses import dataclass
from pathlib import Path

from . import orderings
from .cachefiles import KeptResults
from .model.records import Award, Bulletin, Campaign, Honour
from .model.site import Site
from .orderings import NAME_ORDERINGS, script_of, sort_names

_KEPT_VERSION = 1


@dataclass(frozen=True, slots=True)
class AwardGroup:
    """The honours of one award (and one level, for levelled awards), in the award's order."""

    award: Award
    level: str | None
    honours: tuple[Honour, ...]
    ordering: str

    @property
    def heading(self) -> str:
        return award_title(self.award, self.level)

    @property
    def order_note(self) -> str:
        """Return the key of the note its heading prints: （按姓氏笔画排序）, （排名不分先后） ..."""
        return order_note_key(self.ordering, self.award.recipient)


def order_note_key(ordering: str, recipient: str) -> str:
    """Return the UI string key of an ordering's heading note; units are not ordered by 姓氏."""
    if ordering in NAME_ORDERINGS:
        return f"order_{ordering.split('-')[0]}_{recipient}"
    return f"order_{ordering}"


def award_title(award: Award, level: str | None) -> str:
    """Return how an award at a level is named: 五星级服务窗口, 论文一等奖, 优秀共产党员."""
    if not level or level in award.name:
        return award.name
    if "星级" in award.name and level.endswith("星"):
        return award.name.replace("星级", level + "级", 1)
    if level.endswith(("奖", "等")):
        return award.name + level
    return level + award.name


def ordering_of(site: Site, campaign: Campaign, award: Award) -> str:
    """Return how an award's list is ordered: as the award says, else its campaign, else site.toml."""
    return award.order or campaign.order or site.config.order


def orderings_used(site: Site) -> set[str]:
    """Return every ordering the site's honour lists use."""
    return {site.config.order} | {ordering_of(site, campaign, award) for campaign in site.campaigns.values()
                                  for award in campaign.awards}


def prepare_orderings(site: Site, kept: Path | None, code: bytes) -> None:
    """Work out now the key of every name an honour list orders by pinyin: before the render workers fork, so that
    they inherit them rather than each loading pypinyin's dictionaries (about 0.3 s).

    With a file `kept`, the keys are kept there for the next build while `code` (what works them out: the engine's
    digest) and pypinyin's version are the same: a build loads the dictionaries only for a name not read before.
    """
    if "pinyin" not in orderings_used(site):
        return
    results = KeptResults(kept, _KEPT_VERSION, code + importlib.metadata.version("pypinyin").encode())
    orderings.known_keys(results.known)
    script = script_of(site.config.language)
    for campaign in site.campaigns.values():
        for group in honour_roll(site, campaign, ordered=False):  # grouped as the lists are, and keyed alike
            person = group.honours[0].recipient_kind == "person"
            for name in (site.recipient_name(h) for h in group.honours) if group.ordering == "pinyin" else ():
                results.used[(name, "pinyin", person, script)] = orderings.sort_key(name, "pinyin", person=person,
                                                                                   script=script)
    results.save()


def order_honours(site: Site, ordering: str, honours: list[Honour]) -> list[Honour]:
    """Return honours in an ordering: by the recipients' names, by rank (unranked last), or as given."""
    if ordering == "rank":
        return sorted(honours, key=lambda h: (h.rank is None, h.rank or 0))
    if not honours or ordering not in NAME_ORDERINGS:
        return list(honours)
    return sort_names(honours, ordering, name=site.recipient_name, person=honours[0].recipient_kind == "person",
                      script=script_of(site.config.language))


def honour_roll(site: Site, campaign: Campaign, award_id: str | None = None, *,
                ordered: bool = True) -> list[AwardGroup]:
    """Return a campaign's honours grouped by award (and level, highest first), awards in declared order.

    Unless `ordered`, each group's honours are as written, not in the award's order: for what only counts them
    (the board check), so that loading a site does not sort every name by its strokes or readings.
    """
    groups = []
    honours = site.honours_in(campaign.id)
    for award in campaign.awards:
        if award_id is not None and award.id != award_id:
            continue
        of_award = [h for h in honours if h.award == award.id]
        for level in award.levels or (None,):
            chosen = [h for h in of_award if h.level == level]
            if chosen:
                ordering = ordering_of(site, campaign, award)
                listed = order_honours(site, ordering, chosen) if ordered else chosen
                groups.append(AwardGroup(award, level, tuple(listed), ordering))
    return groups


def campaigns_newest_first(site: Site) -> list[Campaign]:
    """Return campaigns by start date, newest first."""
    return sorted(site.campaigns.values(), key=lambda c: (c.start.first_day(), c.id), reverse=True)


def bulletins_newest_first(site: Site) -> list[Bulletin]:
    """Return bulletins by date, newest first."""
    return sorted(site.bulletins.values(), key=lambda b: (b.date, b.id), reverse=True)


def featured_campaign(site: Site) -> Campaign | None:
    """Return the campaign whose honour roll the home page shows: the newest featured one, else the newest; init's
    sample campaign only while there is no real one."""
    campaigns = campaigns_newest_first(site)
    real = [c for c in campaigns if not c.sample]
    return ([c for c in real if c.featured] or real or [c for c in campaigns if c.featured] or campaigns or [None])[0]


def campaign_bulletins(site: Site, campaign: Campaign) -> list[Bulletin]:
    """Return the bulletins that belong to a campaign, newest first."""
    return [b for b in bulletins_newest_first(site) if b.campaign == campaign.id]
