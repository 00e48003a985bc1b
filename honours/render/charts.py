"""Charts drawn at build time as inline SVG markup: no script, no web fonts, nothing fetched."""
from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from ..strings import STRINGS

SVG_NS = "http://www.w3.org/2000/svg"
WIDTH = 720
# A phone's chart: drawn this wide, it fills a 390 px screen at about its own size, so its 12 px text stays
# 11 px or more there (the wide one would shrink it to 6 px). The theme shows one or the other by width.
NARROW_WIDTH = 360
FONT_FAMILY = "'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','PingFang SC',sans-serif"


@dataclass(frozen=True, slots=True)
class ChartWords:
    """What a chart says besides its data; the theme fills it from the site's strings."""

    no_data: str = STRINGS["chart_no_data"]
    not_assessed: str = STRINGS["chart_not_assessed"]
    unit_caption: str = STRINGS["chart_unit_caption"]  # {unit}


# Punctuation around data, the same in every language the theme ships.
POINT_TITLE = "{label}：{value}"
SERIES_POINT_TITLE = "{series} {label}：{value}"

# The theme's palette (assets/css/site.css), repeated as attributes so charts print without CSS.
INK = "#2a2320"
INK_SOFT = "#5c514a"
RED = "#b71c1c"
GOLD_INK = "#855c00"
MUTED = "#71655a"
MUTED_BAR = "#cbbfb2"
GRID = "#e6dccd"
PAPER = "#ffffff"
# Colour and dash both differ, so series stay apart when printed in black and white.
SERIES_STYLES: tuple[tuple[str, str], ...] = (
    (RED, ""), (INK, "7 4"), (GOLD_INK, "2 3"), (MUTED, "10 3 2 3"), (RED, "12 4"), (INK, "2 6"))

PAD = 12
TITLE_SIZE = 16
LABEL_SIZE = 14
SMALL_SIZE = 12
ROW_HEIGHT = 28
BAR_THICKNESS = 16
LINE_HEIGHT = 300


@dataclass(frozen=True, slots=True)
class TextStyle:
    """How a text element is drawn: its size, colour, anchor and weight."""

    size: float = SMALL_SIZE
    fill: str = INK
    anchor: str = "start"  # which point of the text sits at x: start, middle or end
    bold: bool = False


HEADING = TextStyle(TITLE_SIZE, bold=True)
TICK_LABEL = TextStyle(fill=INK_SOFT, anchor="middle")
Y_TICK_LABEL = TextStyle(fill=INK_SOFT, anchor="end")
ROW_LABEL = TextStyle(LABEL_SIZE, anchor="end")
LINKED_ROW_LABEL = TextStyle(LABEL_SIZE, RED, "end")  # red, as site.css draws every link


@dataclass(frozen=True, slots=True)
class Bar:
    """One row of a bar chart: a unit and its score."""

    label: str
    value: float | None  # None: not assessed, so no bar and 未考核
    mark: str = ""  # short text after the value, e.g. ★五星 or 前6名
    highlight: bool = False  # drawn in the accent red, the rest muted
    href: str | None = None  # relative URL the label links to


@dataclass(frozen=True, slots=True)
class Series:
    """One line of a line chart: a name and one value per x position."""

    name: str
    values: Sequence[float | None]  # None: a gap, the line breaks there


@dataclass(frozen=True, slots=True)
class ValueAxis:
    """A line chart's value axis: its range (from the data, padded and rounded, where not given), direction and unit."""

    minimum: float | None = None
    maximum: float | None = None
    unit: str = STRINGS["chart_points"]  # captioned above the axis and written after each value; "" for none
    invert: bool = False  # smaller values higher, as for ranks: first place on top


