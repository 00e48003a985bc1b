"""Parse YAML keeping the line of every key and item, and explain hand-typing slips in Chinese."""
from __future__ import annotations

import bisect
import re
from pathlib import Path
from typing import Any

import yaml

from ..errors import Problems
from .text import INVISIBLE_HINT, invisible_message


class YamlMap(dict):
    """A YAML mapping that remembers its own line and the line of each key."""

    def __init__(self, line: int):
        super().__init__()
        self.line = line
        self.key_lines: dict[Any, int] = {}

    def line_of(self, key: Any) -> int:
        """Return the line of `key`, or of the mapping itself when the key is absent."""
        return self.key_lines.get(key, self.line)


class YamlList(list):
    """A YAML sequence that remembers its own line and the line of each item."""

    def __init__(self, line: int):
        super().__init__()
        self.line = line
        self.item_lines: list[int] = []

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


# A key typed with a full-width colon, e.g. `姓名：张伟` or `name：张伟`.
_FULLWIDTH_COLON_KEY = re.compile(r"^\s*(?:-\s+)?([^\s:：#'\"\-][^\s:：]{0,30})\s*：")
_HALFWIDTH_KEY = re.compile(r"^\s*(?:-\s+)?[^\s:#'\"][^:]*:(\s|$)")
_BLOCK_SCALAR_START = re.compile(r":\s*[|>][-+0-9]*\s*(#.*)?$")

# What PyYAML says, and what a person who types YAML by hand needs to hear.
_YAML_MESSAGES = (
    ("mapping values are not allowed", "这一行出现了多余的冒号",
     "值里含有“: ”时请用引号把整个值括起来，例如 title: \"通报: 表彰\""),
    ("could not find expected ':'", "缺少冒号“:”", "每个字段写成“字段名: 值”，冒号为半角且后面有一个空格"),
    ("found character '\\t'", "用了 Tab 字符", "YAML 只能用空格缩进，请把 Tab 换成空格"),
    ("expected <block end>", "缩进不一致", "同一层的字段必须左对齐，用相同个数的空格缩进"),
    ("did not find expected key", "缩进不一致或缺少冒号", "同一层的字段必须左对齐，每个字段写成“字段名: 值”"),
    ("did not find expected '-'", "列表项缩进不一致", "同一列表的每一项“- ”必须左对齐"),
    ("found unexpected end of stream", "引号没有闭合", "检查引号是否成对出现"),
    ("found unknown escape character", "双引号中有无效的反斜杠", "Windows 路径请用单引号，或把 \\ 换成 /"),
    ("found undefined alias", "用了未定义的别名“*”", "以 * 开头的值请用引号括起来"),
)


def check_hand_typing(text: str, path: Path, line_offset: int, problems: Problems) -> bool:
    """Report full-width colons and spaces and tab indentation; return whether the text is clean."""
    clean = True
    block_indent: int | None = None
    for number, line in enumerate(text.split("\n"), start=1 + line_offset):
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        if block_indent is not None:
            if not stripped or indent > block_indent:
                continue  # the content of a `|` or `>` block is free text
            block_indent = None
        if not stripped or stripped.startswith("#"):
            continue
        if stripped[0] == "\t":
            problems.error(path, number, None, "用了 Tab 键缩进", "YAML 只能用空格缩进，请把 Tab 换成空格")
            clean = False
        elif stripped[0] == "\u3000":
            problems.error(path, number, None, "行首有全角空格", "缩进请用半角空格（切换到英文输入法再按空格）")
            clean = False
        elif not _HALFWIDTH_KEY.match(line) and (found := _FULLWIDTH_COLON_KEY.match(line)):
            key = found.group(1)
            problems.error(path, number, key, "字段名后用了全角冒号“：”",
                           f"改成半角冒号加空格：{key}: …（切换到英文输入法输入冒号）")
            clean = False
        elif re.search(r"^[^#'\"]*?:\u3000", line):
            problems.error(path, number, None, "冒号后面是全角空格",
                           "冒号后请用半角空格（切换到英文输入法再按空格）")
            clean = False
        if _BLOCK_SCALAR_START.search(line):
            block_indent = indent
    return clean


