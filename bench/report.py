"""The figures of bench/build.py against their targets: one row each, printed and written as Markdown."""
from __future__ import annotations

import statistics
from dataclasses import asdict, dataclass

from measure import Run

MIB = 2**20
GIB = 2**30

Figures = dict[str, list[Run]]  # "cold", "edit body", "hugo cold", "pagefind", "example cold", … -> its runs


@dataclass(frozen=True)
class Row:
    """One line of the table: what was measured, each tool's figure, the target and the verdict."""

    what: str
    honours: str
    hugo: str = ""
    pagefind: str = ""
    pelican: str = ""
    target: str = ""
    verdict: str = ""


COLUMNS = ("what", "honours", "Hugo", "Pagefind (over Hugo's pages)", "Pelican", "target", "verdict")

EDITS = {"body": "one person's body", "position": "one person's `position`",
         "honour": "one honour added to a campaign", "unit": "one unit renamed"}


def median(figures: Figures, name: str) -> float | None:
    """Return the median seconds of a figure, or None if it was not measured."""
    runs = figures.get(name)
    return statistics.median(r.seconds for r in runs) if runs else None


def peak(figures: Figures, *names: str) -> float | None:
    """Return the largest memory (MiB) of the named figures' runs: the process tree's summed PSS, or its largest
    process's peak RSS if more (measure.Run.memory)."""
    runs = [r for name in names for r in figures.get(name, [])]
    return max(r.memory for r in runs) / MIB if runs else None


def peak_rss(figures: Figures, *names: str) -> float | None:
    """Return the largest sum of resident sets (MiB) over the named figures' process trees: a page that forked
    workers share with the build counts once per process."""
    runs = [r for name in names for r in figures.get(name, [])]
    return max(r.tree_rss for r in runs) / MIB if runs else None


def seconds(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:.2f} s" if value < 10 else f"{value:.1f} s" if value < 100 else f"{value:,.0f} s"


def mib(value: float | None) -> str:
    return "" if value is None else f"{value:,.0f} MiB"


def verdict(passed: bool, detail: str = "") -> str:
    return ("pass" if passed else "**miss**") + (f" ({detail})" if detail else "")


def under(value: float | None, limit: float) -> str:
    return "n/a" if value is None else verdict(value < limit)


def large_rows(figures: Figures, pages: int) -> list[Row]:
    """Return the rows of the large site: cold against the peers, each edit, no-op, memory."""
    cold, hugo, pagefind, pelican = (median(figures, name)
                                     for name in ("cold", "hugo cold", "pagefind", "pelican cold"))
    rows = [Row(f"cold build, photos cached, search included ({pages:,} pages)", seconds(cold), seconds(hugo),
                seconds(pagefind), seconds(pelican), "≤ 2× Hugo + Pagefind", _at_most(cold, hugo, pagefind)),
            Row("cold build against Hugo alone (honours's includes search)", seconds(cold), seconds(hugo),
                target="≤ 2× Hugo", verdict=_at_most(cold, hugo)),
            Row("cold build against Pelican", seconds(cold), pelican=seconds(pelican),
                target="≥ 3× faster than Pelican", verdict=_faster(cold, pelican))]
    for kind, what in EDITS.items():
        value = median(figures, f"edit {kind}")
        rows.append(Row(f"rebuild after an edit: {what}", seconds(value), target="< 1 s", verdict=under(value, 1)))
    served = median(figures, "serve body")
    rows.append(Row(f"under `serve`: {EDITS['body']} edited, until the browser shows it", seconds(served),
                    target="< 0.5 s", verdict=under(served, 0.5)))
    noop, again = median(figures, "no-op"), median(figures, "hugo again")
    rows.append(Row("rebuild, nothing changed", seconds(noop), seconds(again) + (" (renders all again)" if again else ""),
                    target="< 0.5 s", verdict=under(noop, 0.5)))
    builds = ("cold", "no-op", *(f"edit {kind}" for kind in EDITS))
    memory = peak(figures, *builds)
    rows.append(Row("peak memory, whole process tree (workers, Pagefind), summed PSS",
                    f"{mib(memory)} (summed RSS {mib(peak_rss(figures, *builds))})",
                    mib(peak(figures, "hugo cold", "hugo again")), mib(peak(figures, "pagefind")),
                    mib(peak(figures, "pelican cold")), "< 1 GiB", under(memory, 1024)))
    return rows


