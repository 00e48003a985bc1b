"""Markdown bodies to safe HTML: Python-Markdown, then nh3 so raw HTML in content cannot inject scripts."""
from __future__ import annotations

import re
from collections.abc import Callable

import jinja2
import markdown
import nh3

from ..model.bodies import EXTENSIONS
from ..model.shortcodes import Shortcode, find_shortcodes

# What content may keep after sanitising: nh3's safe defaults plus the attributes tables and
# images need. Never style, script, iframe or event handlers; nor `cite`, a URL nh3 does not
# filter by scheme (it kept `cite="javascript:…"`) and readers never see.
_ATTRIBUTES = {
    **{tag: set(attrs) - {"cite"} for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan", "scope"},
    "img": {"src", "alt", "title", "width", "height", "loading"},
    "a": {"href", "title", "id"},
    "sup": {"id"},
    "li": {"id"},
    "div": {"class"},
    "ol": {"start"},
}
_TOKEN = "HONOURSSHORTCODE{}END"
_HEADING = re.compile(r"<h([1-6])[\s>]")
# A body sits under its page's title (h1): a shortcode before any heading of the body starts at h2.
_FIRST_LEVEL = 2
_LINK_ATTRIBUTES = {"href", "src"}  # of those kept above, the ones naming a file
Linked = Callable[[str], "str | None"]  # a link as written -> its new address, if it is an attachment


# A text with none of these characters, and none of these at the start of a line, is plain paragraphs to
# Markdown: most biographies and citations. It is turned into paragraphs directly, as Markdown would.
_MARKUP = re.compile(r"[\\`*_{}\[\]<>&#|~^!=\t\r]|^ |^[-+:\d]|  $", re.MULTILINE)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


class MarkdownRenderer:
    """Render Markdown bodies; shortcodes are replaced by HTML the theme makes (trusted).

    A text without shortcodes renders the same wherever it is shown, so each is rendered once.
    """

    def __init__(self) -> None:
        self._markdown = markdown.Markdown(extensions=EXTENSIONS, output_format="html")
        self._known: dict[str, str] = {}

    def render(self, text: str, render_shortcode: Callable[[Shortcode, int], str], linked: Linked | None = None) -> str:
        """Return the sanitised HTML of a Markdown text; `linked` gives the new address of a link to a file
        beside the text's record (an attachment), None for any other link.

        `render_shortcode` gets each shortcode and the level its headings take: one below the body's
        last heading before it, so headings go in order (h2, h3, never h2 then h4).
        """
        if not text or not text.strip():
            return ""
        codes = find_shortcodes(text)
        if linked is not None:  # its links depend on the page it is shown in: rendered each time (such texts are few)
            return self._with_shortcodes(text, codes, render_shortcode, linked)
        if not codes:
            found = self._known.get(text)
            if found is None:
                found = self._known[text] = _paragraphs(text) if not _MARKUP.search(text) else self._convert(text)
            return found
        return self._with_shortcodes(text, codes, render_shortcode, None)

    def _with_shortcodes(self, text: str, codes: list[Shortcode], render_shortcode: Callable[[Shortcode, int], str],
                         linked: Linked | None) -> str:
        for index, code in reversed(list(enumerate(codes))):
            start, end = code.span
            text = text[:start] + "\n" + _TOKEN.format(index) + "\n" + text[end:]
        html = self._convert(text, linked)
        # Levels are read from the body's own headings, before any shortcode's headings join them.
        levels = [_level_at(html, _TOKEN.format(index)) for index in range(len(codes))]
        for index, code in enumerate(codes):
            token = _TOKEN.format(index)
            html = html.replace(f"<p>{token}</p>", render_shortcode(code, levels[index])).replace(token, "")
        return html

    def _convert(self, text: str, linked: Linked | None = None) -> str:
        self._markdown.reset()
        try:
            converted = self._markdown.convert(text)
        except RecursionError:  # the model refuses such bodies (model/bodies.py); a deep theme could still hit it
            raise jinja2.TemplateRuntimeError("正文中列表或引用（>）嵌套的层数过多，无法转换为网页") from None
        return nh3.clean(converted, attributes=_ATTRIBUTES, link_rel="noopener noreferrer",
                         attribute_filter=None if linked is None else _relinking(linked))


def _level_at(html: str, token: str) -> int:
    """Return the heading level for what replaces `token`: one below the last heading before it, at most h6."""
    levels = [int(level) for level in _HEADING.findall(html, 0, max(html.find(token), 0))]
    return min(levels[-1] + 1, 6) if levels else _FIRST_LEVEL


def _relinking(linked: Linked) -> Callable[[str, str, str], str]:
    """Return an nh3 attribute filter giving links to attachments their published address (it sees the raw
    HTML's too, and each value with its entities decoded, as the body check did)."""
    def relink(tag: str, attribute: str, value: str) -> str:
        return (linked(value) or value) if attribute in _LINK_ATTRIBUTES else value
    return relink


def _paragraphs(text: str) -> str:
    """Return plain text (no character Markdown would read as markup) as the paragraphs Markdown makes of it."""
    parts = (part.strip() for part in _BLANK_LINE.split(text.strip()))
    return "\n".join(f"<p>{part}</p>" for part in parts if part)
