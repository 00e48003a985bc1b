"""Ids for new records: checked by the loader's rule, and made from a name or title by its pinyin."""
from __future__ import annotations

import re

from ..load.files import _ID as ID_RULE  # the rule a file name must follow to be read as a record
from ..load.files import RECORD_SUFFIXES
from ..model.links import RESERVED_IDS
from ..orderings.names import MIDDLE_DOTS, is_han

# Long enough for 2024-wenming-bushi-chuangjian; a derived id is cut at a word before this.
_LONGEST_DERIVED = 40
_WORD = re.compile(r"[A-Za-z0-9]+|[\u3400-\u9fff\U00020000-\U0003ffff]+")


def id_problem(record_id: str) -> str | None:
    """Return why a record id cannot be used (in Chinese), or None when it can."""
    if not record_id:
        return "编号不能为空"
    if record_id.lower().endswith((*RECORD_SUFFIXES, ".html")):
        return f"编号“{record_id}”带了扩展名：编号是文件名去掉 .md"
    if record_id.startswith(("_", ".")):
        return f"编号“{record_id}”以“{record_id[0]}”开头，这样的文件会被当作草稿而不读取"
    if not ID_RULE.match(record_id):
        return f"编号“{record_id}”不能用作文件名：只用字母、数字、汉字、- 和 _，不要有空格、括号或其他符号"
    if record_id.casefold() in RESERVED_IDS:
        return f"“{record_id}”是保留名，会与列表页冲突"
    return None


def suggest_id(text: str, *, person: bool) -> str:
    """Return an id made from a name or title (张伟 -> zhang-wei, 党委宣传部 -> dangwei-xuanchuan-bu), or ""."""
    text = text.strip()
    for suffix in (*RECORD_SUFFIXES, ".html"):
        if text.lower().endswith(suffix):
            text = text[: -len(suffix)]
    if person and any(is_han(char) for char in text):
        words = _person_words(text)
    else:  # 关于 (on) opens most titles and 的 (of) joins their words: neither tells one record from another
        text = text.removeprefix("关于").replace("的", " ")
        words = [w for found in _WORD.findall(text) for w in (_han_words(found) if is_han(found[0]) else [found])]
    result = ""
    for word in (w.lower() for w in words if w):
        if result and len(result) + 1 + len(word) > _LONGEST_DERIVED:
            break
        result = f"{result}-{word}" if result else word
    return result if id_problem(result) is None else ""


def _person_words(name: str) -> list[str]:
    """Return a person's name as id words: the surname's syllables, then the given name's (ouyang-ming)."""
    from ..orderings.pinyin import COMPOUND_SURNAMES, readings  # pypinyin loads its dictionaries on first use

    words = []
    for index, part in enumerate(re.split(f"[{MIDDLE_DOTS}]", name)):
        said = [syllable for reading in readings(part, person=index == 0) if (syllable := _syllable(reading))]
        if index == 0 and len(said) > 1:
            surname = 2 if part[:2] in COMPOUND_SURNAMES else 1
            words += ["".join(said[:surname]), "".join(said[surname:])]
        else:
            words.append("".join(said))
    return words


def _syllable(reading: str) -> str:
    """Return a TONE3 reading without its tone, or "" for what is no letter or digit."""
    return "".join(char for char in reading if char.isascii() and char.isalpha()) or \
        "".join(char for char in reading if char.isascii() and char.isdigit())


def _han_words(run: str) -> list[str]:
    """Return the pinyin words of a run of Chinese characters: words the dictionary knows, other characters in pairs."""
    from pypinyin import lazy_pinyin
    from pypinyin.seg.mmseg import seg

    words: list[str] = []
    single = ""
    for token in seg.cut(run):
        if len(token) == 1 and len(single) < 2:
            single += token
            if len(single) == 2:
                words.append(single)
                single = ""
            continue
        if single:
            words.append(single)
            single = ""
        words.append(token)
    if single:
        words.append(single)
    return ["".join(lazy_pinyin(word, errors="ignore")) for word in words]
