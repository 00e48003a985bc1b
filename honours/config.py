"""The site's settings (site.toml), declared once like the records, and the UI strings they can override."""
from __future__ import annotations

import difflib
import os
import re
import string
import tomllib
import urllib.parse
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .archive.settings import ArchiveSettings
from .errors import Problems
from .hints import not_a_site_hint
from .load.text import INVISIBLE_HINT, invisible_character, invisible_message, read_text
from .load.yaml_source import YamlMap
from .fields import Context, field, internal, parse_record, shown
from .certificates.settings import CertificateSettings
from .model.records import KINDS
from .orderings import ORDERINGS
from .paper import Board, Paper
from .screen import ScreenSettings
from .strings import LANGUAGES, STRINGS, catalogue

CONFIG_FILE = "site.toml"
# What the site folder holds besides content: publishing makes output/ hold exactly the site, so none of these.
SITE_FOLDERS = ("templates", "assets", ".honours-cache", CONFIG_FILE)


# The traditional edition's conversions (OpenCC configurations), and the language its pages declare.
TRADITIONAL_STANDARDS = {"s2t": "zh-Hant", "s2tw": "zh-Hant-TW", "s2hk": "zh-Hant-HK"}


@dataclass(frozen=True, slots=True, kw_only=True)
class SiteConfig:
    """What site.toml says; every key is declared here."""

    root: Path = internal()
    title: str = field("网站名称", "The site's title, shown in every page's header, e.g. 某某公司光荣榜.",
                       note="显示在每个页面的顶部", example="某某公司光荣榜")
    subtitle: str | None = field("副标题", "A line under the title.", default=None, note="网站名称下方的一行字",
                                 example="先进集体 · 先进个人 · 表彰通报")
    organisation: str | None = field("单位", "Who publishes the site, for the footer.", default=None,
                                     note="网站的主办单位，显示在页脚", example="某某公司党委宣传部")
    language: str = field("语言", "The language of the site's own words: zh-CN (简体) or zh-TW (繁體); names "
                          "are then ordered by the strokes of that script.", default="zh-CN", choices=LANGUAGES,
                          note="网站界面文字用简体还是繁体；名单也按该字体的笔画排序", example="zh-CN")
    content_dir: str = field("内容文件夹", "Where the records are, relative to site.toml.", default="content",
                             note="存放记录的文件夹，相对于本文件", example="content")
    output_dir: str = field("输出文件夹", "Where the site is written, relative to site.toml.", default="output",
                            note="生成的网站写到哪个文件夹，相对于本文件；构建时其中不属于网站的文件会被删除", example="output")
    order: str = field("排序方式", "How honour lists are ordered unless a campaign or award says otherwise: "
                       "strokes (姓氏笔画), strokes-count, pinyin, rank or given.", default="strokes",
                       choices=ORDERINGS, note="名单的排序方式，活动或奖项另有规定的除外", example="strokes")
    pad_names: bool = field("姓名对齐", "Pad two-character names to the width of three (张　伟) in lists of names.",
                            default=False, note="名单中两个字的姓名补一个全角空格，与三个字的对齐（张　伟）", example=True)
    home_bulletins: int = field("首页通报数", "How many latest bulletins the home page lists.", default=6,
                                minimum=0, note="首页列出最新的几份通报", example=6)
    paper: Paper = field("纸张", "Paper for printed honour rolls: A4 or A3, 横向 for landscape, e.g. \"A3 横向\".",
                         default=Paper("A4"), note="打印光荣榜用的纸张：A4 或 A3，横排再加“横向”", example="A3 横向")
    board: Board = field("展板尺寸", "A display board's finished size in mm, width x height, e.g. \"2400x1200\".",
                         default=Board(2400.0, 1200.0), note="展板的成品尺寸，宽x高，单位毫米", example="2400x1200")
    bleed: float = field("出血", "Bleed added around display boards and colour pages, in mm.", default=3.0,
                         minimum=0, maximum=10, note="展板和彩页四周加的出血，单位毫米", example=3)
    base_url: str | None = field("网址", "The address the site is published at, e.g. http://oa.example.com/honours/; "
                                 "makes the feed and sitemap links absolute.", default=None,
                                 note="网站发布的网址，以 http:// 或 https:// 开头；填写后订阅（feed.xml）和网站地图使用完整网址",
                                 example="http://oa.example.com/honours/")
    search_engines: bool = field("允许搜索引擎", "Let search engines index the site; by default robots.txt and every "
                                 "page ask them not to.", default=False, note="是否允许搜索引擎收录本网站", example=False)
    traditional_edition: str | None = field(
        "繁体版", "Also publish a traditional-Chinese edition of a simplified site, converted by OpenCC (s2t), in "
        "this sub-folder of the output, e.g. \"fanti\".", default=None,
        note="同时发布由简体转换的繁体版，放在输出文件夹的这个子文件夹里（小写字母、数字或 -）", example="fanti")
    traditional_standard: str = field(
        "繁体标准", "How the traditional edition writes its characters (OpenCC): s2t, OpenCC's standard forms (爲, 考覈); "
        "s2tw, Taiwan's (為, 考核); s2hk, Hong Kong's.", default="s2t", choices=tuple(TRADITIONAL_STANDARDS),
        note="繁体版用哪种繁体字：s2t 为 OpenCC 标准字形（爲、考覈），s2tw 为台湾字形（為、考核），s2hk 为香港字形", example="s2tw")
    # The largest real files are a big campaign's honours.yaml (25,000 honours in 100,000 lines: about 2 MB) and
    # a 10,000-person assessment sheet (about 1 MB); no bulletin or biography comes near 1 MB. One limit for all.
    max_file_mb: int = field("文件大小上限", "The largest content file (record, honours list, assessment sheet) read, "
                             "in MB; a larger one is refused with an error before it is read.", default=5, minimum=1,
                             note="content 里单个文件的最大大小，单位 MB；更大的文件不读取，报错", example=5)
    certificates: CertificateSettings = field(
        "荣誉证书", "How certificates are printed: the [certificates] table (see “Certificates”).",
        default=CertificateSettings(), note="荣誉证书的印制方式、纸张、落款、编号和文字位置，写在 [certificates] 表里")
    archive: ArchiveSettings = field("归档", "The [archive] table: the 归档文件目录's fonds, retention and 档号 (see "
                                     "“Year archives”).", default=ArchiveSettings(), note="年度归档的全宗、保管期限和档号写法")
    screen: ScreenSettings = field("电子屏", "The lobby screen's pages: orientation, seconds per slide, awards shown "
                                   "(a [screen] table).", default=ScreenSettings(),
                                   note="大厅电子屏页面的设置，写成 [screen] 表", example=None)
    strings: dict[str, str] = internal(None)
    # Set on the settings a traditional edition is built with: where the simplified site is, seen from it.
    edition_of: str | None = internal(None)

    @property
    def content(self) -> Path:
        return self.root / self.content_dir

    @property
    def output(self) -> Path:
        return self.root / self.output_dir

    @property
    def edition_language(self) -> str:
        """Return the language the traditional edition's pages declare."""
        return TRADITIONAL_STANDARDS[self.traditional_standard]

    def text(self, key: str) -> str:
        """Return the UI string for `key`, as the site overrides it or as shipped."""
        return (self.strings or {}).get(key) or catalogue(self.language)[key]


