"""Fuzzing every record type: whatever is typed, honours answers with its own messages or builds — never a traceback.

Hypothesis writes front matter and YAML for every kind of record, site.toml, score sheets and raw bytes:
random structures, CJK and control characters, lone surrogates, huge and non-finite numbers, deep
nesting, wrong types, YAML tags, anchors and alias bombs, duplicate keys, GBK and broken UTF-8. It also
mutates a small valid site one field or one file at a time. The properties:

* `making.check` returns Problems (each naming its file, said in Chinese, printable on any console) and
  raises nothing, within a few seconds, however hostile the input;
* `pipeline.build` and the command line either build or fail with BuildFailed (exit 1), and a failed
  build leaves the output/ published before it byte-identical, and the site's own files untouched.

The settings are derandomised and keep no example database, so CI runs the same examples every time
and nothing is written into the repository; `HONOURS_FUZZ=20 python3 -m pytest tests/test_fuzz.py` hunts
with twenty times as many fresh random examples.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import math
import os
import re
import signal
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from conftest import MINIMAL_SITE, run, write_tree
from honours.options import BuildOptions
from honours import making, pipeline
from honours.config import SiteConfig
from honours.errors import BuildFailed, Problem, Problems
from honours.fields import specs
from honours.model.assessments import Commentary
from honours.model.records import Bulletin, Campaign, HonourEntry, Person, Unit
from honours.model.scheme import Item, Scheme, StarLevel
from honours.strings import STRINGS

# Hypothesis keeps caches (Unicode tables, constants) in .hypothesis/ of the current folder: not in the repo.
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "honours-hypothesis")
# HONOURS_FUZZ=20 runs twenty times the examples, freshly random each time: a longer hunt, by hand.
SCALE = int(os.environ.get("HONOURS_FUZZ", "1"))
FUZZ = settings(deadline=None, derandomize=SCALE == 1, database=None, print_blob=False,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.large_base_example, HealthCheck.filter_too_much])
SECONDS_PER_EXAMPLE = 20  # an alias bomb or a recursion must be refused quickly, not worked through

UNIT = "content/units/xuanchuan.md"
PERSON = "content/people/li-na.md"
CAMPAIGN = "content/campaigns/wenming-2024/index.md"
HONOURS = "content/campaigns/wenming-2024/honours.yaml"
BULLETIN = "content/bulletins/biaozhang-2024.md"
SCHEME = "content/schemes/shuangbai.yaml"
ASSESSMENT = "content/campaigns/wenming-2024/assessments/2024-03.yaml"
COMMENTARY = "content/campaigns/wenming-2024/assessments/2024-03.md"
CSV_SHEET = "content/campaigns/wenming-2024/assessments/2024-04.csv"

# The minimal site, scored: a scheme, a month's scores as YAML and as CSV, and a commentary.
BASE: dict[str, str | bytes] = {
    **MINIMAL_SITE,
    CAMPAIGN: str(MINIMAL_SITE[CAMPAIGN]).replace("featured: true", "featured: true\nscheme: shuangbai"),
    SCHEME: ("name: 测试考核标准\ncategories:\n  - name: 业务工作\n    items:\n"
             "      - {id: gongxing, name: 共性指标, max: 50}\n      - {id: fenlei, name: 分类指标, max: 50}\n"
             "deductions: true\nbonus_cap: 5\nstars: [{level: 五星, min: 90}]\nrollup: average\ntop: 1\n"
             "group_by: kind\n"),
    ASSESSMENT: ("date: 2024-04-08\nscores:\n  - unit: xuanchuan\n    gongxing: 45\n    fenlei: 42.5\n"
                 "    deductions:\n      - {points: 1, reason: 迟到}\n    bonus: 2\n    bonus_reason: 宣传突出\n"
                 "    comment: 良好\n  - unit: jiguan\n    gongxing: 40\n    fenlei: ~\n"),
    COMMENTARY: "---\ntitle: 三月考核通报\nnumber: 机关党发〔2024〕15号\n---\n表扬宣传部。\n",
    CSV_SHEET: "单位,共性指标,分类指标,扣分,扣分原因,备注\n宣传部,44,41,1,迟到,好\n机关,40,,,,\n",
}
RECORD_TYPES = {UNIT: Unit, PERSON: Person, CAMPAIGN: Campaign, BULLETIN: Bulletin, COMMENTARY: Commentary}
IDS = ["xuanchuan", "jiguan", "zhang-wei", "li-na", "wenming-2024", "wenming-bushi", "dushu", "xingji", "shuangbai",
       "gongxing", "fenlei", "共性指标"]
WORDS = ["2024-07-01", "2024-02", "2024-04 上旬", "2024年7月1日", "2024/7/1", "2024-13-01", "2024-02-30", "2024",
         "五星", "四星", "unit", "person", "strokes", "pinyin", "rank", "given", "男", "女", "表彰决定", "是", "否",
         "average", "sum", "kind", "parent", "zh-CN", "宣传部", "张伟", "0.5", "[0.5, 0.3]", "ZHANG.JPG",
         "../../../site.toml", "/etc/passwd", "li-na.jpg", "C:\\photo.jpg", "output", ".", "..", "content"]
# Characters that have broken parsers, pages, file systems or terminals somewhere.
AWKWARD = ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\x9b", "\ufeff", "\u2028", "\u2029",
           "\ud800", "\udfff", "\u3000", "：", "，", "\t", "\n", "\r", "\r\n", "'", '"', "\\", "{", "}", "{{", "[", "]",
           "&", "*", "!", "%", "@", "`", "#", "|", ">", "<", "-", "?", ":", ": ", " #", "---", "...", "\U0001F600",
           "\u200b", "\u202e", "\ufffe", "\uffff", "\U0010ffff", "𠀋", "<script>", "{{<"]

texts = st.lists(st.one_of(st.sampled_from(AWKWARD), st.characters(min_codepoint=0x4E00, max_codepoint=0x4E40),
                          st.characters(min_codepoint=0x20, max_codepoint=0x7E)), max_size=12).map("".join)
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(-(10**30), 10**30), st.just(10**400), st.just(-(10**400)),
    st.floats(), st.sampled_from([math.nan, math.inf, -math.inf, 1e308, -0.0, 5e-324]),
    texts, st.sampled_from(IDS + WORDS), st.dates(), st.datetimes(),
)
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.one_of(texts, st.sampled_from(IDS + WORDS)), inner, max_size=4)),
    max_leaves=12)

# Values as typed by hand, or by someone who knows YAML too well.
SNIPPETS = [
    "&a [1, 2]", "*a", "*nope", "&x 张伟", "!!python/object/apply:os.system ['echo hi']", "!!python/name:os.system",
    "!!binary aGVsbG8=", "!!binary '%%%'", "!!set {a, b}", "!!omap [a: 1]", "!!pairs [a: 1]", "!foo bar",
    "!!str 2024-07-01", "!!int 0x1F", "!!int abc", "!!float .nan", "!!float xyz", "!!timestamp 2024-13-45",
    "!!bool maybe", "!!null x", "!<tag:yaml.org,2002:str> x", "!!map [1]", "!!seq {a: 1}", ".inf", "-.inf", ".NaN",
    "1e400", "-1e400", "9" * 5000, "'" + "9" * 5000 + "'", "²", "１２", "0o777", "0b1010", "1_000", "0x_1",
    "190:20:30", "~", "null", "''", '""', "", "[" * 100 + "]" * 100, "[" * 3000 + "]" * 3000,
    "{a: " * 80 + "1" + "}" * 80, "2024-07-01T25:00:00", "2001-12-14t21:59:43.10-05:00", "0000-01-01", "9999-12-31",
    "|\n  多行\n  文字", ">-\n  折叠\n  文字", '"\\ud800"', '"\\x00\\x1b"', '"\\uFEFF张伟"', '"\\u2028"',
    '"\\e[2J\\e[31m红"', '"\\U0010FFFF"', '"\\udfff\\ud800"', "'单引号''转义'", '"未闭合', "'未闭合", "a: b: c",
    "[a, b", "{a: 1", "'" + "长" * 20000 + "'", "x" * 300 + ".jpg", '"a\\0b.jpg"',
    '"{name.__class__}"', '"{0}"', '"{"', "<script>alert(1)</script>", "[0.5]", "[2, 3]", "[.nan, .inf]",
]
# Whole documents (front matter or YAML files) built to hurt a parser.
ALIAS_BOMB = "".join(f"{chr(97 + i)}: &{chr(97 + i)} [" + ", ".join([f"*{chr(96 + i)}" if i else '"lol"'] * 9) + "]\n"
                     for i in range(9))
LIST_BOMB = "- " + ALIAS_BOMB.rstrip("\n").replace("\n", "\n  ") + "\n- award: dushu\n  people: *i\n"
DOCUMENTS = [
    ALIAS_BOMB + "name: *i\nunit: *i\n", LIST_BOMB,
    "name: &r [*r]\nunit: xuanchuan\n", "&r {name: *r}\n", "- &r [*r, *r]\n",
    "base: &b {name: 张伟}\n<<: *b\nunit: xuanchuan\n", "name: 张伟\nname: 李娜\nunit: xuanchuan\nunit: x\n",
    "[1, 2, 3]\n", "42\n", "~\n", "", "# 只有注释\n", "name: 张伟\n...\n---\nname: 李娜\n", "--- !!python/object:object {}\n",
    "\n".join(" " * i + f"k{i}:" for i in range(200)) + " 1\n", "- " * 500 + "x\n", "? [a, b]\n: c\n", "? {a: 1}\n: c\n",
    "2024-07-01: x\n1: a\ntrue: b\n.nan: c\nnull: d\n", "name: 张伟\n\tunit: xuanchuan\n", "姓名：张伟\n单位：宣传部\n",
    "name:\u3000张伟\n", "\u3000name: 张伟\n", "name: \x00\n", "name: 张\u2028伟\nunit: x\u2029y\npostion: 1\n",
    "name: \ufeff张伟\n", "- award: &a dushu\n  people: [*a, *a]\n",
]


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Fail (rather than hang the suite) if the block takes longer than `seconds` (where there are alarms)."""
    if not hasattr(signal, "SIGALRM"):  # Windows: no alarm clock; the block simply runs
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise TimeoutError(f"took longer than {seconds} s")
    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


