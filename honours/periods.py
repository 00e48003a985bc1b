"""Assessment periods: a month (2024-03), a quarter (2024-Q1), a half-year (2024-H1) or a year (2024)."""
from __future__ import annotations

import datetime as dt

import re
from dataclasses import dataclass

KINDS = ("month", "quarter", "half", "year")
_FORMS = re.compile(r"^(\d{4})(?:-(?:(\d{1,2})|[Qq]([1-4])|[Hh]([12])))?$")
_QUARTER_NAMES = "一二三四"


@dataclass(frozen=True, slots=True, order=True)
class Period:
    """A period of a campaign's assessments; orders by year, then start month, then length."""

    year: int
    first_month: int
    months_long: int

    @classmethod
    def parse(cls, text: str) -> "Period":
        """Return the period written as 2024-03, 2024-Q1, 2024-H1 or 2024; raise ValueError otherwise."""
        found = _FORMS.match(text.strip())
        if not found:
            raise ValueError(text)
        year, month, quarter, half = found.groups()
        if month:
            if not 1 <= int(month) <= 12:
                raise ValueError(text)
            return cls(int(year), int(month), 1)
        if quarter:
            return cls(int(year), int(quarter) * 3 - 2, 3)
        if half:
            return cls(int(year), 1 if half == "1" else 7, 6)
        return cls(int(year), 1, 12)

    @property
    def kind(self) -> str:
        return {1: "month", 3: "quarter", 6: "half", 12: "year"}[self.months_long]

    @property
    def slug(self) -> str:
        """Return the form used in file names and URLs: 2024-03, 2024-Q1, 2024-H1, 2024."""
        if self.kind == "month":
            return f"{self.year}-{self.first_month:02d}"
        if self.kind == "quarter":
            return f"{self.year}-Q{(self.first_month + 2) // 3}"
        if self.kind == "half":
            return f"{self.year}-H{1 if self.first_month == 1 else 2}"
        return str(self.year)

    @property
    def label(self) -> str:
        """Return how documents name it: 2024年3月, 2024年第一季度, 2024年上半年, 2024年度."""
        if self.kind == "month":
            return f"{self.year}年{self.first_month}月"
        if self.kind == "quarter":
            return f"{self.year}年第{_QUARTER_NAMES[(self.first_month - 1) // 3]}季度"
        if self.kind == "half":
            return f"{self.year}年{'上' if self.first_month == 1 else '下'}半年"
        return f"{self.year}年度"

    @property
    def short_label(self) -> str:
        """Return the label for chart axes: 3月, 一季度, 上半年, 2024."""
        if self.kind == "year":
            return f"{self.year}年"
        return self.label.removeprefix(f"{self.year}年").replace("第", "")

    def last_day(self) -> dt.date:
        """Return the period's last day: the day its results speak of (a unit is named as it was then)."""
        month = self.first_month + self.months_long
        return dt.date(self.year + (month - 1) // 12, (month - 1) % 12 + 1, 1) - dt.timedelta(days=1)

    def previous(self) -> "Period":
        """Return the period of the same length just before this one."""
        month = self.first_month - self.months_long
        return Period(self.year - 1, month + 12, self.months_long) if month < 1 else Period(self.year, month,
                                                                                              self.months_long)

    def enclosing(self) -> list["Period"]:
        """Return the longer periods (quarter, half, year) that contain this month or quarter."""
        quarter = Period(self.year, (self.first_month - 1) // 3 * 3 + 1, 3)
        half = Period(self.year, 1 if self.first_month <= 6 else 7, 6)
        year = Period(self.year, 1, 12)
        return [p for p in (quarter, half, year) if p.months_long > self.months_long]
