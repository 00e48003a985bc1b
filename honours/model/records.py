"""The records of a site, and every kind of record declared once (`KINDS`).

Each front-matter field is declared here once: typed, with its Chinese label, an English doc for
the README, and a Chinese note and example for the files `new` writes.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..dates import PartialDate
from ..fields import field, internal
from ..orderings import ORDERINGS
from ..paper import Board, Paper
from ..certificates.settings import NumberFormat, Wording
from .assessments import Assessment, Commentary
from ..load.files import SHEET_SUFFIXES
from .kinds import CampaignIndex, InCampaign, InFolder, Printable, RecordKind, Scaffold, Shape
from .scheme import Scheme

RECIPIENTS = ("unit", "person")
_ALIASES_NOTE = "改名前用过的编号；旧网址会自动跳转到新页面"


@dataclass(frozen=True, slots=True, kw_only=True)
class FormerName:
    """A name a unit had until a date (曾用名): honours from then show it, as the documents of the time did."""

    until: PartialDate = field("止于", "The last day the name was used: 2015-06-30, or 2015-06 for the whole month.",
                               note="用这个名称的最后一天", example="2015-06-30")
    name: str = field("名称", "The unit's full name then, e.g. 宣传科.", note="当时的全称", example="宣传科")
    short_name: str | None = field("简称", "Its short name then, if it had one.", default=None, note="当时的简称")


@dataclass(frozen=True, slots=True, kw_only=True)
class Unit:
    """A unit that can be honoured: 部室, 基层队, 班组, 党支部, 服务窗口 ... Units form a tree."""

    id: str = internal()
    name: str = field("名称", "The unit's full name, e.g. 生产运行科.", note="单位的全称", example="生产运行科")
    kind: str = field("类型", "What sort of unit it is, e.g. 部室, 基层队, 班组, 党支部, 服务窗口.",
                      note="例如 部室、基层队、班组、党支部、服务窗口", example="部室")
    parent: str | None = field("上级单位", "The id of the unit it belongs to (a file name without .md).",
                               default=None, ref="unit", note="单位按上级单位组成树（集团 → 机关 → 部室）")
    short_name: str | None = field("简称", "A shorter name for tight places such as cards.", default=None,
                                   note="用在卡片等位置较窄的地方", example="宣传部")
    photo: Path | None = field("照片", "A photo of the unit or team, relative to this file.", default=None,
                               note="单位或集体的照片，放在本文件旁边")
    logo: Path | None = field("标志", "A logo or badge image, relative to this file.", default=None,
                              note="标志或徽章图片，放在本文件旁边")
    weight: int = field("排序", "Position among its sibling units: smaller first.", default=0,
                        note="在同级单位中的位置，数小的排在前面", example=1)
    aliases: tuple[str, ...] = field("旧编号/别名", "The ids it had before, e.g. [jishu-ban]; "
                                     "its old addresses lead on to its pages.", default=(), note=_ALIASES_NOTE)
    names: tuple[FormerName, ...] = field(
        "曾用名", "The names it had before, each with the last day it was used: honours, rolls and prints show the "
        "name the unit had on the honour's date.", default=(),
        note="改名前用过的名称和用到哪一天；荣誉显示获奖当时的名称")
    merged_into: str | None = field("并入单位", "The id of the unit it was merged into, from `merged_on`.", default=None,
                                    ref="unit", note="已撤并的单位写它并入了哪个单位", example="caiyou-erdui")
    merged_on: PartialDate | None = field("并入时间", "When it was merged, e.g. 2019-01.", default=None,
                                          note="从哪一天起并入", example="2019-01")
    description: str = internal("", repr=False)  # not in its repr: read apart (render/reads.py)

    def as_on(self, day: dt.date) -> Unit:
        """Return the unit under the name it had on `day` (its `names`); itself when that is its name now."""
        if not self.names:  # most units: no call of sorted on every card of every roll
            return self
        for former in sorted(self.names, key=lambda former: former.until.last_day()):
            if day <= former.until.last_day():
                return dataclasses.replace(self, name=former.name, short_name=former.short_name)
        return self


@dataclass(frozen=True, slots=True, kw_only=True)
class Post:
    """A post a person held (任职), from a date until the next post began."""

    start: PartialDate = field("起始", "When the person took up the post: 2012-03 or 2012-03-15.", key="from",
                               note="任职开始的时间", example="2012-03")
    unit: str = field("单位", "The id of the unit the post was in.", ref="unit", note="任职的单位")
    position: str | None = field("职务", "The position held, e.g. 技术员.", default=None, note="当时的职务",
                                 example="技术员")


@dataclass(frozen=True, slots=True, kw_only=True)
class Person:
    """A person who can be honoured."""

    id: str = internal()
    name: str = field("姓名", "The person's full name, e.g. 张伟.", example="张伟")
    unit: str = field("单位", "The id of the person's unit.", ref="unit", note="本人所在的单位")
    position: str | None = field("职务", "Position or title, e.g. 班长, 党支部书记.", default=None,
                                 note="职务或职称，例如 班长、党支部书记", example="班长")
    gender: str | None = field("性别", "男 or 女; shown only where lists customarily show it.", default=None,
                               choices=("男", "女"), note="只在名单惯例注明性别的地方显示", example="女")
    ethnicity: str | None = field("民族", "e.g. 回族; shown as an annotation in lists when not 汉族.", default=None,
                                  note="不是汉族时在名单中注明", example="回族")
    photo: Path | None = field("照片", "A portrait, relative to this file.", default=None,
                               note="本人照片，放在本文件旁边；没有照片时显示带姓氏的占位图")
    photo_focus: tuple[float, ...] = field(
        "照片焦点", "Where the face is, as [x, y] fractions of the photo's width and height, e.g. [0.5, 0.3]; "
        "portraits are cropped around it.", default=(),
        note="脸在照片中的位置：[横向比例, 纵向比例]，都在 0 到 1 之间；头像围绕它裁剪", example=[0.5, 0.3])
    posts: tuple[Post, ...] = field(
        "任职经历", "The posts held, each from its date until the next; the newest is the current unit and "
        "position. An honour shows the post held on its date.", default=(),
        note="按时间写出担任过的职务，最后一项即现任的单位和职务；荣誉显示获奖当时的单位和职务")
    aliases: tuple[str, ...] = field("旧编号/别名", "The ids it had before, e.g. [zhang-wie]; "
                                     "its old addresses lead on to its pages.", default=(), note=_ALIASES_NOTE)
    biography: str = internal("", repr=False)  # not in its repr: read apart (render/reads.py)

    @dataclass(frozen=True, slots=True, kw_only=True)
    class Private:
        """Kept for matching records (the roster import reads them), never in a record a template sees."""

        staff_no: str | None = field("工号", "Staff number. Private: never published.", default=None,
                                     note="只用于核对，不会发布到网站上", example="A20240017")
        phone: str | None = field("电话", "Phone number. Private: never published.", default=None,
                                  note="只用于核对，不会发布到网站上", example="13900001111")

    def history(self) -> list[tuple[Post, PartialDate | None]]:
        """Return the posts newest first, each with when it ended: the next one's start (None for the current one)."""
        ordered = sorted(self.posts, key=lambda post: post.start.first_day())
        return list(zip(ordered, [post.start for post in ordered[1:]] + [None]))[::-1]

    def post_at(self, day: dt.date) -> tuple[str, str | None]:
        """Return the unit and position held on `day`: the latest post begun by then, else the current ones."""
        begun = [post for post in self.posts if post.start.first_day() <= day]
        if not begun:
            return self.unit, self.position
        latest = max(begun, key=lambda post: post.start.first_day())
        return latest.unit, latest.position


