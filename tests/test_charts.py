"""Charts as a reader sees them: the words, the bar lengths, the lines and their breaks."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from honours.render.charts import NARROW_WIDTH, Bar, Series, ValueAxis, bar_chart, line_chart

SVG = "{http://www.w3.org/2000/svg}"
MONTHS = [f"{m}月" for m in range(1, 13)]


def parse(markup: str) -> ET.Element:
    """Return the chart's root element; parsing fails unless the markup is well-formed XML."""
    root = ET.fromstring(markup)
    assert root.tag == f"{SVG}svg"
    return root


def shown(element: ET.Element) -> str:
    """Return the words a text element draws, leaving out its hover title."""
    parts = [element.text or ""]
    for child in element:
        if child.tag != f"{SVG}title":
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return "".join(parts)


def words(root: ET.Element) -> list[str]:
    """Return every piece of text the chart draws, in document order."""
    return [shown(t) for t in root.iter(f"{SVG}text")]


def bar_rects(root: ET.Element) -> list[ET.Element]:
    """Return the bars (every rect but the white background)."""
    return [r for r in root.iter(f"{SVG}rect") if r.get("x") is not None]


def circles(root: ET.Element) -> list[ET.Element]:
    """Return the data points (markers with a hover title; legend markers have none)."""
    return [c for c in root.iter(f"{SVG}circle") if c.find(f"{SVG}title") is not None]


SCORES = [Bar("党委办公室", 196.5, "★五星", True, "../units/dangwei.html"), Bar("人力资源部", 190, "前6名", True),
          Bar("财务资产部", 172.25), Bar("后勤服务中心", None), Bar("信息中心", 150)]


def test_bar_chart_is_an_accessible_responsive_standalone_svg() -> None:
    markup = bar_chart(SCORES, title="2024年度考核得分", maximum=200)
    root = parse(markup)
    assert root.get("width") == "100%" and root.get("height") is None
    assert re.fullmatch(r"0 0 720 \d+(\.\d+)?", root.get("viewBox", ""))
    assert root.get("aria-label") == "2024年度考核得分"
    assert root[0].tag == f"{SVG}title" and root[0].text == "2024年度考核得分"
    assert "Noto Sans CJK SC" in root.get("font-family", "")
    # Nothing fetched, nothing run: the only URL is the namespace, the only link is the unit's page.
    assert re.findall(r"https?://[^\"]+", markup) == ["http://www.w3.org/2000/svg"]
    assert "<script" not in markup and "style=" not in markup and "<style" not in markup


def test_bar_chart_shows_every_label_value_and_mark() -> None:
    root = parse(bar_chart(SCORES, title="得分", maximum=200))
    drawn = words(root)
    for label in ("党委办公室", "人力资源部", "财务资产部", "后勤服务中心", "信息中心"):
        assert label in drawn
    assert {"196.5分 ★五星", "190分 前6名", "172.25分", "150分"} <= set(drawn)
    assert "未考核" in drawn
    ticks = ["0", "50", "100", "150", "200"]
    assert [t for t in drawn if t in ticks] == ticks


def test_bars_keep_the_given_order_top_to_bottom() -> None:
    root = parse(bar_chart(SCORES, title="得分", maximum=200))
    labels = {shown(t): float(t.get("y", "0")) for t in root.iter(f"{SVG}text")}
    heights = [labels[b.label] for b in SCORES]
    assert heights == sorted(heights)


def test_bar_lengths_are_proportional_to_values() -> None:
    bars = [Bar("甲", 50), Bar("乙", 100), Bar("丙", 200), Bar("丁", 0)]
    widths = [float(r.get("width", "")) for r in bar_rects(parse(bar_chart(bars, title="比例", maximum=200)))]
    assert widths[1] == pytest.approx(2 * widths[0]) and widths[2] == pytest.approx(4 * widths[0])
    assert widths[3] == 0


