"""Service volumes entered per unit roll up to the department across a reorganisation: six
home-services units until 31.12.2016, four from 01.01.2017 (seed 003, horeport/demo_stavanger.py).
The figures per unit are made up."""

import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from horeport import bulk, demo_stavanger
from horeport.models import ServiceUnit
from horeport.periods import Period
from horeport.sections import SectionOptions, sections_autodiscover
from tests.horeport.helpers import add_row, cell_of, fill, planned, template, uploaded
from tests.kpi.helpers import text_of
from tests.volumes.helpers import make_service
from tests.volumes.test_grid import grid_data, grid_url
from tests.volumes.test_pages import cell_texts
from volumes.aggregates import USERS_TOTAL, summarize
from volumes.models import AgeGroups, VolumeFigure

pytestmark = pytest.mark.django_db

# Users per month: 75 in 2016 over the six old units, 80 in 2017 over the four new ones.
OLD_USERS = [10, 11, 12, 13, 14, 15]  # 75
NEW_USERS = [20, 20, 20, 20]  # 80
HOURS = 100  # per unit and month: 600 in 2016, 400 in 2017


@pytest.fixture
def units():
    demo_stavanger.load()
    old = [ServiceUnit.objects.get(name=name) for name in demo_stavanger.OLD_UNITS]
    new = [ServiceUnit.objects.get(name=name) for name in demo_stavanger.NEW_UNITS]
    return old, new


def unit_figure(service, period: str, unit, users=None, hours=None) -> VolumeFigure:
    return VolumeFigure.objects.create(
        service=service, period=Period.parse(period), unit=unit,
        users=None if users is None else Decimal(users), hours=None if hours is None else Decimal(hours),
    )  # fmt: skip


@pytest.fixture
def rehab(units):
    """A service counted per unit: every month of 2016 by the old units, of 2017 by the new ones."""
    old, new = units
    service = make_service("Hverdagsrehabilitering", slug="rehab", age_groups=AgeGroups.NONE, report_table="bpa")
    for year, group, users in ((2016, old, OLD_USERS), (2017, new, NEW_USERS)):
        for month in range(1, 13):
            for unit, count in zip(group, users, strict=True):
                unit_figure(service, f"{year}-{month:02d}", unit, count, HOURS)
    return service


def figures(service):
    return list(VolumeFigure.objects.filter(service=service).select_related("unit"))


# -- the department's figure --------------------------------------------------------------------


def test_the_department_year_sums_the_units_in_force_each_month(rehab):
    for year, users, count in ((2016, 75, 6), (2017, 80, 4)):
        summary = summarize(rehab, figures(rehab), Period.of_year(year))
        assert (summary.value(USERS_TOTAL), summary.value("hours"), summary.units_note) == (
            Decimal(users),
            Decimal(HOURS * count),
            f"sum av {count} virksomheter",
        )


def test_a_year_sums_per_month_first_then_averages(units):
    """One unit all year (20 users), another only January–June (10): 30 a month, then 20: 25."""
    _, new = units
    service = make_service("Dagsenter", slug="dagsenter", age_groups=AgeGroups.NONE)
    for month in range(1, 13):
        unit_figure(service, f"2017-{month:02d}", new[0], 20)
        if month <= 6:
            unit_figure(service, f"2017-{month:02d}", new[1], 10)
    summary = summarize(service, figures(service), Period.of_year(2017))
    assert summary.value(USERS_TOTAL) == Decimal(25)  # not 20 + 10 = 30, the sum of the units' averages
    assert summary.units == 2


def test_a_unit_s_year_average_stands_for_its_months_in_the_sum(units):
    old, _ = units
    service = make_service("Dagsenter", slug="dagsenter", age_groups=AgeGroups.NONE)
    unit_figure(service, "2016", old[0], "12.5")
    for month in range(1, 13):
        unit_figure(service, f"2016-{month:02d}", old[1], 10)
    assert summarize(service, figures(service), Period.of_year(2016)).value(USERS_TOTAL) == Decimal("22.5")


def test_a_month_entered_for_the_department_is_shown_instead_of_the_sum(rehab):
    VolumeFigure.objects.create(service=rehab, period=Period.parse("2017-03"), users=Decimal(99))
    march = summarize(rehab, figures(rehab), Period.parse("2017-03"))
    assert (march.value(USERS_TOTAL), march.units_note) == (Decimal(99), "")
    year = summarize(rehab, figures(rehab), Period.of_year(2017))
    assert year.value(USERS_TOTAL) == (Decimal(80) * 11 + 99) / 12