def growth_rows(figures: Figures, people: int, pages: int) -> list[Row]:
    """Return the rows of a growth run: cold, one edit and memory, reported without targets."""
    edit = median(figures, "edit body")
    return [Row(f"{people:,} people: cold build, photos cached, search included ({pages:,} pages)",
                seconds(median(figures, "cold")), target="builds", verdict="pass"),
            Row(f"{people:,} people: rebuild after an edit: {EDITS['body']}", seconds(edit), target="—", verdict="—"),
            Row(f"{people:,} people: peak memory, whole process tree, summed PSS", mib(peak(figures, "cold", "edit body")),
                target="—", verdict="—")]


def example_rows(figures: Figures, pages: int) -> list[Row]:
    """Return the rows of the example site: cold with photos cached, and one edit."""
    cold, edit, served = (median(figures, name) for name in ("example cold", "example edit", "example serve"))
    return [Row(f"example site: cold build, photos cached ({pages:,} pages)", seconds(cold),
                target="< 5 s", verdict=under(cold, 5)),
            Row(f"example site: rebuild after an edit: {EDITS['body']}", seconds(edit),
                target="< 0.5 s", verdict=under(edit, 0.5)),
            Row(f"example site: under `serve`: {EDITS['body']} edited, until the browser shows it", seconds(served),
                target="< 0.5 s", verdict=under(served, 0.5))]


def _at_most(honours: float | None, *peers: float | None) -> str:
    """The verdict of honours ≤ 2× the peers' summed time."""
    if honours is None or None in peers:
        return "n/a"
    ratio = honours / sum(peers)
    return verdict(ratio <= 2, f"{ratio:.1f}×")


def _faster(honours: float | None, pelican: float | None) -> str:
    """The verdict of honours ≥ 3× faster than Pelican."""
    if honours is None or pelican is None:
        return "n/a"
    ratio = pelican / honours
    return verdict(ratio >= 3, f"{ratio:.1f}× faster" if ratio >= 1 else f"{1 / ratio:.1f}× slower")


def markdown(rows: list[Row], caption: str, notes: list[str]) -> str:
    """Return the caption, the table and the notes as Markdown."""
    table = _cells(rows)
    lines = [caption, "", "| " + " | ".join(table[0]) + " |", "|" + "---|" * len(table[0])]
    lines += ["| " + " | ".join(line) + " |" for line in table[1:]]
    return "\n".join(lines + [""] + [f"Note: {note}" for note in notes]).rstrip() + "\n"


def print_table(rows: list[Row]) -> None:
    """Print the rows as aligned plain text."""
    cells = [[value.replace("**", "").replace("`", "") for value in line] for line in _cells(rows)]
    widths = [max(_width(line[i]) for line in cells) for i in range(len(cells[0]))]
    for line in cells:
        print("  ".join(value + " " * (width - _width(value)) for value, width in zip(line, widths)).rstrip())


def _cells(rows: list[Row]) -> list[list[str]]:
    """Return the header and the rows' values, leaving out the columns no row has a value in."""
    values = [list(asdict(row).values()) for row in rows]
    kept = [i for i in range(len(COLUMNS)) if any(line[i] for line in values)]
    return [[line[i] for i in kept] for line in [list(COLUMNS), *values]]


def _width(text: str) -> int:
    """Return the columns `text` takes in a terminal (CJK characters take two)."""
    return sum(2 if "\u2e80" <= ch <= "\uffef" else 1 for ch in text)
