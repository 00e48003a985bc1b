"""Dates as entered: a month-only date shows as the month everywhere, and `new campaign` takes its title's year."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import MINIMAL_SITE, run, write_tree
from honours.scaffold.new import new_record

CAMPAIGN = "content/campaigns/wenming-2024/index.md"


def test_an_honour_without_a_day_shows_the_campaigns_month(tmp_path: Path) -> None:
    index = MINIMAL_SITE[CAMPAIGN].replace("end: 2024-12", "end: 2024年12月")
    site = write_tree(tmp_path / "site", {**MINIMAL_SITE, CAMPAIGN: index})
    result = run("build", "--site", str(site))
    assert result.exit_code == 0, result.output
    page = (site / "output/people/zhang-wei.html").read_text(encoding="utf-8")
    assert '<time class="honour__date" datetime="2024-12">2024年12月</time>' in page
    assert "12月1日" not in page
    unit = (site / "output/units/xuanchuan.html").read_text(encoding="utf-8")
    assert '<time class="honour__date" datetime="2024-07-01">2024年7月1日</time>' in unit  # a day stays a day


def test_new_campaign_takes_the_year_from_its_title(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", MINIMAL_SITE)
    new_record(site, "campaign", None, {"title": "2025年度先进班组评选"}, today=dt.date(2026, 12, 4))
    text = next(path.read_text(encoding="utf-8") for path in (site / "content/campaigns").glob("*/index.md")
                if "2025年度" in path.read_text(encoding="utf-8"))
    assert "start: 2025-01" in text and "end: 2025-12" in text and "2026" not in text


def test_new_campaign_of_this_year_starts_this_month(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", MINIMAL_SITE)
    new_record(site, "campaign", "banzu", {"title": "先进班组评选"}, today=dt.date(2026, 3, 4))
    text = (site / "content/campaigns/banzu/index.md").read_text(encoding="utf-8")
    assert "start: 2026-03" in text and "end: 2026-12" in text