def test_a_service_without_unit_figures_is_summarized_as_before(bpa):
    VolumeFigure.objects.create(service=bpa, period=Period.parse("2017-01"), users_over_18=Decimal(40))
    summary = summarize(bpa, figures(bpa), Period.of_year(2017))
    assert (summary.value("users_over_18"), summary.units, summary.units_note) == (Decimal(40), 0, "")


# -- what the reader sees -----------------------------------------------------------------------


def test_the_development_section_runs_on_across_the_reorganisation_and_says_it_is_a_sum(rehab):
    section = sections_autodiscover()["volumes.bpa"].function(
        period=Period.parse("2017"), options=SectionOptions(comparison_years=2)
    )
    (table,) = section.tables
    users = next(row for row in table.rows if row.key == "users")
    assert [cell.value for cell in users.cells] == [Decimal(80), Decimal(75)]  # 2017, 2016
    assert (
        "Tjenesteområdets tall er summen av virksomhetene der det ikke har egne tall "
        "(2017: sum av 4 virksomheter; 2016: sum av 6 virksomheter)." in table.notes
    )


def test_the_monthly_section_compares_the_new_units_with_the_old(rehab):
    section = sections_autodiscover()["volumes.monthly"].function(
        period=Period.parse("2017-01"), options=SectionOptions()
    )
    (table,) = section.tables
    row = next(row for row in table.rows if row.key == "rehab")
    before, now = row.cells[0], row.cells[1]
    assert (before.value, before.note, now.value, now.note) == (
        Decimal(75),
        "sum av 6 virksomheter",
        Decimal(80),
        "sum av 4 virksomheter",
    )


def test_the_service_page_shows_the_department_total_as_a_sum(leder_client, rehab):
    html = leder_client.get(reverse("volumes:service", kwargs={"slug": "rehab"}), {"aar": "2017"}).content.decode()
    assert cell_texts(html, "comparison", "users") == ["80,0", "75,0"]
    assert "(2017: sum av 4 virksomheter; 2016: sum av 6 virksomheter)" in text_of(html)
    assert cell_texts(html, "months", "users")[0] == "80"
    assert "(jan.–des.: sum av 4 virksomheter)" in text_of(html)


def test_the_overview_shows_the_sum_of_the_units(leder_client, rehab):
    html = leder_client.get(reverse("volumes:index")).content.decode()
    assert cell_texts(html, "overview", "rehab")[:2] == ["2017", "80,0"]


# -- entry ----------------------------------------------------------------------------------------


def test_the_grid_offers_only_the_units_in_force_in_the_year(registrator_client, rehab, units):
    old, new = units
    html = registrator_client.get(grid_url(rehab, 2017)).content.decode()
    chooser = html.split('id="id_virksomhet"', 1)[1].split("</select>", 1)[0]
    offered = re.findall(r"<option[^>]*>([^<]*)</option>", chooser)
    assert offered[0] == "Hele tjenesteområdet"
    assert all(unit.name in offered for unit in new)
    assert not any(unit.name in offered for unit in old)


def test_the_grid_refuses_a_unit_not_in_force_next_to_the_chooser(registrator_client, rehab, units):
    old, _ = units
    response = registrator_client.get(grid_url(rehab, 2017), {"virksomhet": old[0].pk})
    assert response.status_code == 400
    html = response.content.decode()
    message = text_of(html.split('id="id_virksomhet_error">')[1].split("</div>")[0])
    assert message == (
        "Hjemmebaserte tjenester, tidligere område 1 gjelder til og med 31.12.2016 og finnes ikke i 2017. "
        "Registrer tallet på virksomhetene som fantes da."
    )
    assert 'name="c01_users"' not in html  # no grid to type into


def test_a_post_for_a_unit_not_in_force_saves_nothing(registrator_client, rehab, units):
    old, _ = units
    url = grid_url(rehab, 2018, "maned") + f"&virksomhet={old[0].pk}"
    response = registrator_client.post(url, {"c01_users": "5", "c01_version": "0"})
    assert response.status_code == 400
    assert not VolumeFigure.objects.filter(period__startswith="2018").exists()


def test_the_grid_enters_a_unit_s_months(registrator_client, rehab, units):
    _, new = units
    url = grid_url(rehab, 2018, "maned") + f"&virksomhet={new[2].pk}"
    assert f"For {new[2].name}." in text_of(registrator_client.get(url).content.decode())
    response = registrator_client.post(url, grid_data(registrator_client, url, c01_users="21", c01_hours="90"))
    assert response.status_code == 302
    stored = VolumeFigure.objects.get(period=Period.parse("2018-01"))
    assert (stored.unit, stored.users, stored.hours) == (new[2], Decimal(21), Decimal(90))


