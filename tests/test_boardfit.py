"""The display board fills its frame: cards as large as the whole roll allows, names legible, a warning if not."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run, write_tree
from honours.boardfit import GroupSize, fit_board
from honours.errors import Problems
from honours.paper import Board
from honours.making import load_site
from honours.render.printed import board_layout

BOARD = Board(2400.0, 1200.0)
SMALL_ROLL = [GroupSize("person", 8, 4, 12), GroupSize("person", 10, 5, 12), GroupSize("unit", 4, 5, 10)]


def test_a_small_roll_fills_the_board_with_large_names() -> None:
    layout = board_layout(BOARD, 3.0, SMALL_ROLL)
    assert layout.fit.fits and layout.legible
    assert layout.grid.type_size >= 12.0  # the roll was 6 mm before
    assert layout.fit.height >= 0.8 * layout.fit.room  # not a band across the top
    placed = layout.fit.placed
    assert [p.across * p.rows >= g.count for p, g in zip(placed, SMALL_ROLL)] == [True] * 3
    for shelf in layout.fit.shelves:  # every shelf within the panel's width
        assert sum(p.width for p in shelf.groups) <= layout.sheet.content_width


@pytest.mark.parametrize("counts", [(60,), (15, 15, 15, 15), (10,) * 6, (30, 20, 6, 4), (2, 50, 8)])
def test_sixty_people_on_the_standard_board_have_names_at_least_12_mm(counts: tuple[int, ...]) -> None:
    layout = board_layout(BOARD, 3.0, [GroupSize("person", n, 6, 12) for n in counts])
    assert layout.grid.type_size >= 12.0, counts
    assert layout.fit.height <= layout.fit.room


def test_the_fit_is_the_largest_card_that_fits() -> None:
    roll = [GroupSize("person", 23, 5, 12), GroupSize("plaque", 9, 8, 10)]
    fit = fit_board(roll, 2000.0, 800.0, (20.0, 400.0))
    assert fit.fits and fit.height <= fit.room
    assert not fit_board(roll, 2000.0, 800.0, (fit.card + 1.0, 400.0)).fits  # a millimetre more does not fit


def test_a_roll_too_large_for_any_card_runs_on() -> None:
    fit = fit_board([GroupSize("person", 2000, 5, 12)], 2304.0, 860.0, (28.0, 360.0))
    assert not fit.fits and fit.card == 28.0


def _people(count: int, unit: str = "banzu") -> dict[str, str]:
    family, given = "王李张刘陈杨黄赵吴周", "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚"
    return {f"content/people/p{i:03d}.md": f"---\nname: {family[i % 10]}{given[i // 10 % 20]}{given[(i * 7) % 20]}\n"
            f"unit: {unit}\nposition: 高级工程师\n---\n" for i in range(count)}


def _campaign(cid: str, awards: list[tuple[str, str, int, int]], board: str = "") -> dict[str, str]:
    """A campaign whose awards (id, recipient, first, count) go to people p<first>… or units u<first>…"""
    head = (f"---\ntitle: {cid}评选\norganiser: 工会\nstart: 2023-01\nend: 2023-12\n{board}awards:\n"
            + "".join(f"  - id: {a}\n    name: 先进{a}\n    recipient: {kind}\n" for a, kind, _, _ in awards) + "---\n")
    honours = "".join(f"- award: {a}\n  {kind}: {'p' if kind == 'person' else 'u'}{i:03d}\n"
                      for a, kind, first, n in awards for i in range(first, first + n))
    return {f"content/campaigns/{cid}/index.md": head, f"content/campaigns/{cid}/honours.yaml": honours}


BOARD_SITE = {
    "site.toml": 'title = "测试光荣榜"\norganisation = "测试公司"\n',
    "content/units/banzu.md": "---\nname: 井下作业队修井一班\nkind: 班组\n---\n",
    **{f"content/units/u{i:03d}.md": f"---\nname: 采油{'一二三四'[i]}队党支部\nkind: 党支部\n---\n" for i in range(4)},
    **_people(60),
    **_campaign("small", [("a", "person", 0, 8), ("b", "person", 8, 10), ("c", "unit", 0, 4)]),
    **_campaign("sixty", [("a", "person", 0, 24), ("b", "person", 24, 20), ("c", "person", 44, 16)]),
}


def test_a_roll_too_large_for_its_board_is_warned_at_the_campaign(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", {**BOARD_SITE, **_campaign("tiny", [("a", "person", 0, 60)],
                                                                    board="board: 600x400\n")})
    problems = Problems()
    assert load_site(site, problems) is not None
    said = [p.format(site) for p in problems.warnings if p.field == "board"]
    assert len(said) == 1, said
    assert said[0].startswith("content/campaigns/tiny/index.md:6: board:")
    assert "毫米高" in said[0] and "board: 1200x800" in said[0] and "两块展板" in said[0]


def _text_sizes(path: Path) -> list[tuple[str, float, float]]:
    """Return each piece of text on a PDF's first page with its size and height on the page, in mm."""
    import pypdf
    found: list[tuple[str, float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            scale = (tm[3] * cm[3] + tm[1] * cm[2]) or 1.0
            found.append((text.strip(), abs(size * scale) * 25.4 / 72, (tm[5] * cm[3] + cm[5]) * 25.4 / 72))

    pypdf.PdfReader(path).pages[0].extract_text(visitor_text=visit)
    return found


def test_the_boards_printed_fill_their_frame_with_names_12_mm_high(tmp_path: Path) -> None:
    pytest.importorskip("pypdf")
    site = write_tree(tmp_path / "site", BOARD_SITE)
    result = run("pdf", "--site", str(site), "--only", "campaigns/*/board")
    assert result.exit_code == 0, result.output
    for cid in ("small", "sixty"):
        texts = _text_sizes(site / "output/print/campaigns" / cid / "board.pdf")
        names = [size for text, size, _ in texts if len(text) == 3 and text[0] in "王李张刘陈杨黄赵吴周"]
        assert names and min(names) >= 12.0, (cid, min(names, default=0))
        top = max(y + size for text, size, y in texts if text.startswith("先进"))  # the first heading's top
        lowest = min(y for _, _, y in texts if y > 60)  # the last caption's baseline, above the footer
        assert top - lowest >= 0.8 * (1200 - 2 * 48 - 240), cid  # the text alone spans 80% of the panel
