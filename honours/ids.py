"""Ids for new records, as `new` and `import` both make them, and the ids a site's folders already use.

An id is made from a name or title by its pinyin, in the example site's style: a person's surname apart
from their given name (bai-yulan, ouyang-ming, ai-li-maimaiti), a unit's words apart and its ending on its
own (dangwei-xuanchuan-bu, zhushui-dui-shuizhi-huayan-ban, caiyou-wudui), a title's words apart
(2024-niandu-wenming-bushi). Full-width letters and digits count as the ordinary ones (ＩＴ部 it-bu).
"""
from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Collection, Iterator
from pathlib import Path

from .fields import IMAGE_SUFFIXES
from .load.files import ID_RULE, RECORD_SUFFIXES, RESERVED_IDS, record_files
from .orderings.names import MIDDLE_DOTS, is_han, name_core

# Long enough for 2024-wenming-bushi-chuangjian; a derived id is cut at a word before this.
_LONGEST_DERIVED = 40
_WORD = re.compile(r"[A-Za-z0-9]+|[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]+")
# Compound surnames read as their characters usually are (orderings.pinyin has those read otherwise):
# one word in an id, as 欧阳 is (situ-jing, not si-tujing).
_MORE_COMPOUND_SURNAMES = {"司徒", "司空", "公孙", "慕容", "端木", "独孤", "南宫", "西门", "呼延", "轩辕", "钟离",
                           "闻人", "赫连", "申屠", "公冶", "太史", "百里", "东郭", "拓跋", "完颜", "第五"}
# How unit names end; the ending is a word of its own in the id (xuanchuan-bu). Longer ones first.
_UNIT_ENDINGS = ("党总支", "党支部", "办公室", "大队", "中队", "中心", "窗口", "车间", "部", "室", "科", "处", "班",
                "队", "组", "站", "所", "厂", "院", "委")
# Where a unit's name names the unit it belongs to first: 注水队|水质化验班, 第二采油厂|第三作业大队.
_INNER_ENDINGS = ("车间", "队", "厂")
_NUMERALS = "一二三四五六七八九十"


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


def suggest_id(text: str, kind: str) -> str:
    """Return an id made from a person's or unit's name or a title (张伟 zhang-wei), or "" when none can be made."""
    text = unicodedata.normalize("NFKC", text).strip()
    for suffix in (*RECORD_SUFFIXES, ".html"):
        if text.lower().endswith(suffix):
            text = text[: -len(suffix)]
    if kind == "person" and any(is_han(char) for char in text):
        words = _person_words(text)
    else:
        if kind == "title":  # 关于 (on) opens most titles and 的 (of) joins their words: neither tells one from another
            text = text.removeprefix("关于").replace("的", " ")
        elif kind == "unit":  # 信息中心(筹): what is in brackets is a note, not the name
            text = re.sub(r"\([^()]*\)", " ", text)
        words = [w for run in _WORD.findall(text) for w in (_han_words(run, kind) if is_han(run[0]) else [run])]
    result = ""
    for word in (w.lower() for w in words if w):
        if result and len(result) + 1 + len(word) > _LONGEST_DERIVED:
            break
        result = f"{result}-{word}" if result else word
    return result if id_problem(result) is None else ""


def unique_id(base: str, taken: Collection[str], tag: str | None = None) -> str:
    """Return `base`, else `base-<tag>` (a staff number), else `base-2`, `-3` …: the first free one.

    `taken` holds ids folded with casefold(), as two files whose names differ only in case are one on Windows.
    """
    return next(c for c, _ in _candidates(base, tag, 2) if c.casefold() not in taken and c.casefold() not in RESERVED_IDS)


class FreeIds:
    """Ids given out one after another as unique_id() gives each, none twice: an import's new records.

    The number to try next after each base is kept: numbers below it are taken, and taken ids are never
    freed, so 50,000 people with a few hundred names cost time in proportion to their number, not its square.
    """

    def __init__(self, taken: Collection[str]):
        self.taken = set(taken)  # folded with casefold()
        self._next: dict[str, int] = {}

    def take(self, base: str, tag: str | None = None) -> str:
        """Return the id unique_id() would give, and mark it taken."""
        key = base.casefold()
        found, number = next((c, n) for c, n in _candidates(base, tag, self._next.get(key, 2))
                             if c.casefold() not in self.taken and c.casefold() not in RESERVED_IDS)
        if number:
            self._next[key] = number + 1
        self.taken.add(found.casefold())
        return found


