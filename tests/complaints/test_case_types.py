"""Case types are reference data an administrator keeps, with dated names."""

import pytest
from django.urls import reverse

from complaints.models import CaseType
from tests.complaints.helpers import day, make_complaint

pytestmark = pytest.mark.django_db


def names_data(rows=(), existing=0):
    data = {"navn-TOTAL_FORMS": str(len(rows)), "navn-INITIAL_FORMS": str(existing), "navn-MIN_NUM_FORMS": "0",
            "navn-MAX_NUM_FORMS": "1000"}  # fmt: skip
    for index, row in enumerate(rows):
        data |= {f"navn-{index}-{key}": value for key, value in row.items()}
    return data


def test_an_administrator_adds_a_case_type_with_a_later_name(administrator_client):
    response = administrator_client.post(
        reverse("complaints:casetype_create"),
        {"name": "Omsorgslønn", "sort_order": "10", "active": "on"}
        | names_data([{"name": "Omsorgsstønad", "valid_from": "01.01.2020"}]),
        follow=True,
    )  # fmt: skip
    assert "Sakstypen «Omsorgsstønad» er lagret." in response.content.decode()
    case_type = CaseType.objects.get()
    assert case_type.name_on(day("2016-01-01")) == "Omsorgslønn"
    assert case_type.name_on(day("2020-01-01")) == "Omsorgsstønad"
    assert "Omsorgslønn til 31.12.2019, Omsorgsstønad fra 01.01.2020" in response.content.decode()


def test_a_duplicate_name_gets_a_message_and_nothing_is_saved(administrator_client, vederlag):
    response = administrator_client.post(
        reverse("complaints:casetype_create"),
        {"name": "Vederlag", "sort_order": "1", "active": "on"}
        | names_data([{"name": "X", "valid_from": "2020-01-01"}]),
    )  # fmt: skip
    assert response.status_code == 400
    assert "Det finnes allerede en sakstype med dette navnet." in response.content.decode()
    assert CaseType.objects.count() == 1


def test_a_bad_date_on_a_later_name_saves_nothing(administrator_client, vederlag):
    response = administrator_client.post(
        reverse("complaints:casetype_update", args=[vederlag.pk]),
        {"name": "Vederlag for opphold", "sort_order": "1", "active": "on"}
        | names_data([{"name": "Egenandel", "valid_from": "neste år"}]),
    )  # fmt: skip
    assert response.status_code == 400
    vederlag.refresh_from_db()
    assert vederlag.name == "Vederlag" and not vederlag.names.exists()


def test_a_case_type_with_complaints_cannot_be_deleted(administrator_client, vederlag):
    make_complaint("16/1", vederlag, "2016-03-01")
    response = administrator_client.post(reverse("complaints:casetype_delete", args=[vederlag.pk]), follow=True)
    assert "har klager og kan ikke slettes" in response.content.decode()
    assert CaseType.objects.filter(pk=vederlag.pk).exists()


def test_a_registrator_sees_the_case_types_but_cannot_change_them(registrator_client, vederlag):
    html = registrator_client.get(reverse("complaints:casetype_list")).content.decode()
    assert "Vederlag" in html and "Ny sakstype" not in html and "Endre" not in html
    assert registrator_client.get(reverse("complaints:casetype_update", args=[vederlag.pk])).status_code == 403
