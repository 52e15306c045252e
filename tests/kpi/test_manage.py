"""The administrators' screens for perspectives, indicators and bands."""

import pytest
from django.urls import reverse

from kpi.models import Band, Indicator, Perspective
from tests.kpi.helpers import indicator, result, status_of

pytestmark = pytest.mark.django_db


def band_data(**overrides):
    data = {
        "valid_from": "2016",
        "green_lower": "", "green_lower_inclusive": "on", "green_upper": "", "green_upper_inclusive": "on",
        "red_lower": "", "red_lower_inclusive": "on", "red_upper": "", "red_upper_inclusive": "on",
        "green_text": "", "yellow_text": "", "red_text": "",
    }  # fmt: skip
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_an_administrator_adds_a_perspective_an_indicator_and_its_bands(administrator_client):
    response = administrator_client.post(
        reverse("kpi:perspective_create"), {"scorecard": "unikt", "code": "B-HO.4", "name": "Nødvendig kompetanse",
                                             "sort_order": "10"}, follow=True,
    )  # fmt: skip
    assert "Den sentrale utfordringen «B-HO.4. Nødvendig kompetanse» er lagret." in response.content.decode()
    perspective = Perspective.objects.get(code="B-HO.4")
    response = administrator_client.post(
        reverse("kpi:indicator_create"),
        {"perspective": perspective.pk, "code": "B-HO.4.1", "name": "Andel ansatte med fagutdanning",
         "unit": "percent", "decimals": "1", "frequency": "year", "introduced_year": "2016", "retired_year": "",
         "description": "", "sort_order": "0"},
    )  # fmt: skip
    item = Indicator.objects.get(code="B-HO.4.1")
    assert response["Location"] == reverse("kpi:band_create", args=[item.pk])
    response = administrator_client.post(
        reverse("kpi:band_create", args=[item.pk]),
        band_data(green_lower="75", green_lower_inclusive=None, red_upper="65", red_upper_inclusive=None,
                  green_text="> 75 %", yellow_text="66 - 74 %", red_text="< 65 %"),
        follow=True,
    )  # fmt: skip
    assert "Grenseverdiene for B-HO.4.1 fra 2016 er lagret." in response.content.decode()
    saved = Band.objects.get(indicator=item)
    assert saved.status(75) == "yellow" and saved.status(75.1) == "green" and saved.status(64.9) == "red"


def test_overlapping_bands_are_refused_with_a_message_next_to_the_field(administrator_client):
    item = indicator("S.3.1", green=None, red=None)
    response = administrator_client.post(
        reverse("kpi:band_create", args=[item.pk]), band_data(green_lower="90", red_upper="95")
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Ønsket og ikke godkjent resultat overlapper: 90–95\xa0% ville vært begge deler." in html
    assert 'id="id_red_lower_error"' in html
    assert not Band.objects.exists()


def test_a_second_band_for_the_same_year_is_refused(administrator_client):
    item = indicator("S.3.1", valid_from=2016)
    response = administrator_client.post(
        reverse("kpi:band_create", args=[item.pk]), band_data(green_lower="90", red_upper="80")
    )
    assert "Indikatoren har allerede grenseverdier som gjelder fra dette året." in response.content.decode()
    assert Band.objects.count() == 1


def test_changing_the_bands_changes_the_status_on_the_dashboard(administrator_client, leder_client):
    item = indicator("S.3.1")
    result(item, "2014", "91")
    assert status_of(leder_client.get(reverse("kpi:index")).content.decode(), "S.3.1") == "yellow"
    saved = item.bands.get()
    administrator_client.post(
        reverse("kpi:band_update", args=[saved.pk]),
        band_data(valid_from="2014", green_lower="90", red_upper="80", red_upper_inclusive=None),
    )
    assert status_of(leder_client.get(reverse("kpi:index")).content.decode(), "S.3.1") == "green"


def test_a_band_is_deleted_after_confirmation(administrator_client):
    item = indicator("S.3.1")
    saved = item.bands.get()
    page = administrator_client.get(reverse("kpi:band_delete", args=[saved.pk])).content.decode()
    assert "Slette grenseverdiene for S.3.1 fra 2014?" in page
    administrator_client.post(reverse("kpi:band_delete", args=[saved.pk]))
    assert not Band.objects.exists()
    assert Band.history.filter(history_type="-").count() == 1


def test_years_are_written_as_years_in_forms_and_pages(administrator_client):
    item = indicator("MA.1.3", introduced_year=2016, valid_from=2016)
    form = administrator_client.get(reverse("kpi:indicator_update", args=[item.pk])).content.decode()
    assert 'value="2016"' in form
    page = administrator_client.get(reverse("kpi:indicator", args=[item.pk])).content.decode()
    assert "2\xa0016" not in page and "fra 2016" in page


def test_a_retirement_before_the_introduction_is_refused(administrator_client):
    item = indicator("MA.1.3", introduced_year=2016)
    response = administrator_client.post(
        reverse("kpi:indicator_update", args=[item.pk]),
        {"perspective": item.perspective_id, "code": "MA.1.3", "name": "Sykefravær", "unit": "percent",
         "decimals": "1", "frequency": "year", "introduced_year": "2016", "retired_year": "2015",
         "description": "", "sort_order": "0"},
    )  # fmt: skip
    assert "Året indikatoren går ut må være etter året den ble innført." in response.content.decode()