def _candidates(base: str, tag: str | None, start: int) -> Iterator[tuple[str, int]]:
    """Yield the ids to try in turn, each with its number (0 for none): base, base-<tag>, base-<start> …"""
    yield base, 0
    if tag and (slug := re.sub(r"[^a-z0-9]+", "-", unicodedata.normalize("NFKC", tag).casefold()).strip("-")):
        yield f"{base}-{slug}", 0
    for number in itertools.count(start):
        yield f"{base}-{number}", number


def id_files(folder: Path) -> dict[str, Path]:
    """Return, by id folded with casefold(), the files in a kind's folder (and below) that keep a new record from it.

    A record file, as the loader lists them, has its id; so has a photo named like one (zhang-wei.jpg), as a
    new record's photo goes by its id and must not take the place of a file that is there.
    """
    found: dict[str, Path] = {}
    for path in record_files(folder):
        found.setdefault(path.stem.casefold(), path)
    if folder.is_dir():
        for path in sorted(folder.rglob("*")):
            if path.suffix.lower() in IMAGE_SUFFIXES and not path.name.startswith((".", "~$")) and path.is_file():
                found.setdefault(path.stem.casefold(), path)
    return found


def is_record_file(path: Path) -> bool:
    """Return whether a file from id_files() is a record (not a photo)."""
    return path.suffix.lower() in RECORD_SUFFIXES


def _person_words(name: str) -> list[str]:
    """Return a person's name as id words: the surname's syllables, then the given name's (ouyang-ming)."""
    from .orderings.pinyin import COMPOUND_SURNAMES, readings  # pypinyin loads its dictionaries on first use

    words = []
    for index, part in enumerate(p for p in re.split(f"[{MIDDLE_DOTS}]", name_core(name)) if p):
        said = [syllable for reading in readings(part, person=index == 0) if (syllable := _syllable(reading))]
        if index == 0 and len(said) > 1 and is_han(part[0]):
            compound = part[:2] in COMPOUND_SURNAMES or part[:2] in _MORE_COMPOUND_SURNAMES
            surname = 2 if compound else 1
            words += ["".join(said[:surname]), "".join(said[surname:])]
        else:
            words.append("".join(said))
    return words


def _syllable(reading: str) -> str:
    """Return a TONE3 reading without its tone, or "" for what is no letter or digit."""
    return "".join(char for char in reading if char.isascii() and char.isalpha()) or \
        "".join(char for char in reading if char.isascii() and char.isdigit())


def _han_words(run: str, kind: str) -> list[str]:
    """Return the pinyin words of a run of Chinese characters; a unit's name split where each unit it names ends."""
    if kind != "unit":
        return [_pinyin(word) for word in _segments(run)]
    words: list[str] = []
    for chunk in _unit_chunks(run):
        ending = next((e for e in _UNIT_ENDINGS if chunk.endswith(e)), "")
        rest = chunk[: len(chunk) - len(ending)]
        if len(ending) == 1 and len(rest) > 1 and rest[-1] in _NUMERALS:  # 五队 wudui, 一班 yiban, as the example's
            rest, ending = rest[:-1], rest[-1] + ending
        elif len(rest) == 1:  # 团委 tuanwei, 队部 duibu: one character is no word of its own
            rest, ending = "", rest + ending
        words += [_pinyin(word) for word in _segments(rest)] + ([_pinyin(ending)] if ending else [])
    return words


def _unit_chunks(run: str) -> list[str]:
    """Return a unit's name cut after each unit it names within it: 注水队水质化验班 -> 注水队, 水质化验班."""
    chunks, start = [], 0
    for index in range(2, len(run) - 1):
        if any(run.startswith(e, index - len(e) + 1) and index - len(e) + 1 - start >= 2 for e in _INNER_ENDINGS):
            chunks.append(run[start:index + 1])
            start = index + 1
    return chunks + [run[start:]]


def _segments(run: str) -> list[str]:
    """Return a run of Chinese characters as words: those the dictionary knows, others in twos (three at most)."""
    from pypinyin.seg.mmseg import seg

    words: list[str] = []
    single = ""
    for token in [*seg.cut(run), ""]:
        if len(token) == 1:
            single += token
            continue
        if single:
            pairs = [single[i:i + 2] for i in range(0, len(single), 2)] if len(single) > 3 else [single]
            if len(pairs) > 1 and len(pairs[-1]) == 1:
                pairs[-2:] = [pairs[-2] + pairs[-1]]
            words += pairs
            single = ""
        if token:
            words.append(token)
    return words


def _pinyin(word: str) -> str:
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(word, errors="ignore"))
