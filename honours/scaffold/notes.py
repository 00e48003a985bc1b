"""The Chinese notes a new file gives about each field it declares: what to write there, and an example.

The field declarations (honours/model/records.py, honours/config.py) carry a Chinese label and an
English doc; readers of a scaffolded file need Chinese, so the one table below says in Chinese what
each doc says. Whether a field is required, its choices, its reference and range, its type and its
default are read from the declaration itself, so they cannot drift. tests/test_scaffold.py proves that
no declared field lacks a note.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from pathlib import Path
from typing import Any

from ..dates import PartialDate
from ..fields import Spec
from ..paper import Board, Paper

# (class name, field name) -> (what to write, in Chinese; an example value, or None when none helps).
NOTES: dict[tuple[str, str], tuple[str, Any]] = {
    ("SiteConfig", "title"): ("显示在每个页面的顶部", "某某公司光荣榜"),
    ("SiteConfig", "subtitle"): ("网站名称下方的一行字", "先进集体 · 先进个人 · 表彰通报"),
    ("SiteConfig", "organisation"): ("网站的主办单位，显示在页脚", "某某公司党委宣传部"),
    ("SiteConfig", "language"): ("网站界面文字用简体还是繁体；名单也按该字体的笔画排序", "zh-CN"),
    ("SiteConfig", "content_dir"): ("存放记录的文件夹，相对于本文件", "content"),
    ("SiteConfig", "output_dir"): ("生成的网站写到哪个文件夹，相对于本文件；构建时其中不属于网站的文件会被删除",
                                   "output"),
    ("SiteConfig", "order"): ("名单的排序方式，活动或奖项另有规定的除外", "strokes"),
    ("SiteConfig", "pad_names"): ("名单中两个字的姓名补一个全角空格，与三个字的对齐（张　伟）", True),
    ("SiteConfig", "home_bulletins"): ("首页列出最新的几份通报", 6),
    ("SiteConfig", "paper"): ("打印光荣榜用的纸张：A4 或 A3，横排再加“横向”", "A3 横向"),
    ("SiteConfig", "board"): ("展板的成品尺寸，宽x高，单位毫米", "2400x1200"),
    ("SiteConfig", "bleed"): ("展板和彩页四周加的出血，单位毫米", 3),
    ("SiteConfig", "base_url"): ("网站发布的网址，以 http:// 或 https:// 开头；填写后订阅（feed.xml）和网站地图使用完整网址",
                                 "http://oa.example.com/honours/"),
    ("SiteConfig", "search_engines"): ("是否允许搜索引擎收录本网站", False),
    ("SiteConfig", "traditional_edition"): ("同时发布由简体转换的繁体版，放在输出文件夹的这个子文件夹里（小写字母、数字或 -）",
                                            "fanti"),
    ("SiteConfig", "traditional_standard"): ("繁体版用哪种繁体字：s2t 为 OpenCC 标准字形（爲、考覈），s2tw 为台湾字形（為、考核），"
                                             "s2hk 为香港字形", "s2tw"),

    ("Unit", "name"): ("单位的全称", "生产运行科"),
    ("Unit", "kind"): ("例如 部室、基层队、班组、党支部、服务窗口", "部室"),
    ("Unit", "parent"): ("单位按上级单位组成树（集团 → 机关 → 部室）", None),
    ("Unit", "short_name"): ("用在卡片等位置较窄的地方", "宣传部"),
    ("Unit", "photo"): ("单位或集体的照片，放在本文件旁边", None),
    ("Unit", "logo"): ("标志或徽章图片，放在本文件旁边", None),
    ("Unit", "weight"): ("在同级单位中的位置，数小的排在前面", 1),
    ("Unit", "aliases"): ("改名前用过的编号；旧网址会自动跳转到新页面", None),

    ("Person", "name"): ("", "张伟"),
    ("Person", "unit"): ("本人所在的单位", None),
    ("Person", "position"): ("职务或职称，例如 班长、党支部书记", "班长"),
    ("Person", "gender"): ("只在名单惯例注明性别的地方显示", "女"),
    ("Person", "ethnicity"): ("不是汉族时在名单中注明", "回族"),
    ("Person", "photo"): ("本人照片，放在本文件旁边；没有照片时显示带姓氏的占位图", None),
    ("Person", "photo_focus"): ("脸在照片中的位置：[横向比例, 纵向比例]，都在 0 到 1 之间；头像围绕它裁剪", [0.5, 0.3]),
    ("Person", "staff_no"): ("只用于核对，不会发布到网站上", "A20240017"),
    ("Person", "phone"): ("只用于核对，不会发布到网站上", "13900001111"),
    ("Person", "aliases"): ("改名前用过的编号；旧网址会自动跳转到新页面", None),

    ("Campaign", "title"): ("活动的全称", "2024年度文明部室创建活动"),
    ("Campaign", "organiser"): ("例如 机关党委", "机关党委"),
    ("Campaign", "start"): ("活动开始的时间", "2024-03"),
    ("Campaign", "end"): ("活动结束的时间", "2024-12"),
    ("Campaign", "year"): ("归档的年度；不填时为开始时间的年份", 2024),
    ("Campaign", "summary"): ("一两句话，显示在活动列表和首页", "以“文明服务、文明办公”为主题，评选文明部室。"),
    ("Campaign", "phases"): ("按先后顺序写出各个阶段", None),
    ("Campaign", "goals"): ("每条目标一项", ["创建文明部室 10 个"]),
    ("Campaign", "awards"): ("本活动设立的奖项；honours.yaml 中每项表彰都用这里的奖项编号（id）", None),
    ("Campaign", "scheme"): ("逐月考核打分时用的考核标准", None),
    ("Campaign", "order"): ("本活动名单的排序方式，奖项另有规定的除外；不填时按 site.toml 的 order", "given"),
    ("Campaign", "featured"): ("是否在首页展示本活动的光荣榜", True),
    ("Campaign", "photo"): ("活动横幅或现场照片，放在本活动的文件夹里", "banner.jpg"),
    ("Campaign", "paper"): ("打印本活动光荣榜用的纸张：A4 或 A3，横排再加“横向”；不填时按 site.toml", "A3 横向"),
    ("Campaign", "board"): ("展板的成品尺寸，宽x高，单位毫米；不填时按 site.toml", "1200x900"),
    ("Campaign", "aliases"): ("改名前用过的编号；旧网址会自动跳转到新页面", None),

    ("Phase", "name"): ("阶段的名称", "宣传发动阶段"),
    ("Phase", "start"): ("阶段开始的时间", "2024-03"),
    ("Phase", "end"): ("阶段结束的时间", "2024-04 上旬"),
    ("Phase", "summary"): ("这一阶段做什么，一两句话", "召开动员大会，制定实施方案。"),

    ("Award", "id"): ("奖项编号，只用字母、数字和 -；honours.yaml 用它指明奖项", "wenming-bushi"),
    ("Award", "name"): ("奖项的名称，照此印在名单上", "文明部室"),
    ("Award", "recipient"): ("unit 授予单位（集体），person 授予个人", "unit"),
    ("Award", "levels"): ("分等级的奖项写出各等级，从高到低", ["五星", "四星", "三星"]),
    ("Award", "order"): ("本奖项名单的排序方式；不填时按活动的 order", "strokes"),
    ("Award", "quota"): ("评选多少个（名）", 10),
    ("Award", "description"): ("表彰什么样的单位或个人", "服务质量高、群众满意的部室。"),

    ("HonourEntry", "award"): ("奖项编号，即 index.md 中 awards 下某个奖项的 id", None),
    ("HonourEntry", "unit"): ("获奖的单位", None),
    ("HonourEntry", "person"): ("获奖的人员", None),
    ("HonourEntry", "units"): ("同样获奖的几个单位", None),
    ("HonourEntry", "people"): ("同样获奖的几个人", None),
    ("HonourEntry", "date"): ("表彰的日期；不填时为活动的结束时间", "2024-07-01"),
    ("HonourEntry", "level"): ("必须是该奖项 levels 中的一个", "五星"),
    ("HonourEntry", "rank"): ("第一名写 1", 1),
    ("HonourEntry", "citation"): ("获奖的事迹，可用 Markdown（例如 **加粗**）", "深入开展文明礼仪活动，服务质量显著提升。"),

    ("Bulletin", "title"): ("文件的标题", "关于表彰2024年度文明部室的决定"),
    ("Bulletin", "number"): ("发文字号", "机关党发〔2024〕12号"),
    ("Bulletin", "issuer"): ("发文机关的全称", "中共某某公司机关委员会"),
    ("Bulletin", "date"): ("文件签发的日期", "2024-07-01"),
    ("Bulletin", "kind"): ("文件的种类", "表彰决定"),
    ("Bulletin", "addressees"): ("主送机关", ["机关各部室", "各基层单位"]),
    ("Bulletin", "cc"): ("抄送机关", ["集团公司党委"]),
    ("Bulletin", "campaign"): ("本文件所属的活动", None),
    ("Bulletin", "signatory"): ("文末的署名；不填时为发文机关", "中共某某公司机关委员会"),
    ("Bulletin", "attachments"): ("所属活动的表彰名单，印在正文之后（需要填写 campaign）", None),
    ("Bulletin", "aliases"): ("改名前用过的编号；旧网址会自动跳转到新页面", None),

    ("Attachment", "award"): ("奖项编号；不填时附上活动的全部奖项", "wenming-bushi"),
    ("Attachment", "title"): ("附件的标题；不填时为奖项名称加“名单”", "2024年度文明部室名单"),
}

# What the values of a field with choices mean, where the value itself is not Chinese.
CHOICE_NAMES = {"strokes": "姓氏笔画", "strokes-count": "笔画数", "pinyin": "姓氏拼音", "rank": "按名次",
                "given": "排名不分先后", "unit": "单位", "person": "个人", "zh-CN": "简体",
                "zh-TW": "繁体"}

# Where the records a reference names are, so a reader knows what id to write.
REF_PLACES = {"unit": ("单位", "content/units/ 下的文件名去掉 .md"),
              "person": ("人员", "content/people/ 下的文件名去掉 .md"),
              "campaign": ("活动", "content/campaigns/ 下的文件夹名"),
              "scheme": ("考核标准", "content/schemes/ 下的文件名去掉 .yaml")}

_TYPE_NOTES = {dt.date: "日期写成 2024-07-01", PartialDate: "写成 2024、2024-03、2024-04 上旬 或 2024-03-15",
               int: "填整数", float: "填数字", bool: "填 true（是）或 false（否）",
               Path: "写文件名，路径相对于本文件所在的文件夹", Paper: "例如 A4、A3 横向", Board: "例如 2400x1200"}


def base_type(kind: Any) -> Any:
    """Return a field's type without `| None`."""
    if typing.get_origin(kind) in (typing.Union, types.UnionType):
        return next(a for a in typing.get_args(kind) if a is not type(None))
    return kind