def _num(value: float) -> str:
    """Return a number with at most two decimals and no trailing zeros, the same on every build."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _text_width(text: str, size: float) -> float:
    """Return the estimated drawn width of text: wide (CJK) characters are square, the rest narrower.

    Ambiguous ones (“”, ·, …) count as wide: the CJK fonts the charts ask for first draw them square.
    """
    return sum(size if unicodedata.east_asian_width(c) in "WFA" else size * 0.6 for c in text)


def _fit(text: str, size: float, room: float) -> str:
    """Return text cut short with an ellipsis so that it fits in room."""
    if _text_width(text, size) <= room:
        return text
    while text and _text_width(text + "…", size) > room:
        text = text[:-1]
    return text + "…"


def _element(tag: str, attrs: dict[str, str | float], content: str = "") -> str:
    """Return one SVG element; attribute values are escaped, content must already be markup."""
    parts = "".join(f' {name}="{_num(v) if isinstance(v, (int, float)) else escape(v)}"'
                    for name, v in attrs.items())
    return f"<{tag}{parts}>{content}</{tag}>" if content else f"<{tag}{parts}/>"


def _text(x: float, y: float, text: str, style: TextStyle = TextStyle(), *, tooltip: str | None = None,
          tail: str = "") -> str:
    """Return a text element whose vertical centre, not baseline, sits at y; tail is markup after the text."""
    attrs: dict[str, str | float] = {"x": x, "y": y + style.size * 0.35, "font-size": style.size, "fill": style.fill}
    if style.anchor != "start":
        attrs["text-anchor"] = style.anchor
    if style.bold:
        attrs["font-weight"] = "bold"
    hint = f"<title>{escape(tooltip)}</title>" if tooltip else ""
    return _element("text", attrs, hint + escape(text) + tail)


def _svg(kind: str, height: float, title: str, body: list[str], role: str | None = "img", width: float = WIDTH) -> str:
    """Return the outer svg element, sized by viewBox alone so it scales to its container."""
    attrs: dict[str, str | float] = {"xmlns": SVG_NS, "viewBox": f"0 0 {_num(width)} {_num(height)}", "width": "100%"}
    if role:
        attrs["role"] = role
    attrs |= {"aria-label": title, "class": f"chart chart-{kind}", "font-family": FONT_FAMILY}
    head = f"<title>{escape(title)}</title>"
    background = _element("rect", {"width": width, "height": height, "fill": PAPER})
    return _element("svg", attrs, head + background + "".join(body)) + "\n"


def _title(title: str, width: float) -> str:
    """Return the chart's visible heading."""
    return _text(PAD, PAD + TITLE_SIZE / 2, _fit(title, TITLE_SIZE, width - 2 * PAD), HEADING)


def _placeholder(kind: str, title: str, words: ChartWords, width: float) -> str:
    """Return a small chart that says there is nothing to show."""
    message = _text(width / 2, 72, words.no_data, TextStyle(LABEL_SIZE, MUTED, "middle"))
    return _svg(kind, 110, title, [_title(title, width), message], width=width)


def _nice_step(span: float, count: int) -> float:
    """Return a round step (1, 2, 2.5 or 5 times a power of ten) cutting span into about count parts."""
    raw = span / count if span > 0 else 1.0
    magnitude = 10 ** math.floor(math.log10(raw))
    return next(m * magnitude for m in (1, 2, 2.5, 5, 10) if raw <= m * magnitude * (1 + 1e-9))


def _ticks(low: float, high: float, step: float) -> list[float]:
    """Return the multiples of step from low to high."""
    first, last = math.ceil(low / step - 1e-9), math.floor(high / step + 1e-9)
    return [round(k * step, 9) for k in range(first, last + 1)]


def bar_chart(bars: Sequence[Bar], *, title: str, maximum: float, unit: str = STRINGS["chart_points"],
              words: ChartWords = ChartWords(), width: float = WIDTH) -> str:
    """Return a horizontal bar chart (one row per bar, in the given order) as SVG markup, `width` units wide."""
    if maximum <= 0:
        raise ValueError(f"bar_chart: maximum must be positive, not {maximum}")
    if not bars:
        return _placeholder("bar", title, words, width)
    label_room = min(max(_text_width(b.label, LABEL_SIZE) for b in bars) + 10, width * 0.35)
    value_room = max(_text_width(_bar_caption(b, unit, words.not_assessed), SMALL_SIZE) for b in bars) + 10
    layout = BarLayout(label_room, PAD + label_room, width - PAD - value_room, maximum, unit, words.not_assessed)
    left, right = layout.left, layout.right
    top = PAD + TITLE_SIZE + 34  # below the heading and the tick labels
    bottom = top + ROW_HEIGHT * len(bars)
    body = [_title(title, width)]
    # Fewer ticks where the bars are short, so their labels do not run into each other.
    for tick in _ticks(0, maximum, _nice_step(maximum, 5 if width >= WIDTH else 3)):
        x = left + (right - left) * tick / maximum
        body.append(_element("line", {"x1": x, "y1": top - 6, "x2": x, "y2": bottom,
                                      "stroke": MUTED if tick == 0 else GRID, "stroke-width": 1}))
        body.append(_text(x, top - 16, _num(tick), TICK_LABEL))
    for row, bar in enumerate(bars):
        body.append(_bar_row(bar, top + ROW_HEIGHT * (row + 0.5), layout))
    # role=img would hide the links from screen readers, and HTML does not allow role=group on
    # svg: a linked chart keeps svg's own role (graphics-document), under which links stay reachable.
    role = None if any(b.href for b in bars) else "img"
    return _svg("bar", bottom + PAD, title, body, role, width)


def _bar_caption(bar: Bar, unit: str, not_assessed: str) -> str:
    """Return the text written at the end of a bar: the value with its unit, then the mark."""
    value = not_assessed if bar.value is None else _num(bar.value) + unit
    return f"{value} {bar.mark}" if bar.mark else value


