"""The one-file edits bench/build.py times: each rewrites one source file and must show on one page.

An edit is made from the file as it is, built, checked on its page, then undone (bench/build.py
rebuilds after the undo, untimed, so every timed build follows exactly one change):
  body      the first sentence of one person's body replaced;
  position  that person's `position` changed;
  honour    one item appended to a campaign's honours.yaml, conferring an award of that campaign
            (no scores behind it, not ranked, no quota) on that person or on the unit below, with
            the award's lowest level if it has levels, and a citation that must show on their page;
  unit      one unit's `name` changed.
"""
from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import yaml


@dataclass(frozen=True)
class Edit:
    """One edit: the file it rewrites, the new text, and the output page (site path) that must show `marker`."""

    kind: str
    path: Path
    text: str
    page: str
    marker: str


EditMaker = Callable[[int], Edit]  # the edit numbered n (its marker differs from every other's)


def site_edits(site: Path) -> dict[str, EditMaker]:
    """Return the four edits of the large site by kind, each on a record chosen once, in file-name order."""
    person, unit = person_to_edit(site), unit_to_rename(site)
    recipients = {"person": person.stem, "unit": unit.stem}
    honours, award = award_to_confer(site, recipients)
    return {"body": partial(edit_body, person), "position": partial(edit_position, person),
            "honour": partial(add_honour, honours, award, recipients), "unit": partial(rename_unit, unit)}


def describe(edits: dict[str, EditMaker], site: Path) -> str:
    """Return which file each edit rewrites and which page must show it, for the report."""
    return "; ".join(f"{kind}: {edit.path.relative_to(site)} -> {edit.page}"
                     for kind, edit in ((kind, make(0)) for kind, make in edits.items()))


# ---------------------------------------------------------------------------------------------
# Choosing what to edit


def person_to_edit(site: Path) -> Path:
    """Pick a person file (the middle one, in name order) with a body and a `position` line."""
    return _middle(site / "content" / "people", lambda front, body: "position" in front and "。" in body,
                   "a person file with a `position:` line and a body of sentences")


def unit_to_rename(site: Path) -> Path:
    """Pick a unit file (the middle one, in name order) with a `name` line."""
    return _middle(site / "content" / "units", lambda front, body: "name" in front, "a unit file with a `name:` line")


def award_to_confer(site: Path, recipients: dict[str, str]) -> tuple[Path, dict]:
    """Pick the first campaign without scores, and its first award not ranked and without a quota,
    that the chosen person (or unit) does not already hold; return its honours.yaml and the award."""
    for index in sorted((site / "content" / "campaigns").rglob("index.md")):
        front, _ = _split(index.read_text(encoding="utf-8"))
        honours = index.with_name("honours.yaml")
        if front.get("scheme") or not honours.is_file():
            continue
        held = yaml.safe_load(honours.read_text(encoding="utf-8")) or []
        for award in front.get("awards") or []:
            kind = award.get("recipient")
            if award.get("order") == "rank" or award.get("quota") or kind not in recipients:
                continue
            listed = {"person": "people", "unit": "units"}[kind]  # a second honour would be refused as given twice
            if not any(item.get("award") == award["id"] and (item.get(kind) == recipients[kind]
                                                             or recipients[kind] in (item.get(listed) or []))
                       for item in held):
                return honours, award
    sys.exit("no campaign without scores has an award (not ranked, no quota) to confer in an honour edit")


def _middle(folder: Path, fits: Callable[[dict, str], bool], wanted: str) -> Path:
    """Return the first file from the middle on (in name order, wrapping round) whose record `fits`."""
    paths = sorted(folder.rglob("*.md"))
    for path in paths[len(paths) // 2:] + paths[:len(paths) // 2]:
        try:
            front, body = _split(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, ValueError, yaml.YAMLError):
            continue
        if fits(front, body):
            return path
    sys.exit(f"no {wanted} to edit in {folder}")


def _split(text: str) -> tuple[dict, str]:
    """Return a Markdown record's front matter and body."""
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front) or {}, body


# ---------------------------------------------------------------------------------------------
# The edits


def edit_body(path: Path, number: int) -> Edit:
    """Replace the first sentence of a person's body."""
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    marker = f"这是第{number}次基准测试修改的句子。"
    body = marker + body[body.index("。") + 1:]
    return Edit("body", path, f"---\n{front}---\n{body}", f"people/{path.stem}.html", marker)


def edit_position(path: Path, number: int) -> Edit:
    """Change a person's `position` field."""
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    marker = f"基准测试职务{number}"
    front = re.sub(r"^position: .*$", f"position: {marker}", front, count=1, flags=re.MULTILINE)
    return Edit("position", path, f"---\n{front}---\n{body}", f"people/{path.stem}.html", marker)


def add_honour(honours: Path, award: dict, recipients: dict[str, str], number: int) -> Edit:
    """Append one honour conferring `award` on the person or unit of its recipient kind."""
    kind = award["recipient"]
    marker = f"基准测试事迹{number}。"
    item = f"- award: {award['id']}\n  {kind}: {recipients[kind]}\n"
    if award.get("levels"):
        item += f"  level: {award['levels'][-1]}\n"
    text = honours.read_text(encoding="utf-8")
    text = text + ("" if text.endswith("\n") else "\n") + item + f"  citation: {marker}\n"
    folder = "people" if kind == "person" else "units"
    return Edit("honour", honours, text, f"{folder}/{recipients[kind]}.html", marker)


def rename_unit(path: Path, number: int) -> Edit:
    """Change a unit's `name` field."""
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    marker = f"基准测试单位{number}"
    front = re.sub(r"^name: .*$", f"name: {marker}", front, count=1, flags=re.MULTILINE)
    return Edit("unit", path, f"---\n{front}---\n{body}", f"units/{path.stem}.html", marker)