CJK = re.compile(r"[\u4e00-\u9fff]")
UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def assert_own_message(problem: Problem, root: Path) -> None:
    """Assert a problem is one of honours' messages: names a file, says it in Chinese, prints on any console."""
    text = problem.format(root)
    text.encode("utf-8")  # no lone surrogate reaches the console
    assert not UNPRINTABLE.search(text), repr(text)  # no escape sequence either: one line, as typed
    assert problem.path is not None, text
    assert CJK.search(problem.message), text
    assert "Traceback" not in text and "Error:" not in problem.message, text


def check(root: Path) -> Problems:
    """Return what `making.check` finds, asserting it raised nothing, in good time, and said it properly."""
    with time_limit(SECONDS_PER_EXAMPLE):
        problems = making.check(root, cache=root.parent / "cache")
    for problem in problems.items:
        assert_own_message(problem, root)
    return problems


@contextlib.contextmanager
def site(files: dict[str, str | bytes]) -> Iterator[Path]:
    """A fresh site folder: the scored base site with `files` written over it.

    Text is written as UTF-8; a lone surrogate, which UTF-8 cannot hold, goes in as the bytes an editor
    that allowed it would write (ED A0 80), so the file is then not valid UTF-8.
    """
    with tempfile.TemporaryDirectory(prefix="honours-fuzz-") as folder:
        yield write_tree(Path(folder) / "site", {name: data.encode("utf-8", "surrogatepass") if isinstance(data, str)
                                                 else data for name, data in {**BASE, **files}.items()})


