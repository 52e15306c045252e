"""Fixtures for the reports app: a report kind whose sections are the test sections."""

import pytest

from reports.models import ReportKind
from tests.reports import sections_for_tests  # noqa: F401 (registers the test sections)
from tests.reports.helpers import use_sections
from tests.reports.sections_for_tests import TEST_KEYS


@pytest.fixture
def annual(db):
    """The Årsrapport, holding the test sections instead of the domain apps' ones."""
    return use_sections(ReportKind.objects.get(slug="annual"), TEST_KEYS)
