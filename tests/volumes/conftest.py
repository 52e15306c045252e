"""Small helpers for the services' tests: a service, a figure, the seed's demo data."""

import pytest

from tests.volumes.helpers import make_service
from volumes import demo
from volumes.models import AgeGroups, Service


@pytest.fixture
def seed(db):
    """Seed 000's Mestringshuset, FAT, omsorgslønn and BPA figures, as `manage.py load_demo` loads them."""
    demo.load()
    return {service.slug: service for service in Service.objects.prefetch_related("names")}


@pytest.fixture
def bpa(db):
    return make_service("BPA", slug="bpa", report_table="bpa")


@pytest.fixture
def fat(db):
    return make_service("FAT", slug="fat", age_groups=AgeGroups.NONE, report_table="mestringshuset_fat")
