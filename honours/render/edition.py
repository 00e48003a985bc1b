"""The traditional-Chinese edition: the simplified site's pages, every word converted by OpenCC (s2t, s2tw or s2hk).

The edition is rendered from the same model with the same templates, so it has the same pages,
order and links; only what readers read is converted afterwards. Links, ids and file names are
left alone: an id may be Chinese, and the edition's links must reach the same files.
"""
from __future__ import annotations

import dataclasses
import functools
import html
import re
from importlib.metadata import version

from ..config import SiteConfig

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# Markup, and the elements whose content is code or style rather than words.
_MARKUP = re.compile(r"<!--.*?-->|<(script|style)\b[^>]*>.*?</\1\s*>|<[^>]*>", re.S | re.I)
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(\s*=\s*)("[^"]*"|'[^']*'|[^\s"'=<>`]+)""")
_SIMPLIFIED = re.compile(r"""\slang=["']?zh-(CN|Hans)\b""", re.I)
# Attributes that hold addresses or names other markup refers to: converting them would break links.
_NOT_WORDS = {"href", "src", "srcset", "action", "id", "for", "name", "headers", "class", "rel", "type", "lang",
              "hreflang", "xml:lang", "style", "xmlns", "list", "form", "aria-controls", "aria-describedby",
              "aria-labelledby", "data-fallback", "data-order", "data-pagefind", "data-bundles", "term", "scheme",
              "uri", "xlink:href"}
_REFRESH = re.compile(r"\shttp-equiv\s*=", re.I)  # a redirect's content="0; url=…" is an address


def traditional_config(config: SiteConfig) -> SiteConfig:
    """Return the settings the edition is built with: the simplified site's words (converted after), its language."""
    assert config.traditional_edition is not None
    # Its feed and sitemap give its own addresses, in its folder.
    base_url = config.base_url and f"{config.base_url}{config.traditional_edition}/"
    return dataclasses.replace(config, language=config.edition_language, traditional_edition=None, edition_of="..",
                               base_url=base_url)


class Traditional:
    """Converts the simplified site's pages, feeds and search entries to traditional characters."""

    def __init__(self, standard: str) -> None:
        import opencc  # imported here: only a site with an edition needs it

        self._converter = opencc.OpenCC(f"{standard}.json")  # a name from config.TRADITIONAL_STANDARDS
        self.key = f"opencc {version('opencc')} {standard}".encode()  # what a kept page's conversion depends on

    @functools.lru_cache(maxsize=65536)  # noqa: B019  # one converter per build; the same words recur on every page
    def text(self, words: str) -> str:
        """Return plain text converted."""
        return self._converter.convert(words) if _HAN.search(words) else words

    def markup(self, document: str, xml: bool = False) -> str:
        """Return an HTML or XML document with its text and wordy attributes converted, its markup as it was.

        In XML (the Atom feed) a text may itself be escaped HTML, with links in it: it is converted as markup.
        """
        parts: list[str] = []
        start, simplified = 0, False
        for found in _MARKUP.finditer(document):
            words = document[start:found.start()]
            if xml and "&lt;" in words:
                parts.append(html.escape(self.markup(html.unescape(words)), quote=False))
            else:
                parts.append(words if simplified else self.text(words))
            tag = found.group(0)
            parts.append(self._tag(tag) if found.group(1) is None and _HAN.search(tag) else tag)
            # Words marked as simplified (the link back to the simplified edition) stay as they are.
            simplified = _SIMPLIFIED.search(tag) is not None
            start = found.end()
        parts.append(self.text(document[start:]))
        return "".join(parts)

    def _tag(self, tag: str) -> str:
        if tag.startswith("<!"):
            return tag  # a comment or doctype
        refresh = _REFRESH.search(tag) is not None
        return _ATTRIBUTE.sub(lambda m: m.group(0) if m.group(1).lower() in _NOT_WORDS
                              or (refresh and m.group(1).lower() == "content")
                              else m.group(1) + m.group(2) + self.text(m.group(3)), tag)
