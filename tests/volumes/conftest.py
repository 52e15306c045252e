"""Small helpers for the services' tests: a service, a figure, the seed's demo data."""

from decimal import Decimal

import pytest

from horeport.periods import Period
from volumes import demo
from volumes.models import AgeGroups, Service, VolumeFigure


def make_service(name="BPA", *, slug=None, age_groups=AgeGroups.THREE, report_part="", **extra) -> Service:
    slug = slug or name.lower().replace(" ", "-")
    return Service.objects.create(name=name, slug=slug, age_groups=age_groups, report_part=report_part, **extra)


def make_figure(service, period: str, **values) -> VolumeFigure:
    values = {name: None if v is None else Decimal(str(v)) for name, v in values.items()}
    return VolumeFigure.objects.create(service=service, period=Period.parse(period), **values)


@pytest.fixture
def seed(db):
    """Seed 000's Mestringshuset, FAT, omsorgslønn and BPA figures, as `manage.py load_demo` loads them."""
    demo.load()
    return {service.slug: service for service in Service.objects.prefetch_related("names")}


@pytest.fixture
def bpa(db):
    return make_service("BPA", slug="bpa", report_part="bpa")


@pytest.fixture
def fat(db):
    return make_service("FAT", slug="fat", age_groups=AgeGroups.NONE, report_part="mestringshuset_fat")