FAILED = object()  # what parse_yaml returns for a document it could not read (the reason is recorded)

# Anchors and aliases (&a … *a) are YAML's own and harmless in moderation; a document whose aliases
# expand to more than this many nodes is an "alias bomb" (billion laughs) and is refused, not built.
ALIAS_EXPANSION_LIMIT = 10_000
# No record nests deeper than a handful of levels; far deeper is a mistake or an attack.
MAX_DEPTH = 64
_DEFAULT_TAGS = {yaml.MappingNode: "tag:yaml.org,2002:map", yaml.SequenceNode: "tag:yaml.org,2002:seq"}
_TEXT = "tag:yaml.org,2002:str"


class _Refused(Exception):
    """A document that is valid YAML but must not be built: the line, message and hint to report."""

    def __init__(self, line: int | None, message: str, hint: str):
        super().__init__(message)
        self.line, self.message, self.hint = line, message, hint


def parse_yaml(text: str, path: Path, line_offset: int, problems: Problems) -> Any:
    """Return the YAML document with positions (None if empty), or FAILED after recording why."""
    if not check_hand_typing(text, path, line_offset, problems):
        return FAILED
    if (index := _too_deep_at(text)) is not None:
        # PyYAML's scanner takes time quadratic in bracket depth: [[[[… thousands deep would take minutes.
        problems.error(path, _line(text, index, line_offset), None, f"括号嵌套的层数过多（超过 {MAX_DEPTH} 层）",
                       "检查 [ ] 与 { } 是否成对；记录只需要几层括号")
        return FAILED
    if _FAST and not _UNLIKE.search(text):
        found = _fast(text, path, line_offset, problems)
        if found is not _RETRY:
            return found
    try:
        # SafeLoader reads the whole text at once: a control character is found here.
        return _document(_DepthLimitedLoader(text, line_offset), text, path, line_offset, problems)
    except yaml.MarkedYAMLError as exc:
        if (opened := _unclosed_quote(exc, text)) is not None:
            problems.error(path, _line(text, opened, line_offset), None, *_UNCLOSED_QUOTE)
            return FAILED
        mark = exc.problem_mark or exc.context_mark
        line = _line(text, mark.index, line_offset) if mark else None
        message, hint = _explain(exc)
        problems.error(path, line, None, message, hint)
        return FAILED
    except yaml.reader.ReaderError as exc:  # a control character, which no one types on purpose
        line = _line(text, exc.position, line_offset)
        problems.error(path, line, None, invisible_message(chr(exc.character)), INVISIBLE_HINT)
        return FAILED
    except yaml.YAMLError as exc:
        problems.error(path, None, None, f"YAML 格式错误（{exc}）", "检查文件中是否有不可见的特殊字符")
        return FAILED
    except RecursionError:  # PyYAML composes nested collections recursively; _DepthLimitedLoader stops it first
        problems.error(path, None, None, f"括号或缩进嵌套的层数过多（超过 {MAX_DEPTH} 层）",
                       "检查 [ ] 与 { } 是否成对；记录只需要几层缩进")
        return FAILED


def _document(loader: Any, text: str, path: Path, line_offset: int, problems: Problems) -> Any:
    """Return the document `loader` composes, built into values (FAILED if a value is refused); its YAML
    errors propagate for the caller to explain or retry."""
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        return _Builder(loader, text, path, line_offset, problems).build(node, 0, False)
    except _Refused as refused:
        problems.error(path, refused.line, None, refused.message, refused.hint)
        return FAILED
    finally:
        loader.dispose()


class _DepthLimitedLoader(yaml.SafeLoader):
    """PyYAML's loader, refusing nesting deeper than MAX_DEPTH at its line, long before Python's stack runs out."""

    def __init__(self, text: str, line_offset: int):
        super().__init__(text)
        self._text, self._offset, self._depth = text, line_offset, 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        self._depth += 1
        try:
            # The root is composed at depth 1, _Builder counts it as 0: the same documents are refused.
            if self._depth > MAX_DEPTH + 1:
                line = _line(self._text, self.peek_event().start_mark.index, self._offset)
                raise _Refused(line, f"嵌套的层数过多（超过 {MAX_DEPTH} 层）", "检查 [ ] 与 { } 是否成对；记录只需要几层缩进")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