def test_a_score_over_the_maximum_stays_inside_the_plot() -> None:
    bars = [Bar("甲", 200), Bar("乙", 260)]
    root = parse(bar_chart(bars, title="越界", maximum=200))
    first, second = (float(r.get("width", "")) for r in bar_rects(root))
    assert first == second and "260分" in words(root)


def test_not_assessed_draws_no_bar() -> None:
    root = parse(bar_chart(SCORES, title="得分", maximum=200))
    assert len(bar_rects(root)) == sum(b.value is not None for b in SCORES)


def test_highlighted_bars_differ_in_colour() -> None:
    fills = [r.get("fill") for r in bar_rects(parse(bar_chart(SCORES, title="得分", maximum=200)))]
    highlighted, plain = {fills[0], fills[1]}, set(fills[2:])
    assert len(highlighted) == 1 and len(plain) == 1 and highlighted != plain


def test_labels_and_titles_are_escaped_as_text() -> None:
    hostile = '<script>x()</script>&部'
    markup = bar_chart([Bar(hostile, 10, mark="<b>", href='a.html?x="1"&y=2')], title="<i>标题</i>", maximum=20)
    root = parse(markup)
    assert "<script>" not in markup and "<b>" not in markup and "<i>" not in markup
    assert not list(root.iter(f"{SVG}script"))
    assert hostile in words(root) and "10分 <b>" in words(root) and root.get("aria-label") == "<i>标题</i>"
    link = next(root.iter(f"{SVG}a"))
    assert link.get("href") == 'a.html?x="1"&y=2'


def test_label_with_href_is_a_link_and_the_chart_keeps_links_reachable() -> None:
    root = parse(bar_chart(SCORES, title="得分", maximum=200))
    links = list(root.iter(f"{SVG}a"))
    assert [(a.get("href"), shown(a[0])) for a in links] == [("../units/dangwei.html", "党委办公室")]
    # role=img would hide the links from screen readers; svg's implicit role (graphics-document)
    # keeps them, and is valid HTML where role=group is not. Without links a chart is one image.
    assert root.get("role") is None and root.get("aria-label") == "得分"
    assert parse(bar_chart(SCORES[1:], title="得分", maximum=200)).get("role") == "img"


def test_label_column_grows_with_the_longest_label() -> None:
    short = bar_rects(parse(bar_chart([Bar("团委", 10)], title="短", maximum=20)))[0]
    long = bar_rects(parse(bar_chart([Bar("离退休工作办公室", 10)], title="长", maximum=20)))[0]
    assert float(long.get("x", "")) > float(short.get("x", ""))


def test_an_overlong_label_is_shortened_but_kept_whole_in_its_hover_title() -> None:
    label = "第一分公司综合管理办公室后勤服务中心物业管理科"
    root = parse(bar_chart([Bar(label, 10)], title="长", maximum=20))
    text = next(t for t in root.iter(f"{SVG}text") if shown(t).endswith("…"))
    assert label.startswith(shown(text)[:-1]) and text.find(f"{SVG}title").text == label


@pytest.mark.parametrize("count", [1, 30, 60])
def test_rows_are_28_units_tall_whatever_the_count(count: int) -> None:
    root = parse(bar_chart([Bar(f"单位{i}", i) for i in range(count)], title="多", maximum=100))
    height = float(root.get("viewBox", "").split()[3])
    one = float(parse(bar_chart([Bar("单位", 1)], title="多", maximum=100)).get("viewBox", "").split()[3])
    assert height == pytest.approx(one + 28 * (count - 1))
    assert len(bar_rects(root)) == count


def test_bar_chart_rejects_a_maximum_that_is_not_positive() -> None:
    with pytest.raises(ValueError, match="maximum"):
        bar_chart(SCORES, title="得分", maximum=0)


