"""Entering a period's results for every indicator on one form: all or nothing."""

from decimal import Decimal

import pytest
from django.urls import reverse

from horeport.grids import Grid
from horeport.models import PeriodLock, ServiceUnit, StaleEditError, period_lock
from horeport.periods import Period
from kpi.models import Result
from tests.kpi.helpers import indicator, query_count, result, row_html, status_of, text_of

pytestmark = pytest.mark.django_db
URL = reverse("kpi:result_entry")


@pytest.fixture
def malekart():
    return {
        "S.3.1": indicator("S.3.1"),
        "B-HO.2.3": indicator(
            "B-HO.2.3", unit="days", green="<= 3", red="> 5", perspective_code="B-HO.2", scorecard="unikt"
        ),  # fmt: skip
        "B.1.1": indicator("B.1.1", unit="score", green=">= 4.5", red="< 4", perspective_code="B.1"),
    }


def form_data(client, period="2015", unit=None, **values):
    """What the browser would post: the form as rendered, with the given cells filled in."""
    response = client.get(URL, {"periode": period, **({"virksomhet": unit} if unit else {})})
    grid = response.context["grid"]
    data = {"periode": period, "virksomhet": unit or ""}
    for item, form in grid.rows:
        data[f"{form.prefix}-value"] = values.get(item.code, form["value"].value() or "")
        data[f"{form.prefix}-comment"] = form["comment"].value() or ""
        data[f"{form.prefix}-version"] = form["version"].value() if form["version"].value() is not None else ""
    return data


def test_a_registrator_enters_a_year_with_decimal_commas_and_sees_the_statuses(registrator_client, malekart):
    data = form_data(registrator_client, **{"S.3.1": "96,5 %", "B-HO.2.3": "2,04", "B.1.1": "3.9"})
    response = registrator_client.post(URL, data, follow=True)
    html = response.content.decode()
    assert "Resultatene for 2015 er lagret (3 nye)." in html
    stored = {r.indicator.code: r.value for r in Result.objects.select_related("indicator")}
    assert stored == {"S.3.1": Decimal("96.5"), "B-HO.2.3": Decimal("2.04"), "B.1.1": Decimal("3.9")}
    assert (status_of(html, "S.3.1"), status_of(html, "B-HO.2.3"), status_of(html, "B.1.1")) == (
        "green",
        "green",
        "red",
    )
    assert "2,04 døgn" in text_of(row_html(html, "B-HO.2.3"))


def test_a_correction_is_saved_with_its_history(registrator_client, registrator, malekart):
    saved = result(malekart["S.3.1"], "2015", "54.55")
    registrator_client.post(URL, form_data(registrator_client, **{"S.3.1": "61"}))
    saved.refresh_from_db()
    assert saved.value == Decimal(61) and saved.version == 1
    latest = saved.history.order_by("-history_date").first()
    assert latest.history_user == registrator and latest.value == Decimal(61)


