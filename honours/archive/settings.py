"""The [archive] table of site.toml: what the 归档文件目录 (DA/T 22-2015) says on its cover and in its 档号."""
from __future__ import annotations

from dataclasses import dataclass

from ..fields import field

# DA/T 22-2015 writes 保管期限 in a 档号 by its code.
RETENTION_CODES = {"永久": "Y", "定期30年": "D30", "定期10年": "D10"}
# What a 档号 format may name, each filled in for every 件.
REFERENCE_NAMES = ("全宗号", "年度", "保管期限", "件号")


@dataclass(frozen=True, slots=True, kw_only=True)
class ArchiveSettings:
    """How a year archive's 归档文件目录 names the fonds and numbers its 件."""

    fonds: str | None = field("全宗名称", "The fonds' name on the catalogue's cover; defaults to organisation.",
                              default=None, note="归档文件目录封面上的全宗名称；不填时用 organisation",
                              example="清源能源集团有限公司")
    fonds_number: str | None = field("全宗号", "The fonds number the archive room gave, e.g. J001.", default=None,
                                     note="档案室给的全宗号", example="J001")
    retention: str = field("保管期限", "How long the documents are kept: 永久, 定期30年 or 定期10年.", default="永久",
                           choices=tuple(RETENTION_CODES), note="永久、定期30年 或 定期10年", example="永久")
    institution: str | None = field("机构", "The department (机构/问题) on the cover; defaults to organisation.",
                                    default=None, note="封面上的机构（问题）；不填时用 organisation", example="党委宣传部")
    reference: str = field("档号格式", "How each 件's 档号 is written: {全宗号}, {年度}, {保管期限} (its code: Y, D30, "
                           "D10) and {件号} (e.g. {件号:04d} for 0001).", default="{全宗号}-WS·{年度}-{保管期限}-{件号:04d}",
                           note="档号的写法，可用 {全宗号}、{年度}、{保管期限}（代码 Y、D30、D10）、{件号}（{件号:04d} 写成 0001）",
                           example="{全宗号}-WS·{年度}-{保管期限}-{件号:04d}")