@dataclass(frozen=True, slots=True, kw_only=True)
class Phase:
    """One stage of a campaign, e.g. 宣传发动阶段 from 2012-03 to 2012-04 上旬."""

    name: str = field("名称", "The phase's name, e.g. 宣传发动阶段.", note="阶段的名称", example="宣传发动阶段")
    start: PartialDate = field("开始", "When it starts: 2012-03, 2012-03-15 or 2012-04 上旬.", note="阶段开始的时间",
                               example="2024-03")
    end: PartialDate | None = field("结束", "When it ends, in the same forms.", default=None, note="阶段结束的时间",
                                    example="2024-04 上旬")
    summary: str | None = field("概要", "What happens in this phase, one or two sentences.", default=None,
                                note="这一阶段做什么，一两句话", example="召开动员大会，制定实施方案。")


@dataclass(frozen=True, slots=True, kw_only=True)
class Award:
    """An award category a campaign confers, e.g. 文明部室 or 星级服务窗口 (三/四/五星)."""

    id: str = field("编号", "A short id used by honours to name this award, e.g. wenming-bushi.",
                    note="奖项编号，只用字母、数字和 -；honours.yaml 用它指明奖项", example="wenming-bushi")
    name: str = field("名称", "The award's name as printed, e.g. 文明部室.", note="奖项的名称，照此印在名单上",
                      example="文明部室")
    recipient: str = field("授予对象", "Who receives it: unit or person.", choices=RECIPIENTS,
                           note="unit 授予单位（集体），person 授予个人", example="unit")
    levels: tuple[str, ...] = field("等级", "Allowed levels, highest first, e.g. [五星, 四星, 三星].", default=(),
                                    note="分等级的奖项写出各等级，从高到低", example=["五星", "四星", "三星"])
    order: str | None = field("排序方式", "How its list is ordered: strokes (姓氏笔画), strokes-count (笔画数), "
                              "pinyin (姓氏拼音), rank (按名次) or given (排名不分先后); defaults to the campaign's.",
                              default=None, choices=ORDERINGS, note="本奖项名单的排序方式；不填时按活动的 order",
                              example="strokes")
    quota: int | None = field("名额", "How many are to be named, e.g. 20; naming more is a warning (an error with "
                              "--strict).", default=None, minimum=1, note="评选多少个（名）；名单超出名额时会提示", example=10)
    description: str | None = field("说明", "What the award recognises.", default=None,
                                    note="表彰什么样的单位或个人", example="服务质量高、群众满意的部室。")
    certificate_text: Wording | None = field(
        "证书正文", "Its certificates' wording, with placeholders such as {name}, {award}, {campaign}, {year}; "
        "defaults to the campaign's.", default=None, note="本奖项荣誉证书的正文，可用 {name}、{award}、{campaign}、{year} 等；"
        "不填时按活动的", example="在{year}年度读书活动中，被评为“{award}”。特发此证，以资鼓励。")


