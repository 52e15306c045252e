"""`make bench`'s generator: the same data on every run, and never over a database of real data."""

import pytest

from bench import generate
from complaints.models import Complaint
from deviations.models import Category, Deviation
from horeport.models import ServiceUnit, SiteSettings
from kpi.models import Result
from tests.conftest import make_user

TINY = generate.Scale("tiny", units=2, indicators=3, years=2, deviations=40, complaints=10)


def _snapshot():
    return (
        list(
            Deviation.objects.order_by("reference").values_list("reference", "registered_on", "closed_on", "unit__name")
        ),
        list(Complaint.objects.order_by("reference").values_list("reference", "received_on", "decision")),
        list(Result.objects.order_by("indicator__code", "period", "unit__name").values_list("period", "value")),
    )


@pytest.mark.django_db(transaction=True)
def test_the_generator_makes_the_same_rows_every_time():
    counts = generate.generate(TINY)
    first = _snapshot()
    assert generate.generate(TINY) == counts
    assert _snapshot() == first
    assert counts == {"units": 2, "indicators": 3, "results": 3 * 2 * 3, "deviations": 40, "complaints": 10}
    assert len(first[0]) == 40 and SiteSettings.objects.get().municipality_name == generate.MARK


@pytest.mark.django_db(transaction=True)
def test_it_refuses_a_database_holding_other_data(categories_and_unit):
    with pytest.raises(generate.NotABenchDatabase):
        generate.generate(TINY)
    assert Deviation.objects.filter(reference="EKTE-1").exists()


@pytest.fixture
def categories_and_unit(db):
    make_user("kari")
    category, unit = Category.objects.create(name="Fall"), ServiceUnit.objects.create(name="Hjemmetjenesten")
    Deviation.objects.create(
        reference="EKTE-1",
        category=category,
        unit=unit,
        occurred_on="2016-01-01",
        registered_on="2016-01-01",
        description="Fall.",
    )
