"""The theme's catalogue: every word the default theme shows its readers, one TOML file per language.

A site picks a language in site.toml (`language`) and overrides any string under [strings].
"""
from __future__ import annotations

import tomllib
from .theme import STRINGS as _FOLDER

DEFAULT_LANGUAGE = "zh-CN"


def _read(language: str) -> dict[str, str]:
    with open(_FOLDER / f"{language}.toml", "rb") as file:
        return tomllib.load(file)


CATALOGUES: dict[str, dict[str, str]] = {language: _read(language) for language in ("zh-CN", "zh-TW")}
LANGUAGES = tuple(CATALOGUES)
STRINGS = CATALOGUES[DEFAULT_LANGUAGE]  # the keys every catalogue has, and what a site's overrides are checked against


# What a site in each language reads: a word its catalogue lacks (a new kind's, not yet translated) in the default's.
_READ = {language: {**STRINGS, **words} for language, words in CATALOGUES.items()}


def catalogue(language: str) -> dict[str, str]:
    """Return the strings of a language the theme ships, completed by the default language's; the default's for any other."""
    return _READ.get(language, STRINGS)