@dataclass(frozen=True, slots=True, kw_only=True)
class Campaign:
    """A campaign (创建/评比活动) with its phases, goals and the awards it confers."""

    id: str = internal()
    sample: bool = internal(False)  # one of init's sample records, still marked so (placeholders.py)
    title: str = field("标题", "The campaign's full title.", note="活动的全称", example="2024年度文明部室创建活动")
    organiser: str = field("主办单位", "Who runs it, e.g. 机关党委.", note="例如 机关党委", example="机关党委")
    start: PartialDate = field("开始", "When it starts: 2012-03 or 2012-03-15.", note="活动开始的时间", example="2024-03")
    end: PartialDate = field("结束", "When it ends.", note="活动结束的时间", example="2024-12")
    year: int | None = field("年度", "The campaign year it is archived under; defaults to the start's year.",
                             default=None, minimum=1900, maximum=2999, note="归档的年度；不填时为开始时间的年份",
                             example=2024)
    summary: str | None = field("概要", "One or two sentences for lists and the home page.", default=None,
                                note="一两句话，显示在活动列表和首页", example="以“文明服务、文明办公”为主题，评选文明部室。")
    phases: tuple[Phase, ...] = field("阶段", "Its phases, in order.", default=(), note="按先后顺序写出各个阶段")
    goals: tuple[str, ...] = field("目标", "Its goals, one line each.", default=(), note="每条目标一项",
                                   example=["创建文明部室 10 个"])
    awards: tuple[Award, ...] = field("奖项", "The award categories it confers.", default=(),
                                      note="本活动设立的奖项；honours.yaml 中每项表彰都用这里的奖项编号（id）")
    scheme: str | None = field("考核标准", "The id of the score scheme its assessments use (content/schemes/<id>.yaml).",
                               default=None, ref="scheme", note="逐月考核打分时用的考核标准")
    order: str | None = field("排序方式", "How its honour lists are ordered unless an award says otherwise "
                              "(strokes, strokes-count, pinyin, rank, given); defaults to site.toml's order.",
                              default=None, choices=ORDERINGS,
                              note="本活动名单的排序方式，奖项另有规定的除外；不填时按 site.toml 的 order", example="given")
    featured: bool = field("首页展示", "Show its honour roll on the home page.", default=False,
                           note="是否在首页展示本活动的光荣榜", example=True)
    photo: Path | None = field("照片", "A banner or event photo, relative to this file.", default=None,
                               note="活动横幅或现场照片，放在本活动的文件夹里", example="banner.jpg")
    paper: Paper | None = field("纸张", "Paper for its printed honour roll: A4 or A3, 横向 for landscape; "
                                "defaults to site.toml's paper.", default=None,
                                note="打印本活动光荣榜用的纸张：A4 或 A3，横排再加“横向”；不填时按 site.toml", example="A3 横向")
    board: Board | None = field("展板尺寸", "Its display board's finished size in mm, e.g. 1200x900; "
                                "defaults to site.toml's board.", default=None,
                                note="展板的成品尺寸，宽x高，单位毫米；不填时按 site.toml", example="1200x900")
    certificate_text: Wording | None = field(
        "证书正文", "Its certificates' wording, with placeholders {name}, {award}, {level}, {campaign}, {year}, {unit}, "
        "{organiser}; defaults to 在{year}年度{campaign}中，被评为“{award}”。特发此证，以资鼓励。", default=None,
        note="荣誉证书的正文，可用 {name}、{award}、{campaign}、{year} 等占位符", example="在{campaign}中，被评为“{award}”。特发此证，以资鼓励。")
    certificate_issuer: str | None = field("证书落款", "Who issues its certificates; defaults to site.toml's "
                                           "[certificates] issuer, else the organiser.", default=None,
                                           note="荣誉证书的落款；不填时按 site.toml，再不填为主办单位", example="中共某某公司机关委员会")
    certificate_number: NumberFormat | None = field(
        "证书编号格式", "How its certificate numbers are written, e.g. 〔{year}〕机关文明第{number:03d}号; defaults to "
        "site.toml's.", default=None, note="本活动证书编号的写法；不填时按 site.toml", example="〔{year}〕机关文明第{number:03d}号")
    aliases: tuple[str, ...] = field("旧编号/别名", "The ids it had before, e.g. [wenming-2024]; "
                                     "its old addresses lead on to its pages.", default=(), note=_ALIASES_NOTE)
    body: str = internal("", repr=False)  # not in its repr: read apart (render/reads.py)

    def award(self, award_id: str) -> Award | None:
        """Return the award with this id, if the campaign confers it."""
        return next((a for a in self.awards if a.id == award_id), None)


