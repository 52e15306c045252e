"""Assembling a report from the registered sections."""

import pytest

from horeport.periods import Period
from reports.models import ReportKind
from reports.services import report_build
from tests.reports.helpers import YEAR, use_sections

pytestmark = pytest.mark.django_db


def texts(table):
    return {row.header: [cell.text_value for cell in row.cells] for row in table.rows}


def test_the_sections_come_in_the_kinds_order_and_a_section_taken_out_is_left_out(annual):
    report = report_build(kind=annual, period=YEAR)
    assert [part.key for part in report.section_parts] == ["test.counts", "test.percentages", "test.long_table"]
    annual.sections.filter(key="test.percentages").update(enabled=False)
    annual.sections.filter(key="test.counts").update(order=100)
    parts = report_build(kind=annual, period=YEAR).section_parts
    assert [part.key for part in parts] == ["test.long_table", "test.counts"]


def test_an_unregistered_key_gives_a_notice_instead_of_an_error():
    annual = use_sections(ReportKind.objects.get(slug="annual"), ["waitlists.nowhere", "test.counts"])
    report = report_build(kind=annual, period=YEAR)
    missing, counts = report.section_parts
    assert missing.section is None and "«waitlists.nowhere» er ikke tilgjengelig" in missing.problem
    assert counts.section is not None and not counts.problem
    assert report.problems == [missing]


def test_a_section_made_for_other_periods_and_a_failing_section_give_notices():
    director = use_sections(ReportKind.objects.get(slug="director"), ["test.yearly", "test.broken"])
    yearly, broken = report_build(kind=director, period=Period.parse("2016-03")).section_parts
    assert yearly.problem == "Seksjonen «Bare for år» kan ikke lages for måned, bare for: år."
    assert broken.problem == "Seksjonen «Seksjon med feil» kunne ikke lages på grunn av en feil. Feilen er logget."


def test_small_numbers_are_hidden_when_the_kind_asks_for_it_and_the_report_says_so(annual):
    report = report_build(kind=annual, period=YEAR)
    assert texts(report.section_parts[0].section.tables[0])["Omsorgslønn"] == ["0", "1", "1", "2"]
    assert report.small_numbers_notice == ""
    annual.small_numbers_on = True
    annual.save()
    report = report_build(kind=annual, period=YEAR)
    table = report.section_parts[0].section.tables[0]
    assert texts(table)["Omsorgslønn"] == ["0", ":", ":", ":"]  # 1, 1 and their total 2 are all below 3
    assert texts(table)["Vederlag"] == ["5", "0", "0", "5"]
    assert table.notes == ["Tall under 3 er skjult («:») av personvernhensyn."]  # once, though applied twice
    assert "Små tall er skjult" in report.small_numbers_notice


def test_the_short_form_leaves_out_the_sections_not_in_it():
    committee = use_sections(ReportKind.objects.get(slug="committee"), ["test.counts", "test.percentages"])
    committee.sections.filter(key="test.percentages").update(in_short_form=False)
    short = report_build(kind=committee, period=Period.parse("2016-Q3"))
    full = report_build(kind=committee, period=Period.parse("2016-Q4"))
    assert short.short and [p.key for p in short.section_parts] == ["test.counts"]
    assert not full.short and [p.key for p in full.section_parts] == ["test.counts", "test.percentages"]


def test_the_kinds_comparison_years_reach_the_sections(annual):
    chart = report_build(kind=annual, period=YEAR).section_parts[2].section.charts[0]
    assert chart.categories == ["2012", "2013", "2014", "2015", "2016"]
    annual.comparison_years = 3
    annual.save()
    chart = report_build(kind=annual, period=YEAR).section_parts[2].section.charts[0]
    assert chart.categories == ["2014", "2015", "2016"]
