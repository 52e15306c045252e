"""Strategies, theme plans and the status of their measures per report period."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from horeport.models import SiteSettings, period_lock
from horeport.periods import Period
from kpi.models import Measure, MeasureStatus, Strategy, StrategyScope, ThemePlan
from kpi.selectors import statuses_as_of
from tests.kpi.helpers import query_count, text_of

pytestmark = pytest.mark.django_db
ENTRY = reverse("kpi:measure_status_entry")


@pytest.fixture
def plan():
    plan = ThemePlan.objects.create(name="Temaplan psykisk helse og rus", first_year=2015, last_year=2018)
    Measure.objects.create(name="Fontenehus", theme_plan=plan, decision="sak 145/15")
    Measure.objects.create(name="Lavterskel døgntilbud", theme_plan=plan)
    return plan


def entry_data(period, **statuses):
    data = {"periode": period}
    for measure in Measure.objects.all():
        status, _, comment = statuses.get(measure.name, "").partition("|")
        data |= {f"m{measure.pk}-status": status, f"m{measure.pk}-comment": comment, f"m{measure.pk}-version": ""}
    return data


def test_a_registrator_reports_the_status_of_measures_and_the_plan_page_shows_it(registrator_client, plan):
    response = registrator_client.post(
        ENTRY, entry_data("2016", Fontenehus="implemented|Fontenehuset åpnet i april 2016."), follow=True
    )
    assert "Status for tiltakene i 2016 er lagret (1 nye)." in response.content.decode()
    html = text_of(registrator_client.get(reverse("kpi:theme_plan", args=[plan.pk]), {"periode": "2016"}).content
                   .decode())  # fmt: skip
    assert "Fontenehus (sak 145/15) Gjennomført Fontenehuset åpnet i april 2016." in html
    assert "Lavterskel døgntilbud Ingen status" in html


def test_a_comment_without_a_status_is_refused(registrator_client, plan):
    response = registrator_client.post(ENTRY, entry_data("2016", Fontenehus="|Åpnet"))
    assert "Velg en status, eller fjern kommentaren." in response.content.decode()
    assert not MeasureStatus.objects.exists()


def test_the_status_shown_for_a_period_is_the_latest_reported_by_its_end(plan):
    measure = Measure.objects.get(name="Fontenehus")
    MeasureStatus.objects.create(measure=measure, period=Period.parse("2015-H2"), status="in_progress")
    MeasureStatus.objects.create(measure=measure, period=Period.parse("2016"), status="implemented")
    assert statuses_as_of(Period.parse("2016-H1"), [measure])[measure.pk].status == "in_progress"
    assert statuses_as_of(Period.parse("2016"), [measure])[measure.pk].status == "implemented"
    assert measure.pk not in statuses_as_of(Period.parse("2015-H1"), [measure])


def test_a_locked_report_period_refuses_statuses(registrator_client, plan):
    period_lock(period=Period.parse("2016"), reason="Halvårsrapport")
    response = registrator_client.post(ENTRY, entry_data("2016-H1", Fontenehus="implemented|"))
    assert "Perioden 2016 er låst (Halvårsrapport" in response.content.decode()
    assert not MeasureStatus.objects.exists()


def test_the_overview_lists_the_strategies_plans_and_measures_outside_the_plans(leder_client, plan):
    strategy = Strategy.objects.create(number=4, name="Sikre kvalitet og kompetanse")
    fou = Measure.objects.create(name="FOU-modellen", strategy=strategy)
    MeasureStatus.objects.create(measure=fou, period=Period.parse("2014"), status="implemented")
    Measure.objects.create(name="Asker velferdslab")
    html = text_of(leder_client.get(reverse("kpi:strategy"), {"periode": "2016"}).content.decode())
    assert "Sikre kvalitet og kompetanse Tiltak Status Rapportert for Kommentar FOU-modellen Gjennomført 2014" in html
    assert "Temaplan psykisk helse og rus 2015–2018 Ikke angitt Ingen status: 2" in html
    assert "Tiltak utenfor temaplanene" in html and "Asker velferdslab" in html


def test_the_overview_does_not_grow_in_queries_with_the_number_of_measures(leder_client):
    def add(first, count):
        for n in range(first, first + count):
            strategy = Strategy.objects.create(number=n + 1, name=f"Strategi {n}")
            plan = ThemePlan.objects.create(name=f"Plan {n}", strategy=strategy)
            for m in range(3):
                measure = Measure.objects.create(name=f"Tiltak {n}.{m}", theme_plan=plan)
                MeasureStatus.objects.create(measure=measure, period=Period.parse("2016"), status="in_progress")

    add(0, 1)
    few = query_count(leder_client, reverse("kpi:strategy"), {"periode": "2016"})
    add(1, 4)
    assert query_count(leder_client, reverse("kpi:strategy"), {"periode": "2016"}) == few


def test_the_status_periods_reach_back_to_the_first_year_of_the_earliest_theme_plan(registrator_client):
    ThemePlan.objects.create(name="Eldreplan", first_year=1999, last_year=2003)
    html = registrator_client.get(ENTRY).content.decode()
    offered = set(re.findall(r'<option value="(\d{4})"', html))
    assert "1999" in offered
    assert "1998" not in offered


def test_the_overview_shows_the_municipalitys_strategies_beside_the_departments(leder_client, plan):
    Strategy.objects.create(number=1, name="Styrke den forebyggende helsetjenesten")
    Strategy.objects.create(scope=StrategyScope.MUNICIPALITY, number=1, name="Medborgerskap og samskaping")
    site = SiteSettings.current()
    site.strategy_name = "Strategi 2030"
    site.save()
    html = text_of(leder_client.get(reverse("kpi:strategy"), {"periode": "2016"}).content.decode())
    assert "Strategi 2030 Styrke den forebyggende helsetjenesten" in html
    assert "Kommunens overordnede strategier" in html and "Medborgerskap og samskaping" in html


def test_a_number_is_used_once_per_scope():
    Strategy.objects.create(number=1, name="Tjenesteområdets første")
    Strategy.objects.create(scope=StrategyScope.MUNICIPALITY, number=1, name="Kommunens første")
    with pytest.raises(ValidationError) as error:
        Strategy(number=1, name="En til").full_clean()
    assert "Det finnes allerede en strategi med dette nummeret." in str(error.value)