@dataclass(frozen=True, slots=True, kw_only=True)
class HonourEntry:
    """One item of a campaign's honours.yaml: an award conferred on one or several recipients."""

    award: str = field("奖项", "The id of one of the campaign's awards.", note="奖项编号，即 index.md 中 awards 下某个奖项的 id")
    unit: str | None = field("单位", "The id of the unit honoured.", default=None, ref="unit", note="获奖的单位")
    person: str | None = field("人员", "The id of the person honoured.", default=None, ref="person", note="获奖的人员")
    units: tuple[str, ...] = field("单位列表", "Several units honoured alike.", default=(), ref="unit",
                                   note="同样获奖的几个单位")
    people: tuple[str, ...] = field("人员列表", "Several people honoured alike.", default=(), ref="person",
                                    note="同样获奖的几个人")
    date: dt.date | None = field("日期", "When it was conferred; defaults to the campaign's end.", default=None,
                                 note="表彰的日期；不填时为活动的结束时间", example="2024-07-01")
    level: str | None = field("等级", "The level, one of the award's levels, e.g. 五星.", default=None,
                              note="必须是该奖项 levels 中的一个", example="五星")
    rank: int | None = field("名次", "The place in a ranked award, 1 for first.", default=None, minimum=1,
                             note="第一名写 1", example=1)
    citation: str | None = field("事迹", "The citation (Markdown).", default=None,
                                 note="获奖的事迹，可用 Markdown（例如 **加粗**）", example="深入开展文明礼仪活动，服务质量显著提升。")


