"""Figures entered per unit roll up to the department across a reorganisation: six home-services
units until 31.12.2016, four from 01.01.2017 (seed 003, horeport/demo_stavanger.py)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from horeport import bulk, demo_stavanger
from horeport.models import ServiceUnit
from horeport.periods import Period
from horeport.sections import SectionOptions, sections_autodiscover
from kpi import selectors
from kpi.models import KeyFigure, KeyFigureValue, Result
from tests.horeport.helpers import add_row, fill, planned, template, uploaded
from tests.kpi.helpers import indicator, result, row_html, text_of

pytestmark = pytest.mark.django_db

# Hverdagsmestring: 560 users in 2017, "stabilt sammenlignet med 2016" (seed 003); the split by
# unit is made up. Six old units in 2015 and 2016, four new ones in 2017 and 2018.
OLD_2015 = ["80", "85", "90", "75", "80", "90"]  # 500
OLD_2016 = ["90", "95", "100", "85", "90", "100"]  # 560
NEW_2017 = ["130", "150", "140", "140"]  # 560
NEW_2018 = ["150", "160", "150", "140"]  # 600


@pytest.fixture
def units():
    demo_stavanger.load()
    old = [ServiceUnit.objects.get(name=name) for name in demo_stavanger.OLD_UNITS]
    new = [ServiceUnit.objects.get(name=name) for name in demo_stavanger.NEW_UNITS]
    return old, new


@pytest.fixture
def mestring(units):
    """A count entered per unit, for the units in force each year."""
    old, new = units
    item = indicator("B-HO.9.1", name="Brukere med opplæring i hverdagsmestring", unit="count", decimals=0,
                     green=">= 500", red="< 400", perspective_code="B-HO.9", scorecard="unikt")  # fmt: skip
    for year, values, group in (("2015", OLD_2015, old), ("2016", OLD_2016, old), ("2017", NEW_2017, new),
                                ("2018", NEW_2018, new)):  # fmt: skip
        for unit, value in zip(group, values, strict=True):
            result(item, year, value, unit=unit)
    return item


def test_the_department_total_of_a_year_sums_the_units_in_force_that_year(mestring):
    totals = selectors.department_results([mestring], [Period.parse(y) for y in ("2015", "2016", "2017", "2018")])
    assert {period: (r.value, r.note) for (_, period), r in totals.items()} == {
        "2015": (Decimal(500), "sum av 6 virksomheter"),
        "2016": (Decimal(560), "sum av 6 virksomheter"),
        "2017": (Decimal(560), "sum av 4 virksomheter"),
        "2018": (Decimal(600), "sum av 4 virksomheter"),
    }


def test_the_malekart_trend_runs_on_across_the_reorganisation(mestring):
    malekart = selectors.malekart_build(period=Period.parse("2018"), history=4, trend=4)
    (line,) = malekart.lines
    assert [(str(p), v) for p, v in line.trend] == [
        ("2015", Decimal(500)), ("2016", Decimal(560)), ("2017", Decimal(560)), ("2018", Decimal(600)),
    ]  # fmt: skip
    assert line.assessment.status == "green"


def test_the_malekart_page_shows_the_department_total_and_says_it_is_a_sum(leder_client, mestring):
    html = leder_client.get(reverse("kpi:index"), {"periode": "2017"}).content.decode()
    row = text_of(row_html(html, "B-HO.9.1"))
    assert "500 sum av 6 virksomheter 560 sum av 6 virksomheter 560 sum av 4 virksomheter" in row


def test_the_report_cell_holds_the_department_total_with_its_note(mestring):
    section = sections_autodiscover()["kpi.malekart"].function(
        period=Period.parse("2017"), options=SectionOptions(comparison_years=2)
    )
    (table,) = section.tables
    row = next(r for r in table.rows if r.key == "B-HO.9.1")
    results = [c for c in row.cells if c.value is not None and not isinstance(c.value, str)]
    assert [(c.value, c.note) for c in results] == [
        (Decimal(560), "sum av 6 virksomheter"),
        (Decimal(560), "sum av 4 virksomheter"),
    ]


def test_a_result_entered_for_the_department_is_shown_instead_of_the_sum(mestring):
    result(mestring, "2017", "555")
    totals = selectors.department_results([mestring], [Period.parse("2017")])
    assert (totals[(mestring.pk, "2017")].value, totals[(mestring.pk, "2017")].note) == (Decimal(555), "")


def test_a_percentage_entered_per_unit_is_not_summed(units):
    old, _ = units
    share = indicator("S.3.1")  # percent
    result(share, "2016", "40", unit=old[0])
    result(share, "2016", "50", unit=old[1])
    assert selectors.department_results([share], [Period.parse("2016")]) == {}


# -- entering a figure for a unit that did not exist then ---------------------------------------


def test_the_entry_form_offers_only_the_units_in_force_in_the_period(registrator_client, mestring, units):
    old, new = units
    offered = registrator_client.get(reverse("kpi:result_entry"), {"periode": "2017"}).context["units"]
    assert set(offered) >= set(new) and not set(offered) & set(old)
    offered = registrator_client.get(reverse("kpi:result_entry"), {"periode": "2016"}).context["units"]
    assert set(offered) >= set(old) and not set(offered) & set(new)


def test_the_entry_form_refuses_a_unit_not_in_force_next_to_the_field(registrator_client, mestring, units):
    old, _ = units
    response = registrator_client.get(reverse("kpi:result_entry"), {"periode": "2017", "virksomhet": old[0].pk})
    assert response.status_code == 400
    html = response.content.decode()
    message = text_of(html.split('id="id_virksomhet_error"')[1].split("</div>")[0])
    assert message.endswith(
        "Hjemmebaserte tjenester, tidligere område 1 gjelder til og med 31.12.2016 og finnes ikke i 2017. "
        "Registrer tallet på virksomhetene som fantes da."
    )
    assert 'data-indicator="B-HO.9.1"' not in html  # no form to fill in


def test_a_post_for_a_unit_not_in_force_saves_nothing(registrator_client, mestring, units):
    _, new = units
    before = Result.objects.count()
    response = registrator_client.post(
        reverse("kpi:result_entry"),
        {"periode": "2016", "virksomhet": new[1].pk, f"r{mestring.pk}-value": "99", f"r{mestring.pk}-comment": "",
         f"r{mestring.pk}-version": ""},
    )  # fmt: skip
    assert response.status_code == 400
    assert "Hillevåg og Hinna hjemmebaserte tjenester gjelder fra 01.01.2017 og finnes ikke i 2016." in (
        response.content.decode()
    )
    assert Result.objects.count() == before


def test_the_model_refuses_a_result_for_a_unit_not_in_force():
    demo_stavanger.load()
    item = indicator("B-HO.9.1", unit="count", green=">= 500", red="< 400")
    unit = ServiceUnit.objects.get(name="Madla hjemmebaserte tjenester")
    entry = Result(indicator=item, period=Period.parse("2016"), unit=unit, value=Decimal(5))
    with pytest.raises(Exception) as refused:
        entry.full_clean()
    assert refused.value.message_dict["unit"] == [
        "Madla hjemmebaserte tjenester gjelder fra 01.01.2017 og finnes ikke i 2016. "
        "Registrer tallet på virksomhetene som fantes da."
    ]


def test_the_template_has_rows_for_the_units_in_force_and_refuses_an_old_unit(registrator, mestring, units):
    old, new = units
    workbook = template("resultater", "2017")
    rows = {(row[0].value, row[1].value) for row in workbook[bulk.DATA_SHEET].iter_rows(min_row=bulk.FIRST_DATA_ROW)}
    assert {("B-HO.9.1", unit.name) for unit in new} <= rows
    assert not {("B-HO.9.1", unit.name) for unit in old} & rows
    row = add_row(workbook, ["B-HO.9.1", old[0].name, "B-HO.9.1", 12])
    upload = uploaded(workbook, registrator)
    found = planned(bulk.plan_build(upload), f"A{row}")
    assert found.status == bulk.REFUSED
    assert "gjelder til og med 31.12.2016 og finnes ikke i 2017" in found.reason
    with pytest.raises(bulk.UploadRefused):
        bulk.upload_save(upload=upload, user=registrator)


# -- key figures per unit -----------------------------------------------------------------------


@pytest.fixture
def short_stays(units):
    """A key figure that is the sum of its units (made-up values), and one entered for the department."""
    old, new = units
    stays = KeyFigure.objects.create(name="Korttidsopphold", unit="opphold", sum_of_units=True)
    for unit, value in zip(old, ["10", "20", "30", "40", "50", "60"], strict=True):
        KeyFigureValue.objects.create(key_figure=stays, period=Period.parse("2016"), unit=unit, value=Decimal(value))
    for unit, value in zip(new, ["70", "80", "40", "41"], strict=True):
        KeyFigureValue.objects.create(key_figure=stays, period=Period.parse("2017"), unit=unit, value=Decimal(value))
    return stays


def test_a_key_figures_department_value_is_the_sum_over_the_units_in_force(leder_client, short_stays):
    html = text_of(leder_client.get(reverse("kpi:key_figures"), {"til": "2017"}).content.decode())
    assert "Korttidsopphold (opphold) – – – 210 sum av 6 virksomheter 231 sum av 4 virksomheter +21 +10,0 %" in html


def test_a_stored_department_value_wins_over_the_sum(leder_client, short_stays):
    KeyFigureValue.objects.create(key_figure=short_stays, period=Period.parse("2017"), value=Decimal(230))
    html = text_of(leder_client.get(reverse("kpi:key_figure", args=[short_stays.pk])).content.decode())
    assert "2016 210 opphold sum av 6 virksomheter" in html
    assert "2017 230 opphold +20 +9,5 %" in html


def test_the_key_figures_report_section_shows_the_sum_as_such(short_stays):
    section = sections_autodiscover()["kpi.key_figures"].function(period=Period.parse("2017"), options=SectionOptions())
    row = section.tables[0].rows[0]
    assert (row.cells[1].value, row.cells[1].note) == (Decimal(231), "sum av 4 virksomheter")
    assert (row.cells[2].value, row.cells[2].note) == (Decimal(210), "sum av 6 virksomheter")


def test_one_key_figure_value_per_period_and_unit(short_stays, units):
    _, new = units
    duplicate = KeyFigureValue(key_figure=short_stays, period=Period.parse("2017"), unit=new[0], value=Decimal(1))
    with pytest.raises(Exception) as refused:
        duplicate.full_clean()
    assert "Nøkkeltallet har allerede en verdi for denne perioden og virksomheten." in str(refused.value)


def test_a_key_figure_for_a_unit_is_entered_on_the_unit_form(registrator_client, short_stays, units):
    _, new = units
    response = registrator_client.post(
        reverse("kpi:key_figure_entry"),
        {"periode": "2018", "virksomhet": new[3].pk, f"k{short_stays.pk}-value": "45",
         f"k{short_stays.pk}-comment": "", f"k{short_stays.pk}-version": ""},
        follow=True,
    )  # fmt: skip
    assert "Nøkkeltallene for 2018 for Madla hjemmebaserte tjenester er lagret (1 nye)." in response.content.decode()
    assert KeyFigureValue.objects.get(period=Period.parse("2018")).unit == new[3]


def test_a_key_figure_in_percent_cannot_be_the_sum_of_its_units():
    figure = KeyFigure(name="Andel som venter hjemme", unit="%", sum_of_units=True)
    with pytest.raises(Exception) as refused:
        figure.full_clean()
    assert refused.value.message_dict["sum_of_units"] == [
        "En prosent kan ikke summeres over virksomhetene: registrer tjenesteområdets verdi."
    ]


def test_the_key_figure_template_refuses_an_old_unit(registrator, short_stays, units):
    old, new = units
    workbook = template("nokkeltall", "2017")
    fill(workbook, "Korttidsopphold", "Verdi", 75, unit=new[0].name)
    row = add_row(workbook, ["Korttidsopphold", old[2].name, "opphold", 5])
    found = planned(bulk.plan_build(uploaded(workbook, registrator)), f"A{row}")
    assert found.status == bulk.REFUSED
    assert "gjelder til og med 31.12.2016 og finnes ikke i 2017" in found.reason


def test_the_indicator_page_lists_each_units_results(leder_client, mestring):
    response = leder_client.get(reverse("kpi:indicator", args=[mestring.pk]))
    assert response.status_code == 200
    html = text_of(response.content.decode())
    assert "Hillevåg og Hinna hjemmebaserte tjenester" in html and "tidligere område 6" in html


def test_the_department_form_shows_what_the_units_sum_to(registrator_client, short_stays):
    html = text_of(registrator_client.get(reverse("kpi:key_figure_entry"), {"periode": "2017"}).content.decode())
    assert "Virksomhetene: 231 opphold, sum av 4 virksomheter. Tomt felt: summen brukes." in html


def test_a_unit_chosen_where_no_key_figure_is_summed_says_why_the_form_is_empty(registrator_client, units):
    _, new = units
    KeyFigure.objects.create(name="Andel uten hjemmesykepleie", unit="%", frequency="year")
    response = registrator_client.get(reverse("kpi:key_figure_entry"), {"periode": "2017", "virksomhet": new[0].pk})
    assert "Ingen nøkkeltall for 2017 registreres per virksomhet" in text_of(response.content.decode())
