"""What records a site already has, as `new` needs to know it: ids, names, old ids and where the files are.

Only what a message or a check needs is read, so `new` stays quick on a site of 10,000 people: the ids
are the file names; names are read for the kinds a new record refers to (units, campaigns), and old ids
only from the files that mention `aliases`.
"""
from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Problems
from ..ids import id_files, is_record_file
from ..load.files import RECORD_SUFFIXES, split_front_matter  # the loader's own: `new` sees files as a build does
from ..load.text import read_text
from ..load.yaml_source import parse_yaml
from ..model.kinds import CampaignIndex
from ..model.naming import Naming, naming_of
from ..model.records import KINDS as ALL_KINDS
from ..model.records import kind_named

KINDS = tuple(kind.name for kind in ALL_KINDS if kind.new)  # the kinds `new` writes
KIND_NAMES = {kind: kind_named(kind).label for kind in KINDS}


@dataclass(slots=True)
class SiteIndex:
    """The records of each kind in a site, by id: their files, and (read when first asked) their fields."""

    content: Path
    root: Path  # the site folder, which the commands messages suggest name
    files: dict[str, dict[str, Path]] = field(default_factory=lambda: {kind: {} for kind in KINDS})
    _names: dict[str, dict[str, str]] = field(default_factory=dict)
    _id_files: dict[str, dict[str, Path]] = field(default_factory=dict)
    _aliases: dict[str, dict[str, str]] = field(default_factory=dict)
    _namings: dict[str, Naming] = field(default_factory=dict)

    def taken(self, kind: str, record_id: str) -> str | None:
        """Return why `record_id` is taken for a new record of `kind` (in Chinese), or None when it is free."""
        folded = record_id.casefold()
        if (path := self.id_files(kind).get(folded)) is not None:
            other = path.name if kind == "campaign" else path.stem
            same = "" if other == record_id else f"（“{other}”，只差大小写）"
            if kind == "campaign" or is_record_file(path):
                return f"已有{KIND_NAMES[kind]}使用这个编号{same}：{self.shown(path)}"
            return f"照片 {self.shown(path)} 已经用了这个名字{same}，新{KIND_NAMES[kind]}的照片会与它重名"
        if (owner := self.aliases(kind).get(folded)) is not None:
            return f"这是{KIND_NAMES[kind]}“{owner}”改名前的编号（写在它的 aliases 中），旧网址会跳转到那里"
        return None

    def taken_ids(self, kind: str) -> set[str]:
        """Return every id, folded with casefold(), that a new record of `kind` may not have."""
        return set(self.id_files(kind)) | set(self.aliases(kind))

    def id_files(self, kind: str) -> dict[str, Path]:
        """Return the files that keep an id from a new record of `kind`, by folded id (a campaign's: its folder)."""
        if kind not in self._id_files:
            self._id_files[kind] = (
                {rid.casefold(): path for rid, path in self.files[kind].items()} if kind == "campaign"
                else id_files(self.content / kind_named(kind).files.folder))
        return self._id_files[kind]

    def aliases(self, kind: str) -> dict[str, str]:
        """Return the record of `kind` each old id (folded) belongs to, read from the files that mention aliases."""
        if kind not in self._aliases:
            found: dict[str, str] = {}
            for owner, data in self._read(kind, b"aliases"):
                aliases = data.get("aliases")
                for alias in aliases if isinstance(aliases, list) else [aliases]:
                    if alias is not None:
                        found.setdefault(str(alias).casefold(), owner)
            self._aliases[kind] = found
        return self._aliases[kind]

    def names(self, kind: str) -> dict[str, str]:
        """Return the name (or title) of each record of `kind` that has one."""
        if kind not in self._names:
            key = kind_named(kind).title
            self._names[kind] = {rid: data[key] for rid, data in self._read(kind) if isinstance(data.get(key), str)}
        return self._names[kind]

    def naming(self, kind: str) -> Naming:
        """Return how records of `kind` may be named where an id is asked: id, name (title), a unit's short name."""
        if kind not in self._namings:
            key = kind_named(kind).title
            read = dict(self._read(kind))
            self._namings[kind] = naming_of(KIND_NAMES[kind], (
                (rid, tuple(v for v in (read.get(rid, {}).get(key), read.get(rid, {}).get("short_name"))
                            if isinstance(v, str) and v)) for rid in self.files[kind]))
        return self._namings[kind]

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
        top = self.content / kind_named(kind).files.folder
        if kind == "unit" and parent in self.files["unit"]:
            return self.files["unit"][parent].parent
        if kind == "person" and parent is not None and any(p.parent != top for p in self.files["person"].values()):
            folders = Counter(self.files["person"][rid].parent for rid, data in self._read("person", parent.encode())
                              if data.get("unit") == parent)
            if folders:
                return folders.most_common(1)[0][0]
        return top

    def same_name(self, kind: str, name: str, unit: str = "") -> dict[str, Any]:
        """Return the units named `name`, with their parents; or the people named `name` in `unit`, with it."""
        # A person's file names their unit by its id: only those files are read, in either encoding a file may have.
        mentioning = (unit.encode(), unit.encode("gb18030")) if kind == "person" else ()
        key = "parent" if kind == "unit" else "unit"
        return {rid: data.get(key) for rid, data in self._read(kind, *mentioning)
                if isinstance(data.get("name"), str) and _name_key(data["name"]) == _name_key(name)
                and (kind == "unit" or data.get("unit") == unit)}

    def _read(self, kind: str, *mentioning: bytes) -> list[tuple[str, dict[str, Any]]]:
        """Return the front matter of each record of `kind` whose file holds one of `mentioning`, if it reads."""
        found = []
        for record_id, path in self.files[kind].items():
            file = _index_file(path) if kind == "campaign" else path
            try:
                raw = file.read_bytes() if mentioning else b""
            except OSError:
                continue
            if mentioning and not any(m in raw for m in mentioning):
                continue
            if isinstance(data := _front_matter(file), dict):
                found.append((record_id, data))
        return found


def index_site(content: Path, root: Path) -> SiteIndex:
    """Return the records the site in `root`, with its records in `content`, has, by their file names (a campaign's: its folder)."""
    index = SiteIndex(content, root)
    for name in KINDS:
        kind = kind_named(name)
        # A campaign folder with only photos in it so far is no campaign yet: `new campaign` may write its index.md.
        for record_id, path in kind.files.files(content, Problems()):
            index.files[name].setdefault(record_id, path.parent if isinstance(kind.files, CampaignIndex) else path)
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
        split = split_front_matter(text, path, problems)
        if split is None:
            return None
        text = split[0]
    return parse_yaml(text, path, 1, problems)


def _name_key(name: str) -> str:
    """Return a name as compared: full-width forms folded and spaces dropped (张　伟 is 张伟)."""
    return "".join(unicodedata.normalize("NFKC", name).split())
