"""A Registrator enters waitlist figures: by month-end or for a year, with messages when wrong."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from horeport.models import PeriodLockedError, period_lock
from horeport.periods import Period
from tests.waitlists.helpers import figure, housing_type
from waitlists.forms import WaitlistFigureForm
from waitlists.models import WaitlistFigure

pytestmark = pytest.mark.django_db
URL = reverse("waitlists:figure_create")


def post(client, kind, year="2016", month="3", url=URL, **values):
    data = {"housing_type": kind.pk, "year": year, "month": month, **values}
    return client.post(url, data, follow=True)


def errors(response) -> str:
    return response.content.decode()


def test_a_registrator_enters_a_month_end_waitlist_and_sees_it_on_the_housing_type_page(registrator_client):
    kind = housing_type()
    response = post(registrator_client, kind, waitlist="14", effectuation_days="104,5", dwellings_allocated="2")
    saved = WaitlistFigure.objects.get()
    assert (saved.period, saved.waitlist, saved.effectuation_days) == (Period.parse("2016-03"), 14, Decimal("104.5"))
    html = response.content.decode()
    assert "Tallene for Bolig med service for mars 2016 er lagret." in html
    assert response.redirect_chain[-1][0].startswith(reverse("waitlists:type_detail", args=[kind.pk]))
    assert "mars 2016 (pr. 31.03.2016)" in html
    assert saved.history.get().history_user.username == "rita"


def test_a_whole_year_is_entered_with_the_month_left_empty(registrator_client):
    kind = housing_type()
    post(registrator_client, kind, month="", waitlist="3 084")
    assert WaitlistFigure.objects.get().period == Period.parse("2016")
    assert WaitlistFigure.objects.get().waitlist == 3084


def test_a_leader_may_not_enter_figures(leder_client):
    kind = housing_type()
    assert post(leder_client, kind, waitlist="14").status_code == 403
    assert not WaitlistFigure.objects.exists()


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({}, "Fyll inn minst ett tall."),
        ({"waitlist": "-2"}, "Tallet kan ikke være negativt."),
        ({"waitlist": "mange"}, "«mange» er ikke et tall."),
        ({"waitlist": "2,5"}, "«2,5» må være et helt tall."),
        ({"effectuation_days": "-1", "dwellings_allocated": "1"}, "Tallet kan ikke være negativt."),
        ({"applications_processed": "10", "applications_granted": "12"},
         "Det kan ikke være flere innvilgede enn behandlede søknader."),
        ({"effectuation_days": "104"}, "Fyll inn hvor mange boliger som ble tildelt i måneden."),
        ({"effectuation_days": "104", "dwellings_allocated": "0"},
         "Uten tildelte boliger i måneden er det ingen effektueringstid."),
    ],
)  # fmt: skip
def test_wrong_input_gets_a_norwegian_message_and_nothing_is_saved(registrator_client, values, message):
    kind = housing_type()
    response = post(registrator_client, kind, **values)
    assert response.status_code == 400  # the form again, with the message
    assert message in errors(response)
    assert not WaitlistFigure.objects.exists()


def test_a_year_and_a_type_must_be_chosen(registrator_client):
    response = registrator_client.post(URL, {"housing_type": "", "year": "", "month": "", "waitlist": "3"})
    html = response.content.decode()
    assert "Velg boligtypen tallene gjelder." in html and "Skriv hvilket år tallene gjelder." in html


def test_a_period_that_has_not_begun_is_refused(registrator_client, monkeypatch):
    monkeypatch.setattr("waitlists.forms.timezone.localdate", lambda: datetime.date(2016, 6, 15))
    kind = housing_type()
    assert "Juli 2016 har ikke begynt ennå." in errors(post(registrator_client, kind, month="7", waitlist="3"))
    assert "Året må være mellom 1990 og 2016." in errors(post(registrator_client, kind, year="2017", waitlist="3"))
    assert not WaitlistFigure.objects.exists()


def test_a_second_figure_for_the_same_type_and_period_is_refused_with_a_pointer(registrator_client):
    kind = housing_type()
    figure(kind, "2016-03", waitlist=10)
    response = post(registrator_client, kind, waitlist="14")
    assert "Det finnes allerede tall for Bolig med service for mars 2016. Endre dem i stedet." in errors(response)
    assert WaitlistFigure.objects.get().waitlist == 10


def test_a_figure_in_a_locked_period_is_refused_with_the_locks_message(registrator_client):
    kind = housing_type()
    period_lock(period=Period.parse("2016"), reason="Årsrapport 2016, versjon 1")
    response = post(registrator_client, kind, waitlist="14")
    assert "Perioden 2016 er låst (Årsrapport 2016, versjon 1" in errors(response)
    assert not WaitlistFigure.objects.exists()


def test_a_locked_figure_cannot_be_changed_or_moved_out_of_its_period(registrator_client):
    kind = housing_type()
    row = figure(kind, "2016-12", waitlist=13)
    period_lock(period=Period.parse("2016-H2"), reason="Halvårsrapport")
    url = reverse("waitlists:figure_update", args=[row.pk])
    for month, year in (("12", "2016"), ("1", "2017")):
        response = post(registrator_client, kind, year=year, month=month, url=url, waitlist="99", version="0")
        assert "er låst (Halvårsrapport" in errors(response)
    row.refresh_from_db()
    assert (row.period, row.waitlist) == (Period.parse("2016-12"), 13)


def test_a_stale_edit_is_refused_naming_who_changed_the_figure(registrator_client, administrator):
    kind = housing_type()
    row = figure(kind, "2016-03", waitlist=10)
    theirs = WaitlistFigure.objects.get(pk=row.pk)
    theirs._history_user = administrator
    theirs.waitlist = 11
    theirs.save()
    url = reverse("waitlists:figure_update", args=[row.pk])
    response = post(registrator_client, kind, url=url, waitlist="12", version="0")
    assert "endret av Anne Administrator" in errors(response)
    assert WaitlistFigure.objects.get().waitlist == 11


def test_a_lock_set_between_validation_and_save_gives_a_message_not_an_error(registrator_client, monkeypatch):
    kind = housing_type()
    lock = period_lock(period=Period.parse("2016"), reason="Publisert i mellomtiden")

    def save_after_the_lock(self, commit=True):
        raise PeriodLockedError(lock)

    monkeypatch.setattr(WaitlistFigureForm, "save", save_after_the_lock)
    monkeypatch.setattr(WaitlistFigure, "check_writable", lambda self, **kwargs: None)
    response = post(registrator_client, kind, waitlist="14")
    assert response.status_code == 400
    assert "Publisert i mellomtiden" in errors(response)


def test_an_edit_is_kept_in_the_history_with_before_and_after(registrator_client):
    kind = housing_type()
    row = figure(kind, "2016-03", waitlist=10)
    url = reverse("waitlists:figure_update", args=[row.pk])
    post(registrator_client, kind, url=url, waitlist="12", version="0")
    html = registrator_client.get(reverse("waitlists:figure_history", args=[row.pk])).content.decode()
    assert "Venteliste ved periodens slutt</td><td>10</td><td>12</td>" in html
    assert "Rita Registrator" in html


def test_a_figure_in_a_locked_period_cannot_be_deleted(registrator_client):
    kind = housing_type()
    row = figure(kind, "2016", waitlist=13)
    period_lock(period=Period.parse("2016"), reason="Årsrapport 2016")
    response = registrator_client.post(reverse("waitlists:figure_delete", args=[row.pk]), follow=True)
    assert "Perioden 2016 er låst (Årsrapport 2016" in response.content.decode()
    assert WaitlistFigure.objects.filter(pk=row.pk).exists()


def test_a_figure_is_deleted_with_a_confirmation(registrator_client):
    kind = housing_type()
    row = figure(kind, "2016", waitlist=13)
    response = registrator_client.post(reverse("waitlists:figure_delete", args=[row.pk]), follow=True)
    assert "Tallene for Bolig med service for 2016 er slettet." in response.content.decode()
    assert not WaitlistFigure.objects.exists()
