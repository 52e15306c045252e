"""Test data for the complaint register: case types and complaints, made in one place."""

import pytest

from complaints.models import CaseTypeName
from tests.complaints.helpers import day, make_case_type


@pytest.fixture
def omsorgslonn(db):
    case_type = make_case_type("Omsorgslønn", 10)
    CaseTypeName.objects.create(case_type=case_type, name="Omsorgsstønad", valid_from=day("2020-01-01"))
    return case_type


@pytest.fixture
def vederlag(db):
    return make_case_type("Vederlag", 80)
