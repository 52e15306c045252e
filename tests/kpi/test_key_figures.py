"""Key figures: named series of plain numbers, entered per period and shown with their change."""

from decimal import Decimal

import pytest
from django.urls import reverse

from horeport.models import period_lock
from horeport.periods import Period
from kpi.models import KeyFigure, KeyFigureValue
from tests.kpi.helpers import query_count, text_of

pytestmark = pytest.mark.django_db
ENTRY = reverse("kpi:key_figure_entry")


def figure(name="Ressurspersoner i etikk", unit="personer", **values):
    item = KeyFigure.objects.create(name=name, unit=unit)
    for period, value in values.items():
        KeyFigureValue.objects.create(
            key_figure=item, period=Period.parse(period.removeprefix("y")), value=Decimal(value)
        )
    return item


def test_the_table_shows_the_values_and_the_change_between_the_last_two_years(leder_client):
    figure(y2015="100", y2016="125")
    figure("KAD-plasser", "plasser", y2015="0", y2016="7")
    html = text_of(leder_client.get(reverse("kpi:key_figures"), {"til": "2016"}).content.decode())
    assert "Ressurspersoner i etikk (personer) – – – 100 125 +25 +25,0 %" in html
    assert "KAD-plasser (plasser) – – – 0 7 +7 –" in html  # no percentage from 0


def test_a_registrator_enters_values_with_spaces_between_thousands(registrator_client):
    item = figure()
    response = registrator_client.post(
        ENTRY, {"periode": "2016", f"k{item.pk}-value": "3 084", f"k{item.pk}-comment": "", f"k{item.pk}-version": ""},
        follow=True,
    )  # fmt: skip
    assert "Nøkkeltallene for 2016 er lagret (1 nye)." in response.content.decode()
    assert KeyFigureValue.objects.get().value == Decimal(3084)


def test_a_locked_period_refuses_key_figures_naming_the_lock(registrator_client):
    item = figure()
    period_lock(period=Period.parse("2016"), reason="Årsrapport 2016")
    response = registrator_client.post(
        ENTRY, {"periode": "2016", f"k{item.pk}-value": "5", f"k{item.pk}-comment": "", f"k{item.pk}-version": ""}
    )
    assert "Perioden 2016 er låst (Årsrapport 2016" in response.content.decode()
    assert not KeyFigureValue.objects.exists()


def test_a_key_figures_page_lists_every_value_with_the_change_from_the_year_before(leder_client):
    item = figure(y2014="80", y2015="100", y2016="90")
    html = text_of(leder_client.get(reverse("kpi:key_figure", args=[item.pk])).content.decode())
    assert "2015 100 personer +20 +25,0 %" in html
    assert "2016 90 personer -10 -10,0 %" in html


def test_without_key_figures_the_page_says_what_to_do(administrator_client):
    html = administrator_client.get(reverse("kpi:key_figures")).content.decode()
    assert "Ingen nøkkeltall er lagt inn ennå." in html and "Legg inn et nøkkeltall" in html


def test_the_key_figures_page_does_not_grow_in_queries_with_the_number_of_figures(leder_client):
    figure("Nøkkeltall 0", y2015="1", y2016="2")
    few = query_count(leder_client, reverse("kpi:key_figures"))
    for n in range(1, 12):
        figure(f"Nøkkeltall {n}", y2015=str(n), y2016=str(n + 1))
    assert query_count(leder_client, reverse("kpi:key_figures")) == few
