"""Fixtures for the reports app: a report kind whose sections are the test sections."""

import pytest

from horeport.periods import Period
from reports.models import ReportKind, ReportKindSection
from tests.reports import sections_for_tests  # noqa: F401 (registers the test sections)
from tests.reports.sections_for_tests import TEST_KEYS

YEAR = Period.parse("2016")


def use_sections(kind: ReportKind, keys: list[str]) -> ReportKind:
    kind.sections.all().delete()
    for order, key in enumerate(keys, start=1):
        ReportKindSection.objects.create(kind=kind, key=key, order=order * 10)
    return kind


@pytest.fixture
def annual(db):
    """The Årsrapport, holding the test sections instead of the domain apps' ones."""
    return use_sections(ReportKind.objects.get(slug="annual"), TEST_KEYS)