@dataclass(frozen=True, slots=True, kw_only=True)
class Honour:
    """An award of a campaign conferred on one unit or person."""

    campaign: str
    award: str
    recipient_kind: str  # "unit" or "person"
    recipient: str
    date: dt.date  # the day it counts from, for ordering and for the unit's name and the post held then
    when: PartialDate  # the date as entered, what pages show: the entry's day, or the campaign's end (2025年12月)
    level: str | None
    rank: int | None
    citation: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Attachment:
    """An honour list attached to a bulletin (附件): one award of the bulletin's campaign, or all of them."""

    award: str | None = field("奖项", "The id of an award of the bulletin's campaign; all its awards when omitted.",
                              default=None, note="奖项编号；不填时附上活动的全部奖项", example="wenming-bushi")
    title: str | None = field("标题", "The attachment's title; defaults to the award's name and 名单, "
                              "e.g. 2024年上半年机关文明部室名单.", default=None,
                              note="附件的标题；不填时为奖项名称加“名单”", example="2024年度文明部室名单")


@dataclass(frozen=True, slots=True, kw_only=True)
class Bulletin:
    """A bulletin (通报, 表彰决定, 简报) with its document number and addressees."""

    id: str = internal()
    title: str = field("标题", "The document's title, e.g. 关于表彰2024年度文明部室的决定.", note="文件的标题",
                       example="关于表彰2024年度文明部室的决定")
    number: str | None = field("文号", "The document number, e.g. 机关党发〔2024〕12号.", default=None, note="发文字号",
                               example="机关党发〔2024〕12号")
    issuer: str = field("发文机关", "Who issues it, e.g. 中共某某公司机关委员会.", note="发文机关的全称",
                        example="中共某某公司机关委员会")
    date: dt.date = field("成文日期", "The date it was signed, e.g. 2024-07-01.", note="文件签发的日期",
                          example="2024-07-01")
    kind: str = field("文种", "通报, 表彰决定, 决定 or 简报.", default="通报", choices=("通报", "表彰决定", "决定", "简报", "通知"),
                      note="文件的种类", example="表彰决定")
    addressees: tuple[str, ...] = field("主送", "Who it is addressed to, e.g. [机关各部室, 各基层单位].", default=(),
                                        note="主送机关", example=["机关各部室", "各基层单位"])
    cc: tuple[str, ...] = field("抄送", "Who receives copies.", default=(), note="抄送机关", example=["集团公司党委"])
    campaign: str | None = field("活动", "The id of the campaign it belongs to.", default=None, ref="campaign",
                                 note="本文件所属的活动")
    signatory: str | None = field("落款", "The signature line; defaults to the issuer.", default=None,
                                  note="文末的署名；不填时为发文机关", example="中共某某公司机关委员会")
    attachments: tuple[Attachment, ...] = field("附件", "Honour lists attached to it, printed after the body "
                                                "with their ordering notes; needs campaign.", default=(),
                                                note="所属活动的表彰名单，印在正文之后（需要填写 campaign）")
    aliases: tuple[str, ...] = field("旧编号/别名", "The ids it had before, e.g. [biaozhang-2024]; "
                                     "its old addresses lead on to its pages.", default=(), note=_ALIASES_NOTE)
    classification: str | None = field("密级", "Its security classification for the 归档文件目录, e.g. 内部; "
                                       "none for an open document.", default=None, note="归档文件目录中的密级，公开的文件不填",
                                       example="内部")
    body: str = internal("", repr=False)  # not in its repr: read apart (render/reads.py)


