"""The site's settings (site.toml), declared once like the records, and the UI strings they can override."""
from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import Problems
from .load.text import read_text
from .load.yaml_source import YamlMap
from .fields import Context, field, internal, parse_record
from .orderings import ORDERINGS
from .strings import STRINGS

CONFIG_FILE = "site.toml"


@dataclass(frozen=True, slots=True, kw_only=True)
class SiteConfig:
    """What site.toml says; every key is declared here."""

    root: Path = internal()
    title: str = field("网站名称", "The site's title, shown in every page's header, e.g. 某某公司光荣榜.")
    subtitle: str | None = field("副标题", "A line under the title.", default=None)
    organisation: str | None = field("单位", "Who publishes the site, for the footer.", default=None)
    language: str = field("语言", "The language of the site's own words.", default="zh-CN",
                          choices=("zh-CN",))
    content_dir: str = field("内容文件夹", "Where the records are, relative to site.toml.", default="content")
    output_dir: str = field("输出文件夹", "Where the site is written, relative to site.toml.",
                            default="output")
    order: str = field("排序方式", "How honour lists are ordered unless a campaign or award says otherwise: "
                       "strokes (姓氏笔画), strokes-count, pinyin, rank or given.", default="strokes",
                       choices=ORDERINGS)
    pad_names: bool = field("姓名对齐", "Pad two-character names to the width of three (张　伟) in lists of names.",
                            default=False)
    home_bulletins: int = field("首页通报数", "How many latest bulletins the home page lists.", default=6)
    strings: dict[str, str] = internal(None)

    @property
    def content(self) -> Path:
        return self.root / self.content_dir

    @property
    def output(self) -> Path:
        return self.root / self.output_dir

    def text(self, key: str) -> str:
        """Return the UI string for `key`, as the site overrides it or as shipped."""
        return (self.strings or {}).get(key) or STRINGS[key]


def load_config(root: Path, problems: Problems) -> SiteConfig | None:
    """Return the settings of the site in `root`, or None after recording what is wrong."""
    path = root / CONFIG_FILE
    if not path.is_file():
        problems.error(path, None, None, "找不到 site.toml", "在网站文件夹中创建 site.toml，至少写一行 title = \"网站名称\"")
        return None
    text = read_text(path, problems)
    if text is None:
        return None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"line (\d+)", str(exc))
        problems.error(path, int(found.group(1)) if found else None, None, f"TOML 格式错误（{exc}）",
                       "每个设置写成 key = \"值\"，文字要加英文双引号")
        return None
    lines = _key_lines(text)
    strings = data.pop("strings", {})
    mapping = YamlMap(1)
    for key, value in data.items():
        mapping[key] = value
        mapping.key_lines[key] = lines.get(key, 1)
    ctx = Context(path, problems, root, root)
    checked = _check_strings(strings, path, lines, problems)
    return parse_record(SiteConfig, mapping, ctx, 1, {"root": root, "strings": checked})


def _key_lines(text: str) -> dict[str, int]:
    lines: dict[str, int] = {}
    for number, line in enumerate(text.split("\n"), start=1):
        if found := re.match(r"\s*\"?([\w.-]+)\"?\s*=", line):
            lines.setdefault(found.group(1), number)
    return lines


def _check_strings(strings: Any, path: Path, lines: dict[str, int], problems: Problems) -> dict[str, str]:
    if not isinstance(strings, dict):
        problems.error(path, lines.get("strings"), "strings", "应当是一个 [strings] 表", "写成 [strings] 然后每行 键 = \"文字\"")
        return {}
    checked = {}
    for key, value in strings.items():
        if key not in STRINGS:
            close = difflib.get_close_matches(key, STRINGS, n=1)
            hint = f"是不是 {close[0]}？" if close else "可改的文字见 honours/strings.py"
            problems.error(path, lines.get(key), f"strings.{key}", "未知的界面文字", hint)
        elif not isinstance(value, str):
            problems.error(path, lines.get(key), f"strings.{key}", "应当是文字", "用英文双引号括起来")
        else:
            checked[key] = value
    return checked
