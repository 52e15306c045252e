"""The charts' typeface: Inter, as the report's text, from the TTF copies `make assets` writes;
DejaVu Sans for what Inter's Latin files lack, and for everything when the copies are missing."""

import warnings

from matplotlib import font_manager
from matplotlib.font_manager import FontProperties

from horeport.charts import FONT_DIR, _figure, fonts_register
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
