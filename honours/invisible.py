"""Characters that show nothing yet change a text: zero-width spaces and joiners, direction marks and
controls, and the BOM inside a text.

They come in with text copied from web pages, WeChat or Word. In a name they make two people of one
(白玉兰 with a zero-width space inside looks like 白玉兰), and a right-to-left override (U+202E) shows
the text after it reversed. A roster import removes them; loading flags them; a problem report shows
them escaped (\\u200b), so they can be found.
"""
from __future__ import annotations

import re

# U+200B–U+200F zero-width space, non-joiner, joiner, left-to-right and right-to-left marks;
# U+202A–U+202E embeddings and overrides; U+2066–U+2069 isolates; U+FEFF the BOM (zero-width no-break space).
HIDDEN_CHARACTERS = "\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff"
_HIDDEN = re.compile(f"[{HIDDEN_CHARACTERS}]")
_NAMES = {0x200B: "零宽空格", 0x200C: "零宽非连接符", 0x200D: "零宽连接符", 0x200E: "从左到右标记", 0x200F: "从右到左标记",
          0x202D: "强制从左到右", 0x202E: "强制从右到左", 0xFEFF: "BOM 零宽不换行空格"}
HIDDEN_HINT = "删除这个字符（多来自从网页、微信或 Word 复制的文字）；它在编辑器里看不见，可把这段文字删掉重新输入"
NAME_HINT = "名称和编号中有它，看上去相同的名字会被当成两个：把这个值删掉重新输入（它多来自从网页、微信或 Word 复制的文字）"


def hidden_character(text: str) -> str | None:
    """Return the first hidden character in `text`, if any."""
    found = _HIDDEN.search(text)
    return found.group() if found else None


def without_hidden(text: str) -> str:
    """Return `text` with every hidden character removed."""
    return _HIDDEN.sub("", text)


def hidden_message(char: str, text: str = "") -> str:
    """Return the message for a hidden character, naming its code point and what it is, and quoting the text
    around it (a report prints it escaped: 白\\u200b玉兰)."""
    code = ord(char)
    name = _NAMES.get(code) or ("方向控制符" if 0x202A <= code <= 0x202E else "方向隔离符")
    if not text:
        return f"含有看不见的字符（U+{code:04X} {name}）"
    at = text.index(char)
    quoted = ("…" if at > 12 else "") + text[max(0, at - 12):at + 13].replace("\n", " ") + ("…" if at + 13 < len(text) else "")
    return f"“{quoted}”中有看不见的字符（U+{code:04X} {name}）"
