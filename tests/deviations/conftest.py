"""Small helpers for the deviation register's tests."""

import datetime
import itertools

import pytest

from deviations.models import Category, Deviation, Status
from horeport.models import ServiceUnit

_numbers = itertools.count(1)


@pytest.fixture
def categories(db):
    names = ["Legemiddelavvik", "Vold og trusler", "Fall"]
    return {name: Category.objects.create(name=name, sort_order=i) for i, name in enumerate(names)}


@pytest.fixture
def unit(db):
    return ServiceUnit.objects.create(name="Hjemmetjenesten", short_name="HJT")


def make_deviation(category, unit, registered_on, *, closed_on=None, status=None, to_hospital=False, **extra):
    """A deviation registered on a day; closed on `closed_on` if given."""
    registered_on = _date(registered_on)
    closed_on = _date(closed_on) if closed_on else None
    values = {
        "reference": f"T-{next(_numbers):05d}",
        "category": category,
        "unit": unit,
        "occurred_on": registered_on,
        "registered_on": registered_on,
        "description": "Bruker falt på badet.",
        "status": status or (Status.CLOSED if closed_on else Status.REGISTERED),
        "closed_on": closed_on,
        "measures": "Sklisikker matte." if closed_on else "",
        "to_hospital": to_hospital,
        "counterpart": "Bærum sykehus" if to_hospital else "",
    }
    values.update(extra)
    return Deviation.objects.create(**values)


def _date(value):
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)
