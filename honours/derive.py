"""What the pages show that no single record says: honour rolls grouped and ordered, years, featured."""
from __future__ import annotations

from dataclasses import dataclass

from .model.records import Award, Bulletin, Campaign, Honour
from .model.site import Site


@dataclass(frozen=True, slots=True)
class AwardGroup:
    """The honours of one award (and one level, for levelled awards), in the award's order."""

    award: Award
    level: str | None
    honours: tuple[Honour, ...]

    @property
    def heading(self) -> str:
        return award_title(self.award, self.level)


def award_title(award: Award, level: str | None) -> str:
    """Return how an award at a level is named: 五星级服务窗口, 论文一等奖, 优秀共产党员."""
    if not level or level in award.name:
        return award.name
    if "星级" in award.name and level.endswith("星"):
        return award.name.replace("星级", level + "级", 1)
    if level.endswith(("奖", "等")):
        return award.name + level
    return level + award.name


def order_honours(award: Award, honours: list[Honour]) -> list[Honour]:
    """Return honours in the order the award declares: as given, or by rank (unranked last)."""
    if award.order == "rank":
        return sorted(honours, key=lambda h: (h.rank is None, h.rank or 0))
    return list(honours)


def honour_roll(site: Site, campaign: Campaign, award_id: str | None = None) -> list[AwardGroup]:
    """Return a campaign's honours grouped by award (and level, highest first), awards in declared order."""
    groups = []
    honours = site.honours_in(campaign.id)
    for award in campaign.awards:
        if award_id is not None and award.id != award_id:
            continue
        of_award = [h for h in honours if h.award == award.id]
        for level in award.levels or (None,):
            chosen = [h for h in of_award if h.level == level]
            if chosen:
                groups.append(AwardGroup(award, level, tuple(order_honours(award, chosen))))
    return groups


def campaigns_newest_first(site: Site) -> list[Campaign]:
    """Return campaigns by start date, newest first."""
    return sorted(site.campaigns.values(), key=lambda c: (c.start.first_day(), c.id), reverse=True)


def bulletins_newest_first(site: Site) -> list[Bulletin]:
    """Return bulletins by date, newest first."""
    return sorted(site.bulletins.values(), key=lambda b: (b.date, b.id), reverse=True)


def featured_campaign(site: Site) -> Campaign | None:
    """Return the campaign whose honour roll the home page shows: the newest featured one, else the newest."""
    campaigns = campaigns_newest_first(site)
    featured = [c for c in campaigns if c.featured]
    return (featured or campaigns or [None])[0]


def campaign_bulletins(site: Site, campaign: Campaign) -> list[Bulletin]:
    """Return the bulletins that belong to a campaign, newest first."""
    return [b for b in bulletins_newest_first(site) if b.campaign == campaign.id]
