"""The records of a site. Each front-matter field is declared here once, typed, with its label and doc."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..dates import PartialDate
from ..fields import field, internal
from ..orderings import ORDERINGS
from ..paper import Board, Paper

RECIPIENTS = ("unit", "person")


@dataclass(frozen=True, slots=True)
class Source:
    """Where a record was read from, so every later message can point back to it."""

    path: Path
    line: int
    body_line: int = 1
    field_lines: tuple[tuple[str, int], ...] = ()

    def line_of(self, field_name: str) -> int:
        """Return the line a field was written on, or the record's first line."""
        return dict(self.field_lines).get(field_name, self.line)


@dataclass(frozen=True, slots=True, kw_only=True)
class Unit:
    """A unit that can be honoured: 部室, 基层队, 班组, 党支部, 服务窗口 ... Units form a tree."""

    id: str = internal()
    source: Source = internal()
    name: str = field("名称", "The unit's full name, e.g. 生产运行科.")
    kind: str = field("类型", "What sort of unit it is, e.g. 部室, 基层队, 班组, 党支部, 服务窗口.")
    parent: str | None = field("上级单位", "The id of the unit it belongs to (a file name without .md).",
                               default=None, ref="unit")
    short_name: str | None = field("简称", "A shorter name for tight places such as cards.", default=None)
    photo: Path | None = field("照片", "A photo of the unit or team, relative to this file.", default=None)
    logo: Path | None = field("标志", "A logo or badge image, relative to this file.", default=None)
    weight: int = field("排序", "Position among its sibling units: smaller first.", default=0)
    aliases: tuple[str, ...] = field("旧编号/别名", "The ids it had before, e.g. [jishu-ban]; "
                                     "its old addresses lead on to its pages.", default=())
    description: str = internal("")


@dataclass(frozen=True, slots=True, kw_only=True)
class Person:
    """A person who can be honoured. Private fields are kept for matching and never published."""

    id: str = internal()
    source: Source = internal()
    name: str = field("姓名", "The person's full name, e.g. 张伟.")
    unit: str = field("单位", "The id of the person's unit.", ref="unit")
    position: str | None = field("职务", "Position or title, e.g. 班长, 党支部书记.", default=None)
    gender: str | None = field("性别", "男 or 女; shown only where lists customarily show it.",
                               default=None, choices=("男", "女"))
    ethnicity: str | None = field("民族", "e.g. 回族; shown as an annotation in lists when not 汉族.",
                                  default=None)
    photo: Path | None = field("照片", "A portrait, relative to this file.", default=None)
    photo_focus: tuple[float, ...] = field("照片焦点", "Where the face is, as [x, y] fractions of the photo's "
                                           "width and height, e.g. [0.5, 0.3]; portraits are cropped around it.",
                                           default=())
    staff_no: str | None = field("工号", "Staff number. Private: never published.", default=None,
                                 private=True)
    phone: str | None = field("电话", "Phone number. Private: never published.", default=None,
                              private=True)
    aliases: tuple[str, ...] = field("旧编号/别名", "The ids it had before, e.g. [zhang-wie]; "
                                     "its old addresses lead on to its pages.", default=())
    biography: str = internal("")


@dataclass(frozen=True, slots=True, kw_only=True)
class Phase:
    """One stage of a campaign, e.g. 宣传发动阶段 from 2012-03 to 2012-04 上旬."""

    name: str = field("名称", "The phase's name, e.g. 宣传发动阶段.")
    start: PartialDate = field("开始", "When it starts: 2012-03, 2012-03-15 or 2012-04 上旬.")
    end: PartialDate | None = field("结束", "When it ends, in the same forms.", default=None)
    summary: str | None = field("概要", "What happens in this phase, one or two sentences.", default=None)


@dataclass(frozen=True, slots=True, kw_only=True)
class Award:
    """An award category a campaign confers, e.g. 文明部室 or 星级服务窗口 (三/四/五星)."""

    id: str = field("编号", "A short id used by honours to name this award, e.g. wenming-bushi.")
    name: str = field("名称", "The award's name as printed, e.g. 文明部室.")
    recipient: str = field("授予对象", "Who receives it: unit or person.", choices=RECIPIENTS)
    levels: tuple[str, ...] = field("等级", "Allowed levels, highest first, e.g. [五星, 四星, 三星].",
                                    default=())
    order: str | None = field("排序方式", "How its list is ordered: strokes (姓氏笔画), strokes-count (笔画数), "
                              "pinyin (姓氏拼音), rank (按名次) or given (排名不分先后); defaults to the campaign's.",
                              default=None, choices=ORDERINGS)
    quota: int | None = field("名额", "How many are to be named, e.g. 20.", default=None, minimum=0)
    description: str | None = field("说明", "What the award recognises.", default=None)


