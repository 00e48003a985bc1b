"""site.toml's [certificates] table, and the texts with placeholders a campaign or award may give.

The placeholder texts are types of their own, so each is checked where it is read, and an error
names the file and line of the field like any other (fields.py calls `from_text`).
"""
from __future__ import annotations

import re
import string
import unicodedata
from dataclasses import dataclass
from typing import NamedTuple

from ..fields import Invalid, field, shown

# The words a certificate's text may use, as {name}: who, what, in which campaign, when.
WORDING_PLACEHOLDERS = {
    "name": "获奖者的名称（个人为姓名，集体为单位名称）",
    "campaign": "活动的全称",
    "award": "奖项名称（含等级，如“五星级服务窗口”）",
    "level": "等级",
    "year": "活动的年度",
    "unit": "个人获奖时所在的单位",
    "organiser": "活动的主办单位",
}
NUMBER_PLACEHOLDERS = {"year": "活动的年度", "number": "证书序号（按 honours.yaml 中的先后），如 {number:03d} 写成 001"}
# Stationers' inserts (证书内芯): 12开 and 8开 are the usual sizes besides A4 and A3, in mm, landscape.
CERTIFICATE_PAPERS = {"A4": (297.0, 210.0), "A3": (420.0, 297.0), "12开": (285.0, 210.0), "8开": (370.0, 260.0),
                      "16开": (260.0, 185.0)}
_PAPER_HINT = "写 A4 横向、12开（285×210）、8开（370×260），或 宽x高（毫米），例如 285x210"


def _placeholders(text: str, offered: dict[str, str], specs: bool) -> None:
    """Raise Invalid unless `text`'s {placeholders} are among `offered` (with a format spec only if `specs`)."""
    hint = "可用的占位符：" + "、".join(f"{{{name}}}（{what}）" for name, what in offered.items()) + \
        "；要印出花括号本身，请写 {{ 或 }}"
    try:
        found = [(name, spec, conversion) for _, name, spec, conversion in string.Formatter().parse(text)
                 if name is not None]
    except ValueError:
        raise Invalid(f"“{shown(text)}”中的花括号“{{ }}”不成对", hint) from None
    for name, spec, conversion in found:
        if name not in offered or conversion or (spec and not specs):
            written = "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
            raise Invalid(f"占位符“{written}”不可用", hint)


class Wording(str):
    """A certificate's text with placeholders, e.g. 在{campaign}中，被评为“{award}”。特发此证，以资鼓励。"""

    __slots__ = ()

    @classmethod
    def from_text(cls, text: str) -> Wording:
        _placeholders(text, WORDING_PLACEHOLDERS, specs=False)
        return cls(text)


class NumberFormat(str):
    """How certificate numbers are written, e.g. 〔{year}〕机关文明第{number:03d}号."""

    __slots__ = ()

    @classmethod
    def from_text(cls, text: str) -> NumberFormat:
        _placeholders(text, NUMBER_PLACEHOLDERS, specs=True)
        if "{number" not in text:
            raise Invalid(f"证书编号格式“{shown(text)}”中没有序号 {{number}}，各证书的编号会相同",
                          "加上 {number}，例如 〔{year}〕机关文明第{number:03d}号")
        try:
            text.format(year=2024, number=1)
        except (ValueError, TypeError) as exc:
            raise Invalid(f"证书编号格式“{shown(text)}”写法有误（{exc}）", "序号写成 {number} 或补零到三位 {number:03d}") from None
        return cls(text)


class CertificatePaper(NamedTuple):
    """The certificate's paper: its name as written and its size in mm (width × height)."""

    name: str
    width: float
    height: float

    @classmethod
    def from_text(cls, text: str) -> CertificatePaper:
        words = unicodedata.normalize("NFKC", text).strip().upper().replace("LANDSCAPE", "横向")
        if found := re.fullmatch(r"(\d+(?:\.\d+)?)\s*[X×*]\s*(\d+(?:\.\d+)?)\s*(?:MM|毫米)?", words):
            width, height = float(found.group(1)), float(found.group(2))
            if 90 <= width <= 600 and 90 <= height <= 600:
                return cls(f"{width:g}×{height:g}", width, height)
            raise Invalid(f"“{shown(text)}”不是可用的证书尺寸", "宽和高都在 90 到 600 毫米之间，" + _PAPER_HINT)
        found = re.fullmatch(r"(A4|A3|12开|8开|16开)\s*(横向|横|纵向|竖向|竖)?", words)
        if not found:
            raise Invalid(f"“{shown(text)}”不是可用的证书纸张", _PAPER_HINT)
        width, height = CERTIFICATE_PAPERS[found.group(1)]
        upright = found.group(2) in ("纵向", "竖向", "竖")
        return cls(text.strip(), *((height, width) if upright else (width, height)))

    def __str__(self) -> str:
        return f"{self.name}（{self.width:g}×{self.height:g} 毫米）"


