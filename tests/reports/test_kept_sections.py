"""A report's sections are kept between reports of the same figures (horeport.kept): the preview,
the PDF and the workbook of one set of figures compute them once, and a change shows at once."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from economy.models import AccountsFigure
from horeport.periods import Period
from reports.models import ReportKind
from reports.services import report_build
from tests.economy.helpers import kroner, seed_003_figures
from tests.reports.helpers import use_sections

YEAR = Period.parse("2017")


def economy_row(report) -> list[str]:
    (part,) = report.shown_parts
    row = next(row for row in part.section.tables[0].rows if row.header == "Helse- og sosialkontorene")
    return [cell.text_value.replace("\xa0", " ") for cell in row.cells]


def built(kind):
    with CaptureQueriesContext(connection) as queries:
        report = report_build(kind=kind, period=YEAR)
    return report, len(queries)


# Outside a test's transaction, as on a server: what a transaction builds is not kept (it may be undone).
@pytest.mark.django_db(transaction=True)
def test_a_second_report_of_the_same_figures_computes_no_section_and_a_change_shows_at_once():
    area = seed_003_figures()
    kind = use_sections(ReportKind.objects.create(name="Økonomirapport", slug="okonomi"), ["economy.overview"])
    built(kind)  # the first report of a process reads the site's settings too
    caches["local"].clear()
    caches["default"].clear()
    first, computed = built(kind)
    assert economy_row(first)[3:] == ["653,5", "+14,9", "+2,3 %", "102,3"]

    again, kept = built(kind)
    assert economy_row(again) == economy_row(first)
    assert kept < computed

    caches["local"].clear()  # another process reads the shared cache
    assert built(kind)[1] == kept

    figure = AccountsFigure.objects.get(area=area, period=YEAR)
    figure.amount = kroner("638.6")
    figure.save()
    changed, count = built(kind)
    assert economy_row(changed)[3:] == ["638,6", "0,0", "0,0 %", "100,0"]
    assert count == computed


@pytest.mark.django_db
def test_inside_a_transaction_sections_are_computed_and_not_kept():
    seed_003_figures()
    kind = use_sections(ReportKind.objects.create(name="Økonomirapport", slug="okonomi"), ["economy.overview"])
    built(kind)  # the first report of a process reads the site's settings too
    computed = built(kind)[1]
    assert built(kind)[1] == computed  # computed again: nothing was kept