def load_config(root: Path, problems: Problems) -> SiteConfig | None:
    """Return the settings of the site in `root`, or None after recording what is wrong."""
    path = root / CONFIG_FILE
    if not path.is_file():
        problems.error(path, None, None, f"文件夹“{root}”不是网站（里面没有 site.toml）" if root.is_dir() else
                       f"网站文件夹“{root}”不存在", not_a_site_hint())
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
    mapping = _mapping(data, lines, "", 1)
    ctx = Context(path, problems, root, root)
    checked = _check_strings(strings, path, lines, problems)
    config = parse_record(SiteConfig, mapping, ctx, 1, {"root": root, "strings": checked})
    if config is None or not _check_folders(config, path, lines, problems):
        return None
    config = _check_base_url(config, path, lines, problems)
    if config is None or not _check_edition(config, path, lines, problems):
        return None
    _check_assets(root, problems)
    return config


def _inside(path: str, folder: str) -> bool:
    """Return whether `path` is `folder` or inside it (both absolute and normalised)."""
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def overlapped_by_output(root: Path, content: Path, output: Path) -> str | None:
    """Return the part of the site that publishing into `output` would overwrite or delete, or None.

    Publishing makes output/ hold exactly the site, deleting whatever else is there: it must not be
    the site folder, a folder around it, or hold (or lie in) its content, templates, assets or cache.
    """
    # Compared as written (not through symlinks): output/ may well be a link to the web server's folder.
    root_, content_, output_ = (os.path.abspath(p) for p in (root, content, output))
    if _inside(root_, output_):
        return "网站文件夹本身"
    replaced = [name for name in SITE_FOLDERS
                if _inside(os.path.join(root_, name), output_) or _inside(output_, os.path.join(root_, name))]
    if content_ != root_:
        replaced += [os.path.relpath(content_, root_)] if _inside(content_, output_) or _inside(output_, content_) else []
    elif _inside(output_, root_):
        top = os.path.relpath(output_, root_).split(os.sep)[0]
        replaced += [top] if top in {kind.files.folder for kind in KINDS} else []
    return replaced[0] if replaced else None