# Every kind of record, in the order the site's sections and pages come.
CAMPAIGN = RecordKind(
    name="campaign", record=Campaign, label="活动", files=CampaignIndex(), table="campaigns", body="body", title="title",
    page="campaign.html", index="campaigns.html", url="campaigns/{id}/index.html", photos=(("photo", "banner"),),
    order=lambda c: (c.start.first_day(), c.id), newest_first=True, search=True, year=lambda c: c.year or c.start.year,
    new=Scaffold(("title", "organiser", "start", "end"), "title", "wenming-2024",
                 "--title 2024年度文明部室创建活动",
                 "在这里写活动的背景、组织领导和工作安排（Markdown，可以不写）"))
UNIT = RecordKind(
    name="unit", record=Unit, label="单位", files=InFolder("units"), table="units", body="description",
    page="unit.html", index="units.html", url="units/{id}.html", photos=(("photo", "group"), ("logo", "logo")),
    printable=Printable("print/colour_page.html", "colour_page_of"), search=True,
    new=Scaffold(("name", "kind", "parent", "short_name"), "unit", "xuanchuan-bu",
                 "--name 党委宣传部 --kind 部室", "在这里写单位简介（Markdown，可以不写）"))
PERSON = RecordKind(
    name="person", record=Person, label="人员", files=InFolder("people"), table="people", body="biography",
    page="person.html", index="people.html", url="people/{id}.html", photos=(("photo", "portrait"),),
    focus="photo_focus", search=True,
    new=Scaffold(("name", "unit", "position", "gender"), "person", "zhang-wei",
                 "--name 张伟 --unit xuanchuan-bu", "在这里写个人简介（Markdown，可以不写）"))
BULLETIN = RecordKind(
    name="bulletin", record=Bulletin, label="通报", files=InFolder("bulletins"), table="bulletins", body="body",
    title="title", page="bulletin.html", index="bulletins.html", url="bulletins/{id}.html",
    order=lambda b: (b.date, b.id), newest_first=True, printable=Printable("print/bulletin.html", "print_document_of"), search=True,
    year=lambda b: b.date.year,
    new=Scaffold(("title", "number", "issuer", "date", "kind", "campaign"), "title", "biaozhang-2024",
                 "--title 关于表彰2024年度文明部室的决定",
                 "在这里写文件正文（Markdown）。要在正文中列出活动的表彰名单，另起一行写 {{< honours campaign=\"%s\" >}}"))
HONOUR = RecordKind(name="honour", record=HonourEntry, label="表彰", files=InCampaign("honours.yaml"), shape=Shape.LIST,
                    title="award")
SCHEME = RecordKind(name="scheme", record=Scheme, label="考核标准", files=InFolder("schemes", ".yaml"), table="schemes")
COMMENTARY = RecordKind(name="commentary", record=Commentary, label="考核通报", files=InCampaign("assessments", (".md",)),
                        body="body", title="title")
ASSESSMENT = RecordKind(name="assessment", record=Assessment, label="考核", shape=Shape.SCORES,
                        files=InCampaign("assessments", (".yaml", ".yml", *SHEET_SUFFIXES)), title="period")
KINDS: tuple[RecordKind, ...] = (CAMPAIGN, UNIT, PERSON, BULLETIN, HONOUR, SCHEME, COMMENTARY, ASSESSMENT)
_BY_NAME = {kind.name: kind for kind in KINDS}
_BY_CLASS = {kind.record: kind for kind in KINDS}


def kind_named(name: str) -> RecordKind:
    """Return the kind references call `name` ("unit")."""
    return _BY_NAME[name]


def kind_of(record: Any) -> RecordKind:
    """Return the kind of a record."""
    return _BY_CLASS[type(record)]


def tabled() -> tuple[RecordKind, ...]:
    """Return the kinds the Site keeps a table of, by id."""
    return tuple(kind for kind in KINDS if kind.table)
