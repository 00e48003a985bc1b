"""Dates as Chinese documents give them: a day, a month, or a third of a month (上旬/中旬/下旬)."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

XUN = ("上旬", "中旬", "下旬")

_NUMERIC = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*(?:[-/.月]\s*(\d{1,2})\s*日?|月)?\s*(上旬|中旬|下旬)?\s*$")
_YEAR = re.compile(r"^\s*(\d{4})\s*年?\s*$")


@dataclass(frozen=True, slots=True, order=True)
class PartialDate:
    """A date known to the year, the month, the xun (ten-day period) or the day."""

    year: int
    month: int | None = None
    xun: int | None = None  # 0, 1, 2 for 上旬, 中旬, 下旬
    day: int | None = None

    @classmethod
    def parse(cls, value: object) -> "PartialDate":
        """Return the date written as 2012, 2012-03, 2012-04 上旬, 2012-03-15 or 2012年3月15日."""
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return cls(value.year, value.month, None, value.day)
        if isinstance(value, int) and not isinstance(value, bool) and 1900 <= value <= 2999:
            return cls(value)
        if isinstance(value, str):
            if found := _YEAR.match(value):
                return cls(int(found.group(1)))
            if found := _NUMERIC.match(value):
                year, month = int(found.group(1)), int(found.group(2))
                day = int(found.group(3)) if found.group(3) else None
                xun = XUN.index(found.group(4)) if found.group(4) else None
                if day is not None and xun is not None:
                    raise ValueError("不能同时写日期和上/中/下旬")
                dt.date(year, month, day or 1)  # raises ValueError for 2012-13 or 2012-02-30
                return cls(year, month, xun, day)
        raise ValueError("日期格式不对")

    def first_day(self) -> dt.date:
        """Return the earliest day this date can mean, for sorting and comparing."""
        if self.day is not None:
            return dt.date(self.year, self.month or 1, self.day)
        return dt.date(self.year, self.month or 1, 1 + 10 * (self.xun or 0))

    def last_day(self) -> dt.date:
        """Return the latest day this date can mean: 2015-06 lasts until 30 June, 2015 until 31 December."""
        if self.day is not None:
            return self.first_day()
        if self.month is None:
            return dt.date(self.year, 12, 31)
        next_month = dt.date(self.year + self.month // 12, self.month % 12 + 1, 1)
        month_end = next_month - dt.timedelta(days=1)
        return month_end if self.xun in (None, 2) else dt.date(self.year, self.month, 10 * (self.xun + 1))

    def iso(self) -> str:
        """Return the machine-readable form for <time datetime>."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def __str__(self) -> str:
        text = f"{self.year}年"
        if self.month is not None:
            text += f"{self.month}月"
        if self.xun is not None:
            text += XUN[self.xun]
        if self.day is not None:
            text += f"{self.day}日"
        return text


def parse_day(value: object) -> dt.date:
    """Return a full date from 2024-03-15, 2024/3/15 or 2024年3月15日."""
    parsed = PartialDate.parse(value)
    if parsed.day is None:
        raise ValueError("需要精确到日")
    return parsed.first_day()
