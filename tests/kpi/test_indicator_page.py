"""An indicator's page: bands over time, every result with its status, a chart, who changed what."""

from decimal import Decimal

import pytest
from django.urls import reverse

from horeport.charts import _figure
from horeport.sections import Chart, ChartSeries
from tests.kpi.helpers import band, indicator, result, text_of

pytestmark = pytest.mark.django_db


def test_it_shows_the_bands_over_time_and_every_result_with_the_status_of_its_own_bands(leder_client):
    item = indicator("S.3.1", green_text="95 - 100 %", yellow_text="60 - 94 %", red_text="0 - 59 %")
    band(item, green=">= 90", red="< 80", valid_from=2016)
    result(item, "2014", "91")
    result(item, "2016", "91")
    html = leder_client.get(reverse("kpi:indicator", args=[item.pk])).content.decode()
    text = text_of(html)
    assert "2014 95 - 100 % Regnes som: minst 95 % 60 - 94 % Regnes som: fra 60 til under 95 %" in text
    assert "2016 minst 90 % fra 80 til under 90 % under 80 % Høyere er bedre" in text
    assert "2014 Hele tjenesteområdet 91,00 % Akseptert" in text
    assert "2016 Hele tjenesteområdet 91,00 % Ønsket" in text
    assert 'src="data:image/svg+xml;base64,' in html


def test_the_change_log_says_who_changed_what_and_links_to_each_results_history(leder_client, registrator):
    item = indicator("S.3.1")
    saved = result(item, "2014", "54.55")
    saved._history_user = registrator
    saved.value = Decimal("56")
    saved.save()
    html = leder_client.get(reverse("kpi:indicator", args=[item.pk])).content.decode()
    assert "Rita Registrator Endret 2014 56,00 %" in text_of(html)
    history = leder_client.get(reverse("kpi:result_history", args=[saved.pk])).content.decode()
    assert "Rita Registrator" in history and "54,55" in history and "56" in history


def test_a_lower_is_better_indicator_says_so(leder_client):
    item = indicator("B-HO.2.3", unit="days", green="<= 3", red="> 5")
    assert "Lavere er bedre" in leder_client.get(reverse("kpi:indicator", args=[item.pk])).content.decode()


def test_an_indicator_without_bands_or_results_says_what_that_means(leder_client):
    item = indicator("MA.1.3", green=None, red=None, introduced_year=2016)
    html = leder_client.get(reverse("kpi:indicator", args=[item.pk])).content.decode()
    assert "Indikatoren har ingen grenseverdier ennå, så resultatene får ingen status." in html
    assert "Indikatoren er ny fra 2016." in html


def test_a_chart_of_negative_values_keeps_them_in_view():
    # Ø.2.1: a budget deviation of -0,70 % must be drawn, not cut off by a zero baseline.
    figure = _figure(Chart("", ["2013", "2014"], [ChartSeries("Ø.2.1", [Decimal("-0.2"), Decimal("-0.70")])]), 6, 3)
    bottom, top = figure.axes[0].get_ylim()
    assert bottom < -0.70 < top
