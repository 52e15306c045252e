"""The demo's Årsrapport 2016 and committee report for 2016-Q4, built from `load_demo` through
every app's sections: the seed's tables, in the PDF and in the workbook, computed by the rules."""

import pytest
from django.core.management import call_command

from horeport.periods import Period
from reports.excel import report_xlsx
from reports.models import ReportKind
from reports.pdf import report_pdf
from reports.services import report_build
from tests.reports.helpers import pdf_pages, pdf_text, workbook

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo", verbosity=0)


def annual_2016():
    return report_build(kind=ReportKind.objects.get(slug="annual"), period=Period.parse("2016"))


def sheet_rows(book, title_start: str) -> dict[str, list]:
    """The rows of the sheet whose title starts so, by their first cell (the first such row)."""
    sheet = next(book[name] for name in book.sheetnames if name.startswith(title_start))
    rows = {}
    for row in sheet.iter_rows(values_only=True):
        if row and row[0] and row[0] not in rows:
            rows[row[0]] = list(row[1:])
    return rows


def test_every_section_of_the_annual_report_is_made_from_the_demo(demo):
    report = annual_2016()
    assert not report.problems, [part.problem for part in report.problems]
    assert all(not part.section.is_empty for part in report.section_parts), [
        part.key for part in report.section_parts if part.section.is_empty
    ]


def test_the_annual_report_2016_pdf_holds_the_seed_tables(demo):
    text = pdf_text(report_pdf(annual_2016()))
    for line in [
        # Housing (seed 000: "Effektiveringstid og venteliste")
        "Venteliste pr. 31.12. 23 12 13",
        "Effektueringstid i gj.snitt 135 134 104",
        "Effektueringstid i gj.snitt 1 474 1 312 1 365",
        "Bytte bolig – – 14",
        # Mestringshuset: the year average is computed from the halves (266,5; the seed printed 266)
        "Antall brukere 270,0 263,0 266,5",
        "Timer snitt pr. bruker 3,4 3,2 3,3",
        # Omsorgslønn 2016 → 2012, per user as the ratio of the averages
        "Antall brukere ≤ 18 år 66,0 62,0 62,0 59,0 79,0",
        "Timer snitt pr. bruker 50,0 50,8 50,6 51,5 49,8",
        # Deviations: change relative to the earlier year (the seed divided by the later one)
        "Antall registrerte avvik 440 588 +148 +33,6 %",
        "Antall registrerte avvik 945 1 986 +1 041 +110,2 %",
        "2016 34 +12 +54,5 %",
        # Complaints sent to Fylkesmannen in 2016
        "Vederlag 5 5 0 0 0",
        "Totalt 17 8 1 4 4",
    ]:
        assert line in text, line
    assert "Klager som er sendt til Fylkesmannen" in text  # the authority's name in 2016
    # The names in force in 2016, in the contents and the section's heading alike: not "Omsorgsstønad" (2020).
    assert "Omsorgsstønad" not in text and "omsorgsstønad" not in text
    assert "\nOmsorgslønn – utvikling\n" in text and "Omsorgslønn – utvikling . ." in text


def test_the_workbook_holds_the_same_numbers_as_real_numbers(demo):
    book = workbook(report_xlsx(annual_2016()))
    deviations = sheet_rows(book, "Kvalitetsavvik")
    registered = deviations["Antall registrerte avvik"]  # Legemiddelavvik, the first category
    assert registered[:3] == [440, 588, 148]
    assert registered[3] == pytest.approx(148 / 440)  # stored as a fraction, shown as 33,6 %
    complaints = sheet_rows(book, "Klagesaker")
    assert complaints["Totalt"][:5] == [17, 8, 1, 4, 4]
    housing = sheet_rows(book, "Venteliste")
    assert housing["Venteliste pr. 31.12."][:3] == [23, 12, 13]


def test_the_committee_report_for_2016_q4_renders_from_the_demo(demo):
    report = report_build(kind=ReportKind.objects.get(slug="committee"), period=Period.parse("2016-Q4"))
    assert not report.problems and not report.short
    text = pdf_text(report_pdf(report))
    assert "Rapport til HO-komiteen" in text and "4. kvartal 2016" in text
    assert "Målekart" in text and "Totalt 17 8 1 4 4" not in text  # Q4 holds the complaints sent in Q4
    assert report_xlsx(report).startswith(b"PK")


def build(slug: str, period: str):
    return report_build(kind=ReportKind.objects.get(slug=slug), period=Period.parse(period))


def test_sections_without_figures_are_left_out_and_listed_once_saying_why_where_they_can(demo):
    report = build("halfyear", "2016-H1")
    pages = pdf_pages(report_pdf(report))
    text = "\n".join(pages)
    assert "Ingen tall registrert for 1. halvår 2016: Venteliste og effektueringstid, Privat boligfremskaffelse." in (
        text
    )
    # BPA and omsorgslønn are entered as year averages: the report says so, by the service's name.
    assert (
        "Brukerstyrt personlig assistanse (BPA) – utvikling: Brukerstyrt personlig assistanse (BPA) er registrert "
        "som gjennomsnitt for hele år "
        "(2013–2016), ikke pr. måned, så tallene for 1. halvår 2016 finnes ikke for seg." in text.replace("\n", " ")
    )
    assert "eller årene før" not in text and " bpa " not in text
    # Listed once, on the contents page, with no section of their own.
    assert sum("Privat boligfremskaffelse" in page for page in pages) == 1
    assert [part.key for part in report.empty_parts] == [
        "waitlists.housing", "waitlists.private_housing", "volumes.omsorgslonn", "volumes.bpa",
    ]  # fmt: skip
    book = workbook(report_xlsx(report))
    assert not any(name.startswith(("BPA", "Privat")) for name in book.sheetnames)
    assert book["Forside"]["A9"].value.startswith("Ingen tall registrert for 1. halvår 2016:")


def test_the_monthly_director_report_has_its_contents_on_the_first_page_of_sections(demo):
    pages = pdf_pages(report_pdf(build("director", "2016-12")))
    assert "Innhold" in pages[1] and "Nøkkeltall\nNøkkeltall" in pages[1].replace(" \n", "\n")
    annual = pdf_pages(report_pdf(annual_2016()))
    assert "Innhold" in annual[1] and "Gjennomgående målekart" not in annual[1]  # eleven sections: a page of its own


def test_the_annual_reports_strategy_section_has_the_municipalitys_title_strategies_and_cases(demo):
    report = annual_2016()
    part = next(part for part in report.parts if part.key == "kpi.strategy_status")
    assert part.title == "Status for Strategi 2020 og temaplaner"  # the demo's title, data on the report kind
    headers = [row.header for row in part.section.tables[0].rows]
    assert "Temaplan psykisk helse og rus 2015–2018 (Kommunestyret juni 2014, sak 77/14)" in headers
    assert "Fontenehus (sak 145/15)" in headers
    assert "Forvaltningsrevisjon av sosiale tjenester i NAV (kontrollutvalget juni 2016, sak 37/16)" in headers
    assert "Medborgerskap og samskaping, Forebygging og tidlig innsats" in part.section.paragraphs[0]
    text = pdf_text(report_pdf(report))
    assert "Status for Strategi 2020 og temaplaner" in text
    assert "Kommunens overordnede strategier" in text
