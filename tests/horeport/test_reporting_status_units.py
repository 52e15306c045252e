"""Rapporteringsstatus for figures entered per unit: a department count that is the sum of its
units (the målekart's roll-up) is reported once the units in force have reported it, across seed
003's reorganisation (six home-services units until 31.12.2016, four from 01.01.2017)."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from horeport import demo_stavanger
from horeport.models import ServiceUnit
from horeport.periods import Period
from kpi.models import KeyFigure, KeyFigureValue
from tests.horeport.test_reporting_status import rows
from tests.kpi.helpers import indicator, result

pytestmark = pytest.mark.django_db
STATUS = reverse("reporting_status")
RESULTS = "Målekart Resultater, månedlige indikatorer"
KEY_FIGURES = "Målekart Nøkkeltall"


@pytest.fixture
def units(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: datetime.date(2017, 3, 15))
    demo_stavanger.load()
    old = [ServiceUnit.objects.get(name=name) for name in demo_stavanger.OLD_UNITS]
    new = [ServiceUnit.objects.get(name=name) for name in demo_stavanger.NEW_UNITS]
    return old, new


@pytest.fixture
def visits(units):
    """A monthly count entered unit by unit: the department's figure is their sum."""
    old, _ = units
    item = indicator("B-HO.9.1", unit="count", decimals=0, frequency="month", green=">= 500", red="< 400")
    for unit in old:
        result(item, "2016-12", "90", unit=unit)
    return item


def status(client, month: str) -> dict[str, str]:
    return rows(client.get(STATUS, {"periode": month}).content.decode())


def test_a_department_count_is_reported_when_every_unit_in_force_has_reported(registrator_client, visits, units):
    old, _ = units
    found = status(registrator_client, "2016-12")
    assert found[f"{RESULTS} Hele tjenesteområdet"] == "complete"  # the sum of the six, none entered for it
    assert all(found[f"{RESULTS} {unit.name}"] == "complete" for unit in old)


def test_after_the_reorganisation_the_new_units_are_due_and_the_old_are_not(registrator_client, visits, units):
    old, new = units
    found = status(registrator_client, "2017-01")
    assert found[f"{RESULTS} Hele tjenesteområdet"] == "missing"
    assert {f"{RESULTS} {unit.name}" for unit in new} <= found.keys()
    assert not any(unit.name in key for unit in old for key in found)


def test_the_sum_is_not_reported_until_the_last_unit_in_force_has(registrator_client, visits, units):
    _, new = units
    for unit in new[:3]:
        result(visits, "2017-01", "140", unit=unit)
    found = status(registrator_client, "2017-01")
    assert found[f"{RESULTS} Hele tjenesteområdet"] == "missing"
    assert found[f"{RESULTS} {new[3].name}"] == "missing"
    assert found[f"{RESULTS} {new[0].name}"] == "complete"
    result(visits, "2017-01", "140", unit=new[3])
    assert status(registrator_client, "2017-01")[f"{RESULTS} Hele tjenesteområdet"] == "complete"


def test_a_percentage_entered_per_unit_is_not_a_department_figure(registrator_client, units):
    old, _ = units
    share = indicator("S.3.1", frequency="month")  # percent: not summed
    for unit in old:
        result(share, "2016-12", "50", unit=unit)
    found = status(registrator_client, "2016-12")
    assert found[f"{RESULTS} Hele tjenesteområdet"] == "missing"
    result(share, "2016-12", "48")
    assert status(registrator_client, "2016-12")[f"{RESULTS} Hele tjenesteområdet"] == "complete"


def test_a_key_figure_summed_from_its_units_is_reported_when_they_have(registrator_client, units):
    old, new = units
    figure = KeyFigure.objects.create(name="Brukere med hverdagsmestring", frequency="month", sum_of_units=True)
    for unit in old:
        KeyFigureValue.objects.create(key_figure=figure, period=Period.parse("2016-12"), unit=unit, value=Decimal(90))
    assert status(registrator_client, "2016-12")[f"{KEY_FIGURES} Hele tjenesteområdet"] == "complete"
    found = status(registrator_client, "2017-01")
    assert found[f"{KEY_FIGURES} Hele tjenesteområdet"] == "missing"
    assert all(found[f"{KEY_FIGURES} {unit.name}"] == "missing" for unit in new)
    for unit in new:
        KeyFigureValue.objects.create(key_figure=figure, period=Period.parse("2017-01"), unit=unit, value=Decimal(140))
    assert status(registrator_client, "2017-01")[f"{KEY_FIGURES} Hele tjenesteområdet"] == "complete"


def test_the_status_makes_as_many_queries_with_many_units_as_with_few(
    registrator_client, visits, units, django_assert_max_num_queries
):
    with django_assert_max_num_queries(60) as few:
        registrator_client.get(STATUS, {"periode": "2017-01"})
    for number in range(10):
        unit = ServiceUnit.objects.create(name=f"Ny enhet {number}")
        result(visits, "2016-11", "5", unit=unit)
    with django_assert_max_num_queries(len(few)):
        response = registrator_client.get(STATUS, {"periode": "2017-01"})
    assert "Ny enhet 9" in response.content.decode()
