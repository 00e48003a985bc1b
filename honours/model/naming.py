"""How a clerk may name a record where an id is asked: by its id, its exact name, or a unit's short name.

One place decides it for honours.yaml (`person:`, `unit:`), score files and `new person --unit`, so that
what `import` accepts, the others accept too. A name counts only when one record has it; otherwise the
message lists the records it could mean, each as `id（name）`, so the clerk can copy the id.
"""
from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

_SHOWN = 8  # how many records a "可用：" list names before 等


@dataclass(frozen=True, slots=True)
class Found:
    """What a name resolved to: the id when one record has it, else why not (Chinese) and what to write."""

    id: str | None
    message: str = ""
    hint: str = ""


@dataclass(slots=True)
class Naming:
    """The ids of one kind's records, and the names each may also be called by (its name, a unit's short name)."""

    label: str  # the kind as messages name it: 人员, 单位
    names: dict[str, tuple[str, ...]]  # id -> its names, the one shown beside the id first
    _by_name: dict[str, list[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for record_id, names in self.names.items():
            for name in dict.fromkeys(names):
                self._by_name.setdefault(name, []).append(record_id)

    def find(self, text: str) -> Found:
        """Return the record `text` names: by id first, then by a name only one record has."""
        if text in self.names:
            return Found(text)
        matches = self._by_name.get(text, [])
        if len(matches) == 1:
            return Found(matches[0])
        if matches:
            return Found(None, f"有 {len(matches)} 个{self.label}叫“{text}”",
                         "改写编号以区分：" + "、".join(self.shown(rid) for rid in sorted(matches)))
        return Found(None, f"未找到{self.label}“{text}”", self.suggest(text))

    def shown(self, record_id: str) -> str:
        """Return `liu-dehua（刘德华）`: the id to copy, and the name that says who it is."""
        names = self.names.get(record_id, ())
        return f"{record_id}（{names[0]}）" if names and names[0] != record_id else record_id

    def suggest(self, text: str) -> str:
        """Return `是不是 liu-dehua（刘德华）？` for the records `text` is close to, else some of those there are."""
        close = difflib.get_close_matches(text, list(self.names) + list(self._by_name), n=6, cutoff=0.5)
        close += [name for name in self._by_name if text and len(text) > 1 and text in name][:3]
        ids = list(dict.fromkeys(rid for name in close for rid in ([name] if name in self.names else self._by_name[name])))
        if ids:
            return "是不是 " + "、".join(self.shown(rid) for rid in ids[:3]) + "？"
        if not self.names:
            return f"还没有任何{self.label}"
        shown = "、".join(self.shown(rid) for rid in sorted(self.names)[:_SHOWN])
        return "可用：" + shown + (" 等" if len(self.names) > _SHOWN else "")


def naming(label: str, records: Mapping[str, object], title: str = "name") -> Naming:
    """Return how the records of a kind (by id) may be named: their `title` field, and a short name if they have one."""
    return Naming(label, {record_id: _names(getattr(record, title, None), getattr(record, "short_name", None))
                          for record_id, record in records.items()})


def _names(*given: object) -> tuple[str, ...]:
    return tuple(name for name in given if isinstance(name, str) and name)


def naming_of(label: str, names: Iterable[tuple[str, tuple[str, ...]]]) -> Naming:
    """Return a Naming from (id, names) pairs, as `new` reads them from files rather than records."""
    return Naming(label, dict(names))