def item_type(kind: Any) -> Any | None:
    """Return the type of a list field's items, or None for a field that is no list."""
    kind = base_type(kind)
    return typing.get_args(kind)[0] if typing.get_origin(kind) is tuple else None


def nested(spec: Spec) -> type | None:
    """Return the record class of a list-of-records field (phases, awards, attachments), else None."""
    item = item_type(spec.type)
    return item if item is not None and dataclasses.is_dataclass(item) else None


def note(cls: type, spec: Spec) -> str:
    """Return the Chinese note on a field: label, required or not, what to write, and its rules."""
    what = NOTES.get((cls.__name__, spec.name), (spec.doc, None))[0]
    parts = [what] if what else []
    if spec.ref:
        name, place = REF_PLACES[spec.ref]
        parts.append(f"填{name}的编号，即 {place}")
    if spec.choices:
        parts.append("可选值：" + "、".join(f"{c}（{CHOICE_NAMES[c]}）" if c in CHOICE_NAMES else c
                                         for c in spec.choices))
    if (type_note := _type_note(spec)) is not None:
        parts.append(type_note)
    if spec.minimum is not None or spec.maximum is not None:
        low = "" if spec.minimum is None else f"不小于 {spec.minimum:g}"
        high = "" if spec.maximum is None else f"不大于 {spec.maximum:g}"
        parts.append("，".join(p for p in (low, high) if p))
    if (default := default_of(cls, spec.name)) is not None:
        parts.append(f"不填时为 {default}")
    head = f"{spec.label}（{'必填' if spec.required else '可选'}）"
    return head + ("：" + "；".join(parts) if parts else "")