def tree_digest(folder: Path, skip: tuple[str, ...] = ()) -> dict[str, str]:
    """Return every file under `folder` with a hash of its bytes (files under `skip` left out)."""
    if not folder.exists():
        return {}
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.relative_to(folder).as_posix().startswith(skip)}


# -- how values are written ----------------------------------------------------------------------------------------

def dumped(value: object, flow: bool = True, unicode: bool = True) -> str:
    """Return a value as YAML on one line (flow style); PyYAML quotes and escapes what needs it."""
    return yaml.dump(value, default_flow_style=flow, allow_unicode=unicode, width=10**9, sort_keys=False).strip() \
        .removesuffix("\n...").removesuffix("...")


typed_values = st.one_of(values.map(dumped), st.sampled_from(SNIPPETS))


@st.composite
def front_matter(draw: st.DrawFn, cls: type) -> str:
    """Return front matter for a record class: its fields (some left out, some extra) with random values."""
    names = [spec.name for spec in specs(cls)] + draw(st.lists(st.one_of(texts, st.sampled_from(
        ["postion", "职务", "姓名", "name ", "Name", "photo_focus", "<<"])), max_size=2))
    chosen = draw(st.lists(st.sampled_from(names), min_size=1, max_size=len(names) + 1))
    if draw(st.booleans()):  # a whole structure written by PyYAML, block style
        data = {name: draw(values) for name in chosen}
        return yaml.dump(data, allow_unicode=draw(st.booleans()), sort_keys=False, width=10**9)
    lines = []
    for name in chosen:
        key = name if re.fullmatch(r"[\w -]+", name) else dumped(name)
        lines.append(f"{key}: {draw(typed_values)}")
    return "\n".join(lines) + "\n"