@dataclass(frozen=True, slots=True)
class BarLayout:
    """Where a bar chart draws its rows, and how their values read."""

    label_room: float  # width of the label column, left of the bars
    left: float  # x where every bar starts, at zero
    right: float  # x where a bar at the maximum ends
    maximum: float
    unit: str
    not_assessed: str  # written instead of a value that is None


def _bar_row(bar: Bar, middle: float, layout: BarLayout) -> str:
    """Return one row of a bar chart: label, bar, value and mark."""
    left, right, maximum = layout.left, layout.right, layout.maximum
    shown = _fit(bar.label, LABEL_SIZE, layout.label_room - 10)
    tooltip = bar.label if shown != bar.label else None
    label = _text(left - 8, middle, shown, LINKED_ROW_LABEL if bar.href else ROW_LABEL, tooltip=tooltip)
    if bar.href:
        label = _element("a", {"href": bar.href}, label)
    if bar.value is None:
        caption = _bar_caption(bar, layout.unit, layout.not_assessed)
        return label + _text(left + 6, middle, caption, TextStyle(fill=MUTED))
    # A score over the maximum or below zero is a data slip; the bar stays inside the plot.
    length = (right - left) * min(max(bar.value, 0.0), maximum) / maximum
    rect = _element("rect", {"x": left, "y": middle - BAR_THICKNESS / 2, "width": length,
                             "height": BAR_THICKNESS, "fill": RED if bar.highlight else MUTED_BAR})
    # The mark is a tspan flowing on from the value, so its place does not rest on a width estimate.
    mark = _element("tspan", {"fill": GOLD_INK, "font-weight": "bold"}, escape(" " + bar.mark)) if bar.mark else ""
    value = _text(left + length + 6, middle, _num(bar.value) + layout.unit, TextStyle(bold=bar.highlight), tail=mark)
    return label + rect + value


def line_chart(series: Sequence[Series], *, labels: Sequence[str], title: str, axis: ValueAxis = ValueAxis(),
               words: ChartWords = ChartWords(), width: float = WIDTH) -> str:
    """Return a line chart of one or more series over the x `labels` (periods like 1月 2月 … or 2024年一季度) as SVG,
    `width` units wide."""
    for line in series:
        if len(line.values) != len(labels):
            raise ValueError(f"line_chart: series {line.name!r} has {len(line.values)} values "
                             f"for {len(labels)} labels")
    values = [v for line in series for v in line.values if v is not None]
    if not values or not labels:
        return _placeholder("line", title, words, width)
    low, high, ticks = _value_range(values, axis)
    legend, legend_height = _legend(series, width) if len(series) > 1 else ([], 0.0)
    top = PAD + TITLE_SIZE + legend_height + (38 if axis.unit else 20)
    bottom = LINE_HEIGHT + legend_height - 40
    left = PAD + max(_text_width(_num(t), SMALL_SIZE) for t in ticks) + 8
    right = width - PAD - 8
    slot = (right - left) / len(labels)
    plot = LinePlot(labels, [left + slot * (i + 0.5) for i in range(len(labels))], top, bottom, low, high, axis.invert)
    body = [_title(title, width), *legend]
    if axis.unit:
        body.append(_text(PAD, top - 20, words.unit_caption.format(unit=axis.unit), TextStyle(fill=INK_SOFT)))
    for tick in ticks:
        body.append(_element("line", {"x1": left, "y1": plot.y(tick), "x2": right, "y2": plot.y(tick),
                                      "stroke": GRID, "stroke-width": 1}))
        body.append(_text(left - 6, plot.y(tick), _num(tick), Y_TICK_LABEL))
    body.append(_element("line", {"x1": left, "y1": bottom, "x2": right, "y2": bottom,
                                  "stroke": MUTED, "stroke-width": 1}))
    body.extend(_x_labels(labels, left, slot, bottom, width))
    for index, line in enumerate(series):
        body.extend(_series_marks(line, index, plot, axis.unit, len(series) > 1))
    return _svg("line", LINE_HEIGHT + legend_height, title, body, width=width)


@dataclass(frozen=True, slots=True)
class LinePlot:
    """Where a line chart puts its points: an x per label, and a y per value between low and high."""

    labels: Sequence[str]
    xs: list[float]  # the centre of each label's slot
    top: float
    bottom: float
    low: float
    high: float
    invert: bool  # low at the top, as for ranks

    def y(self, value: float) -> float:
        """Return the y of a value: high at the top, or low at the top when inverted."""
        share = (value - self.low) / (self.high - self.low)
        return self.top + (self.bottom - self.top) * (share if self.invert else 1 - share)


