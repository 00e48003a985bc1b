"""How Pagefind's extended build cuts a page's text into words for a language it segments (zh, ja, th).

Pagefind splits the text at white space (Rust's `split_whitespace`), then gives each piece to charabia
0.9.9 (`segment_str`). charabia groups the piece's characters by script (a new group where one named
script follows another; digits, punctuation and symbols join the group they are in), cuts each group
at its separators (each separator a word of its own) and hands what lies between to the group's
segmenter: jieba for Mandarin, which leaves a lone character as it is; Pagefind builds charabia without
camelCase splitting, so Latin text and everything else stays whole; Arabic loses its article.

honours gives Pagefind every Han character as a piece of its own (`_characters` in ../pagefind.py),
so no dictionary is needed for Chinese. Approximated: kana runs (Pagefind asks a Japanese dictionary;
kept whole here), Thai (a Thai dictionary; kept whole) and which Arabic text is Arabic.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

# Unicode White_Space, which Rust's `split_whitespace` and regex `\s` use (Python's `str.split()`
# also splits at U+001C..U+001F, which are not white space).
WHITE_SPACE = ("\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
               "\u2028\u2029\u202f\u205f\u3000")
_PIECES = re.compile(f"[^{re.escape(WHITE_SPACE)}]+")

# The characters charabia 0.9.9 (in Pagefind 1.5.2) cuts a piece at, each a word of its own, as measured
# on the binary; they are not the DEFAULT_SEPARATORS of charabia's current source (which lacks `+`,
# `×` or `≠`, for example). Script changes cut a piece too: see _script_groups.
_SEPARATOR_RANGES = (
    "21-23 25-2F 3A-3B 3F-40 5B-5D 5F-60 7B 7D A1 A7 AB B1 B6-B7 BB BF D7 F7 55A-55F 589-58A 5BE 5C0 5C3 "
    "5C6 5F3-5F4 609-60A 60C-60D 61B 61E-61F 66A 66D 6D4 700-70D 7F7-7F9 830-83E 85E 964-965 970 9FD A76 "
    "AF0 C77 C84 DF4 E4F E5A-E5B F04-F0B F0D-F12 F14 F3A-F3D F85 FD0-FD4 FD9-FDA 104A-104F 10FB "
    "1360-1368 1400 166E 169B-169C 16EB-16ED 1735-1736 17D4-17D6 17D8-17DA 1800-180A 1944-1945 1A1E-1A1F "
    "1AA0-1AA6 1AA8-1AAD 1B5A-1B60 1BFC-1BFF 1C3B-1C3F 1C7E-1C7F 1CC0-1CC7 1CD3 2010 2012-2027 2030-2043 "
    "2045-2051 2053-205E 207D-207E 208D-208E 2212-2225 2227-228D 228F-22FF 2308-230B 2768-2775 27C5-27C6 "
    "27E6-27EF 2983-2998 29D8-29DB 29FC-29FD 2CF9-2CFC 2CFE-2CFF 2D70 2E00-2E2E 2E30-2E4F 2E52 3001-3003 "
    "3008-3011 3014-301F 3030 303D 30A0 30FB A4FE-A4FF A60D-A60F A673 A67E A6F2-A6F7 A874-A877 A8CE-A8CF "
    "A8F8-A8FA A8FC A92E-A92F A95F A9C1-A9CD A9DE-A9DF AA5C-AA5F AADE-AADF AAF0-AAF1 ABEB FD3E-FD3F "
    "FE10-FE19 FE30-FE52 FE54-FE61 FE63 FE68 FE6A-FE6B FF01-FF03 FF05-FF0A FF0C-FF0F FF1A-FF1B FF1F-FF20 "
    "FF3B-FF3D FF3F FF5B FF5D FF5F-FF65 10100-10102 1039F 103D0 1056F 10857 1091F 1093F 10A50-10A58 "
    "10A7F 10AF0-10AF6 10B39-10B3F 10B99-10B9C 10EAD 10F55-10F59 11047-1104D 110BB-110BC 110BE-110C1 "
    "11140-11143 11174-11175 111C5-111C8 111CD 111DB 111DD-111DF 11238-1123D 112A9 1144B-1144F "
    "1145A-1145B 1145D 114C6 115C1-115D7 11641-11643 11660-1166C 1173C-1173E 1183B 11944-11946 119E2 "
    "11A3F-11A46 11A9A-11A9C 11A9E-11AA2 11C41-11C45 11C70-11C71 11EF7-11EF8 11FFF 12470-12474 "
    "16A6E-16A6F 16AF5 16B37-16B3B 16B44 16E97-16E9A 16FE2 1BC9F 1DA87-1DA8B 1E95E-1E95F"
)
_SEPARATOR_CLASS = "".join(re.escape(chr(int(low, 16))) + ("-" + re.escape(chr(int(high, 16))) if high else "")
                           for low, _, high in (item.partition("-") for item in _SEPARATOR_RANGES.split()))
_SEPARATORS = re.compile(f"(។ល។|[{_SEPARATOR_CLASS}])")

LATIN, CJ, ARABIC, OTHER = "latin", "cj", "arabic", "other"
# charabia 0.9.9's Script::from(char) (its detection/chars.rs, copied from whatlang): the first range a
# character is in names its script. In 0.9.9 the whole Halfwidth and Fullwidth Forms block is Hangul.
# Characters in none (digits, most punctuation and symbols) are OTHER.
_SCRIPT_RANGES: tuple[tuple[int, int, str], ...] = tuple(
    (int(low, 16), int(high or low, 16), script) for script, ranges in (
        (LATIN, "41-5A 61-7A 80-24F 250-2AF 1D00-1DBF 1E00-1EFF 2100-214F 2C60-2C7F A720-A7FF AB30-AB6F"),
        ("cyrillic", "400-484 487-52F 2DE0-2DFF A640-A69D 1D2B 1D78 A69F"),
        (ARABIC, "600-6FF 750-7FF 8A0-8FF FB50-FDFF FE70-FEFF 10E60-10E7F 1EE00-1EEFF 67E 686 698 6A9 6AF 6CC "
                 "6C0 6F0-6F9"),
        ("devanagari", "900-97F A8E0-A8FF 1CD0-1CFF"), ("hebrew", "590-5FF"),
        ("ethiopic", "1200-139F 2D80-2DDF AB00-AB2F"), ("georgian", "10A0-10FF"), ("bengali", "980-9FF"),
        ("hangul", "AC00-D7AF 1100-11FF 3130-318F 3200-32FF A960-A97F D7B0-D7FF FF00-FFEF"),
        (CJ, "3040-309F 30A0-30FF 2E80-2E99 2E9B-2EF3 2F00-2FD5 3005 3007 3021-3029 3038-303B "
             "3400-4DB5 4E00-9FCC F900-FA6D FA70-FAD9"),
        ("greek", "370-3FF"), ("kannada", "C80-CFF"), ("tamil", "B80-BFF"), ("thai", "E00-E7F"),
        ("gujarati", "A80-AFF"), ("gurmukhi", "A00-A7F"), ("telugu", "C00-C7F"), ("malayalam", "D00-D7F"),
        ("oriya", "B00-B7F"), ("myanmar", "1000-109F"), ("sinhala", "D80-DFF"), ("khmer", "1780-17FF 19E0-19FF"))
    for low, _, high in (item.partition("-") for item in ranges.split()))
_KANA = re.compile("[\u3040-\u30ff]")
_MANDARIN = re.compile("[\u2e80-\u2e99\u2e9b-\u2ef3\u2f00-\u2fd5\u3005\u303b\u3400-\u4db5\u4e00-\u9fcc"
                       "\uf900-\ufa6d\ufa70-\ufad9]")
_JIEBA_WORDS = re.compile(r"[A-Za-z0-9]+|.", re.DOTALL)


def pieces(text: str) -> list[str]:
    """Return `text` split at white space, as Rust's `split_whitespace` splits it."""
    return _PIECES.findall(text)