def record(front: str, body: str = "") -> str:
    return f"---\n{front}---\n{body}"


# Pieces of Markdown and HTML whose combinations have tripped parsers (`<![i` made html.parser assert).
MARKUP = ["<![", "<![CDATA[", "<!--", "-->", "<!doctype", "<a href='", "<img src=", '"', ">", "](", "[x](", "![x](", "../",
          "/etc/passwd", "file:", "javascript:", "%2e%2e/", "\\", "\n", "\n\n", "    ", "> ", "- ", "{: ", "}", "&#", "&#x0a;"]
bodies = st.one_of(st.just(""), texts, st.lists(st.sampled_from(MARKUP), max_size=8).map("".join), st.sampled_from([
    "<![i](javascript:x)",
    "{{< honours campaign=\"wenming-2024\" >}}", "{{< honours campaign=\"nope\" award=\"x\" >}}", "{{< nope >}}",
    "\n".join("  " * i + "- 列表" for i in range(400)), ">" * 2000 + " 引用", "[x](../../../../../etc/passwd)",
    "![x](/etc/passwd)", "<script>alert(1)</script>", "\x00\x02wzxhzdk:0\x03", "*" * 3000 + "强调" + "*" * 3000,
    '<div markdown="1">' * 200 + "深" + "</div>" * 200, "[a]: <>\n[a]", "| a |\n|---|\n| b |\n" * 100,
    "```\n未闭合的代码块", "<!-- 注释", "\ud800", "正文\u2028第二行", "\x1b[2J"]))


# -- the properties ------------------------------------------------------------------------------------------------

@settings(FUZZ, max_examples=45 * SCALE)
@given(path=st.sampled_from(list(RECORD_TYPES)), data=st.data(), body=bodies)
def test_front_matter_of_every_record_type(path: str, data: st.DataObject, body: str) -> None:
    front = data.draw(front_matter(RECORD_TYPES[path]))
    with site({path: record(front, body)}) as root:
        check(root)


@settings(FUZZ, max_examples=25 * SCALE)
@given(items=st.lists(st.one_of(
    st.dictionaries(st.sampled_from([s.name for s in specs(HonourEntry)] + ["reason"]),
                    st.one_of(values, st.sampled_from(IDS)), max_size=6),
    values), max_size=5),
    raw=st.one_of(st.none(), st.sampled_from(DOCUMENTS + SNIPPETS)))
def test_honours_yaml(items: list[object], raw: str | None) -> None:
    text = raw if raw is not None else yaml.dump(items, allow_unicode=True, sort_keys=False)
    with site({HONOURS: text}) as root:
        check(root)


