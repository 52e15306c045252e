"""The services' report sections: the neutral values the reports app renders."""

import datetime

import pytest

from horeport.periods import Kind, Period
from horeport.sections import SectionOptions, sections_autodiscover
from tests.volumes.helpers import make_figure, make_service
from volumes import report_sections
from volumes.models import ReportTable, ServiceName

pytestmark = pytest.mark.django_db
P = Period.parse


def texts(table, key):
    return [c.text_value for c in next(r for r in table.rows if r.key == key).cells]


def test_the_agreed_keys_are_registered_with_their_period_kinds():
    registry = sections_autodiscover()
    assert registry["volumes.mestringshuset_fat"].period_kinds == (Kind.YEAR, Kind.HALF)
    assert registry["volumes.omsorgslonn"].period_kinds == (Kind.YEAR, Kind.HALF)
    assert registry["volumes.bpa"].period_kinds == (Kind.YEAR, Kind.HALF)
    assert registry["volumes.monthly"].period_kinds == (Kind.MONTH,)


def test_mestringshuset_and_fat_for_a_year_has_the_source_s_three_tables(seed):
    section = report_sections.mestringshuset_fat(period=P("2016"), options=SectionOptions())
    assert section.title == "Tjenester pr. halvår"  # generic: a report kind gives its own title as data
    assert [t.title for t in section.tables] == ["Mestringshuset psykisk helse", "Mestringshuset rus", "FAT"]
    fat = section.tables[2]
    assert fat.row_header == "Gjennomsnitt pr. mnd."
    assert [c.label for c in fat.columns] == ["jan.–jun. 2016", "jul.–des. 2016", "Gj.snitt 2016"]
    assert texts(fat, "users") == ["51,0", "67,0", "59,0"]
    assert texts(fat, "hours") == ["291,0", "358,0", "324,5"]
    assert texts(fat, "per_user") == ["5,7", "5,3", "5,5"]
    assert [c.title for c in section.charts] == ["Antall brukere, gjennomsnitt pr. mnd.", "Timer snitt pr. bruker"]
    assert [s.name for s in section.charts[0].series] == ["Mestringshuset psykisk helse", "Mestringshuset rus", "FAT"]


def test_mestringshuset_and_fat_for_a_half_year_compares_with_the_same_half_year_last_year(seed):
    section = report_sections.mestringshuset_fat(period=P("2016-H2"), options=SectionOptions())
    table = section.tables[0]
    assert [c.label for c in table.columns] == ["jul.–des. 2015", "jul.–des. 2016"]
    assert texts(table, "users") == ["–", "263,0"]


def test_a_period_without_figures_gives_an_honest_empty_section(seed):
    section = report_sections.mestringshuset_fat(period=P("2014"), options=SectionOptions())
    assert section.is_empty and section.tables == [] and section.charts == []
    assert section.notes == ["Ingen tall for tjenestene i tabellen er registrert for 2014."]
    empty = report_sections.omsorgslonn(period=P("2011"), options=SectionOptions())
    assert empty.is_empty
    # The service's name, the years looked at: a statement that is true.
    assert empty.notes == ["Ingen tall er registrert for Omsorgslønn i 2009–2011."]


def test_a_half_year_of_a_service_entered_as_year_averages_says_why_it_has_no_table(seed):
    section = report_sections.bpa(period=P("2016-H1"), options=SectionOptions())
    assert section.is_empty
    assert section.notes == [
        "Brukerstyrt personlig assistanse (BPA) er registrert som gjennomsnitt for hele år (2013–2016), ikke pr. "
        "måned, så tallene for 1. halvår 2016 finnes ikke for seg. Årstallene står i årsrapporten."
    ]