_UNCLOSED_QUOTE = ("引号没有闭合：这一行的值以引号开头，却没有以同样的引号结束",
                   "在值的末尾补上同样的引号（\" 或 '），或去掉开头的引号")


def _unclosed_quote(exc: yaml.MarkedYAMLError, text: str) -> int | None:
    """Return where the quote opened that a YAML error comes from, or None if it comes from something else.

    A quote left open either runs to the end of the file (the scanner says so, marking the quote as its
    context) or is closed by the next quote further down, after which the rest of that line makes no sense:
    the error is then reported lines below the real mistake, as an indentation error.
    """
    if exc.context == "while scanning a quoted scalar" and exc.context_mark is not None:
        return exc.context_mark.index
    if exc.problem_mark is None:
        return None
    last = None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if token.start_mark.index >= exc.problem_mark.index:
                break
            if isinstance(token, yaml.ScalarToken):
                last = token
    except yaml.YAMLError:
        pass
    # No one types a quoted value over several lines on purpose; one that ends where the error is, is the culprit.
    if last is not None and last.style in ("'", '"') and last.start_mark.line < last.end_mark.line == exc.problem_mark.line:
        return last.start_mark.index
    return None


# libyaml's C parser composes ten times faster than PyYAML's own and marks the same positions. It is used
# for texts it reads exactly as PyYAML does: none with characters the two readers treat differently
# (controls, other line breaks, a BOM). Anything it refuses is read again by PyYAML, whose messages
# the hints above are written for.
_FAST = getattr(yaml, "__with_libyaml__", False)
_UNLIKE = re.compile(yaml.reader.Reader.NON_PRINTABLE.pattern + "|[\r\x85\u2028\u2029\ufeff]")
_RETRY = object()


def _fast(text: str, path: Path, line_offset: int, problems: Problems) -> Any:
    """Return the document as parse_yaml does, composed by libyaml; _RETRY when PyYAML must say what is wrong."""
    try:
        return _document(yaml.CSafeLoader(text), text, path, line_offset, problems)
    except (yaml.YAMLError, RecursionError):
        return _RETRY


def _too_deep_at(text: str) -> int | None:
    """Return where flow brackets ([ {) first nest deeper than MAX_DEPTH, quotes and comments aside; None if never."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return None
    depth, quote, index = 0, "", 0
    while index < len(text):
        char = text[index]
        if quote:
            if char == "\\" and quote == '"':
                index += 1
            elif char == quote:
                quote = ""
        elif char in "'\"" and (index == 0 or text[index - 1] in " \t\n[{,:-"):
            quote = char
        elif char == "#" and (index == 0 or text[index - 1] in " \t\n"):
            end = text.find("\n", index)
            index = len(text) if end < 0 else end
            continue
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return index
        elif char in "]}":
            depth = max(0, depth - 1)
        index += 1
    return None


def _line(text: str, index: int, offset: int) -> int:
    """Return the line of a character index, counting only \\n: PyYAML's marks also count U+2028 and NEL."""
    return text.count("\n", 0, index) + 1 + offset


class _Lines:
    """The line of any character index of a text, found by bisection (a document has thousands of nodes)."""

    def __init__(self, text: str, offset: int):
        self._breaks = [i for i, char in enumerate(text) if char == "\n"]
        self._offset = offset

    def of(self, index: int) -> int:
        return bisect.bisect_left(self._breaks, index) + 1 + self._offset


def _explain(exc: yaml.MarkedYAMLError) -> tuple[str, str]:
    said = f"{exc.context or ''} {exc.problem or ''}"
    for english, message, hint in _YAML_MESSAGES:
        if english in said:
            return message, hint
    if tag := re.search(r"constructor for the tag '([^']*)'", said):
        return _unknown_tag(tag.group(1))
    return f"YAML 格式错误（{(exc.problem or exc.context or '').strip()}）", "对照 README 中的示例检查这一行的写法"


