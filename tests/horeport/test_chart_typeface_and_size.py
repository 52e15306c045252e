"""The charts' typeface: Inter, as the report's text, from the TTF copies `make assets` writes,
DejaVu Sans for what Inter's Latin files lack and when the copies are missing; and a low report
chart that grows where its legend needs more rows."""

import warnings

from matplotlib import font_manager
from matplotlib.font_manager import FontProperties

from horeport.charts import FONT_DIR, _figure, chart_height, fonts_register
from horeport.sections import Chart, ChartSeries

CHART = Chart(
    "Omsorgslønn: brukere",
    categories=["2015", "2016"],
    series=[ChartSeries("Brukere ≤ 18 år", [62, 66]), ChartSeries("Brukere > 18 år", [66, 63])],
    unit="brukere",
)


def drawn_fonts(chart: Chart) -> set[str]:
    figure = _figure(chart, 6.5, 2.0)
    figure.canvas.draw()
    texts = [figure.axes[0].title, *figure.axes[0].get_yticklabels(), *figure.legends[0].get_texts()]
    return {font_manager.findfont(text.get_fontproperties()) for text in texts}


def test_the_charts_are_drawn_in_inter_from_the_assets():
    inter = font_manager.findfont(FontProperties(family="Inter"), fallback_to_default=False)
    assert inter.startswith(str(FONT_DIR)) and inter.endswith(".ttf")
    assert all(path.startswith(str(FONT_DIR)) for path in drawn_fonts(CHART))


def test_a_character_inter_lacks_is_drawn_from_dejavu_without_a_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph … missing from font(s) Inter" would fail here
        figure = _figure(CHART, 6.5, 2.0)
        figure.canvas.draw()


def test_without_the_ttf_copies_nothing_is_registered_and_nothing_fails(tmp_path):
    (tmp_path / "broken.ttf").write_bytes(b"not a font")
    assert fonts_register(tmp_path) == []
    assert fonts_register(tmp_path / "missing") == []


def plot_height(chart: Chart, height: float) -> float:
    figure = _figure(chart, 6.5, height)
    figure.canvas.draw()
    return figure.axes[0].get_window_extent().height


def test_a_low_chart_with_a_long_legend_grows_so_its_plot_is_not_flattened():
    names = ["Bolig med bemanning, eldre", "Bolig med service", "Bolig med bemanning, psykisk syke",
             "Bolig med bemanning, ROP", "Bolig med bemanning, utviklingshemmede", "Bolig uten bemanning"]  # fmt: skip
    six = Chart("Venteliste pr. 31.12.", ["2014", "2015", "2016"], [ChartSeries(n, [1, 2, 3]) for n in names])
    assert chart_height(CHART, width=6.5, height=2.0) == 2.0  # two series: one legend row, as it is
    grown = chart_height(six, width=6.5, height=2.0)
    assert grown > 2.0
    assert plot_height(six, grown) >= 0.9 * plot_height(CHART, 2.0)