def script_of(char: str) -> str:
    """Return charabia's script of one character: a name, or OTHER for digits, punctuation and symbols."""
    code = ord(char)
    for low, high, script in _SCRIPT_RANGES:
        if low <= code <= high:
            return script
    return OTHER


@lru_cache(maxsize=1 << 16)
def segments(piece: str) -> tuple[str, ...]:
    """Return the words charabia makes of one piece of text without white space, in order."""
    if len(piece) == 1:
        return (piece,)
    return tuple(word for group, script in _script_groups(piece) for word in _segment_group(group, script))


def _script_groups(piece: str) -> Iterator[tuple[str, str]]:
    """Yield the runs charabia segments apart: a new run starts where one named script follows another.

    Characters of no script (digits, punctuation, symbols) stay in the run they are in.
    """
    start, current = 0, OTHER
    for index, char in enumerate(piece):
        script = script_of(char)
        if script != OTHER and script != current:
            if current != OTHER:
                yield piece[start:index], current
                start = index
            current = script
    yield piece[start:], current


def _segment_group(group: str, script: str) -> Iterator[str]:
    """Yield the words of one script run: its separators one by one, and what lies between them.

    Between separators, the Latin and default segmenters keep the text whole. A CJK run goes to
    jieba if whatlang sees Mandarin in it (Han, radicals, 々 or 〻, but not 〇 or the Hangzhou
    numerals): jieba keeps runs of ASCII letters and digits whole and cuts anything else it has no
    word for into characters; honours never gives it two Han characters together, so its dictionary
    is never needed. A run with kana goes to a Japanese dictionary this writer lacks: kept whole.
    """
    jieba = script == CJ and not _KANA.search(group) and _MANDARIN.search(group) is not None
    for index, part in enumerate(_SEPARATORS.split(group)):
        if not part:
            continue
        if index % 2:
            yield part
        elif jieba:
            yield from _JIEBA_WORDS.findall(part)
        elif script == ARABIC and part.startswith("ال") and len(part) > 2:
            yield from ("ال", part[2:])  # charabia's Arabic segmenter cuts the article off
        else:
            yield part