def workbook(rows: list[list[object]]) -> bytes:
    """Return an .xlsx file whose first sheet holds `rows` (what openpyxl cannot store is written as text)."""
    import openpyxl
    from openpyxl.utils.exceptions import IllegalCharacterError

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "3月"
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            value = value if isinstance(value, (str, int, float, bool, dt.date, type(None))) else str(value)
            if isinstance(value, int) and abs(value) > 2**53:  # beyond what a spreadsheet stores
                value = str(value)
            try:
                sheet.cell(r, c, value)
            except (IllegalCharacterError, ValueError, TypeError):
                sheet.cell(r, c, repr(value))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def rezipped(data: bytes, member: str, change: bytes | None) -> bytes:
    """Return a zip (an .xlsx) with one member's bytes cut in half, or replaced by `change`."""
    source, buffer = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for name in source.namelist():
            body = source.read(name)
            if name.endswith(member):
                body = body[: len(body) // 2] if change is None else change
            target.writestr(name, body)
    return buffer.getvalue()


XLSX_SHEET = CSV_SHEET.replace("2024-04.csv", "2024-05.xlsx")


@settings(FUZZ, max_examples=25 * SCALE)
@given(data=st.data(), which=st.sampled_from(["scheme", "assessment", "csv", "xlsx"]))
def test_schemes_and_assessments(data: st.DataObject, which: str) -> None:
    if which == "scheme":
        item = st.fixed_dictionaries({}, optional={s.name: st.one_of(values, st.sampled_from(["a", "b", "50", 0, -1]))
                                                  for s in specs(Item)})
        category = st.fixed_dictionaries({}, optional={"name": values, "items": st.one_of(st.lists(item, max_size=3),
                                                                                          values)})
        scheme = st.fixed_dictionaries({}, optional={
            **{s.name: values for s in specs(Scheme)}, "categories": st.one_of(st.lists(category, max_size=3), values),
            "stars": st.one_of(st.lists(st.fixed_dictionaries({}, optional={s.name: values for s in specs(StarLevel)}),
                                        max_size=3), values)})
        files = {SCHEME: yaml.dump(data.draw(scheme), allow_unicode=True, sort_keys=False)}
    elif which == "assessment":
        row = st.dictionaries(st.sampled_from(["unit", "person", "gongxing", "fenlei", "共性指标", "deductions", "bonus",
                                               "bonus_reason", "comment", "x"]),
                              st.one_of(values, st.sampled_from(["xuanchuan", "jiguan", "nan", "inf", "1e999", 45, 51,
                                                                 -1, [{"points": 1, "reason": "迟到"}]])), max_size=6)
        sheet = st.fixed_dictionaries({}, optional={"date": values, "scores": st.one_of(st.lists(row, max_size=3),
                                                                                       values), "x": values})
        files = {ASSESSMENT: yaml.dump(data.draw(sheet), allow_unicode=True, sort_keys=False)}
    elif which == "xlsx":
        cell = st.one_of(scalars, st.sampled_from(["宣传部", "机关", "共性指标", "分类指标", "扣分", "扣分原因", 44, 51.5, -1]))
        rows = data.draw(st.lists(st.lists(cell, max_size=5), max_size=4))
        book = workbook([["单位", "共性指标", "分类指标", *data.draw(st.lists(cell, max_size=2))], *rows])
        member = data.draw(st.sampled_from([None, "sheet1.xml", "workbook.xml", "styles.xml", "[Content_Types].xml",
                                            "sharedStrings.xml", "workbook.xml.rels"]))
        if member is not None:
            book = rezipped(book, member, data.draw(st.one_of(st.none(), st.binary(max_size=16), st.sampled_from(
                [b"<x", b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a '" + b"a" * 100 + b"'>]><x>&a;</x>"]))))
        files = {XLSX_SHEET: book}
    else:
        cell = st.one_of(texts, st.sampled_from(["宣传部", "机关", "xuanchuan", "44", "４４", "nan", "inf", "-1", "1e999",
                                                "", "共性指标", "分类指标", "扣分", "扣分原因", "加分", "x" * 200_000]))
        rows = data.draw(st.lists(st.lists(cell, max_size=6), max_size=5))
        text = "\n".join(",".join('"' + c.replace('"', '""') + '"' if re.search(r'[,"\n]', c) else c for c in row)
                         for row in [["单位", "共性指标", "分类指标"], *rows])
        encoding = data.draw(st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]))
        files = {CSV_SHEET: text.encode(encoding, errors="replace" if encoding != "utf-8" else "surrogatepass")}
    with site(files) as root:
        check(root)


def toml_value(value: object) -> str:
    """Return a value in TOML, including what TOML forbids (lone surrogates) so the parser's error is exercised."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf") if math.isinf(value) else repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{toml_value(str(k))} = {toml_value(v)}" for k, v in value.items()) + "}"
    if value is None:
        return '""'
    text = "".join(c if c.isprintable() and c not in '"\\' else f"\\u{ord(c):04x}" if ord(c) < 0x10000
                   else f"\\U{ord(c):08x}" for c in str(value))
    return f'"{text}"'


@settings(FUZZ, max_examples=30 * SCALE)
@given(settings_=st.dictionaries(st.sampled_from([s.name for s in specs(SiteConfig)] + ["theme", "标题"]),
                                 st.one_of(values, st.sampled_from(WORDS)), max_size=5),
       strings=st.dictionaries(st.sampled_from(list(STRINGS)[:5] + ["photo_of", "date_format", "nav_hom"]),
                               st.one_of(texts, st.sampled_from(["{name}", "{name.__class__}", "{0}", "{", "}",
                                                                  "{{}}", "{year:,}", "{count!r}", "{}", "{name:>999999999}"]),
                                         values), max_size=3),
       raw=st.one_of(st.none(), st.sampled_from(['title = "x"\ntitle = "y"\n', "title = \n", 'title = "\\ud800"\n',
                                                 'title = """\n多行\n"""\n[strings]\n[strings]\n', "[[strings]]\n",
                                                 'title = "x"\nstrings = 3\n', "\x00", b"\xff\xfe\x00t".decode("latin-1")])))
def test_site_toml(settings_: dict[str, object], strings: dict[str, object], raw: str | None) -> None:
    lines = [f"{key} = {toml_value(value)}" for key, value in settings_.items() if key != "title"]
    text = raw if raw is not None else (f"title = {toml_value(settings_.get('title', '测试'))}\n" + "\n".join(lines)
                                        + "\n[strings]\n" + "\n".join(f"{k} = {toml_value(v)}" for k, v in strings.items()))
    with site({"site.toml": text}) as root:
        before = tree_digest(root)
        check(root)
        assert tree_digest(root, skip=(".honours-cache",)) == {k: v for k, v in before.items()}


@settings(FUZZ, max_examples=35 * SCALE)
@given(path=st.sampled_from([UNIT, PERSON, CAMPAIGN, BULLETIN, COMMENTARY, HONOURS, SCHEME, ASSESSMENT]),
       document=st.sampled_from(DOCUMENTS), body=bodies)
def test_hostile_yaml_documents(path: str, document: str, body: str) -> None:
    text = record(document, body) if path.endswith(".md") else document
    with site({path: text}) as root:
        check(root)


ENCODINGS = ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "big5", "cp1252",
             "latin-1", "shift_jis"]


@st.composite
def mutated_bytes(draw: st.DrawFn, original: bytes) -> bytes:
    """Return a file's bytes re-encoded, truncated, spliced with random bytes, or replaced outright."""
    how = draw(st.sampled_from(["encode", "truncate", "splice", "replace", "line-ends"]))
    if how == "encode":
        return original.decode("utf-8").encode(draw(st.sampled_from(ENCODINGS)), errors="replace")
    if how == "truncate":
        return original[: draw(st.integers(0, len(original)))]
    if how == "splice":
        at = draw(st.integers(0, len(original)))
        junk = draw(st.one_of(st.binary(max_size=12), st.sampled_from(
            [b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"\xc3", b"\xe4\xb8", b"\xed\xa0\x80", b"\x81\x30", b"\xa1\xa1",
             b"\r", b"\r\n", b"\x1b[2J", "：".encode("gbk"), b"\x85", b"\xe2\x80\xa8"])))
        return original[:at] + junk + original[at + draw(st.integers(0, 4)):]
    if how == "replace":
        return draw(st.binary(max_size=64))
    return original.replace(b"\n", draw(st.sampled_from([b"\r\n", b"\r", b"\n\r", b"\x85"])))


@settings(FUZZ, max_examples=30 * SCALE)
@given(path=st.sampled_from([p for p in BASE if p != "site.toml"] + ["site.toml"]), data=st.data())
def test_mutated_file_bytes(path: str, data: st.DataObject) -> None:
    original = BASE[path] if isinstance(BASE[path], bytes) else str(BASE[path]).encode("utf-8")
    with site({path: data.draw(mutated_bytes(original))}) as root:
        check(root)


@st.composite
def one_field_replaced(draw: st.DrawFn) -> tuple[str, bytes]:
    """Return a file of the base site with the value of one of its `key: value` lines replaced."""
    path = draw(st.sampled_from([p for p, text in BASE.items() if re.search(r"^\s*(- )?\w+: ", str(text), re.MULTILINE)]))
    text = str(BASE[path])
    lines = text.split("\n")
    candidates = [i for i, line in enumerate(lines) if re.match(r"^\s*(- )?[\w{]+:", line)]
    index = draw(st.sampled_from(candidates))
    key = re.match(r"^(\s*(?:- )?[\w{]+:)", lines[index]).group(1)
    lines[index] = f"{key} {draw(typed_values)}"
    return path, "\n".join(lines).encode("utf-8")


def assert_build_answers(root: Path, output: Path) -> None:
    """Build; on failure the published output must be byte-identical and the site's files untouched."""
    before, sources = tree_digest(output), tree_digest(root, skip=("output", ".honours-cache"))
    try:
        with time_limit(SECONDS_PER_EXAMPLE * 2):
            pipeline.build(BuildOptions(root, output=output, cache=root.parent / "cache"))
    except BuildFailed as failed:
        assert failed.problems.errors or failed.problems.warnings
        for problem in failed.problems.items:
            assert_own_message(problem, root)
        assert tree_digest(output) == before, "a failed build changed the published output"
    else:
        assert (output / "index.html").is_file()
    assert tree_digest(root, skip=("output", ".honours-cache")) == sources, "the build changed the site's own files"
    leftovers = [p.name for p in output.parent.iterdir() if p.name.startswith(f".{output.name}.")]
    assert not leftovers, leftovers


@settings(FUZZ, max_examples=15 * SCALE)
@given(change=st.one_of(one_field_replaced(), st.sampled_from(list(BASE)).flatmap(
    lambda path: mutated_bytes(BASE[path] if isinstance(BASE[path], bytes) else str(BASE[path]).encode())
    .map(lambda data: (path, data)))))
def test_a_mutated_site_builds_or_leaves_the_published_output_alone(change: tuple[str, bytes]) -> None:
    path, data = change
    with site({}) as root:
        output = root / "output"
        pipeline.build(BuildOptions(root, output=output, cache=root.parent / "cache"))
        write_tree(root, {path: data})
        assert_build_answers(root, output)


@settings(FUZZ, max_examples=6 * SCALE)
@given(change=one_field_replaced())
def test_the_command_line_answers_in_its_own_words(change: tuple[str, bytes]) -> None:
    path, data = change
    with site({}) as root:
        assert run("build", "--site", str(root), "--quiet").exit_code == 0
        before = tree_digest(root / "output")
        write_tree(root, {path: data})
        with time_limit(SECONDS_PER_EXAMPLE * 2):
            result = run("build", "--site", str(root), "--quiet")  # an uncaught exception propagates: a failure
        assert result.exit_code in (0, 1), result.output
        assert "Traceback" not in result.output
        if result.exit_code == 1:
            assert "构建失败" in result.output and re.search(r"错误 \S+", result.output), result.output
            assert tree_digest(root / "output") == before


# -- each crash the fuzzing found, kept as a plain example ---------------------------------------------------------

def person(front: str, body: str = "") -> str:
    return f"---\n{front}\n---\n{body}"


FOUND = [
    pytest.param({PERSON: person('name: "\\ud800"\nunit: xuanchuan')}, f"{PERSON}:2: name: 含有不可见的控制字符（U+D800）",
                 id="lone-surrogate"),
    pytest.param({PERSON: person('name: 李娜\nunit: xuanchuan\nphoto: "x\\0.jpg"')},
                 f"{PERSON}:4: photo: 含有不可见的控制字符（U+0000）", id="nul-in-path"),
    pytest.param({PERSON: person(f"name: 李娜\nunit: xuanchuan\nphoto: {'x' * 300}.jpg")},
                 f"{PERSON}:4: photo: 无法读取文件", id="file-name-too-long"),
    pytest.param({PERSON: person("name: &r [*r]\nunit: xuanchuan")}, f"{PERSON}:2: 别名（*）引用了包含它自己的内容",
                 id="recursive-alias"),
    pytest.param({PERSON: person(ALIAS_BOMB + "name: *i\nunit: xuanchuan")}, "别名（*）展开后的内容过多", id="alias-bomb"),
    pytest.param({PERSON: person("name: " + "[" * 3000 + "]" * 3000 + "\nunit: xuanchuan")}, "嵌套的层数过多",
                 id="deep-nesting"),
    pytest.param({PERSON: person("name: 李娜\nunit: xuanchuan\nname2: \x1b[2J")}, f"{PERSON}:4: 含有不可见的控制字符（U+001B）",
                 id="raw-control-character"),
    pytest.param({PERSON: person("name: !!python/object/apply:os.system ['echo hi']\nunit: xuanchuan")},
                 f"{PERSON}:2: 不支持的 YAML 标记“!!python/object/apply:os.system”", id="python-tag"),
    pytest.param({PERSON: person("name: 李娜\n<<: {unit: xuanchuan}")}, f"{PERSON}:3: 不支持用“<<”合并", id="merge-key"),
    pytest.param({CAMPAIGN: str(BASE[CAMPAIGN]).replace("featured: true", "featured: true\nyear: " + "9" * 5000)},
                 f"{CAMPAIGN}:22: year: “9999", id="huge-integer"),
    pytest.param({CAMPAIGN: str(BASE[CAMPAIGN]).replace("featured: true", "featured: true\nyear: 10000000000000")},
                 f"{CAMPAIGN}:22: year: “10000000000000”太大了", id="year-too-big"),
    pytest.param({"content/units/xuanchuan.md": "---\nname: 宣传部\nkind: 部室\nweight: ²\n---\n"},
                 "content/units/xuanchuan.md:4: weight: “²”不是整数", id="superscript-digit"),
    pytest.param({SCHEME: str(BASE[SCHEME]).replace("max: 50}", "max: .nan}", 1)}, f"{SCHEME}:5: categories[1].items[1].max: “nan”不是一个有限的数",
                 id="nan-maximum"),
    pytest.param({SCHEME: str(BASE[SCHEME]).replace("max: 50}", "max: " + "9" * 400 + "}", 1)}, f"{SCHEME}:5: categories[1].items[1].max: ",
                 id="float-overflow"),
    pytest.param({SCHEME: str(BASE[SCHEME]).replace("max: 50}", "max: 0}")}, f"{SCHEME}:2: categories: 满分合计必须大于 0",
                 id="scheme-worth-nothing"),
    pytest.param({SCHEME: "name: 空标准\ncategories: []\n"}, f"{SCHEME}:2: categories: 考核标准没有任何类别", id="no-categories"),
    pytest.param({ASSESSMENT: str(BASE[ASSESSMENT]).replace("gongxing: 45", "gongxing: .nan")},
                 f"{ASSESSMENT}:4: gongxing: “nan”不是分数", id="nan-score"),
    pytest.param({CSV_SHEET: "单位,共性指标,分类指标\n宣传部,inf,1e999\n"}, f"{CSV_SHEET}:2: B2: “inf”不是分数", id="csv-infinity"),
    pytest.param({CSV_SHEET: "单位,共性指标\n宣传部," + "4" * 200_000 + "\n"}, f"{CSV_SHEET}:2: CSV 文件格式有误",
                 id="csv-field-limit"),
    pytest.param({CSV_SHEET.replace(".csv", ".xlsx"): b"PK\x03\x04" + b"\x00" * 60}, "无法读取 Excel 文件", id="xlsx-junk"),
    pytest.param({XLSX_SHEET: rezipped(workbook([["单位", "共性指标"], ["宣传部", 44]]), "sheet1.xml", None)},
                 f"{XLSX_SHEET}: 无法读取 Excel 文件（ParseError）", id="xlsx-broken-xml"),
    pytest.param({"site.toml": 'title = "x"\n[strings]\nphoto_of = "{0}"\n'}, "site.toml:3: strings.photo_of: 占位符“{0}”不可用",
                 id="format-index"),
    pytest.param({"site.toml": 'title = "x"\n[strings]\nnav_home = "{"\n'}, "site.toml:3: strings.nav_home: 花括号“{ }”不成对",
                 id="format-brace"),
    pytest.param({"site.toml": 'title = "x\\u001b[2J"\n'}, "site.toml:1: title: 含有不可见的控制字符（U+001B）", id="toml-escape"),
    pytest.param({PERSON: person("name: 李娜\nunit: xuanchuan", "\n".join("  " * i + "- 列表" for i in range(400)))},
                 f"{PERSON}:5: 正文中列表或引用（>）嵌套的层数过多", id="markdown-recursion"),
    pytest.param({PERSON: person("name: 李娜\nunit: xuanchuan", "第一行\n第二\x00行")}, f"{PERSON}:6: 含有不可见的控制字符（U+0000）",
                 id="nul-in-body"),
    pytest.param({PERSON: "name: 李娜\n".encode("utf-16-le")}, f"{PERSON}:1: 文件以 UTF-16", id="utf-16-without-bom"),
]


@pytest.mark.parametrize(("files", "expected"), FOUND)
def test_what_fuzzing_found_is_answered_precisely(files: dict[str, str | bytes], expected: str) -> None:
    with site(files) as root:
        problems = check(root)
        said = "\n".join(p.format(root) for p in problems.items)
        assert problems.errors and expected in said, said
        with pytest.raises(BuildFailed), time_limit(SECONDS_PER_EXAMPLE):
            pipeline.build(BuildOptions(root, output=root / "output", cache=root.parent / "cache"))
        assert not (root / "output").exists()


def test_an_alias_bomb_is_refused_at_once() -> None:
    with site({HONOURS: LIST_BOMB}) as root, time_limit(2):
        problems = check(root)
    assert any("别名（*）展开后的内容过多" in p.message for p in problems.errors)


def test_problems_print_on_one_line_whatever_the_field_name_holds() -> None:
    with site({PERSON: person('name: 李娜\nunit: xuanchuan\n"\\e[2J\\ud800\\n": x')}) as root:
        problems = check(root)
    shown = [p.format(root) for p in problems.errors]
    assert any("\\x1b[2J" in text and "\\ud800\\n" in text for text in shown), shown
