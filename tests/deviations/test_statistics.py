"""Statistics and report sections: registered, processed, hospital, new and open deviations."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from deviations import report_sections
from horeport.periods import Kind, Period
from horeport.sections import SECTION_REGISTRY, SectionOptions, sections_autodiscover
from tests.deviations.helpers import make_deviation, table_of, values_of

pytestmark = pytest.mark.django_db
OFF = SectionOptions()


@pytest.fixture
def two_years(categories, unit):
    """Fall: 4 registered in 2015 (3 closed in 2015, 1 in 2016); 5 in 2016 (2 closed by the end of
    2016, 1 in January 2017). Legemiddelavvik: 2 in 2016. One hospital deviation in each year."""
    fall, medication = categories["Fall"], categories["Legemiddelavvik"]
    for day, closed in [("2015-02-01", "2015-02-10"), ("2015-06-01", "2015-06-03"), ("2015-09-09", "2015-10-01"),
                        ("2015-12-20", "2016-01-05")]:  # fmt: skip
        make_deviation(fall, unit, day, closed_on=closed)
    for day, closed in [("2016-01-05", "2016-01-06"), ("2016-05-05", "2016-12-31"), ("2016-12-20", "2017-01-03"),
                        ("2016-07-01", None), ("2016-11-11", None)]:  # fmt: skip
        make_deviation(fall, unit, day, closed_on=closed)
    make_deviation(medication, unit, "2016-03-03")
    make_deviation(medication, unit, "2016-03-04", closed_on="2016-03-05")
    make_deviation(medication, unit, "2015-04-04", to_hospital=True)
    make_deviation(categories["Vold og trusler"], unit, "2016-04-04", to_hospital=True, closed_on="2016-05-01")
    return categories


def test_the_sections_are_registered_under_the_agreed_keys():
    registry = sections_autodiscover()
    for key in ("deviations.by_category", "deviations.hospital", "deviations.new_by_category", "deviations.open"):
        assert key in registry and registry[key].period_kinds == tuple(Kind)
    assert SECTION_REGISTRY["deviations.open"].function is report_sections.open_deviations


def test_registered_and_processed_per_category_against_last_year(two_years):
    section = report_sections.by_category(period=Period.parse("2016"), options=OFF)
    table = section.tables[0]
    assert [c.label for c in table.columns] == ["2015", "2016", "Endring i antall", "Endring i prosent"]
    assert table.register_counts
    rows = table_of(section)
    # Fall 2015: 4 registered; processed by the cut-off 31.12.2016: all 4.
    assert rows["Fall / Antall registrerte avvik"] == ["4", "5", "+1", "+25,0\u00a0%"]
    # Fall 2016: 5 registered, closed by 31.12.2016: 2 (the one closed 03.01.2017 does not count).
    assert rows["Fall / Antall behandlede avvik"] == ["4", "2", "-2", "-50,0\u00a0%"]
    # Legemiddelavvik had none in 2015 (the hospital one is not internal): no percentage.
    assert rows["Legemiddelavvik / Antall registrerte avvik"] == ["0", "2", "+2", "–"]
    assert "Vold og trusler / Antall registrerte avvik" not in rows  # only a hospital deviation
    assert [r.header for r in table.rows if r.kind == "group"] == ["Legemiddelavvik", "Fall"]


def test_the_cut_off_decides_what_counts_as_processed(two_years):
    at_year_end = report_sections.by_category(period=Period.parse("2015"), options=OFF)
    assert table_of(at_year_end)["Fall / Antall behandlede avvik"][1] == "3"  # the 4th closed in 2016
    later = report_sections.by_category(
        period=Period.parse("2015"), options=SectionOptions(cutoff=datetime.date(2016, 1, 5))
    )
    assert table_of(later)["Fall / Antall behandlede avvik"][1] == "4"
    assert "lukket innen 05.01.2016" in " ".join(later.tables[0].notes)


def test_the_change_is_computed_by_the_rule_relative_to_the_earlier_value(two_years):
    values = values_of(report_sections.by_category(period=Period.parse("2016"), options=OFF))
    registered = values[f"category-{two_years['Fall'].pk}-registered"]
    assert registered[:3] == [4, 5, Decimal(1)]
    assert registered[3] == Decimal(1) / Decimal(4) * 100


@pytest.mark.parametrize(
    ("period", "earlier", "fall"),
    [("2016-H1", "1. halvår 2015", ["2", "2"]), ("2016-Q2", "2. kvartal 2015", ["1", "1"]),
     ("2016-05", "mai 2015", ["0", "1"]), ("2016-T3", "3. tertial 2015", ["2", "2"])],
)  # fmt: skip
def test_any_period_is_compared_with_the_same_period_last_year(two_years, period, earlier, fall):
    section = report_sections.by_category(period=Period.parse(period), options=OFF)
    assert section.tables[0].columns[0].label == earlier
    assert table_of(section)["Fall / Antall registrerte avvik"][:2] == fall


def test_a_chart_shows_registered_per_category_for_both_periods(two_years):
    chart = report_sections.by_category(period=Period.parse("2016"), options=OFF).charts[0]
    assert chart.categories == ["Legemiddelavvik", "Fall"]
    assert [(s.name, s.values) for s in chart.series] == [("2015", [0, 4]), ("2016", [2, 5])]


def test_deviations_to_the_hospital_per_year_with_the_change(two_years, categories, unit):
    for day in ("2016-08-01", "2016-09-01"):
        make_deviation(categories["Fall"], unit, day, to_hospital=True)
    section = report_sections.hospital(period=Period.parse("2016"), options=OFF)
    assert table_of(section) == {"2015": ["1", "–", "–"], "2016": ["3", "+2", "+200,0\u00a0%"]}
    assert section.paragraphs == [
        "I 2016 sendte kommunen 3 avvik til Bærum sykehus. I 2015 ble det sendt 1; det er en økning på 200,0\u00a0%."
    ]
    assert section.charts[0].series[0].values == [1, 3]


def test_the_hospital_table_starts_at_the_first_year_with_data(two_years):
    section = report_sections.hospital(period=Period.parse("2016"), options=SectionOptions(comparison_years=5))
    assert list(table_of(section)) == ["2015", "2016"]


def test_several_hospitals_get_a_column_each_and_a_total(categories, unit):
    make_deviation(categories["Fall"], unit, "2016-02-01", to_hospital=True)
    make_deviation(categories["Fall"], unit, "2016-02-02", to_hospital=True, counterpart="bærum  Sykehus ")
    make_deviation(categories["Fall"], unit, "2016-02-03", to_hospital=True, counterpart="Drammen sykehus")
    section = report_sections.hospital(period=Period.parse("2016"), options=OFF)
    assert [c.label for c in section.tables[0].columns][:3] == ["Bærum sykehus", "Drammen sykehus", "Totalt"]
    assert table_of(section)["2016"][:3] == ["2", "1", "3"]


def test_new_deviations_by_category_with_a_total(two_years):
    section = report_sections.new_by_category(period=Period.parse("2016"), options=OFF)
    assert table_of(section) == {
        "Legemiddelavvik": ["0", "2", "+2", "–"],
        "Fall": ["4", "5", "+1", "+25,0 %"],
        "Totalt": ["4", "7", "+3", "+75,0 %"],
    }


def test_a_single_category_gets_no_total_row(two_years):
    section = report_sections.new_by_category(period=Period.parse("2016-03"), options=OFF)
    assert table_of(section) == {"Legemiddelavvik": ["0", "2", "+2", "–"]}


def test_open_deviations_by_age_count_the_band_edges_right(categories, unit):
    day = datetime.date(2016, 12, 31)
    for age in (0, 30, 31, 90, 91, 180, 181, 400):
        make_deviation(categories["Fall"], unit, day - datetime.timedelta(days=age))
    make_deviation(categories["Fall"], unit, "2016-12-01", closed_on="2016-12-31")  # closed that day: not open
    make_deviation(categories["Fall"], unit, "2016-12-01", closed_on="2017-01-02")  # closed after: open (30 days)
    make_deviation(categories["Legemiddelavvik"], unit, "2016-10-01", to_hospital=True)  # 91 days
    make_deviation(categories["Fall"], unit, "2017-01-01")  # registered after the day
    section = report_sections.open_deviations(period=Period.parse("2016"), options=OFF)
    assert [c.label for c in section.tables[0].columns] == ["0–30 dager", "31–90 dager", "91–180 dager",
                                                            "Over 180 dager", "Totalt"]  # fmt: skip
    assert table_of(section) == {
        "Legemiddelavvik": ["0", "0", "1", "0", "1"],
        "Fall": ["3", "2", "2", "2", "9"],
        "Totalt": ["3", "2", "3", "2", "10"],
    }


def test_open_deviations_are_counted_at_the_cut_off(categories, unit):
    make_deviation(categories["Fall"], unit, "2016-03-01", closed_on="2016-03-20")
    march_10 = SectionOptions(cutoff=datetime.date(2016, 3, 10))
    assert (
        table_of(report_sections.open_deviations(period=Period.parse("2016-03"), options=march_10))["Fall"][-1] == "1"
    )
    assert report_sections.open_deviations(period=Period.parse("2016-03"), options=OFF).is_empty


def test_small_numbers_are_hidden_with_the_changes_that_would_reveal_them(two_years):
    section = report_sections.by_category(period=Period.parse("2016"), options=SectionOptions(small_numbers=3))
    rows = table_of(section)
    assert rows["Legemiddelavvik / Antall registrerte avvik"] == ["0", ":", ":", ":"]
    assert rows["Fall / Antall registrerte avvik"] == ["4", "5", "+1", "+25,0\u00a0%"]
    assert section.small_numbers == 3
    assert not section.charts and "Diagrammet er utelatt" in " ".join(section.notes)
    assert "Tall under 3 er skjult" in " ".join(section.tables[0].notes)


def test_small_numbers_hide_the_hospital_sentence_too(two_years):
    section = report_sections.hospital(period=Period.parse("2016"), options=SectionOptions(small_numbers=3))
    assert table_of(section)["2016"] == [":", ":", ":"]
    assert section.paragraphs == [] and section.charts == []


def test_the_open_table_leaves_no_hidden_count_to_be_worked_out_from_a_total(categories, unit):
    day = datetime.date(2016, 12, 31)
    for age in (1, 2, 3, 4, 40):
        make_deviation(categories["Fall"], unit, day - datetime.timedelta(days=age))
    make_deviation(categories["Legemiddelavvik"], unit, day - datetime.timedelta(days=5))
    make_deviation(categories["Legemiddelavvik"], unit, day - datetime.timedelta(days=200))
    section = report_sections.open_deviations(period=Period.parse("2016"), options=SectionOptions(small_numbers=3))
    rows = table_of(section)
    assert rows["Fall"][1] == ":"  # the single deviation aged 31–90 days
    # Legemiddelavvik's total (2) is hidden, so Fall's 5 is hidden too: 7 − 5 would tell it.
    assert rows["Fall"][-1] == ":" and rows["Totalt"][-1] == "7"
    table = section.tables[0]
    cells = [row.cells for row in table.rows]
    for line in [*cells, *zip(*cells, strict=True)]:  # every row and column, totals included
        assert sum(cell.suppressed for cell in line) != 1


@pytest.mark.parametrize("key", ["by_category", "hospital", "new_by_category", "open_deviations"])
@pytest.mark.parametrize("period", ["2016", "2016-H2", "2016-T1", "2016-Q4", "2016-02"])
def test_every_section_is_honestly_empty_without_data(db, key, period):
    section = getattr(report_sections, key)(period=Period.parse(period), options=OFF)
    assert section.is_empty
    assert section.notes and section.notes[0].startswith("Ingen avvik")


@pytest.mark.parametrize("key", ["by_category", "hospital", "new_by_category", "open_deviations"])
@pytest.mark.parametrize("period", ["2016", "2016-H2", "2016-T1", "2016-Q4", "2016-02"])
def test_every_section_works_for_every_period_kind(two_years, key, period):
    section = getattr(report_sections, key)(period=Period.parse(period), options=SectionOptions(small_numbers=3))
    assert section.period == Period.parse(period)
    for table in section.tables:
        assert all(len(row.cells) == len(table.columns) for row in table.rows)


def test_the_statistics_page_shows_the_tables_and_charts(leder_client, two_years):
    html = leder_client.get(reverse("deviations:statistics")).content.decode()
    assert "Avviksstatistikk 2016" in html
    assert 'data-section="deviations.by_category"' in html and 'data-section="deviations.open"' in html
    assert "+25,0\u00a0%" in html
    assert "I 2016 sendte kommunen 1 avvik til Bærum sykehus." in html
    assert html.count('src="data:image/svg+xml;base64,') >= 4  # the category chart, hospital, one per category


def test_the_statistics_page_takes_any_period_and_cut_off(leder_client, two_years):
    html = leder_client.get(reverse("deviations:statistics") + "?periode=2015&per=2016-01-05").content.decode()
    assert "Avviksstatistikk 2015" in html and "lukket innen 05.01.2016" in html


def test_a_period_that_is_not_a_period_gets_a_message(leder_client, two_years):
    response = leder_client.get(reverse("deviations:statistics") + "?periode=2016-Q7")
    assert response.status_code == 200
    assert 'id="id_periode_error"' in response.content.decode()


def test_the_statistics_page_does_not_query_per_deviation(leder_client, two_years, categories, unit):
    url = reverse("deviations:statistics")
    leder_client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert leder_client.get(url).status_code == 200
    for day in range(40):
        make_deviation(categories["Vold og trusler"], unit, datetime.date(2016, 2, 1) + datetime.timedelta(days=day))
    with CaptureQueriesContext(connection) as many:
        response = leder_client.get(url)
    assert response.status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_period_is_chosen_from_a_list_of_years_half_years_quarters_and_months(leder_client, two_years):
    html = leder_client.get(reverse("deviations:statistics"), {"periode": "2016-Q3"}).content.decode()
    select = html.split('<select name="periode"', 1)[1].split("</select>", 1)[0]
    assert '<option value="2016-Q3" selected>3. kvartal 2016</option>' in select
    assert '<option value="2015-03">mars 2015</option>' in select and ">1. halvår 2016<" in select
    assert "Avviksstatistikk 3. kvartal 2016" in html