@dataclass(frozen=True, slots=True, kw_only=True)
class FieldBox:
    """Where one part of a certificate is printed: a box in mm from the paper's top left corner, and its type size."""

    x: float = field("左", "The box's left edge, in mm from the paper's left edge.", minimum=0, maximum=600,
                     note="框的左边到纸张左边的距离，毫米", example=40)
    y: float = field("上", "The box's top edge, in mm from the paper's top edge.", minimum=0, maximum=600,
                     note="框的上边到纸张上边的距离，毫米", example=72)
    w: float = field("宽", "The box's width in mm.", minimum=5, maximum=600, note="框的宽度，毫米", example=217)
    h: float = field("高", "The box's height in mm.", minimum=3, maximum=600, note="框的高度，毫米", example=14)
    size: float | None = field("字号", "The type size in points (三号 16, 二号 22); smaller if the words do not fit; "
                               "defaults to the layout's.", default=None, minimum=6, maximum=72,
                               note="字的大小，单位磅（三号为 16，二号为 22）；放不下时自动缩小", example=22)
    align: str | None = field("对齐", "left, center or right; defaults to the layout's.", default=None,
                              choices=("left", "center", "right"), note="left 靠左，center 居中，right 靠右",
                              example="left")


@dataclass(frozen=True, slots=True, kw_only=True)
class CertificateFields:
    """The boxes of a certificate's parts; each not given is placed as the default layout places it on the paper."""

    name: FieldBox | None = field("称谓", "The salutation: 张伟同志： or the unit's name.", default=None,
                                  note="称谓一行：某某同志：或单位名称：")
    text: FieldBox | None = field("正文", "The wording.", default=None, note="正文")
    issuer: FieldBox | None = field("落款", "The issuer.", default=None, note="落款单位")
    date: FieldBox | None = field("日期", "The date.", default=None, note="颁发日期")
    number: FieldBox | None = field("编号", "The certificate number.", default=None, note="证书编号")


@dataclass(frozen=True, slots=True, kw_only=True)
class Seal:
    """Where the real seal is stamped: kept free of print (no seal image is ever printed)."""

    x: float = field("中心横坐标", "The seal's centre, in mm from the paper's left edge.", minimum=0, maximum=600,
                     note="印章中心到纸张左边的距离，毫米", example=203)
    y: float = field("中心纵坐标", "The seal's centre, in mm from the paper's top edge.", minimum=0, maximum=600,
                     note="印章中心到纸张上边的距离，毫米", example=160)
    diameter: float = field("直径", "The seal's diameter in mm (a 党委 seal is usually 42).", default=42.0,
                            minimum=10, maximum=80, note="印章直径，毫米；常用 42", example=42)


@dataclass(frozen=True, slots=True, kw_only=True)
class CertificateSettings:
    """site.toml's [certificates]: how certificates are printed."""

    mode: str = field("印制方式", "完整版 prints the whole design on blank card; 套打 only the words, on pre-printed "
                      "inserts.", default="完整版", choices=("完整版", "套打"),
                      note="完整版：在空白卡纸上印出边框、标题和文字；套打：只在买来的证书内芯上印文字", example="套打")
    paper: CertificatePaper = field("纸张", "The certificate's paper: A4 横向 (297×210), 12开 (285×210), "
                                    "8开 (370×260), or width x height in mm.", default=CertificatePaper("A4 横向", 297.0, 210.0),
                                    note="证书的纸张：A4 横向、12开（285×210）、8开（370×260），或 宽x高（毫米）", example="12开")
    issuer: str | None = field("落款", "Who issues the certificates; defaults to each campaign's organiser.",
                               default=None, note="证书的落款单位；不填时为活动的主办单位", example="中共某某公司机关委员会")
    number: NumberFormat = field("编号格式", "How certificate numbers are written: {year} and {number}, the honour's "
                                 "place in honours.yaml, e.g. 〔{year}〕机关文明第{number:03d}号.",
                                 default=NumberFormat("〔{year}〕第{number:03d}号"),
                                 note="证书编号的写法：{year} 为年度，{number} 为序号（honours.yaml 中的先后）",
                                 example="〔{year}〕机关文明第{number:03d}号")
    font: str = field("字体", "楷体 or 宋体, for the words.", default="楷体", choices=("楷体", "宋体"),
                      note="证书文字的字体", example="楷体")
    offset_x: float = field("横向偏移", "Moves everything right (or left, negative) by this many mm, for a printer "
                            "that does not print where asked: measure it on the calibration page.", default=0.0,
                            minimum=-50, maximum=50, note="打印机的横向偏差，毫米；向右为正。用校准页量出", example=1.5)
    offset_y: float = field("纵向偏移", "Moves everything down (or up, negative) by this many mm.", default=0.0,
                            minimum=-50, maximum=50, note="打印机的纵向偏差，毫米；向下为正。用校准页量出", example=-2)
    seal: Seal | None = field("印章位置", "Where the seal is stamped, kept free; defaults to over the issuer and date.",
                              default=None, note="盖章的位置，不印任何内容；不填时压在落款和日期上")
    # Off by default: a page per honour costs about 2 ms of each cold build (40 s of CPU for a group's
    # 20,000 honours), and a reprint can print its page of the award's PDF.
    per_honour: bool = field("每项一页", "Also give each honour's certificate a printable page of its own, for a "
                             "reprint (a group's 20,000 honours add 20,000 pages to every cold build).", default=False,
                             note="每项表彰另有一页单独的证书，补印时用；不开时补印可打印奖项 PDF 中的那一页", example=True)
    fields: CertificateFields = field("文字位置", "The box of each part ([certificates.fields.name] and so on).",
                                      default=CertificateFields(), note="各部分文字的位置和大小")
