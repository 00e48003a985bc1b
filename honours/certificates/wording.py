"""What each certificate says: the 称谓, the wording, the issuer, the date and the number.

A certificate's number is its honour's place in the campaign's honours.yaml (the n-th recipient
written there, counting each of a `units:` or `people:` list), so numbers are unique within a
campaign and stay the same from build to build; an honour added at the end takes the next number
and renumbers none. Removing or inserting one above others renumbers those after it.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ..derive import award_title
from ..model.records import Campaign, Honour

_DIGITS = "〇一二三四五六七八九"


@dataclass(frozen=True, slots=True)
class Certificate:
    """One honour's certificate, as printed."""

    serial: int  # its honour's place in honours.yaml, from 1
    number: str  # 证书编号, e.g. 〔2024〕机关文明第001号
    salutation: str  # 张伟同志： or the unit's name
    text: str
    issuer: str
    date: str  # 二〇二四年十二月二十日
    award: str  # the award's name with its level, for the page's title


def chinese_date(day: dt.date) -> str:
    """Return a date as certificates write it, in Chinese numerals: 二〇二四年十二月二十日."""
    return "".join(_DIGITS[int(digit)] for digit in str(day.year)) + f"年{_count(day.month)}月{_count(day.day)}日"


def _count(number: int) -> str:
    """Return 1–31 in Chinese numerals: 十, 十二, 二十, 三十一."""
    tens, ones = divmod(number, 10)
    return ("" if tens == 0 else "十" if tens == 1 else _DIGITS[tens] + "十") + (_DIGITS[ones] if ones else "")


def certificates_of(site: Any, campaign: Campaign, award_id: str | None = None) -> list[Certificate]:
    """Return a campaign's certificates (one award's, if given) in its honour roll's order."""
    serials = {id(honour): serial for serial, honour in enumerate(site.honours_in(campaign.id), start=1)}
    return [certificate(site, campaign, honour, serials[id(honour)])
            for group in site.honour_roll(campaign.id, award_id) for honour in group.honours]


def certificate_at(site: Any, campaign: Campaign, serial: int) -> Certificate:
    """Return the certificate of the `serial`-th honour of a campaign's honours.yaml."""
    return certificate(site, campaign, site.honours_in(campaign.id)[serial - 1], serial)


def serials(site: Any, campaign: Campaign) -> range:
    """Return the certificate serials of a campaign: one per honour."""
    return range(1, len(site.honours_in(campaign.id)) + 1)


def certificate(site: Any, campaign: Campaign, honour: Honour, serial: int) -> Certificate:
    """Return the certificate of one honour."""
    config = site.config
    settings = config.certificates
    award = campaign.award(honour.award)
    assert award is not None  # checked when the site was assembled
    recipient = site.recipient(honour)
    year = site.campaign_year(campaign)
    words = {"name": recipient.name, "campaign": campaign.title, "award": award_title(award, honour.level),
             "level": honour.level or "", "year": year,
             "unit": site.post(honour)[0].name if honour.recipient_kind == "person" else recipient.name,
             "organiser": campaign.organiser}
    wording = award.certificate_text or campaign.certificate_text or \
        config.text("certificate_text" if str(year) in campaign.title else "certificate_text_of_year")
    number_format = campaign.certificate_number or settings.number
    salutation = config.text(f"certificate_salutation_{honour.recipient_kind}").format(name=recipient.name)
    return Certificate(serial, number_format.format(year=year, number=serial), salutation, wording.format(**words),
                       campaign.certificate_issuer or settings.issuer or campaign.organiser, chinese_date(honour.date),
                       words["award"])
