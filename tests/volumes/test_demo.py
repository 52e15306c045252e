"""`manage.py load_demo` stores seed 000's figures at the source's grain, and twice changes nothing."""

from decimal import Decimal

import pytest
from django.core.management import call_command

from horeport.periods import Period
from volumes.models import Service, ServiceName, VolumeFigure

pytestmark = pytest.mark.django_db


def snapshot():
    figures = VolumeFigure.objects.order_by("service__slug", "period")
    return (
        list(figures.values_list("service__slug", "period", "version")),
        VolumeFigure.history.count(), Service.history.count(), ServiceName.history.count(),
    )  # fmt: skip


def test_load_demo_twice_changes_nothing():
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    first = snapshot()
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert snapshot() == first


def test_the_demo_holds_the_seed_s_figures_at_their_grain(seed):
    periods = {
        slug: sorted(str(p) for p in VolumeFigure.objects.filter(service__slug=slug).values_list("period", flat=True))
        for slug in seed
    }
    assert periods == {
        "mestringshuset-psykisk-helse": ["2016-H1", "2016-H2"],
        "mestringshuset-rus": ["2016-H1", "2016-H2"],
        "fat": ["2016-H1", "2016-H2"],
        "omsorgslonn": ["2012", "2013", "2014", "2015", "2016"],
        "bpa": ["2013", "2014", "2015", "2016"],
    }
    omsorgslonn_2012 = VolumeFigure.objects.get(service__slug="omsorgslonn", period=Period.parse("2012"))
    assert omsorgslonn_2012.users_over_18 == Decimal("83.7") and omsorgslonn_2012.users_over_60 is None
    assert seed["omsorgslonn"].name_for(Period.parse("2020")) == "Omsorgsstønad"
