"""Charts drawn once per content: a workbook written again redraws nothing; sparklines are plain SVG."""

import re

from horeport import charts
from horeport.sections import Chart, ChartSeries


def test_a_chart_png_is_drawn_once_for_the_same_numbers(monkeypatch):
    drawn = []
    draw = charts._figure
    monkeypatch.setattr(charts, "_figure", lambda *args: drawn.append(args) or draw(*args))
    chart = Chart("Avvik per måned", ["jan", "feb"], [ChartSeries("2016", [4, 7])])
    first = charts.chart_png(chart)
    assert charts.chart_png(Chart("Avvik per måned", ["jan", "feb"], [ChartSeries("2016", [4, 7])])) == first
    assert len(drawn) == 1
    changed = charts.chart_png(Chart("Avvik per måned", ["jan", "feb"], [ChartSeries("2016", [4, 8])]))
    assert changed != first and changed.startswith(b"\x89PNG") and len(drawn) == 2


def test_a_sparkline_rises_where_the_values_rise_and_marks_the_last_value():
    svg = charts.sparkline_svg([10, None, 20, 15])
    points = [tuple(map(float, p.split(","))) for p in re.search(r'points="([^"]+)"', svg)[1].split()]
    assert len(points) == 3  # the missing year is left out
    (x1, y1), (x2, y2), (x3, y3) = points
    assert x1 < x2 < x3
    assert y2 < y3 < y1  # SVG's y grows downwards: 20 is highest, 10 lowest
    circle = re.search(r'<circle cx="([\d.]+)" cy="([\d.]+)"', svg)
    assert (float(circle[1]), float(circle[2])) == (x3, y3)


def test_a_sparkline_of_one_value_or_none_is_still_an_image():
    assert charts.sparkline_svg([None, 5]).startswith("<svg") and "<circle" in charts.sparkline_svg([None, 5])
    assert "<polyline" not in charts.sparkline_svg([None, None])
