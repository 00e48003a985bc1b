"""What the photo pipeline tells people, in Chinese: every photo message is here."""
from __future__ import annotations

import enum
from dataclasses import dataclass


PROGRESS_LABEL = "处理照片"


class Fault(enum.Enum):
    """What can be wrong with a source photo: (what is wrong, how to fix it)."""

    MISSING = ("找不到照片文件", "检查文件名和位置（路径相对于记录文件所在的文件夹）")
    UNREADABLE = ("无法读取照片文件（{detail}）", "检查文件是否被其他程序占用，或是否有读取权限")
    EMPTY = ("照片文件是空的（0 字节）", "文件可能没有复制完整：重新复制或导出原始照片")
    NOT_IMAGE = ("不是可识别的图片文件", "换成 JPEG 或 PNG 格式；HEIC 等格式请先在手机或电脑上导出为 JPEG")
    TRUNCATED = ("照片文件不完整（数据在中途截断）", "文件可能没有复制或下载完整：重新复制原始照片")
    CORRUPT = ("照片数据已损坏，无法解码（{detail}）", "用看图软件打开检查，或重新导出一张")
    BOMB = ("照片像素过多（{detail}），超过上限 {limit} 万像素，可能是损坏或恶意构造的文件",
            "用看图软件把照片缩小到 4000 像素宽左右后再放入")
    CHANGED = ("照片在构建过程中被修改", "等复制或编辑完成后重新构建")
    WORKER = ("处理照片的进程意外退出（{detail}）", "可能是内存不足；关闭其他程序后重新构建")

    @property
    def message(self) -> str:
        return self.value[0]

    @property
    def hint(self) -> str:
        return self.value[1]


class PhotoFailure(Exception):
    """Why one source photo could not be made into its outputs; picklable across processes."""

    def __init__(self, fault: Fault, detail: str = "", limit: int = 0):
        super().__init__(fault, detail, limit)  # args are what pickle rebuilds it from
        self.fault = fault
        self.detail = detail
        self.limit = limit

    def describe(self) -> str:
        """Return the Chinese sentence saying what is wrong."""
        return self.fault.message.format(detail=self.detail, limit=f"{self.limit // 10_000:,}")


def photo_problem(owner: str, shown_file: str, failure: PhotoFailure) -> tuple[str, str]:
    """Return (message, hint) for a photo that failed, naming whose photo and which file."""
    return f"{owner}的照片 {shown_file}：{failure.describe()}", failure.fault.hint


# The printed products, as a clerk calls them.
PRODUCTS = {"board": "展板", "colour_page": "彩页", "honour_roll": "光荣榜"}


@dataclass(frozen=True, slots=True)
class LowDpi:
    """A photo too small for where it prints: the product, the file's own pixels, the printed size, the DPI it
    gets and the product's minimum, and the pixels that would reach that minimum."""

    product: str
    pixels: tuple[int, int]
    size_mm: tuple[float, float]
    dpi: int
    minimum: int
    needed: tuple[int, int]


def low_dpi_problem(owner: str, shown_file: str, low: LowDpi) -> tuple[str, str]:
    """Return (message, hint) for a photo too small to print sharply: sizes in whole millimetres."""
    name = PRODUCTS.get(low.product, low.product)
    return (f"{owner}的照片 {shown_file} 是 {low.pixels[0]}×{low.pixels[1]} 像素，在{name}上印成 "
            f"{low.size_mm[0]:.0f}×{low.size_mm[1]:.0f} 毫米时约 {low.dpi} DPI，低于{name}需要的 {low.minimum} DPI，"
            "印出来会模糊", f"换一张至少 {low.needed[0]}×{low.needed[1]} 像素的原始照片（不要用从聊天软件或网页保存的压缩图）")
