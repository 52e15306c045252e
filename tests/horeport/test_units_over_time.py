"""Service units over time: validity dates, successors, their checks and the unit pages."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from horeport import demo_stavanger
from horeport.models import ServiceUnit
from horeport.periods import Period
from tests.kpi.helpers import text_of

pytestmark = pytest.mark.django_db


def unit(name, valid_from=None, valid_until=None):
    return ServiceUnit.objects.create(name=name, valid_from=valid_from, valid_until=valid_until)


def post(client, url, **values):
    data = {"name": "", "short_name": "", "sort_order": "0", "active": "on", "valid_from": "", "valid_until": ""}
    data.update(values)
    return client.post(url, data)


def error_of(response, field: str) -> str:
    """The message shown next to a field."""
    html = response.content.decode()
    match = re.search(rf'id="id_{field}_error">(.*?)</div>', html, re.S)
    assert match, f"no message next to {field}"
    return text_of(match.group(1))


def test_a_unit_is_in_force_in_a_period_its_validity_overlaps():
    old = unit("Gammel", valid_until=datetime.date(2016, 12, 31))
    new = unit("Ny", valid_from=datetime.date(2017, 1, 1))
    always = unit("Alltid")
    for period, expected in (("2016", {old, always}), ("2017", {new, always}), ("2016-12", {old, always})):
        assert set(ServiceUnit.objects.in_force(Period.parse(period))) == expected
        assert {u for u in (old, new, always) if u.in_force(Period.parse(period))} == expected


def test_a_unit_cannot_end_before_it_begins(administrator_client):
    response = post(administrator_client, reverse("unit_create"), name="Hjemmetjenesten",
                    valid_from="2017-01-01", valid_until="2016-12-31")  # fmt: skip
    assert response.status_code == 400
    assert error_of(response, "valid_until") == "Virksomheten kan ikke slutte før den begynner (01.01.2017)."
    assert not ServiceUnit.objects.exists()


def test_a_unit_is_not_its_own_successor(administrator_client):
    item = unit("Hjemmetjenesten", valid_until=datetime.date(2016, 12, 31))
    response = post(administrator_client, reverse("unit_update", args=[item.pk]), name="Hjemmetjenesten",
                    valid_until="31.12.2016", successors=[item.pk])  # fmt: skip
    assert response.status_code == 400
    assert error_of(response, "successors") == "En virksomhet kan ikke være sin egen etterfølger."
    assert not item.successors.exists()


def test_a_successor_must_start_after_its_predecessor_ends(administrator_client):
    item = unit("Hjemmetjenesten, område 1", valid_until=datetime.date(2016, 12, 31))
    early = unit("Madla hjemmebaserte tjenester", valid_from=datetime.date(2016, 12, 1))
    response = post(administrator_client, reverse("unit_update", args=[item.pk]), name=item.name,
                    valid_until="2016-12-31", successors=[early.pk])  # fmt: skip
    assert response.status_code == 400
    assert error_of(response, "successors") == (
        "Madla hjemmebaserte tjenester må gjelde fra 01.01.2017 eller senere for å etterfølge "
        "Hjemmetjenesten, område 1, som gjelder til og med 31.12.2016."
    )
    assert not item.successors.exists()


def test_a_unit_with_successors_needs_an_end_date(administrator_client):
    item = unit("Hjemmetjenesten, område 1")
    later = unit("Madla hjemmebaserte tjenester", valid_from=datetime.date(2017, 1, 1))
    response = post(administrator_client, reverse("unit_update", args=[item.pk]), name=item.name,
                    successors=[later.pk])  # fmt: skip
    assert error_of(response, "successors") == (
        "Hjemmetjenesten, område 1 har etterfølgere og må ha en sluttdato (gjelder til og med)."
    )


def test_a_successor_cannot_be_moved_to_start_before_its_predecessor_ended(administrator_client):
    item = unit("Hjemmetjenesten, område 1", valid_until=datetime.date(2016, 12, 31))
    later = unit("Madla hjemmebaserte tjenester", valid_from=datetime.date(2017, 1, 1))
    item.successors.set([later])
    response = post(administrator_client, reverse("unit_update", args=[later.pk]), name=later.name,
                    valid_from="2016-06-01")  # fmt: skip
    assert "må gjelde fra 01.01.2017 eller senere" in error_of(response, "valid_from")
    later.refresh_from_db()
    assert later.valid_from == datetime.date(2017, 1, 1)


def test_the_units_page_shows_validity_and_successors(administrator_client):
    demo_stavanger.load()
    html = administrator_client.get(reverse("unit_list")).content.decode()
    row = next(r for r in re.findall(r"<tr>(.*?)</tr>", html, re.S) if "tidligere område 1" in r)
    assert "til og med 31.12.2016" in text_of(row)
    assert "Hillevåg og Hinna hjemmebaserte tjenester" in text_of(row)
    row = next(r for r in re.findall(r"<tr>(.*?)</tr>", html, re.S) if "Madla hjemmebaserte" in r)
    assert "fra 01.01.2017" in text_of(row)


def test_a_unit_is_saved_with_its_dates_and_successors(administrator_client):
    later = unit("Madla hjemmebaserte tjenester", valid_from=datetime.date(2017, 1, 1))
    response = post(administrator_client, reverse("unit_create"), name="Hjemmetjenesten, område 1",
                    valid_until="31.12.2016", successors=[later.pk])  # fmt: skip
    assert response.status_code == 302
    item = ServiceUnit.objects.get(name="Hjemmetjenesten, område 1")
    assert item.valid_until == datetime.date(2016, 12, 31)
    assert list(item.successors.all()) == [later]
    assert list(later.predecessors.all()) == [item]


def test_the_second_demos_units_are_six_before_and_four_after_the_reorganisation():
    demo_stavanger.load()
    demo_stavanger.load()  # idempotent: nothing doubled, nothing changed
    assert ServiceUnit.objects.in_force(Period.parse("2016")).count() == 6
    in_2017 = ServiceUnit.objects.in_force(Period.parse("2017"))
    assert "Hillevåg og Hinna hjemmebaserte tjenester" in {u.name for u in in_2017}
    assert in_2017.count() == 4
    for old in ServiceUnit.objects.in_force(Period.parse("2016")):
        assert set(old.successors.all()) == set(in_2017)
        assert ServiceUnit.history.filter(id=old.pk).count() == 1


def test_the_model_refuses_an_end_before_the_start():
    item = ServiceUnit(name="X", valid_from=datetime.date(2017, 1, 1), valid_until=datetime.date(2016, 1, 1))
    with pytest.raises(ValidationError) as refused:
        item.full_clean()
    assert refused.value.message_dict["valid_until"] == ["Virksomheten kan ikke slutte før den begynner (01.01.2017)."]


def test_the_unit_list_says_a_unit_has_ended(administrator_client):
    unit("Gammel", valid_until=datetime.date(2016, 12, 31))
    unit("Ny", valid_from=datetime.date(2017, 1, 1))
    html = administrator_client.get(reverse("unit_list")).content.decode()
    rows = {text_of(r).split(" ")[0]: text_of(r) for r in re.findall(r"<tr>(.*?)</tr>", html, re.S)[1:]}
    assert "Avviklet" in rows["Gammel"] and "Aktiv" not in rows["Gammel"]
    assert "Aktiv" in rows["Ny"]
