"""The shortcodes a Markdown body may hold, e.g. a campaign's honour list inside a bulletin."""
from __future__ import annotations

import re
from dataclasses import dataclass

# `{{< honours campaign="hq-323-2024" award="wenming-bushi" >}}` on a line of its own, as in Hugo.
SHORTCODE = re.compile(r"^[ \t]*\{\{<\s*(\w+)((?:\s+\w+\s*=\s*\"[^\"]*\")*)\s*>\}\}[ \t]*$", re.M)
_ARGUMENT = re.compile(r"(\w+)\s*=\s*\"([^\"]*)\"")
KNOWN = {"honours": ("campaign", "award")}


@dataclass(frozen=True, slots=True)
class Shortcode:
    """One shortcode in a body: its name, its arguments, and its line within the body."""

    name: str
    arguments: dict[str, str]
    line: int
    span: tuple[int, int]


def find_shortcodes(body: str) -> list[Shortcode]:
    """Return the shortcodes of a Markdown body, in order."""
    found = []
    for match in SHORTCODE.finditer(body):
        line = body.count("\n", 0, match.start()) + 1
        arguments = dict(_ARGUMENT.findall(match.group(2)))
        found.append(Shortcode(match.group(1), arguments, line, match.span()))
    return found
