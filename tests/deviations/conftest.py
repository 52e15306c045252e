"""Small helpers for the deviation register's tests."""

import itertools

import pytest

from deviations.models import Category
from horeport.models import ServiceUnit

_numbers = itertools.count(1)


@pytest.fixture
def categories(db):
    names = ["Legemiddelavvik", "Vold og trusler", "Fall"]
    return {name: Category.objects.create(name=name, sort_order=i) for i, name in enumerate(names)}


@pytest.fixture
def unit(db):
    return ServiceUnit.objects.create(name="Hjemmetjenesten", short_name="HJT")