def test_empty_charts_say_there_is_no_data() -> None:
    for markup in (bar_chart([], title="空", maximum=200),
                   line_chart([], labels=MONTHS, title="空"),
                   line_chart([Series("总分", [None] * 12)], labels=MONTHS, title="空"),
                   line_chart([Series("总分", [])], labels=[], title="空")):
        root = parse(markup)
        assert "暂无数据" in words(root) and root.get("aria-label") == "空"


TOTAL = Series("总分", [186, 188.5, None, 190, 191.5, 189, 192, 193.5, 195, 194, 196.5, 197])
WORK = Series("业务工作", [92, 93, 94.5, 95, 93, None, None, 96, 97, 96.5, 98, 97.5])


def test_line_chart_breaks_the_line_at_each_gap() -> None:
    root = parse(line_chart([TOTAL, WORK], labels=MONTHS, title="月度得分"))
    runs = [len(p.get("points", "").split()) for p in root.iter(f"{SVG}polyline")]
    assert runs == [2, 9, 5, 5]
    assert len(circles(root)) == 11 + 10


def test_a_lone_point_between_gaps_is_a_marker_without_a_line() -> None:
    root = parse(line_chart([Series("总分", [None, 5, None, 6, 7])], labels=list("一二三四五"), title="孤点"))
    assert [len(p.get("points", "").split()) for p in root.iter(f"{SVG}polyline")] == [2]
    assert len(circles(root)) == 3


def test_points_tell_their_label_and_value_on_hover() -> None:
    single = parse(line_chart([TOTAL], labels=MONTHS, title="月度得分"))
    assert circles(single)[0].find(f"{SVG}title").text == "1月：186分"
    assert circles(single)[1].find(f"{SVG}title").text == "2月：188.5分"
    both = parse(line_chart([TOTAL, WORK], labels=MONTHS, title="月度得分"))
    assert circles(both)[-1].find(f"{SVG}title").text == "业务工作 12月：97.5分"


def test_legend_only_when_there_is_more_than_one_series() -> None:
    assert "总分" not in words(parse(line_chart([TOTAL], labels=MONTHS, title="月度得分")))
    drawn = words(parse(line_chart([TOTAL, WORK], labels=MONTHS, title="月度得分")))
    assert "总分" in drawn and "业务工作" in drawn


def test_series_differ_in_colour_and_dash_so_they_survive_black_and_white_print() -> None:
    root = parse(line_chart([TOTAL, WORK], labels=MONTHS, title="月度得分"))
    styles = {(p.get("stroke"), p.get("stroke-dasharray")) for p in root.iter(f"{SVG}polyline")}
    assert len(styles) == 2
    (first_colour, first_dash), (second_colour, second_dash) = sorted(styles, key=str)
    assert first_colour != second_colour and first_dash != second_dash


def test_invert_puts_smaller_values_higher() -> None:
    ranks = Series("名次", [5, 1])

    def heights(invert: bool) -> list[float]:
        root = parse(line_chart([ranks], labels=["一季度", "二季度"], title="排名",
                                axis=ValueAxis(unit="名", invert=invert)))
        return [float(c.get("cy", "")) for c in circles(root)]

    fifth, first = heights(invert=True)
    assert first < fifth
    fifth, first = heights(invert=False)
    assert first > fifth


def tick_values(root: ET.Element) -> list[float]:
    """Return the y tick labels: the numbers drawn right-aligned beside the plot."""
    return [float(shown(t)) for t in root.iter(f"{SVG}text") if t.get("text-anchor") == "end"]


def test_y_axis_is_padded_round_and_never_negative_for_scores() -> None:
    ticks = tick_values(parse(line_chart([Series("总分", [0.5, 198])], labels=["一", "二"], title="得分")))
    assert ticks[0] == 0 and ticks[-1] >= 198 and all(t % 50 == 0 for t in ticks)
    ticks = tick_values(parse(line_chart([Series("增减", [-8, 26])], labels=["一", "二"], title="增减")))
    assert ticks[0] < -8 and ticks[-1] > 26


