"""The economy's report section, as the reports app receives it."""

import pytest

from economy.report_sections import overview
from horeport.periods import Period
from horeport.sections import SECTION_REGISTRY, SectionOptions
from tests.economy.helpers import seed_003_figures

pytestmark = pytest.mark.django_db


def cells(section, header: str) -> list[str]:
    row = next(row for row in section.tables[0].rows if row.header == header)
    return [cell.text_value.replace("\xa0", " ") for cell in row.cells]


def test_it_is_registered_for_years_and_tertials():
    spec = SECTION_REGISTRY["economy.overview"]
    assert spec.title == "Økonomi"
    assert {kind.value for kind in spec.period_kinds} == {"year", "tertial"}


def test_it_gives_the_years_figures_and_the_annual_reports_sentence():
    seed_003_figures()
    section = overview(period=Period.parse("2017"), options=SectionOptions())
    assert cells(section, "Helse- og sosialkontorene") == [
        "615,1",
        "+23,5",
        "638,6",
        "653,5",
        "+14,9",
        "+2,3 %",
        "102,3",
    ]
    assert section.paragraphs[0].startswith("Regnskapet for 2017 viser et merforbruk på 14,9 mill. kr")


def test_it_is_empty_without_figures_so_a_report_leaves_it_out():
    section = overview(period=Period.parse("2016"), options=SectionOptions())
    assert section.is_empty
    assert section.notes == ["Ingen økonomitall er registrert for 2016."]


def test_a_report_kind_that_holds_it_shows_the_figures_and_leaves_it_out_without_them():
    from reports.excel import report_xlsx
    from reports.models import ReportKind
    from reports.services import report_build
    from tests.reports.helpers import row_of, use_sections, workbook

    kind = use_sections(ReportKind.objects.get(slug="annual"), ["kpi.malekart", "economy.overview"])
    seed_003_figures()
    report = report_build(kind=kind, period=Period.parse("2017"), version=None)
    assert [part.section.key for part in report.shown_parts] == ["economy.overview"]
    sheet = workbook(report_xlsx(report))["Økonomi"]
    assert [cell.value for cell in row_of(sheet, "Helse- og sosialkontorene")[1:4]] == [615.1, 23.5, 638.6]
    earlier = report_build(kind=kind, period=Period.parse("2016"), version=None)
    assert "economy.overview" in [part.section.key for part in earlier.empty_parts]
