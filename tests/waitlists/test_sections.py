"""The report sections: waitlists.housing, waitlists.current and waitlists.private_housing."""

import pytest
from django.urls import reverse

from horeport.periods import Kind, Period
from horeport.sections import SectionOptions, sections_autodiscover
from tests.waitlists.helpers import case, figure, housing_type
from waitlists import demo
from waitlists.models import HousingType, PrivateHousingFigure, PrivateHousingKeyFigure
from waitlists.report_sections import current, housing, private_housing

pytestmark = pytest.mark.django_db


def test_the_three_sections_are_registered_with_their_period_kinds():
    registry = sections_autodiscover()
    assert registry["waitlists.housing"].period_kinds == (Kind.YEAR, Kind.HALF)
    assert set(registry["waitlists.current"].period_kinds) == set(Kind)
    assert set(registry["waitlists.private_housing"].period_kinds) == set(Kind)


def test_a_half_year_compares_the_same_half_of_earlier_years_at_its_end():
    kind = housing_type()
    for year, waitlist in ((2014, 4), (2015, 6), (2016, 5)):
        figure(kind, f"{year}-06", waitlist=waitlist)
    figure(kind, "2016-03", effectuation_days=90, dwellings_allocated=1)
    figure(kind, "2016-05", effectuation_days=30, dwellings_allocated=2)
    section = housing(period=Period.parse("2016-H1"), options=SectionOptions())
    (table,) = section.tables
    assert [c.label for c in table.columns] == ["1. halvår 2014", "1. halvår 2015", "1. halvår 2016"]
    waitlist, days = table.rows[:2]
    assert waitlist.header == "Venteliste pr. 30.06."
    assert [c.value for c in waitlist.cells] == [4, 6, 5]
    assert days.cells[-1].text_value == "50"  # (90 + 2·30) / 3 allocations
    assert days.cells[-1].note == "2 av 6 mnd."


def test_five_comparison_years_when_the_report_asks_for_them():
    demo.load()
    figure(HousingType.objects.get(name="Bolig med service"), "2012", waitlist=9)
    section = housing(period=Period.parse("2016"), options=SectionOptions(comparison_years=5))
    assert [c.label for c in section.tables[0].columns] == ["2012", "2013", "2014", "2015", "2016"]
    assert [c.text_value for c in section.tables[0].rows[0].cells] == ["–", "–", "23", "12", "13"]


def test_a_period_without_figures_gives_an_honest_empty_section():
    housing_type()
    section = housing(period=Period.parse("2020"), options=SectionOptions())
    assert section.is_empty and not section.tables and not section.charts
    assert section.notes == ["Ingen ventelistetall er registrert for 2018–2020."]
    assert current(period=Period.parse("2020-03"), options=SectionOptions()).is_empty
    assert private_housing(period=Period.parse("2020"), options=SectionOptions()).is_empty


def test_computed_figures_carry_a_note_in_the_section():
    kind = housing_type()
    case(kind, "A", "2016-02-01", "2016-04-01")
    section = housing(period=Period.parse("2016"), options=SectionOptions())
    (table,) = section.tables
    assert table.rows[1].cells[-1].note == "beregnet av 1 sak"
    assert any("regnet ut av sakslisten" in note for note in table.notes)


def test_waitlists_now_against_the_same_time_last_year():
    demo.load()
    section = current(period=Period.parse("2016"), options=SectionOptions())
    (table,) = section.tables
    assert [c.label for c in table.columns] == ["31.12.2015", "31.12.2016", "Endring", "Endring i %"]
    rows = {row.header: [c.text_value for c in row.cells] for row in table.rows}
    assert rows["Bolig med bemanning, eldre"] == ["12", "13", "+1", "+8,3\u00a0%"]
    assert rows["Bolig med service"] == ["0", "14", "+14", "–"]  # no percentage from 0
    assert rows["Bolig uten bemanning"] == ["59", "32", "-27", "-45,8\u00a0%"]


