"""The value axis of a chart: steps of 1, 2, 2,5 or 5 × 10ⁿ, whole numbers on an axis of counts,
a top tick above the highest value, and Norwegian decimal commas."""

from decimal import Decimal

import pytest

from horeport.charts import _figure, chart_svg
from horeport.formatting import nb_number
from horeport.sections import Chart, ChartSeries

ALLOWED = {Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5)}


def value_axis(chart: Chart):
    figure = _figure(chart, 6.5, 3.2)
    figure.canvas.draw()  # the labels are made at drawing time
    axes = figure.axes[0]
    bottom, top = axes.get_ylim()
    ticks = [t for t in axes.get_yticks() if bottom - 1e-9 <= t <= top + 1e-9]
    labels = [label.get_text() for label in axes.get_yticklabels() if label.get_text()]
    return ticks, labels, top


def is_allowed_step(step: float) -> bool:
    mantissa = Decimal(repr(float(step))).normalize()
    mantissa = mantissa.scaleb(-mantissa.adjusted())  # 250 -> 2.5, 0.5 -> 5
    return mantissa.normalize() in ALLOWED


def test_a_count_axis_up_to_1474_ends_on_a_tick_above_it_in_whole_allowed_steps():
    chart = Chart(
        "Vedtak",
        ["2013", "2014", "2015", "2016"],
        [
            ChartSeries("Hjemmesykepleie", [812, 1105, 1474, 1390]),
            ChartSeries("Praktisk bistand", [403, 380, 356, 298]),
        ],
        kind="bar",
        decimals=0,
    )
    ticks, labels, top = value_axis(chart)
    assert ticks[-1] >= 1474 and top == ticks[-1]
    steps = {round(b - a, 9) for a, b in zip(ticks, ticks[1:], strict=False)}
    assert len(steps) == 1 and is_allowed_step(steps.pop())
    assert labels[0] == "0" and all("," not in label for label in labels)
    assert all(float(t).is_integer() for t in ticks)
    assert labels == [nb_number(t) for t in ticks]  # "1 500", never "1500,0"


@pytest.mark.parametrize(
    ("values", "decimals"),
    [([0.3, 0.7, 1.2], 1), ([12.5, 47.25, 88.0], 1), ([3, 4, 6], 0), ([0, 1], 0), ([-14.2, 3.5, 22.8], 1)],
)
def test_every_axis_ends_above_its_data_in_allowed_steps(values, decimals):
    chart = Chart("Andel", ["a", "b", "c"][: len(values)], [ChartSeries("S", values)], decimals=decimals)
    ticks, labels, top = value_axis(chart)
    assert top == pytest.approx(ticks[-1]) and ticks[-1] >= max(values)
    steps = {round(b - a, 9) for a, b in zip(ticks, ticks[1:], strict=False)}
    assert len(steps) == 1 and is_allowed_step(steps.pop())
    if decimals == 0:
        assert all(float(t).is_integer() for t in ticks)
    assert all("." not in label for label in labels)


def test_tick_labels_use_a_decimal_comma():
    chart = Chart("Andel", ["2015", "2016"], [ChartSeries("Andel", [Decimal("0.4"), Decimal("1.3")])], decimals=1)
    _, labels, _ = value_axis(chart)
    assert "0,5" in labels and "1,5" in labels
    assert ">0,5<" in chart_svg(chart)