def test_omsorgslonn_shows_the_years_newest_first_with_the_source_s_rows(seed):
    section = report_sections.omsorgslonn(period=P("2016"), options=SectionOptions(comparison_years=5))
    assert section.title == "Omsorgslønn – utvikling"
    [table] = section.tables
    assert table.title == "Omsorgslønn 2012–2016, gjennomsnitt pr. mnd."
    assert [c.label for c in table.columns] == ["2016", "2015", "2014", "2013", "2012"]
    assert [(r.header, r.level) for r in table.rows][:4] == [
        ("Antall brukere ≤ 18 år", 0), ("Antall brukere > 18 år", 0), ("herav antall brukere > 60 år", 1),
        ("Brukere totalt", 0),
    ]  # fmt: skip
    assert texts(table, "users_total") == ["129,0", "128,0", "133,1", "151,1", "162,7"]
    assert texts(table, "per_user") == ["50,0", "50,8", "50,6", "51,5", "49,8"]
    assert [c.title for c in section.charts] == ["Omsorgslønn: brukere, gjennomsnitt pr. mnd.",
                                                 "Omsorgslønn: timer snitt pr. bruker"]  # fmt: skip
    assert section.charts[0].categories == ["2012", "2013", "2014", "2015", "2016"]


def test_the_report_uses_the_number_of_years_its_kind_asks_for(seed):
    section = report_sections.omsorgslonn(period=P("2016"), options=SectionOptions(comparison_years=3))
    assert [c.label for c in section.tables[0].columns] == ["2016", "2015", "2014"]


def test_a_report_for_2020_calls_omsorgslonn_omsorgsstonad(seed):
    make_figure(seed["omsorgslonn"], "2020", users_under_18=60, users_over_18=58)
    section = report_sections.omsorgslonn(period=P("2020"), options=SectionOptions(comparison_years=5))
    assert section.title == "Omsorgsstønad – utvikling"
    assert section.tables[0].title == "Omsorgsstønad 2016–2020, gjennomsnitt pr. mnd."


def test_bpa_leaves_out_the_years_before_its_first_figure(seed):
    section = report_sections.bpa(period=P("2016"), options=SectionOptions(comparison_years=5))
    assert section.title == "Brukerstyrt personlig assistanse (BPA) – utvikling"
    [table] = section.tables
    assert [c.label for c in table.columns] == ["2016", "2015", "2014", "2013"]
    assert texts(table, "users_total") == ["51,0", "50,0", "47,0", "47,0"]
    assert texts(table, "per_user") == ["221,2", "192,0", "197,0", "198,6"]


def test_a_half_year_report_does_not_split_a_year_average(seed):
    section = report_sections.bpa(period=P("2016-H1"), options=SectionOptions())
    assert section.is_empty


def test_the_monthly_section_compares_every_service_with_the_same_month_last_year(bpa, fat):
    ServiceName.objects.create(service=bpa, valid_from=datetime.date(2017, 1, 1), name="BPA (nytt navn)")
    make_figure(bpa, "2016-03", users_under_18=6, users_over_18=44, hours_under_18=1200, hours_over_18=8000)
    make_figure(bpa, "2017-03", users_under_18=6, users_over_18=49, hours_under_18=1300, hours_over_18=9000)
    make_figure(fat, "2017-03", users=60, hours=330)
    section = report_sections.monthly(period=P("2017-03"), options=SectionOptions())
    [table] = section.tables
    assert [c.label for c in table.columns] == [
        "Brukere mar. 2016", "Brukere mar. 2017", "Endring", "Endring %",
        "Timer mar. 2016", "Timer mar. 2017", "Endring", "Endring %",
    ]  # fmt: skip
    assert [r.header for r in table.rows] == ["BPA (nytt navn)", "FAT"]
    assert texts(table, "bpa") == ["50", "55", "+5", "+10,0\xa0%", "9\xa0200", "10\xa0300", "+1\xa0100", "+12,0\xa0%"]
    assert texts(table, "fat") == ["–", "60", "–", "–", "–", "330", "–", "–"]


def test_the_monthly_section_is_honestly_empty_without_monthly_figures(seed):
    section = report_sections.monthly(period=P("2016-03"), options=SectionOptions())
    assert section.is_empty
    assert section.notes == ["Ingen tjenester har tall for mars 2016 eller mars 2015."]


def test_the_development_table_names_the_services_own_age_groups(db):
    service = make_service(
        "Avlastning", slug="avlastning", report_table=ReportTable.BPA, young_up_to=16, elderly_over=67
    )
    make_figure(service, "2016", users_under_18=4, users_over_18=9, users_over_60=2)
    section = report_sections.bpa(period=P("2016"), options=SectionOptions(comparison_years=1))
    labels = [row.header for row in section.tables[0].rows]
    assert "Antall brukere ≤ 16 år" in labels and "herav antall brukere > 67 år" in labels
