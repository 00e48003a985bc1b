"""The 姓氏拼音 sort key: surnames read as surnames, then tones, then strokes."""
from __future__ import annotations

from .names import MIDDLE_DOTS, is_han, name_core
from .strokes import char_key

# Surnames read differently from the characters' everyday readings (and the compound
# surnames whose readings a dictionary of words gets wrong), in pypinyin's TONE3 style.
COMPOUND_SURNAMES = {
    "尉迟": ("yu4", "chi2"), "万俟": ("mo4", "qi2"), "单于": ("chan2", "yu2"), "澹台": ("tan2", "tai2"),
    "长孙": ("zhang3", "sun1"), "令狐": ("ling2", "hu2"), "宇文": ("yu3", "wen2"), "鲜于": ("xian1", "yu2"),
    "欧阳": ("ou1", "yang2"), "上官": ("shang4", "guan1"), "司马": ("si1", "ma3"), "诸葛": ("zhu1", "ge3"),
    "皇甫": ("huang2", "fu3"), "东方": ("dong1", "fang1"), "夏侯": ("xia4", "hou2"), "仆固": ("pu2", "gu4"),
}
SURNAMES = {
    "曾": "zeng1", "单": "shan4", "仇": "qiu2", "区": "ou1", "解": "xie4", "查": "zha1", "朴": "piao2",
    "盖": "ge3", "乐": "yue4", "尉": "wei4", "万": "wan4", "覃": "qin2", "翟": "zhai2", "缪": "miao4",
    "任": "ren2", "燕": "yan1", "华": "hua4", "种": "chong2", "秘": "bi4", "繁": "po2", "召": "shao4",
    "员": "yun4", "句": "gou1", "阚": "kan4", "谌": "chen2", "纪": "ji3", "薄": "bo2", "过": "guo1",
    "宿": "su4", "隗": "wei3", "冼": "xian3", "洗": "xian3", "能": "nai4", "黑": "he4", "褚": "chu3",
    "祭": "zhai4", "眭": "sui1", "贲": "ben1", "曲": "qu1", "卜": "bu3", "蕃": "pi2", "相": "xiang4",
    "朝": "chao2", "长": "chang2", "柏": "bai3", "藏": "zang4", "瞿": "qu2", "折": "she2",
    "沈": "shen3", "石": "shi2", "叶": "ye4", "重": "chong2", "强": "qiang2", "都": "du1",
    "乜": "nie4", "车": "che1", "殷": "yin1", "应": "ying1", "倪": "ni2", "恽": "yun4", "阿": "a1",
    "蔚": "yu4", "鞠": "ju1", "闵": "min3", "哈": "ha3", "舍": "she4",
    # traditional forms of the same surnames
    "單": "shan4", "區": "ou1", "樂": "yue4", "蓋": "ge3", "華": "hua4", "種": "chong2", "員": "yun4",
    "闞": "kan4", "諶": "chen2", "紀": "ji3", "過": "guo1", "長": "chang2", "葉": "ye4",
    "車": "che1", "應": "ying1", "惲": "yun4", "閔": "min3", "萬": "wan4", "繆": "miao4",
}


def readings(name: str, *, person: bool = True) -> list[str]:
    """Return the TONE3 reading of each character of a name's core (non-Han characters as themselves)."""
    from pypinyin import Style, lazy_pinyin  # loaded only when a list is ordered by pinyin

    chars = "".join(c for c in name_core(name) if c not in MIDDLE_DOTS)
    head: list[str] = []
    if person:
        if chars[:2] in COMPOUND_SURNAMES:
            head = list(COMPOUND_SURNAMES[chars[:2]])
        elif chars[:1] in SURNAMES:
            head = [SURNAMES[chars[0]]]
    rest = chars[len(head):]
    said = lazy_pinyin(rest, style=Style.TONE3, neutral_tone_with_five=True, v_to_u=False,
                       errors=lambda text: list(text))
    return head + said


def _split(reading: str, char: str) -> tuple[tuple[str, str], int]:
    """Return a reading's syllable key and tone. As in 新华字典, ü sorts as u first and then after
    it (pypinyin writes ü as v): 卢 lu, 吕 lü, 栾 luan, 略 lüe."""
    if not is_han(char) or not reading[-1:].isdigit():
        return (("", ""), 0)
    syllable = reading[:-1]
    return ((syllable.replace("v", "u"), syllable), int(reading[-1]))


def pinyin_key(name: str, *, person: bool = True, script: str = "hans") -> tuple:
    """Return the 姓氏拼音 key: by syllables (ü after u), then tones, then strokes, position by position."""
    chars = "".join(c for c in name_core(name) if c not in MIDDLE_DOTS)
    said = readings(name, person=person)
    keys = []
    for char, reading in zip(chars, said):
        syllable, tone = _split(reading, char)
        keys.append((syllable, tone, char_key(char, script)))
    return (tuple(keys), name)