def _unknown_tag(tag: str) -> tuple[str, str]:
    shown = tag.replace("tag:yaml.org,2002:", "!!")
    return (f"不支持的 YAML 标记“{shown}”",
            "去掉值前面以 ! 开头的标记；如果值本身以 ! 开头，请用引号括起来")


class _Builder:
    """Build Python values from a composed YAML node graph, with lines, refusing bombs and cycles."""

    def __init__(self, loader: yaml.SafeLoader, text: str, path: Path, offset: int, problems: Problems):
        self.loader, self.path, self.problems = loader, path, problems
        # A mark's line counts the other line breaks too (U+2028, NEL, a lone CR); a text with none of them
        # (what libyaml is given) can take it as it is.
        self.lines = None if isinstance(loader, yaml.CSafeLoader) else _Lines(text, offset)
        self.offset = offset + 1
        self.built: set[int] = set()  # nodes built once: meeting one again is an alias
        self.active: set[int] = set()  # nodes being built: meeting one again is an alias to itself
        self.expanded = 0

    def line(self, node: yaml.Node) -> int:
        if self.lines is None:
            return node.start_mark.line + self.offset
        return self.lines.of(node.start_mark.index)

    def build(self, node: yaml.Node, depth: int, repeated: bool) -> Any:
        """Return the value of `node`; `repeated` when it is reached through an alias."""
        line = self.line(node)
        if id(node) in self.active:
            raise _Refused(line, "别名（*）引用了包含它自己的内容", "去掉这个别名，把内容直接写出来")
        repeated = repeated or id(node) in self.built
        if repeated:
            self.expanded += 1
            if self.expanded > ALIAS_EXPANSION_LIMIT:
                raise _Refused(line, f"别名（*）展开后的内容过多（超过 {ALIAS_EXPANSION_LIMIT} 项）",
                               "不要层层引用别名；把需要的内容直接写出来")
        if depth > MAX_DEPTH:
            raise _Refused(line, f"嵌套的层数过多（超过 {MAX_DEPTH} 层）", "检查 [ ] 与 { } 是否成对；记录只需要几层缩进")
        self.built.add(id(node))
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
            if node.tag != _DEFAULT_TAGS[type(node)]:
                raise _Refused(line, *_unknown_tag(node.tag))
            self.active.add(id(node))
            try:
                if isinstance(node, yaml.MappingNode):
                    return self._mapping(node, line, depth, repeated)
                return self._sequence(node, line, depth, repeated)
            finally:
                self.active.discard(id(node))
        if node.tag == _TEXT:  # most values: what SafeConstructor would make of them, without its detours
            return node.value
        try:
            return self.loader.construct_object(node, deep=True)
        except yaml.MarkedYAMLError:
            raise
        except Exception:  # noqa: BLE001
            # e.g. `date: 2024-13-01` matches YAML's timestamp pattern but is no date (ValueError), and
            # PyYAML's own constructors fail on `!!bool maybe` (KeyError) or `!!timestamp x` (AttributeError):
            # keep the text, so the field's own check can say what is wrong with it.
            return node.value

    def _mapping(self, node: yaml.MappingNode, line: int, depth: int, repeated: bool) -> YamlMap:
        mapping = YamlMap(line)
        for key_node, value_node in node.value:
            key_line = self.line(key_node)
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _Refused(key_line, "不支持用“<<”合并别名的内容", "把要合并的字段直接写出来")
            key = self.build(key_node, depth + 1, repeated)
            if not isinstance(key, (str, int, float, bool)) or key is None:
                self.problems.error(self.path, key_line, None, "字段名无效", "字段名应是一个简单的词，例如 name")
                continue
            if key in mapping:
                self.problems.error(self.path, key_line, str(key), f"字段重复（第 {mapping.line_of(key)} 行已经写过）",
                                    "删除其中一个")
                continue
            mapping[key] = self.build(value_node, depth + 1, repeated)
            mapping.key_lines[key] = key_line
        return mapping

    def _sequence(self, node: yaml.SequenceNode, line: int, depth: int, repeated: bool) -> YamlList:
        items = YamlList(line)
        for item_node in node.value:
            items.append(self.build(item_node, depth + 1, repeated))
            items.item_lines.append(self.line(item_node))
        return items