def test_a_cell_that_is_not_a_number_saves_nothing_and_is_marked(registrator_client, malekart):
    data = form_data(registrator_client, **{"S.3.1": "96", "B.1.1": "fem"})
    response = registrator_client.post(URL, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Ingenting er lagret: 1 rad må rettes" in html
    assert "«fem» er ikke et tall. Bruk desimalkomma, for eksempel 2,04." in row_html(html, "B.1.1")
    assert not Result.objects.exists()


def test_a_score_above_six_is_refused_next_to_the_cell(registrator_client, malekart):
    response = registrator_client.post(URL, form_data(registrator_client, **{"B.1.1": "51,1"}))
    assert "En skår er mellom 0 og 6." in row_html(response.content.decode(), "B.1.1")
    assert not Result.objects.exists()


def test_a_comment_without_a_result_is_refused(registrator_client, malekart):
    data = form_data(registrator_client)
    data[f"r{malekart['S.3.1'].pk}-comment"] = "Tall kommer"
    response = registrator_client.post(URL, data)
    assert "Skriv inn resultatet, eller fjern kommentaren." in row_html(response.content.decode(), "S.3.1")


def test_emptying_a_cell_deletes_the_result_and_keeps_the_deletion_in_history(registrator_client, malekart):
    saved = result(malekart["S.3.1"], "2015", "54.55")
    response = registrator_client.post(URL, form_data(registrator_client, **{"S.3.1": ""}), follow=True)
    assert "(1 slettet)" in response.content.decode()
    assert not Result.objects.exists()
    assert Result.history.filter(id=saved.pk, history_type="-").exists()


def test_a_stale_row_refuses_the_whole_save_naming_who_changed_it(registrator_client, leder, malekart):
    saved = result(malekart["S.3.1"], "2015", "54.55")
    data = form_data(registrator_client, **{"S.3.1": "70", "B.1.1": "5"})
    theirs = Result.objects.get(pk=saved.pk)
    theirs._history_user = leder
    theirs.value = Decimal(80)
    theirs.save()
    response = registrator_client.post(URL, data)
    html = response.content.decode()
    assert "endret av Lars Leder" in row_html(html, "S.3.1")
    assert Result.objects.get(pk=saved.pk).value == Decimal(80)
    assert not Result.objects.filter(indicator=malekart["B.1.1"]).exists()  # nothing else saved either


def test_a_result_registered_by_someone_else_meanwhile_is_not_overwritten(registrator_client, malekart):
    data = form_data(registrator_client, **{"S.3.1": "70"})
    result(malekart["S.3.1"], "2015", "80")  # saved after the form was opened
    response = registrator_client.post(URL, data)
    assert "etter at du åpnet skjemaet" in response.content.decode()
    assert Result.objects.get().value == Decimal(80)


def test_a_locked_period_is_shown_locked_and_refused_naming_the_lock(registrator_client, malekart):
    data = form_data(registrator_client, **{"S.3.1": "96"})
    period_lock(period=Period.parse("2015"), reason="Årsrapport 2015, versjon 1")
    page = registrator_client.get(URL, {"periode": "2015"}).content.decode()
    assert "Perioden 2015 er låst (Årsrapport 2015, versjon 1" in page and "readonly" in row_html(page, "S.3.1")
    assert "Lagre resultatene" not in page
    response = registrator_client.post(URL, data)
    assert response.status_code == 400
    assert "Perioden 2015 er låst (Årsrapport 2015, versjon 1" in response.content.decode()
    assert not Result.objects.exists()


def test_a_race_after_validation_shows_the_message_and_saves_nothing(registrator_client, malekart, monkeypatch):
    data = form_data(registrator_client, **{"S.3.1": "96"})

    def stale(self):
        Result.objects.create(indicator=malekart["B.1.1"], period=Period.parse("2015"), value=Decimal(5))
        raise StaleEditError(Result.objects.get())

    monkeypatch.setattr(Grid, "save", stale)
    response = registrator_client.post(URL, data)
    assert response.status_code == 400
    assert "Ingenting er lagret." in response.content.decode()


def test_results_are_entered_per_unit_when_a_unit_is_chosen(registrator_client, malekart):
    unit = ServiceUnit.objects.create(name="Brukertorget")
    result(malekart["S.3.1"], "2015", "54.55")
    registrator_client.post(URL, form_data(registrator_client, unit=str(unit.pk), **{"S.3.1": "96"}))
    assert Result.objects.get(unit=unit).value == Decimal(96)
    assert Result.objects.get(unit__isnull=True).value == Decimal("54.55")


def test_only_indicators_of_the_periods_kind_and_in_use_are_offered(registrator_client, malekart):
    indicator("M.1", frequency="month", green="<= 3", red="> 5")
    indicator("MA.1.3", introduced_year=2016, valid_from=2016, perspective_code="MA.1")
    html = registrator_client.get(URL, {"periode": "2015"}).content.decode()
    assert 'data-indicator="M.1"' not in html and 'data-indicator="MA.1.3"' not in html
    assert "nye senere: MA.1.3 (2016)" in text_of(html)
    html = registrator_client.get(URL, {"periode": "2015-03"}).content.decode()
    assert 'data-indicator="M.1"' in html and 'data-indicator="S.3.1"' not in html


def test_the_form_carries_each_rows_version(registrator_client, malekart):
    saved = result(malekart["S.3.1"], "2015", "54.55")
    saved.value = Decimal(55)
    saved.save()
    html = registrator_client.get(URL, {"periode": "2015"}).content.decode()
    assert f'name="r{malekart["S.3.1"].pk}-version" value="1"' in html
    assert PeriodLock.objects.count() == 0


def test_the_entry_form_does_not_grow_in_queries_with_the_number_of_indicators(registrator_client, malekart):
    few = query_count(registrator_client, URL, {"periode": "2015"})
    for n in range(20):
        result(indicator(f"X.{n}", perspective_code=f"X{n % 4}"), "2015", "70")
    assert query_count(registrator_client, URL, {"periode": "2015"}) == few


def test_a_comment_with_a_national_identity_number_is_refused(registrator_client, malekart):
    data = form_data(registrator_client, **{"S.3.1": "96"})
    data[f"r{malekart['S.3.1'].pk}-comment"] = "Gjelder 15076500565"  # check digits right
    response = registrator_client.post(URL, data)
    assert "Teksten ser ut til å inneholde et fødselsnummer." in row_html(response.content.decode(), "S.3.1")
    assert not Result.objects.exists()


def test_a_stale_grid_does_not_bring_back_a_row_someone_else_deleted(registrator_client, leder_client, malekart):
    """Two people open the grid for 2014; A empties a row and saves (the row is deleted); B, on the
    stale form, changes another row and saves: refused, and the deleted row stays deleted."""
    result(malekart["S.3.1"], "2014", "54.55")
    result(malekart["B.1.1"], "2014", "4.2")
    theirs = form_data(registrator_client, period="2014")  # B opens the grid
    mine = form_data(registrator_client, period="2014", **{"S.3.1": ""})  # A empties S.3.1
    assert "1 slettet" in registrator_client.post(URL, mine, follow=True).content.decode()

    b_1_1 = next(key for key in theirs if key.endswith("-value") and theirs[key] == "4,2")
    response = registrator_client.post(URL, {**theirs, b_1_1: "4,6"})
    assert response.status_code == 400
    assert "slettet av en annen bruker etter at du åpnet skjemaet" in row_html(response.content.decode(), "S.3.1")
    assert not Result.objects.filter(indicator=malekart["S.3.1"]).exists()
    assert Result.objects.get(indicator=malekart["B.1.1"]).value == Decimal("4.2")  # nothing else saved either