def test_y_axis_uses_the_given_range() -> None:
    root = parse(line_chart([TOTAL], labels=MONTHS, title="得分", axis=ValueAxis(minimum=100, maximum=200)))
    ticks = tick_values(root)
    assert ticks[0] == 100 and ticks[-1] == 200


def test_rank_axis_starts_at_first_place() -> None:
    ranks = Series("名次", [12, 30, 1, 7])
    root = parse(line_chart([ranks], labels=list("甲乙丙丁"), title="排名",
                            axis=ValueAxis(unit="名", invert=True)))
    ticks = tick_values(root)
    assert ticks[0] == 1 and all(t == int(t) for t in ticks)
    assert "单位：名" in words(root)


def test_every_x_label_is_shown_for_twelve_months_and_thinned_for_twenty_four() -> None:
    assert set(MONTHS) <= set(words(parse(line_chart([TOTAL], labels=MONTHS, title="月度"))))
    periods = [f"{y}年{m}月" for y in (2023, 2024) for m in range(1, 13)]
    flat = Series("总分", [float(i) for i in range(24)])
    drawn = [w for w in words(parse(line_chart([flat], labels=periods, title="两年"))) if w in periods]
    assert drawn[0] == "2023年1月" and 6 <= len(drawn) <= 12


def test_line_chart_escapes_series_names_and_labels() -> None:
    markup = line_chart([Series("<b>甲</b>", [1, 2]), Series("乙&丙", [2, 1])], labels=["<x>", "y"], title="t")
    root = parse(markup)
    assert "<b>" not in markup and "<x>" not in markup
    assert {"<b>甲</b>", "乙&丙", "<x>"} <= set(words(root))


def test_line_chart_rejects_a_series_of_the_wrong_length() -> None:
    with pytest.raises(ValueError, match="总分"):
        line_chart([Series("总分", [1, 2])], labels=MONTHS, title="错")


def test_same_input_gives_byte_identical_output() -> None:
    assert bar_chart(SCORES, title="得分", maximum=200) == bar_chart(list(SCORES), title="得分", maximum=200)
    first = line_chart([TOTAL, WORK], labels=MONTHS, title="月度得分")
    again = line_chart((Series("总分", tuple(TOTAL.values)), WORK), labels=tuple(MONTHS), title="月度得分")
    assert first == again


def test_numbers_are_written_short() -> None:
    markup = line_chart([TOTAL, WORK], labels=MONTHS, title="月度得分") + bar_chart(SCORES, title="得分", maximum=200)
    numbers = re.findall(r"-?\d+\.\d+", markup)
    assert numbers and all(re.fullmatch(r"-?\d+\.\d{1,2}", n) and not n.endswith("0") for n in numbers)


def test_a_chart_for_a_phone_keeps_everything_inside_its_narrower_width() -> None:
    """Drawn NARROW_WIDTH wide (the theme's phone layout), bars, labels and points stay inside the chart."""
    bars = parse(bar_chart(SCORES, title="2024年度考核得分", maximum=200, width=NARROW_WIDTH))
    line = parse(line_chart([Series("总分", [180, None, 190.5] + [185] * 9), Series("名次", [3] * 12)],
                            labels=MONTHS, title="2024年各月总分", width=NARROW_WIDTH))
    for root in (bars, line):
        assert root.get("viewBox", "").startswith(f"0 0 {NARROW_WIDTH} ")
        assert all(0 <= float(t.get("x", 0)) <= NARROW_WIDTH for t in root.iter(f"{SVG}text"))
        assert all(0 <= float(c.get("cx")) <= NARROW_WIDTH for c in circles(root))
    assert all(float(r.get("x")) + float(r.get("width")) <= NARROW_WIDTH for r in bar_rects(bars))
    assert "党委办公室" in words(bars) and "196.5分" in "".join(words(bars))