def _check_folders(config: SiteConfig, path: Path, lines: dict[str, int], problems: Problems) -> bool:
    """Return whether content_dir and output_dir are safe: inside the site, and output/ replaces nothing else."""
    root = os.path.abspath(config.root)
    content = os.path.abspath(os.path.join(root, config.content_dir))
    output = os.path.abspath(os.path.join(root, config.output_dir))
    if not _inside(content, root):
        problems.error(path, lines.get("content_dir"), "content_dir", f"内容文件夹“{config.content_dir}”在网站文件夹之外",
                       "写成网站文件夹里的相对路径，例如 content")
        return False
    if not _inside(output, root) or output == root:
        problems.error(path, lines.get("output_dir"), "output_dir", f"输出文件夹“{config.output_dir}”不是网站文件夹里的子文件夹",
                       "构建时输出文件夹里不属于网站的文件都会被删除：请写网站文件夹里的一个新文件夹名，例如 output；"
                       "要输出到别处，用命令行选项 --output")
        return False
    if (replaced := overlapped_by_output(Path(root), Path(content), Path(output))) is not None:
        problems.error(path, lines.get("output_dir"), "output_dir",
                       f"输出文件夹“{config.output_dir}”与“{replaced}”重叠，构建时其中的文件会被覆盖或删除",
                       "请写网站文件夹里的一个新文件夹名，例如 output")
        return False
    return True


BASE_URL_EXAMPLE = "http://oa.example.com/honours/"


def _check_base_url(config: SiteConfig, path: Path, lines: dict[str, int], problems: Problems) -> SiteConfig | None:
    """Return the settings with base_url normalised (ending in /), or None after reporting why it is no address."""
    if config.base_url is None:
        return config
    try:
        address = web_address(config.base_url)
    except ValueError as exc:
        problems.error(path, lines.get("base_url"), "base_url", f"“{shown(config.base_url)}”不是可用的网址（{exc}）",
                       _base_url_hint(config.base_url))
        return None
    return replace(config, base_url=address)


def web_address(text: str) -> str:
    """Return an http(s) address as the feed and sitemap start their links with: no query, ending in /.

    Raise ValueError, saying in Chinese what is wrong, for anything else.
    """
    if any(char.isspace() for char in text):
        raise ValueError("网址中不能有空格")
    parts = urllib.parse.urlsplit(text)
    if parts.scheme not in ("http", "https"):
        raise ValueError("要以 http:// 或 https:// 开头")
    try:
        parts.port  # noqa: B018  # urlsplit checks the port only when asked for it
    except ValueError:
        raise ValueError("端口号不对") from None
    if not parts.hostname:
        raise ValueError("缺少服务器名")
    if parts.query or parts.fragment or "?" in text or "#" in text:
        raise ValueError("不能带“?”或“#”及其后的部分")
    # Ids may be Chinese: links are made by appending quoted site paths, so the folder is quoted the same way.
    folder = urllib.parse.quote(parts.path, safe="/%:@!$&'()*+,;=~")
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, folder.rstrip("/") + "/", "", ""))


def _base_url_hint(text: str) -> str:
    """Return how to write base_url, guessing the address meant when only http:// is missing."""
    if "://" not in text and re.match(r"[\w.-]+(:\d+)?(/|$)", text):
        return f"前面加上 http:// 或 https://，例如 base_url = \"http://{text.rstrip('/')}/\""
    return f"写网站发布的完整网址，以 http:// 或 https:// 开头，例如 base_url = \"{BASE_URL_EXAMPLE}\""


# The top-level names of a published site (tests/test_languages.py checks them against a build):
# an edition's folder must be none of them, or the two would overwrite each other's files.
SITE_NAMES = {"index", "404", "years", "print", "media", "assets", "search", "pagefind", "archive", "feed", "sitemap",
              "robots"} | {kind.url.split("/")[0] for kind in KINDS if kind.url}


def _check_edition(config: SiteConfig, path: Path, lines: dict[str, int], problems: Problems) -> bool:
    """Return whether the traditional edition, if asked for, can be made: from simplified words, into a free folder."""
    folder = config.traditional_edition
    if folder is None:
        return True
    line = lines.get("traditional_edition")
    if config.language != "zh-CN":
        problems.error(path, line, "traditional_edition", f"繁体版由简体内容转换而来，language = \"{config.language}\" 的网站不能再转换",
                       "删除这一行，或把 language 改为 \"zh-CN\"")
        return False
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,40}", folder) or folder in SITE_NAMES:
        taken = f"“{folder}”已被网站本身使用" if folder in SITE_NAMES else f"“{shown(folder)}”不能用作文件夹名"
        problems.error(path, line, "traditional_edition", taken,
                       "写一个由小写英文字母、数字或 - 组成的新文件夹名，例如 traditional_edition = \"fanti\"")
        return False
    return True


