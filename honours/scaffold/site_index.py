"""What records a site already has, as `new` needs to know it: ids, names, old ids and where the files are.

Only what a message or a check needs is read, so `new` stays quick on a site of 10,000 people: the ids
are the file names; names are read for the kinds a new record refers to (units, campaigns), and old ids
only from the files that mention `aliases`.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Problems
from ..load.files import CAMPAIGNS, FOLDERS, RECORD_SUFFIXES
from ..load.files import _record_files  # the loader's own listing: `new` sees exactly the files a build reads
from ..load.text import read_text
from ..load.yaml_source import parse_yaml

KINDS = ("person", "unit", "campaign", "bulletin")
KIND_NAMES = {"person": "人员", "unit": "单位", "campaign": "活动", "bulletin": "通报"}
_TITLE = {"person": "name", "unit": "name", "campaign": "title", "bulletin": "title"}


@dataclass(slots=True)
class SiteIndex:
    """The records of each kind in a site, by id: their files, and (read when first asked) their fields."""

    content: Path
    files: dict[str, dict[str, Path]] = field(default_factory=lambda: {kind: {} for kind in KINDS})
    _names: dict[str, dict[str, str]] = field(default_factory=dict)

    def taken(self, kind: str, record_id: str) -> str | None:
        """Return why `record_id` is taken for a new record of `kind` (in Chinese), or None when it is free."""
        folded = record_id.casefold()
        for other, path in self.files[kind].items():
            if other.casefold() == folded:
                same = "" if other == record_id else f"（“{other}”，只差大小写）"
                return f"已有{KIND_NAMES[kind]}使用这个编号{same}：{self.shown(path)}"
        for owner, data in self._read(kind, b"aliases"):
            aliases = data.get("aliases")
            if any(str(alias).casefold() == folded for alias in (aliases if isinstance(aliases, list) else [aliases])):
                return f"这是{KIND_NAMES[kind]}“{owner}”改名前的编号（写在它的 aliases 中），旧网址会跳转到那里"
        return None

    def names(self, kind: str) -> dict[str, str]:
        """Return the name (or title) of each record of `kind` that has one."""
        if kind not in self._names:
            key = _TITLE[kind]
            self._names[kind] = {rid: data[key] for rid, data in self._read(kind) if isinstance(data.get(key), str)}
        return self._names[kind]

    def label(self, kind: str, record_id: str) -> str:
        """Return `id（name）` for a message, or the id alone when the record has no readable name."""
        name = self.names(kind).get(record_id)
        return f"{record_id}（{name}）" if name else record_id

    def shown(self, path: Path) -> str:
        """Return a path as messages show it: from content/'s folder, with / separators."""
        try:
            return path.relative_to(self.content.parent).as_posix()
        except ValueError:
            return path.as_posix()

    def folder_for(self, kind: str, parent: str | None) -> Path:
        """Return where a new record goes: a unit beside its parent, a person where most of their unit's people are."""
        top = self.content / (CAMPAIGNS if kind == "campaign" else FOLDERS[kind])
        if kind == "unit" and parent in self.files["unit"]:
            return self.files["unit"][parent].parent
        if kind == "person" and parent is not None and any(p.parent != top for p in self.files["person"].values()):
            folders = Counter(self.files["person"][rid].parent for rid, data in self._read("person", parent.encode())
                              if data.get("unit") == parent)
            if folders:
                return folders.most_common(1)[0][0]
        return top

    def _read(self, kind: str, mentioning: bytes = b"") -> list[tuple[str, dict[str, Any]]]:
        """Return the front matter of each record of `kind` whose file holds `mentioning`, if it reads."""
        found = []
        for record_id, path in self.files[kind].items():
            file = _index_file(path) if kind == "campaign" else path
            try:
                if mentioning and mentioning not in file.read_bytes():
                    continue
            except OSError:
                continue
            if isinstance(data := _front_matter(file), dict):
                found.append((record_id, data))
        return found


def index_site(content: Path) -> SiteIndex:
    """Return the records the site whose records are in `content` has, by their file names."""
    index = SiteIndex(content)
    for kind in ("person", "unit", "bulletin"):
        for path in _record_files(content / FOLDERS[kind]):
            index.files[kind].setdefault(path.stem, path)
    campaigns = content / CAMPAIGNS
    if campaigns.is_dir():
        for folder in sorted(p for p in campaigns.iterdir() if p.is_dir()):
            # A folder with only photos in it so far is no campaign yet: `new campaign` may write its index.md.
            if _index_file(folder).is_file():
                index.files["campaign"][folder.name] = folder
    return index


def _index_file(folder: Path) -> Path:
    return next((folder / f"index{suffix}" for suffix in RECORD_SUFFIXES if (folder / f"index{suffix}").is_file()),
                folder / "index.md")


def _front_matter(path: Path) -> Any:
    """Return the YAML of a record file (a Markdown file's front matter), or None if it does not read."""
    problems = Problems()  # the build reports these; `new` only wants what reads
    text = read_text(path, problems)
    if text is None:
        return None
    if path.suffix.lower() == ".md":
        lines = text.split("\n")
        end = next((n for n in range(1, len(lines)) if lines[n].strip() in ("---", "...")), None)
        if lines[0].strip() != "---" or end is None:
            return None
        text = "\n".join(lines[1:end])
    return parse_yaml(text, path, 1, problems)
