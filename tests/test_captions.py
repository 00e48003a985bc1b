"""Captions and placeholders set as a print shop would: whole words, no dangling “·”, tiles that do not mislead."""
from __future__ import annotations

from honours.photos.placeholder import placeholder_svg
from honours.render.captions import caption_lines, tile_lines, unit_mark, words
from honours.render.docgrid import cells, grid_runs


def test_names_break_only_between_words() -> None:
    assert words("井下作业队修井一班") == ["井下作业队", "修井一班"]
    assert words("秘书科科长") == ["秘书科", "科长"]
    assert words("安全环保部副部长") == ["安全环保部", "副部长"]
    assert words("高级工程师") == ["高级工程师"]  # no suffix: one word
    assert words("班长") == ["班长"] and words("中心主任") == ["中心主任"]
    assert words("采油二队 · 党支部") == ["采油二队", "党支部"]


def test_a_caption_shrinks_to_one_line_before_it_breaks_and_never_inside_a_word() -> None:
    assert caption_lines("高级工程师", 6).lines == ("高级工程师",)
    shrunk = caption_lines("高级工程师", 4.2)
    assert shrunk.lines == ("高级工程师",) and 0.8 < shrunk.scale < 0.85
    assert caption_lines("井下作业队修井一班", 5).lines == ("井下作业队", "修井一班")
    broken = caption_lines("第三作业大队 · 党支部", 6)
    assert broken.lines == ("第三作业大队", "党支部")  # the “·” goes where the line breaks


def test_a_unit_tile_sets_its_name_by_words() -> None:
    assert tile_lines("井下作业队修井一班", 5.5, 4).lines == ("井下作业队", "修井一班")  # not 井下作业/队修井一/班


def test_placeholders_do_not_mislead() -> None:
    silhouette = placeholder_svg("", 300, 400).decode()
    assert "<circle" in silhouette and "<text" not in silhouette  # a person: no first character as a surname
    assert unit_mark("采油一队党支部") != unit_mark("采油二队党支部")  # not 党 for every 党支部
    assert unit_mark("采油一队党支部") == "采油一队" and unit_mark("人事服务窗口", "人事窗口") == "人事窗口"
    assert ">采油一队</text>" in placeholder_svg("采油一队", 400, 300).decode()


def test_document_digits_and_latin_take_whole_character_cells() -> None:
    assert [cells(run) for run in ("2024", "5", "98.7%", "ABC")] == [2, 1, 3, 2]
    html = str(grid_runs('<p>2024年ABC<a href="x1">&amp;</a></p><table><td>12</td></table>'))
    assert html.count('class="doc-run"') == 2 and "<td>12</td>" in html and 'href="x1"' in html