def test_the_department_grid_shows_only_the_department_s_own_figures(registrator_client, rehab):
    response = registrator_client.get(grid_url(rehab, 2017))
    assert response.context["form"]["c01_users"].value() is None  # the units' 80 is no department figure to edit
    assert "tjenesteområdets tall er summen av dem i de månedene det ikke har egne tall" in text_of(
        response.content.decode()
    )


def test_the_model_refuses_a_figure_for_a_unit_not_in_force(rehab, units):
    old, _ = units
    figure = VolumeFigure(service=rehab, period=Period.parse("2017-01"), unit=old[0], users=Decimal(3))
    with pytest.raises(ValidationError) as refused:
        figure.full_clean()
    assert refused.value.message_dict["unit"] == [
        "Hjemmebaserte tjenester, tidligere område 1 gjelder til og med 31.12.2016 og finnes ikke i januar 2017. "
        "Registrer tallet på virksomhetene som fantes da."
    ]


def test_one_figure_per_service_period_and_unit(rehab, units):
    _, new = units
    twice = VolumeFigure(service=rehab, period=Period.parse("2017-01"), unit=new[0], users=Decimal(1))
    with pytest.raises(ValidationError) as refused:
        twice.full_clean()
    assert "Tjenesten har allerede tall for denne perioden og virksomheten." in str(refused.value)


def test_one_source_per_period_holds_per_series(rehab, units):
    """The department's year average beside the units' months is two series; a unit's own year
    average beside its months is two sources for one period, and refused."""
    _, new = units
    department = VolumeFigure(service=rehab, period=Period.parse("2017"), users=Decimal(80))
    department.full_clean()
    department.save()
    unit_year = VolumeFigure(service=rehab, period=Period.parse("2017"), unit=new[0], users=Decimal(20))
    with pytest.raises(ValidationError) as refused:
        unit_year.full_clean()
    assert "en periode har bare én kilde" in str(refused.value)


def test_last_year_is_the_same_unit_s_figure(registrator_client, rehab, units):
    """Like with like: a unit's month is questioned against the same unit's month last year."""
    _, new = units
    url = grid_url(rehab, 2018, "maned") + f"&virksomhet={new[0].pk}"
    response = registrator_client.post(url, grid_data(registrator_client, url, c01_users="60", c02_users="21"))
    text = text_of(response.content.decode())
    assert "60 er 200 % over samme periode i fjor (20)." in text  # the unit's 20, not the department's 80
    assert "21 er" not in text


# -- the Excel template -----------------------------------------------------------------------


def test_the_template_has_a_unit_column_and_rows_for_the_units_in_force(rehab, units):
    old, new = units
    workbook = template("tjenester", "2017-01")
    sheet = workbook[bulk.DATA_SHEET]
    assert [c.value for c in sheet[bulk.HEADER_ROW]][:3] == ["Kode", "Virksomhet", "Tjeneste"]
    rows = {(row[0].value, row[1].value) for row in sheet.iter_rows(min_row=bulk.FIRST_DATA_ROW)}
    assert ("rehab", None) in rows  # the department's row: Virksomhet empty
    assert {("rehab", unit.name) for unit in new} <= rows
    assert not {("rehab", unit.name) for unit in old} & rows
    assert cell_of(workbook, "rehab", "Antall brukere", unit=new[0].name).value == 20


def test_the_template_saves_a_unit_s_figure_and_refuses_an_old_unit(registrator, rehab, units):
    old, new = units
    workbook = template("tjenester", "2018-01")
    fill(workbook, "rehab", "Antall brukere", 22, unit=new[1].name)
    upload = uploaded(workbook, registrator)
    bulk.upload_save(upload=upload, user=registrator)
    assert VolumeFigure.objects.get(period=Period.parse("2018-01")).unit == new[1]

    workbook = template("tjenester", "2018-02")
    row = add_row(workbook, ["rehab", old[0].name, "Hverdagsrehabilitering", None, None, None, 12])
    found = planned(bulk.plan_build(uploaded(workbook, registrator)), f"A{row}")
    assert found.status == bulk.REFUSED
    assert "gjelder til og med 31.12.2016 og finnes ikke i februar 2018" in found.reason


def test_without_unit_figures_the_template_has_only_the_department_s_rows(bpa, units):
    rows = template("tjenester", "2017-01")[bulk.DATA_SHEET].iter_rows(min_row=bulk.FIRST_DATA_ROW)
    assert [(row[0].value, row[1].value) for row in rows] == [("bpa", None)]


def test_the_reporting_status_counts_a_month_entered_by_the_units(rehab):
    from volumes.contributions import due

    (item,) = due(period=Period.parse("2017-05"))
    # users and hours, entered by the four units
    assert (item.what, item.filled, item.expected) == ("Hverdagsrehabilitering", 2, 2)
