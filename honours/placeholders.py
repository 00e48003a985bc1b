"""What the scaffolds write for a clerk to replace, and finding it again so that it is never published unseen.

`new` fills a required field it was not given with 待填写 (or a guessed date) and marks the line “← 暂填”;
`init`'s records are samples and say so on a line of their own. A build warns about each while it remains
(an error under --strict), naming file, line and field.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

PLACEHOLDER = "待填写"  # the text `new` gives a required text field it was not given
MARK = "← 暂填"  # the comment `new` ends a line with whose value it had to fill in
SAMPLE = "示例记录：改成真实的内容后删去这一行；不需要就删去这个文件"  # the line each of init's records has

_KEY = re.compile(r"^\s*(?:-\s+)?([A-Za-z_][\w]*)\s*:")


@dataclass(frozen=True, slots=True)
class Placeholder:
    """A line of a file holding something a scaffold wrote to be replaced: a value, or init's sample line."""

    line: int
    field: str | None  # the key written on that line, if any
    sample: bool = False


def placeholders(text: str) -> tuple[Placeholder, ...]:
    """Return the placeholders in a file's text, by line (1 is the file's first)."""
    if PLACEHOLDER not in text and MARK not in text and SAMPLE not in text:
        return ()  # nearly every file: one search each
    return tuple(_found(text))


def _found(text: str) -> Iterator[Placeholder]:
    for number, line in enumerate(text.splitlines(), 1):
        if SAMPLE in line:
            yield Placeholder(number, None, sample=True)
            continue
        value = line.split("#", 1)[0] if not line.lstrip().startswith("#") else ""
        if PLACEHOLDER in value or (MARK in line and value.strip()):
            key = _KEY.match(line)
            yield Placeholder(number, key.group(1) if key else None)