def _check_assets(root: Path, problems: Problems) -> None:
    """Report links (symlinks) in the site's assets/ that lead out of the site: their targets would be published."""
    site = os.path.realpath(root)
    for folder, names, files in os.walk(root / "assets"):
        for name in names + files:
            entry = os.path.join(folder, name)
            if os.path.islink(entry) and not _inside(os.path.realpath(entry), site):
                problems.error(Path(entry), None, None, "是指向网站文件夹之外的链接（快捷方式），其内容会被发布出去",
                               "把需要的文件复制到 assets/ 中，删除这个链接")


def _key_lines(text: str) -> dict[str, int]:
    """Return the line of each key and table by its dotted path (`board`, `certificates`, `certificates.issuer`).

    tomllib keeps no positions; this reads the headers and keys again, which is enough to point at a line.
    """
    lines: dict[str, int] = {}
    table = ""
    for number, line in enumerate(text.split("\n"), start=1):
        if header := re.match(r"\s*\[+\s*([\w.\s\"-]+?)\s*\]+", line):
            table = re.sub(r"[\s\"]", "", header.group(1))
            lines.setdefault(table, number)
        elif found := re.match(r"\s*\"?([\w.-]+)\"?\s*=", line):
            lines.setdefault(f"{table}.{found.group(1)}" if table else found.group(1), number)
    return lines


def setting_line(path: Path, key: str) -> int | None:
    """Return the line of a setting (dotted: `screen.awards`) in a site.toml, for a check made after loading."""
    try:
        return _key_lines(path.read_text(encoding="utf-8-sig")).get(key)
    except (OSError, UnicodeDecodeError):
        return None


def _mapping(data: dict[str, Any], lines: dict[str, int], prefix: str, line: int) -> YamlMap:
    """Return a TOML table as the YAML mapping records are parsed from, with the line of each key.

    A table inside it (`[certificates]`, `[certificates.fields.name]`) becomes a nested mapping, so a
    settings field typed as a dataclass is parsed and checked like any record.
    """
    mapping = YamlMap(line)
    for key, value in data.items():
        path = prefix + key
        mapping.key_lines[key] = lines.get(path, line)
        mapping[key] = _mapping(value, lines, path + ".", mapping.key_lines[key]) if isinstance(value, dict) else value
    return mapping


def _check_strings(strings: Any, path: Path, lines: dict[str, int], problems: Problems) -> dict[str, str]:
    if not isinstance(strings, dict):
        problems.error(path, lines.get("strings"), "strings", "应当是一个 [strings] 表", "写成 [strings] 然后每行 键 = \"文字\"")
        return {}
    checked = {}
    for key, value in strings.items():
        if key not in STRINGS:
            close = difflib.get_close_matches(key, STRINGS, n=1)
            hint = f"是不是 {close[0]}？" if close else "可改的文字见 honours/theme/strings/zh-CN.toml"
            problems.error(path, lines.get(f"strings.{key}"), f"strings.{key}", "未知的界面文字", hint)
        elif not isinstance(value, str):
            problems.error(path, lines.get(f"strings.{key}"), f"strings.{key}", "应当是文字", "用英文双引号括起来")
        elif (char := invisible_character(value)) is not None:
            problems.error(path, lines.get(f"strings.{key}"), f"strings.{key}", invisible_message(char), INVISIBLE_HINT)
        elif (wrong := _wrong_placeholder(value, STRINGS[key])) is not None:
            problems.error(path, lines.get(f"strings.{key}"), f"strings.{key}", *wrong)
        else:
            checked[key] = value
    return checked


def _placeholders(text: str) -> list[tuple[str, str, str | None]]:
    """Return the {name} placeholders of a UI string: (name, format spec, conversion); ValueError if braces are unbalanced."""
    return [(name, spec or "", conversion) for _, name, spec, conversion in string.Formatter().parse(text)
            if name is not None]


def _wrong_placeholder(text: str, default: str) -> tuple[str, str] | None:
    """Return (message, hint) if a UI string's placeholders are not exactly `{name}`s its default offers."""
    offered = [name for name, _, _ in _placeholders(default)]
    hint = ("可用的占位符：" + "、".join("{" + n + "}" for n in offered) if offered else "这段文字没有占位符") + \
        "；要显示花括号本身，请写 {{ 或 }}"
    try:
        found = _placeholders(text)
    except ValueError:
        return "花括号“{ }”不成对", hint
    for name, spec, conversion in found:
        if name not in offered or spec or conversion:
            return f"占位符“{{{name}{'!' + conversion if conversion else ''}{':' + spec if spec else ''}}}”不可用", hint
    return None
