"""Private housing key figures: key_figures an administrator adds, counts a Registrator enters."""

import pytest
from django.urls import reverse

from horeport.models import period_lock
from horeport.periods import Period
from waitlists.models import PrivateHousingFigure, PrivateHousingKeyFigure

pytestmark = pytest.mark.django_db
URL = reverse("waitlists:private_figure_create")


@pytest.fixture
def key_figure():
    return PrivateHousingKeyFigure.objects.create(name="Antall deltagere på boligskolen")


def post(client, key_figure, url=URL, **values):
    return client.post(url, {"key_figure": key_figure.pk, "year": "2016", "month": "", **values}, follow=True)


def test_a_new_measure_gets_counts_without_any_migration(administrator_client, registrator_client):
    administrator_client.post(reverse("waitlists:key_figure_create"), {"name": "Startlån innvilget", "order": "60",
                                                                     "active": "on"})  # fmt: skip
    added = PrivateHousingKeyFigure.objects.get(name="Startlån innvilget")
    response = post(registrator_client, added, value="1 204")
    assert "Antallet for «Startlån innvilget» for 2016 er lagret." in response.content.decode()
    assert '<td class="num">1\u00a0204</td>' in response.content.decode()


def test_a_count_with_a_note(registrator_client, key_figure):
    post(registrator_client, key_figure, value="47", comment="4 kurs")
    assert PrivateHousingFigure.objects.get().comment == "4 kurs"


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"value": ""}, "Skriv antallet."),
        ({"value": "-3"}, "Tallet kan ikke være negativt."),
        ({"value": "12", "comment": "Gjelder 01017012343"}, "ser ut til å inneholde et fødselsnummer"),
    ],
)
def test_wrong_input_gets_a_message(registrator_client, key_figure, values, message):
    assert message in post(registrator_client, key_figure, **values).content.decode()
    assert not PrivateHousingFigure.objects.exists()


def test_a_second_count_for_the_same_period_is_refused(registrator_client, key_figure):
    PrivateHousingFigure.objects.create(key_figure=key_figure, period=Period.parse("2016"), value=82)
    response = post(registrator_client, key_figure, value="80")
    assert "Det finnes allerede et antall for «Antall deltagere på boligskolen» for 2016." in response.content.decode()


def test_a_count_in_a_locked_period_is_refused(registrator_client, key_figure):
    row = PrivateHousingFigure.objects.create(key_figure=key_figure, period=Period.parse("2016"), value=82)
    period_lock(period=Period.parse("2016"), reason="Årsrapport 2016")
    url = reverse("waitlists:private_figure_update", args=[row.pk])
    response = post(registrator_client, key_figure, url=url, value="80", version="0")
    assert "Perioden 2016 er låst (Årsrapport 2016" in response.content.decode()
    assert PrivateHousingFigure.objects.get().value == 82


@pytest.mark.parametrize(
    ("year", "message"),
    [("", "Skriv hvilket år tallene gjelder."), ("2015", "Det finnes allerede et antall for «Antall deltagere")],
)
def test_an_empty_or_taken_year_is_a_message_also_while_a_period_is_locked(
    registrator_client, key_figure, year, message
):
    PrivateHousingFigure.objects.create(key_figure=key_figure, period=Period.parse("2015"), value=3)
    period_lock(period=Period.parse("2014"), reason="Årsrapport 2014")
    response = registrator_client.post(URL, {"key_figure": key_figure.pk, "year": year, "month": "", "value": "4"})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert PrivateHousingFigure.objects.get().value == 3
