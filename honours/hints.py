"""The commands messages suggest, written so that pasting one into the same window runs it as shown.

Every hint names the program as the clerk installed it (`honours`, the console script, which works on
Windows too) and the site folder as seen from the folder the command was run in: nothing when it is that
folder, else `--site` and the folder, quoted when it has spaces. One place builds them, so no message
drops the `--site` in use.
"""
from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

PROGRAM = "honours"
SITE_WORD = "网站文件夹"  # stands for the site folder in the guide's and usage texts' commands

# Characters a shell reads as more than part of a word; a word with one of them is quoted.
_PLAIN = re.compile(r"[^\s\"'`$&|;<>()^%!*?\[\]{}#~=\\]+")
_UNSAFE_IN_DOUBLE_QUOTES = re.compile(r"[\"`$\\!]")


def quoted(word: str) -> str:
    """Return `word` as a shell reads it back unchanged: bare when plain, else in double quotes (cmd and
    PowerShell know no others), or, on Unix, shell quotes for the characters double quotes do not protect."""
    if word and _PLAIN.fullmatch(word):
        return word
    if os.name != "nt" and _UNSAFE_IN_DOUBLE_QUOTES.search(word):
        return shlex.quote(word)
    return f'"{word}"'


def site_folder(site: Path) -> str | None:
    """Return the site folder as a command run here names it: None for this folder, else as `from_here`."""
    return None if site.resolve() == Path.cwd().resolve() else from_here(site)


def from_here(path: Path) -> str:
    """Return a path as a command run here names it: within this folder relative to it, any other (another
    drive, a parent's folder) in full."""
    here, there = Path.cwd().resolve(), path.resolve()
    return str(there.relative_to(here)) if there.is_relative_to(here) else str(there)


def command(*words: str, site: Path | None = None) -> str:
    """Return `honours WORDS --site SITE`, each word quoted as needed, without --site when run in the site."""
    folder = site_folder(site) if site is not None else None
    site_words = ("--site", folder) if folder is not None else ()
    return " ".join((PROGRAM, *(quoted(word) for word in (*words, *site_words))))


def usage(*words: str) -> str:
    """Return a command as the guide and usage texts write it: `honours WORDS --site 网站文件夹`."""
    return " ".join((PROGRAM, *words, "--site", SITE_WORD))


def not_a_site_hint() -> str:
    """Return how to point honours at a site, for a folder without site.toml (never: create one there)."""
    return (f"用 --site 写出网站所在的文件夹，例如 {usage('build')}；或先进入网站文件夹（cd {SITE_WORD}）再运行。"
            f"要建新网站，用 {PROGRAM} init 新文件夹名")