@dataclass(frozen=True, slots=True, kw_only=True)
class Campaign:
    """A campaign (创建/评比活动) with its phases, goals and the awards it confers."""

    id: str = internal()
    source: Source = internal()
    title: str = field("标题", "The campaign's full title.")
    organiser: str = field("主办单位", "Who runs it, e.g. 机关党委.")
    start: PartialDate = field("开始", "When it starts: 2012-03 or 2012-03-15.")
    end: PartialDate = field("结束", "When it ends.")
    year: int | None = field("年度", "The campaign year it is archived under; defaults to the start's year.",
                             default=None, minimum=1900, maximum=2999)
    summary: str | None = field("概要", "One or two sentences for lists and the home page.", default=None)
    phases: tuple[Phase, ...] = field("阶段", "Its phases, in order.", default=())
    goals: tuple[str, ...] = field("目标", "Its goals, one line each.", default=())
    awards: tuple[Award, ...] = field("奖项", "The award categories it confers.", default=())
    scheme: str | None = field("考核标准", "The id of the score scheme its assessments use (content/schemes/<id>.yaml).",
                               default=None, ref="scheme")
    order: str | None = field("排序方式", "How its honour lists are ordered unless an award says otherwise "
                              "(strokes, strokes-count, pinyin, rank, given); defaults to site.toml's order.",
                              default=None, choices=ORDERINGS)
    featured: bool = field("首页展示", "Show its honour roll on the home page.", default=False)
    photo: Path | None = field("照片", "A banner or event photo, relative to this file.", default=None)
    paper: Paper | None = field("纸张", "Paper for its printed honour roll: A4 or A3, 横向 for landscape; "
                                "defaults to site.toml's paper.", default=None)
    board: Board | None = field("展板尺寸", "Its display board's finished size in mm, e.g. 1200x900; "
                                "defaults to site.toml's board.", default=None)
    aliases: tuple[str, ...] = field("旧编号/别名", "The ids it had before, e.g. [wenming-2024]; "
                                     "its old addresses lead on to its pages.", default=())
    body: str = internal("")

    def award(self, award_id: str) -> Award | None:
        """Return the award with this id, if the campaign confers it."""
        return next((a for a in self.awards if a.id == award_id), None)


@dataclass(frozen=True, slots=True, kw_only=True)
class HonourEntry:
    """One item of a campaign's honours.yaml: an award conferred on one or several recipients."""

    award: str = field("奖项", "The id of one of the campaign's awards.")
    unit: str | None = field("单位", "The id of the unit honoured.", default=None, ref="unit")
    person: str | None = field("人员", "The id of the person honoured.", default=None, ref="person")
    units: tuple[str, ...] = field("单位列表", "Several units honoured alike.", default=(), ref="unit")
    people: tuple[str, ...] = field("人员列表", "Several people honoured alike.", default=(), ref="person")
    date: dt.date | None = field("日期", "When it was conferred; defaults to the campaign's end.",
                                 default=None)
    level: str | None = field("等级", "The level, one of the award's levels, e.g. 五星.", default=None)
    rank: int | None = field("名次", "The place in a ranked award, 1 for first.", default=None, minimum=1)
    citation: str | None = field("事迹", "The citation (Markdown).", default=None)


@dataclass(frozen=True, slots=True, kw_only=True)
class Honour:
    """An award of a campaign conferred on one unit or person."""

    campaign: str
    award: str
    recipient_kind: str  # "unit" or "person"
    recipient: str
    date: dt.date
    level: str | None
    rank: int | None
    citation: str | None
    source: Source


@dataclass(frozen=True, slots=True, kw_only=True)
class Attachment:
    """An honour list attached to a bulletin (附件): one award of the bulletin's campaign, or all of them."""

    award: str | None = field("奖项", "The id of an award of the bulletin's campaign; all its awards when omitted.",
                              default=None)
    title: str | None = field("标题", "The attachment's title; defaults to the award's name and 名单, "
                              "e.g. 2024年上半年机关文明部室名单.", default=None)


@dataclass(frozen=True, slots=True, kw_only=True)
class Bulletin:
    """A bulletin (通报, 表彰决定, 简报) with its document number and addressees."""

    id: str = internal()
    source: Source = internal()
    title: str = field("标题", "The document's title, e.g. 关于表彰2024年度文明部室的决定.")
    number: str | None = field("文号", "The document number, e.g. 机关党发〔2024〕12号.", default=None)
    issuer: str = field("发文机关", "Who issues it, e.g. 中共某某公司机关委员会.")
    date: dt.date = field("成文日期", "The date it was signed, e.g. 2024-07-01.")
    kind: str = field("文种", "通报, 表彰决定, 决定 or 简报.", default="通报",
                      choices=("通报", "表彰决定", "决定", "简报", "通知"))
    addressees: tuple[str, ...] = field("主送", "Who it is addressed to, e.g. [机关各部室, 各基层单位].",
                                        default=())
    cc: tuple[str, ...] = field("抄送", "Who receives copies.", default=())
    campaign: str | None = field("活动", "The id of the campaign it belongs to.", default=None,
                                 ref="campaign")
    signatory: str | None = field("落款", "The signature line; defaults to the issuer.", default=None)
    attachments: tuple[Attachment, ...] = field("附件", "Honour lists attached to it, printed after the body "
                                                "with their ordering notes; needs campaign.", default=())
    aliases: tuple[str, ...] = field("旧编号/别名", "The ids it had before, e.g. [biaozhang-2024]; "
                                     "its old addresses lead on to its pages.", default=())
    body: str = internal("")
