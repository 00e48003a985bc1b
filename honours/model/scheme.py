"""Score schemes (考核标准): categories of items with their maximum points, stars and roll-up rules."""
from __future__ import annotations

from dataclasses import dataclass

from ..fields import field, internal

ROLLUPS = ("average", "sum")
GROUPINGS = ("kind", "parent")
# No scheme gives an item (or a star, or a bonus) more points than this; more is a typing slip.
MAX_POINTS = 100_000


@dataclass(frozen=True, slots=True, kw_only=True)
class Item:
    """One scored item, e.g. 共性指标 (45 分)."""

    id: str = field("编号", "A short id for the item, used as a YAML key in assessments, e.g. gongxing.")
    name: str = field("名称", "The item's name as printed, and as a spreadsheet column header, e.g. 共性指标.")
    max: float = field("满分", "The item's maximum points, e.g. 45.", minimum=0, maximum=MAX_POINTS)


@dataclass(frozen=True, slots=True, kw_only=True)
class Category:
    """A category of items whose points add up, e.g. 业务工作 = 共性指标 45 + 分类指标 55."""

    name: str = field("名称", "The category's name, e.g. 业务工作.")
    items: tuple[Item, ...] = field("指标", "Its items.")

    @property
    def max(self) -> float:
        return sum(item.max for item in self.items)


@dataclass(frozen=True, slots=True, kw_only=True)
class StarLevel:
    """A star level and the total it takes, e.g. 五星 from 95."""

    level: str = field("等级", "The level's name, e.g. 五星.")
    min: float = field("最低分", "The lowest total that earns it.", minimum=0, maximum=MAX_POINTS)


@dataclass(frozen=True, slots=True, kw_only=True)
class Scheme:
    """A score scheme, declared once in content/schemes/<id>.yaml and named by campaigns."""

    id: str = internal()
    name: str = field("名称", "The scheme's name, e.g. 机关部室“双百”考核标准.")
    subject: str = field("考核对象", "Who is assessed: unit or person.", default="unit", choices=("unit", "person"))
    categories: tuple[Category, ...] = field("类别", "Its categories, each with its items.")
    deductions: bool = field("扣分", "Whether assessments may deduct points (扣分), each with a reason.",
                             default=False)
    bonus_cap: float | None = field("加分上限", "Whether bonus points (加分) may be given, and at most how many.",
                                    default=None, minimum=0, maximum=MAX_POINTS)
    stars: tuple[StarLevel, ...] = field("星级", "Star levels by total, highest first, e.g. 五星 from 95.",
                                         default=())
    rollup: str = field("汇总方式", "How a quarter, half-year or year is computed from its months: "
                        "average or sum.", default="average", choices=ROLLUPS)
    top: int | None = field("前几名", "How many of the top are marked (前 6 名).", default=None, minimum=1)
    group_by: str | None = field("分组排名", "Also rank within groups of units sharing this field: kind or parent.",
                                 default=None, choices=GROUPINGS)

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for category in self.categories for item in category.items)

    @property
    def max(self) -> float:
        return sum(category.max for category in self.categories)

    def item(self, key: str) -> Item | None:
        """Return the item a YAML key or a column header names, by id or by name."""
        key = key.strip()
        return next((i for i in self.items if key in (i.id, i.name)), None)

    def star(self, total: float | None) -> str | None:
        """Return the star level a total earns, if any."""
        if total is None:
            return None
        return next((s.level for s in sorted(self.stars, key=lambda s: -s.min) if total >= s.min), None)
