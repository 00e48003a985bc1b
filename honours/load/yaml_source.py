"""Parse YAML keeping the line of every key and item, and explain hand-typing slips in Chinese."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from ..errors import Problems


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


def parse_yaml(text: str, path: Path, line_offset: int, problems: Problems) -> Any:
    """Return the YAML document with positions (None if empty), or FAILED after recording why."""
    if not check_hand_typing(text, path, line_offset, problems):
        return FAILED
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        return _construct(node, loader, path, line_offset, problems)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark else None
        message, hint = _explain(exc)
        problems.error(path, line, None, message, hint)
        return FAILED
    except yaml.YAMLError as exc:  # e.g. a stray control character
        problems.error(path, None, None, f"YAML 格式错误：{exc}", "检查文件中是否有不可见的特殊字符")
        return FAILED
    finally:
        loader.dispose()


def _explain(exc: yaml.MarkedYAMLError) -> tuple[str, str]:
    said = f"{exc.context or ''} {exc.problem or ''}"
    for english, message, hint in _YAML_MESSAGES:
        if english in said:
            return message, hint
    return f"YAML 格式错误（{(exc.problem or exc.context or '').strip()}）", "对照 README 中的示例检查这一行的写法"


def _construct(node: yaml.Node, loader: yaml.SafeLoader, path: Path, offset: int,
               problems: Problems) -> Any:
    line = node.start_mark.line + 1 + offset
    if isinstance(node, yaml.MappingNode):
        mapping = YamlMap(line)
        for key_node, value_node in node.value:
            key = _construct(key_node, loader, path, offset, problems)
            key_line = key_node.start_mark.line + 1 + offset
            if not isinstance(key, (str, int, float, bool)) or key is None:
                problems.error(path, key_line, None, "字段名无效", "字段名应是一个简单的词，例如 name")
                continue
            if key in mapping:
                problems.error(path, key_line, str(key), f"字段重复（第 {mapping.line_of(key)} 行已经写过）",
                               "删除其中一个")
                continue
            mapping[key] = _construct(value_node, loader, path, offset, problems)
            mapping.key_lines[key] = key_line
        return mapping
    if isinstance(node, yaml.SequenceNode):
        items = YamlList(line)
        for item_node in node.value:
            items.append(_construct(item_node, loader, path, offset, problems))
            items.item_lines.append(item_node.start_mark.line + 1 + offset)
        return items
    try:
        return loader.construct_object(node, deep=True)
    except (ValueError, OverflowError):
        # e.g. `date: 2024-13-01` matches YAML's timestamp pattern but is no date: keep the text,
        # so the field's own check can say what is wrong with it.
        return node.value
