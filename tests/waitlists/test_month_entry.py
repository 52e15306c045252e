"""The month-end grid: every housing type's figures for one month on one form, all or nothing."""

from decimal import Decimal

import pytest
from django.urls import reverse

from horeport.grids import Grid
from horeport.models import period_lock
from horeport.periods import Period
from tests.waitlists.helpers import figure, housing_type
from waitlists.models import WaitlistFigure

pytestmark = pytest.mark.django_db
URL = reverse("waitlists:month_entry") + "?periode=2016-12"


@pytest.fixture
def kinds():
    return housing_type("Bolig med service", order=1), housing_type("Bolig uten bemanning", order=2)


def row(kind, version="", **values):
    data = {f"t{kind.pk}-{name}": value for name, value in values.items()}
    data[f"t{kind.pk}-version"] = version
    return data


def test_the_grid_saves_the_filled_rows_and_skips_the_empty_ones(registrator_client, kinds):
    service, without = kinds
    data = {**row(service, waitlist="14", effectuation_days="51,5", dwellings_allocated="2"), **row(without)}
    response = registrator_client.post(URL, data, follow=True)
    assert "Tallene for desember 2016 er lagret: Bolig med service." in response.content.decode()
    saved = WaitlistFigure.objects.get()
    assert (saved.housing_type, saved.period, saved.effectuation_days) == (service, Period.parse("2016-12"),
                                                                           Decimal("51.5"))  # fmt: skip


def test_one_wrong_cell_saves_nothing_and_is_named_in_the_summary(registrator_client, kinds):
    service, without = kinds
    data = {**row(service, waitlist="14"), **row(without, waitlist="-1")}
    html = registrator_client.post(URL, data).content.decode()
    assert "Ingenting ble lagret" in html
    assert "Bolig uten bemanning, venteliste: Tallet kan ikke være negativt." in html
    assert not WaitlistFigure.objects.exists()


def test_an_unchanged_row_is_not_saved_again(registrator_client, kinds):
    service, without = kinds
    existing = figure(service, "2016-12", waitlist=14)
    data = {**row(service, version="0", waitlist="14"), **row(without, waitlist="30")}
    registrator_client.post(URL, data)
    existing.refresh_from_db()
    assert existing.version == 0 and existing.history.count() == 1
    assert WaitlistFigure.objects.get(housing_type=without).waitlist == 30


def test_a_stale_row_refuses_the_whole_save(registrator_client, kinds):
    service, without = kinds
    existing = figure(service, "2016-12", waitlist=14)
    existing.waitlist = 15
    existing.save()  # someone else, after the grid was opened at version 0
    data = {**row(service, version="0", waitlist="16"), **row(without, waitlist="30")}
    html = registrator_client.post(URL, data).content.decode()
    assert "etter at du åpnet skjemaet" in html
    assert WaitlistFigure.objects.get(housing_type=service).waitlist == 15
    assert not WaitlistFigure.objects.filter(housing_type=without).exists()


def test_a_locked_month_is_announced_and_refused(registrator_client, kinds):
    service, _ = kinds
    period_lock(period=Period.parse("2016-H2"), reason="Halvårsrapport 2016")
    assert "Perioden 2. halvår 2016 er låst (Halvårsrapport 2016" in registrator_client.get(URL).content.decode()
    html = registrator_client.post(URL, row(service, waitlist="14")).content.decode()
    assert "Ingenting ble lagret" in html and "er låst (Halvårsrapport 2016" in html
    assert not WaitlistFigure.objects.exists()


def test_emptying_a_saved_row_is_refused_with_a_pointer(registrator_client, kinds):
    service, _ = kinds
    figure(service, "2016-12", waitlist=14)
    html = registrator_client.post(URL, row(service, version="0")).content.decode()
    assert "Raden er tømt. Vil du fjerne tallene, slett dem fra boligtypens side." in html
    assert WaitlistFigure.objects.get().waitlist == 14


def test_every_input_has_a_label_naming_its_column_and_type(registrator_client, kinds):
    html = registrator_client.get(URL).content.decode()
    service, _ = kinds
    assert f'<label class="ds-sr-only" for="id_t{service.pk}-waitlist">Venteliste, Bolig med service</label>' in html


def test_a_month_not_begun_falls_back_to_the_month_just_ended(registrator_client, kinds):
    html = registrator_client.get(reverse("waitlists:month_entry") + "?periode=2999-01").content.decode()
    assert "2999" not in html.split("<h1", 1)[1].split("</caption>")[0]


def test_saving_the_month_unchanged_says_that_nothing_is_saved(registrator_client, kinds):
    service, without = kinds
    figure(service, "2016-12", waitlist=14)
    response = registrator_client.post(URL, {**row(service, version="0", waitlist="14"), **row(without)}, follow=True)
    assert "Ingenting er endret, så ingenting er lagret." in response.content.decode()
    assert WaitlistFigure.objects.get().version == 0


def test_in_a_locked_month_only_the_changed_rows_are_refused(registrator_client, kinds):
    service, without = kinds
    figure(service, "2016-12", waitlist=14)
    period_lock(period=Period.parse("2016-12"), reason="Månedsrapport")
    response = registrator_client.post(URL, {**row(service, version="0", waitlist="14"), **row(without, waitlist="3")})
    html = response.content.decode()
    assert "Bolig uten bemanning: Perioden desember 2016 er låst (Månedsrapport" in html
    assert "Bolig med service: Perioden" not in html
    assert WaitlistFigure.objects.count() == 1


def test_figures_registered_by_someone_else_meanwhile_are_not_overwritten(registrator_client, kinds):
    service, _ = kinds
    data = row(service, waitlist="16")  # opened while the month had no figures for the type
    figure(service, "2016-12", waitlist=14)
    html = registrator_client.post(URL, data).content.decode()
    assert "etter at du åpnet skjemaet" in html
    assert WaitlistFigure.objects.get().waitlist == 14


def test_a_lock_taken_while_saving_is_shown_and_nothing_is_saved(registrator_client, kinds, monkeypatch):
    service, without = kinds
    save = Grid.save

    def locked_meanwhile(self):
        period_lock(period=Period.parse("2016"), reason="Årsrapport 2016")
        save(self)

    monkeypatch.setattr(Grid, "save", locked_meanwhile)
    response = registrator_client.post(URL, {**row(service, waitlist="14"), **row(without, waitlist="3")})
    assert response.status_code == 200
    assert "Perioden 2016 er låst (Årsrapport 2016" in response.content.decode()
    assert "Ingenting er lagret." in response.content.decode()
    assert not WaitlistFigure.objects.exists()