def _type_note(spec: Spec) -> str | None:
    item = item_type(spec.type)
    if item is None:
        return _TYPE_NOTES.get(base_type(spec.type))
    if dataclasses.is_dataclass(item):
        return "每项以“- ”开头，各项的字段见下"
    if item is float:
        return "写成 [数, 数]"
    return "可写几项：[甲, 乙]"


def default_value(cls: type, name: str) -> Any:
    """Return a field's default, or None when it has none worth saying (no default, None, empty)."""
    default = next(f.default for f in dataclasses.fields(cls) if f.name == name)
    if default is dataclasses.MISSING or default is None or default == () or default == "":
        return None
    if isinstance(default, Board):  # as a reader writes it, not as its __str__ shows it (2400×1200 mm)
        return f"{default.width_mm:g}x{default.height_mm:g}"
    if isinstance(default, Paper):
        return str(default)
    return default


def default_of(cls: type, name: str) -> str | None:
    """Return a field's default as a reader would write it, or None when it has none worth saying."""
    default = default_value(cls, name)
    if isinstance(default, bool):
        return "true" if default else "false"
    if isinstance(default, float):
        return f"{default:g}"
    return None if default is None else str(default)


def example(cls: type, spec: Spec) -> Any:
    """Return the example value of a field from the table, or None."""
    return NOTES.get((cls.__name__, spec.name), ("", None))[1]