def _value_range(values: list[float], axis: ValueAxis) -> tuple[float, float, list[float]]:
    """Return the y range and its ticks: padded and rounded out to the ticks where not given."""
    minimum, maximum, invert = axis.minimum, axis.maximum, axis.invert
    low = min(values) if minimum is None else minimum
    high = max(values) if maximum is None else maximum
    # Padding keeps points off the frame; a flat line gets more, else its ticks split hairs (4.95, 5.05).
    pad = (high - low) * 0.1 if high > low else max(abs(high) * 0.1, 1.0)
    # Scores never gain a negative axis they do not need.
    floor_at = 0.0 if min(values) >= 0 else -math.inf
    if minimum is None:
        low = max(low - pad, floor_at)
    if maximum is None:
        high += pad
    step = _nice_step(high - low, 5)
    if invert:
        step = max(step, 1.0)  # ranks are whole numbers
    if minimum is None:
        low = max(math.floor(low / step) * step, floor_at)
    if maximum is None:
        high = math.ceil(high / step) * step
    if high <= low:
        high = low + step
    ticks = _ticks(low, high, step)
    if invert and minimum is None and min(values) >= 1:
        low = 1.0  # a rank chart starts at first place, not at 0
        ticks = [1.0] + [t for t in ticks if t > 1]
    return low, high, ticks


def _x_labels(labels: Sequence[str], left: float, slot: float, bottom: float, width: float) -> list[str]:
    """Return tick marks for every x position, and labels thinned to every k-th so none overlap."""
    widest = max(_text_width(label, SMALL_SIZE) for label in labels)
    every = max(1, math.ceil((widest + 8) / slot))
    marks = []
    for i, label in enumerate(labels):
        x = left + slot * (i + 0.5)
        marks.append(_element("line", {"x1": x, "y1": bottom, "x2": x, "y2": bottom + 4,
                                       "stroke": MUTED, "stroke-width": 1}))
        if i % every == 0:
            # Centred under its point, but never past the chart's edges.
            half = _text_width(label, SMALL_SIZE) / 2
            x = min(max(x, PAD + half), width - PAD - half)
            marks.append(_text(x, bottom + 16, label, TICK_LABEL))
    return marks


def _stroke(index: int) -> dict[str, str | float]:
    """Return the stroke attributes of the index-th series."""
    colour, dashes = SERIES_STYLES[index % len(SERIES_STYLES)]
    attrs: dict[str, str | float] = {"fill": "none", "stroke": colour, "stroke-width": 2}
    if dashes:
        attrs["stroke-dasharray"] = dashes
    return attrs


def _marker(index: int, x: float, y: float, tooltip: str = "") -> str:
    """Return a point marker: filled for even series, hollow for odd, so they differ in print too."""
    colour = SERIES_STYLES[index % len(SERIES_STYLES)][0]
    attrs: dict[str, str | float] = {"cx": x, "cy": y, "r": 3.5, "fill": PAPER if index % 2 else colour,
                                     "stroke": colour, "stroke-width": 1.5}
    return _element("circle", attrs, f"<title>{escape(tooltip)}</title>" if tooltip else "")


def _series_marks(line: Series, index: int, plot: LinePlot, unit: str, named: bool) -> list[str]:
    """Return one polyline per unbroken run of values (two points or more), then a marker per point."""
    runs: list[list[tuple[float, float]]] = [[]]
    for x, value in zip(plot.xs, line.values):
        if value is None:
            runs.append([])
        else:
            runs[-1].append((x, plot.y(value)))
    marks = [_element("polyline", {"points": " ".join(f"{_num(x)},{_num(y)}" for x, y in run), **_stroke(index)})
             for run in runs if len(run) > 1]
    for x, label, value in zip(plot.xs, plot.labels, line.values):
        if value is not None:
            shown = _num(value) + unit
            tooltip = (SERIES_POINT_TITLE.format(series=line.name, label=label, value=shown) if named
                       else POINT_TITLE.format(label=label, value=shown))
            marks.append(_marker(index, x, plot.y(value), tooltip))
    return marks


def _legend(series: Sequence[Series], width: float) -> tuple[list[str], float]:
    """Return the legend (a line sample and name per series, wrapping as needed) and its height."""
    items: list[str] = []
    x, y = float(PAD), PAD + TITLE_SIZE + 24
    for index, line in enumerate(series):
        name = _fit(line.name, SMALL_SIZE, 200)
        room = 30 + _text_width(name, SMALL_SIZE) + 20
        if x + room > width - PAD and x > PAD:
            x, y = float(PAD), y + 20
        items.append(_element("line", {"x1": x, "y1": y, "x2": x + 24, "y2": y, **_stroke(index)}))
        items.append(_marker(index, x + 12, y))
        items.append(_text(x + 30, y, name))
        x += room
    return items, y - (PAD + TITLE_SIZE) + 4
