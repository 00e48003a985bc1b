"""Read a hand-edited text file the way Windows users save it: BOM, CRLF, GBK and all."""
from __future__ import annotations

import codecs
import re
from pathlib import Path

from ..errors import Problems

SAVE_AS_UTF8 = "请用记事本“另存为”，编码选 UTF-8"
# Characters no one types on purpose and that break pages, file names or terminals: C0 and C1
# controls (not tab or line ends), DEL, and lone surrogates (only YAML's "\ud800" escapes make them).
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
INVISIBLE_HINT = "删除这个字符（多见于从网页、微信或 Word 复制的文字）；它在编辑器里可能看不见，可把这段文字删掉重新输入"


def invisible_character(text: str) -> str | None:
    """Return the first control character or lone surrogate in `text`, if any."""
    found = _INVISIBLE.search(text)
    return found.group() if found else None


def invisible_message(char: str) -> str:
    """Return the message for a control character or lone surrogate, naming its code point."""
    return f"含有不可见的控制字符（U+{ord(char):04X}）"


def read_text(path: Path, problems: Problems, raw: bytes | None = None) -> str | None:
    """Return the file's text with `\\n` line ends, or None (with an error) if it cannot be read; `raw` is
    its bytes if they were read already."""
    try:
        raw = path.read_bytes() if raw is None else raw
    except OSError as exc:
        problems.error(path, None, None, f"无法读取文件（{exc.strerror}）", "检查文件是否存在、是否被其他程序占用")
        return None
    text = decode(path, raw, problems)
    if text is None:
        return None
    if "\r" in text:
        problems.warning(path, None, None, "文件使用 Windows 换行符（CRLF），已正确读取",
                         "无需处理；如需消除此提示，可在编辑器中改为 LF 换行")
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _wide_without_bom(raw: bytes) -> bool:
    """Return whether bytes look like UTF-16 (or UTF-32) saved without a BOM: every other byte of text is NUL."""
    sample = raw[:512]
    return len(sample) >= 4 and sample.count(0) * 3 >= len(sample)


def decode(path: Path, raw: bytes, problems: Problems, *, warn_encoding: bool = True) -> str | None:
    """Return the text of a file's bytes (UTF-8, with or without BOM, or GB18030), or None after an error.

    `warn_encoding` False keeps quiet about a BOM or GBK: Excel writes CSV that way, so there it is normal.
    """
    # A BOM is what Notepad writes for "UTF-8"; it is harmless, so read past it quietly but say so,
    # because other tools choke on it.
    if raw.startswith(codecs.BOM_UTF8):
        if warn_encoding:
                problems.warning(path, 1, None, "文件开头有 UTF-8 BOM 标记，已正确读取",
                             "无需处理；如需消除此提示，保存为“UTF-8（无 BOM）”")
        raw = raw[len(codecs.BOM_UTF8):]
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _wide_without_bom(raw):
        problems.error(path, 1, None, "文件以 UTF-16（Unicode）编码保存，无法读取", SAVE_AS_UTF8)
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    # GB18030 is a superset of GBK and GB2312: what Chinese Windows saves as "ANSI".
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        line = raw[: utf8_error.start].count(b"\n") + 1
        problems.error(path, line, None, "文件编码无法识别（既不是 UTF-8，也不是 GBK/GB18030）", SAVE_AS_UTF8)
        return None
    if warn_encoding:
        problems.warning(path, None, None, "文件以 GBK/GB18030（ANSI）编码保存，已按 GB18030 读取",
                         SAVE_AS_UTF8 + "，以免他人打开时出现乱码")
    return text