def test_a_month_of_the_director_report_reads_month_end_figures():
    kind = housing_type()
    figure(kind, "2016-03", waitlist=9)
    figure(kind, "2017-03", waitlist=7)
    (table,) = current(period=Period.parse("2017-03"), options=SectionOptions()).tables
    assert [c.text_value for c in table.rows[0].cells] == ["9", "7", "-2", "-22,2\u00a0%"]


def test_small_numbers_are_hidden_with_the_change_that_would_reveal_them():
    demo.load()
    (table,) = current(period=Period.parse("2016"), options=SectionOptions(small_numbers=3)).tables
    rop = next(row for row in table.rows if row.header == "Bolig med bemanning, ROP")
    assert [c.text_value for c in rop.cells] == ["4", ":", ":", ":"]
    housing_section = housing(period=Period.parse("2016"), options=SectionOptions(small_numbers=3))
    rop_table = next(t for t in housing_section.tables if t.title == "Bolig med bemanning, ROP")
    assert [c.text_value for c in rop_table.rows[0].cells] == ["10", "4", ":"]
    assert [c.text_value for c in rop_table.rows[1].cells] == ["362", "337", "362"]  # days are not counts


def test_private_housing_of_a_half_year_sums_its_months():
    key_figure = PrivateHousingKeyFigure.objects.create(name="Antall boliger utleid")
    for month, value in ((1, 4), (2, 6)):
        PrivateHousingFigure.objects.create(key_figure=key_figure, period=Period.month(2017, month), value=value)
    (table,) = private_housing(period=Period.parse("2017-H1"), options=SectionOptions()).tables
    assert [c.label for c in table.columns] == ["Antall 1. halvår 2017"]
    assert (table.rows[0].cells[0].value, table.rows[0].cells[0].note) == (10, "2 av 6 mnd.")


def test_another_municipality_adds_its_own_housing_type_and_it_reaches_pages_and_sections(
    administrator_client, registrator_client
):
    # Stavanger (seed 003) allocates places in "bofellesskap" centrally, also for children and youth.
    response = administrator_client.post(
        reverse("waitlists:type_create"),
        {"name": "Bofellesskap, barne- og ungdomsbolig", "description": "Sentral tildeling", "order": "5",
         "active": "on"},
        follow=True,
    )  # fmt: skip
    assert "Boligtypen «Bofellesskap, barne- og ungdomsbolig» er lagret." in response.content.decode()
    from waitlists.models import HousingType

    kind = HousingType.objects.get()
    registrator_client.post(
        reverse("waitlists:figure_create"), {"housing_type": kind.pk, "year": "2017", "month": "", "waitlist": "6"}
    )
    section = housing(period=Period.parse("2017"), options=SectionOptions())
    assert [t.title for t in section.tables] == ["Bofellesskap, barne- og ungdomsbolig"]
    overview = registrator_client.get(reverse("waitlists:index") + "?aar=2017").content.decode()
    assert "Bofellesskap, barne- og ungdomsbolig" in overview


def test_only_an_administrator_manages_housing_types_and_measures(registrator_client, administrator_client):
    data = {"name": "Bolig med service", "order": "1", "active": "on"}
    assert registrator_client.post(reverse("waitlists:type_create"), data).status_code == 403
    assert registrator_client.post(reverse("waitlists:key_figure_create"), data).status_code == 403
    assert administrator_client.post(reverse("waitlists:key_figure_create"), data).status_code == 302
    assert PrivateHousingKeyFigure.objects.get().name == "Bolig med service"


def test_years_before_the_first_figure_are_left_out_of_the_housing_tables():

    demo.load()
    section = housing(period=Period.parse("2016"), options=SectionOptions(comparison_years=5))
    assert [c.label for c in section.tables[0].columns] == ["2014", "2015", "2016"]
    assert section.charts[0].categories == ["2014", "2015", "2016"]
