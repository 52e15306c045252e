"""The optional case list: anonymous entries, their validation, their locks and what they compute."""

import re

import pytest
from django.urls import reverse

from horeport.models import PeriodLockedError, period_lock
from horeport.periods import Period
from tests.waitlists.helpers import case, day, figure, housing_type
from waitlists.models import HousingCase

pytestmark = pytest.mark.django_db
URL = reverse("waitlists:case_create")


def post(client, kind, url=URL, **values):
    data = {"reference": "2016/117", "housing_type": kind.pk, "decided_on": "01.02.2016", **values}
    return client.post(url, data, follow=True)


def test_a_registrator_enters_a_case_with_norwegian_or_iso_dates(registrator_client):
    kind = housing_type()
    response = post(registrator_client, kind, moved_in_on="2016-03-02")
    assert "Sak 2016/117 er lagret." in response.content.decode()
    saved = HousingCase.objects.get()
    assert (saved.decided_on, saved.moved_in_on) == (day("2016-02-01"), day("2016-03-02"))
    assert "2016/117" in response.content.decode()  # listed on the case list
    assert "30</td>" in response.content.decode()  # days from decision to move-in


@pytest.mark.parametrize(
    ("values", "field_message"),
    [
        ({"reference": "Sak 01017012343"}, "ser ut til å inneholde et fødselsnummer"),
        ({"reference": ""}, "Skriv saksreferansen."),
        ({"decided_on": ""}, "Skriv datoen vedtaket ble fattet."),
        ({"decided_on": "31.02.2016"}, "Oppgi en gyldig dato."),
        ({"moved_in_on": "31.01.2016"}, "Innflyttingsdatoen kan ikke være før vedtaksdatoen."),
        ({"closed_on": "2016-03-01"}, "Velg hvorfor saken ble avsluttet."),
        ({"closed_reason": "withdrawn"}, "Skriv datoen saken ble avsluttet, eller fjern årsaken."),
        ({"moved_in_on": "2016-03-01", "closed_on": "2016-03-01", "closed_reason": "other"},
         "En sak med innflyttingsdato er ikke avsluttet uten innflytting."),
        ({"decided_on": "01.01.2999"}, "Datoen kan ikke være fram i tid."),
        ({"decided_on": "0216-05-01"}, "Skriv en dato fra år 1900 til 2999."),
        ({"moved_in_on": "01.05.1899"}, "Skriv en dato fra år 1900 til 2999."),
    ],
)  # fmt: skip
def test_wrong_input_gets_a_message_and_nothing_is_saved(registrator_client, values, field_message):
    kind = housing_type()
    response = post(registrator_client, kind, **values)
    assert field_message in response.content.decode()
    assert not HousingCase.objects.exists()


def test_a_reference_is_used_once_per_housing_type(registrator_client):
    kind = housing_type()
    case(kind, "2016/117", "2016-01-01")
    response = post(registrator_client, kind)
    assert "Saken er allerede ført for denne boligtypen." in response.content.decode()
    assert HousingCase.objects.count() == 1


def test_a_case_decided_in_a_locked_period_cannot_be_added_changed_or_deleted(registrator_client):
    kind = housing_type()
    existing = case(kind, "A", "2016-05-01")
    period_lock(period=Period.parse("2016"), reason="Årsrapport 2016")
    assert "Perioden 2016 er låst (Årsrapport 2016" in post(registrator_client, kind).content.decode()
    url = reverse("waitlists:case_update", args=[existing.pk])
    response = post(registrator_client, kind, url=url, reference="A", decided_on="2016-05-02", version="0")
    assert "Perioden 2016 er låst" in response.content.decode()
    with pytest.raises(PeriodLockedError):
        HousingCase.objects.get(pk=existing.pk).delete()
    assert HousingCase.objects.get().decided_on == day("2016-05-01")


def test_a_move_in_in_january_of_a_case_waiting_at_a_locked_new_year_is_allowed(registrator_client):
    kind = housing_type()
    waiting = case(kind, "A", "2016-12-10")
    period_lock(period=Period.parse("2016"), reason="Årsrapport 2016")
    url = reverse("waitlists:case_update", args=[waiting.pk])
    response = post(registrator_client, kind, url=url, reference="A", decided_on="2016-12-10",
                    moved_in_on="2017-01-15", version="0")  # fmt: skip
    assert "Sak A er lagret." in response.content.decode()
    assert HousingCase.objects.get().moved_in_on == day("2017-01-15")


def test_a_case_spanning_a_locked_year_is_refused_though_neither_date_is_in_it():
    kind = housing_type()
    period_lock(period=Period.parse("2016"), reason="Årsrapport 2016")
    with pytest.raises(PeriodLockedError):
        case(kind, "B", "2015-11-20", "2017-02-03")  # it was on the waitlist of 31.12.2016
    assert not HousingCase.objects.exists()


def test_moving_a_move_in_date_inside_a_locked_period_is_refused():
    kind = housing_type()
    moved = case(kind, "C", "2016-01-10", "2016-06-01")
    period_lock(period=Period.parse("2016-06"), reason="Rapport til direktør juni")
    moved.moved_in_on = day("2016-07-01")
    with pytest.raises(PeriodLockedError):
        moved.save()


def test_the_type_page_shows_the_computed_figures_marked_and_keeps_the_entered_ones(registrator_client):
    kind = housing_type()
    figure(kind, "2016", waitlist=13, effectuation_days="104")
    case(kind, "A", "2016-02-01", "2016-04-01")
    case(kind, "B", "2016-10-01")
    html = registrator_client.get(reverse("waitlists:type_detail", args=[kind.pk]) + "?aar=2016").content.decode()
    assert "beregnet av saker" in html and "beregnet av 1 sak" in html
    assert "2016 (hele året)" in html  # the entered figures stay listed


def test_the_case_list_filters_by_status(registrator_client):
    kind = housing_type()
    case(kind, "VENTER-1", "2016-02-01")
    case(kind, "INNE-1", "2016-02-01", "2016-03-01")
    html = registrator_client.get(reverse("waitlists:case_list") + "?status=waiting").content.decode()
    assert "VENTER-1" in html and "INNE-1" not in html


@pytest.mark.parametrize("year", ["0", "-1", "1e5", "2016.5", "99999999999999999999"])
def test_a_year_the_list_cannot_filter_on_gets_a_message(registrator_client, year):
    case(housing_type(), "VENTER-1", "2016-02-01")
    response = registrator_client.get(reverse("waitlists:case_list"), {"year": year})
    assert response.status_code == 200
    assert "Velg et av årene i listen." in response.content.decode()


def test_the_case_list_offers_the_years_cases_were_decided_in(registrator_client):
    kind = housing_type()
    case(kind, "A-2015", "2015-06-01")
    case(kind, "B-2016", "2016-02-01")
    html = registrator_client.get(reverse("waitlists:case_list"), {"year": "2015"}).content.decode()
    options = re.findall(r'<option value="(\d*)"( selected)?>', html.split('name="year"')[1].split("</select>")[0])
    assert options == [("", ""), ("2016", ""), ("2015", " selected")]
    assert "A-2015" in html and "B-2016" not in html


def test_a_case_change_is_kept_in_its_history(registrator_client):
    kind = housing_type()
    row = case(kind, "A", "2016-02-01")
    post(registrator_client, kind, url=reverse("waitlists:case_update", args=[row.pk]), reference="A",
         moved_in_on="2016-03-01", version="0")  # fmt: skip
    html = registrator_client.get(reverse("waitlists:case_history", args=[row.pk])).content.decode()
    assert "Innflyttingsdato</td><td>–</td><td>01.03.2016</td>" in html
