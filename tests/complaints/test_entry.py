"""Registering and editing a complaint: messages next to fields, stale forms, locks, history."""

import pytest
from django.urls import reverse

from complaints.models import Complaint
from horeport.models import period_lock
from horeport.periods import Period
from tests.complaints.helpers import day, make_complaint

pytestmark = pytest.mark.django_db
CREATE = reverse("complaints:create")


def form_data(case_type, **extra):
    return {"reference": "16/00777", "case_type": case_type.pk, "unit": "", "received_on": "2016-03-01",
            "reversed_on": "", "sent_on": "", "decision": "", "decided_on": "", "note": ""} | extra  # fmt: skip


def test_a_registrator_registers_a_complaint(registrator_client, registrator, vederlag):
    response = registrator_client.post(CREATE, form_data(vederlag, received_on="01.03.2016"), follow=True)
    complaint = Complaint.objects.get()
    assert complaint.received_on == day("2016-03-01") and complaint.status_label == "Under behandling i kommunen"
    assert "Klagesak 16/00777 er registrert." in response.content.decode()
    assert complaint.history.get().history_user == registrator


def test_sending_and_deciding_are_saved_step_by_step(registrator_client, vederlag):
    complaint = make_complaint("16/00777", vederlag, "2016-03-01")
    url = reverse("complaints:update", args=[complaint.pk])
    registrator_client.post(url, form_data(vederlag, sent_on="2016-03-20", version=0))
    complaint.refresh_from_db()
    assert complaint.status_label == "Hos Fylkesmannen, ikke avgjort"
    response = registrator_client.post(
        url, form_data(vederlag, sent_on="2016-03-20", decision="omgjort", decided_on="2016-06-01", version=1),
        follow=True,
    )  # fmt: skip
    complaint.refresh_from_db()
    assert complaint.decision == "omgjort" and complaint.version == 2
    assert "Klagesak 16/00777 er lagret." in response.content.decode()


def test_a_decision_without_a_sent_date_gets_a_message_next_to_the_field(registrator_client, vederlag):
    response = registrator_client.post(CREATE, form_data(vederlag, decision="stadfestet", decided_on="2016-05-01"))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_decision_error"' in html
    assert "Et vedtak fra Fylkesmannen krever at klagen er sendt dit." in html
    assert not Complaint.objects.exists()


def test_a_fodselsnummer_in_the_note_is_refused_and_nothing_is_saved(registrator_client, vederlag):
    response = registrator_client.post(CREATE, form_data(vederlag, note="Klager: 010180 12371"))
    assert response.status_code == 400
    assert 'id="id_note_error"' in response.content.decode()
    assert "ser ut til å inneholde et fødselsnummer" in response.content.decode()
    assert not Complaint.objects.exists()


def test_a_fodselsnummer_as_the_reference_is_refused(registrator_client, vederlag):
    response = registrator_client.post(CREATE, form_data(vederlag, reference="01018012371"))
    assert 'id="id_reference_error"' in response.content.decode()
    assert not Complaint.objects.exists()


def test_a_reference_is_unique(registrator_client, vederlag):
    make_complaint("16/00777", vederlag, "2016-02-01")
    response = registrator_client.post(CREATE, form_data(vederlag))
    assert "Det finnes allerede en klage med denne saksreferansen." in response.content.decode()
    assert Complaint.objects.count() == 1


def test_a_date_that_is_not_a_date_gets_a_message(registrator_client, vederlag):
    response = registrator_client.post(CREATE, form_data(vederlag, received_on="32.13.2016"))
    assert response.status_code == 400 and 'id="id_received_on_error"' in response.content.decode()


def test_a_stale_form_is_refused_naming_who_changed_it(registrator_client, vederlag, administrator):
    complaint = make_complaint("16/00777", vederlag, "2016-03-01")
    theirs = Complaint.objects.get(pk=complaint.pk)
    theirs._history_user = administrator
    theirs.sent_on = day("2016-03-15")
    theirs.save()
    response = registrator_client.post(reverse("complaints:update", args=[complaint.pk]),
                                       form_data(vederlag, reversed_on="2016-03-10", version=0))  # fmt: skip
    assert response.status_code == 400
    assert "endret av Anne Administrator" in response.content.decode()
    complaint.refresh_from_db()
    assert complaint.sent_on == day("2016-03-15") and complaint.reversed_on is None


def test_the_form_shows_the_lock_instead_of_saving(registrator_client, vederlag):
    complaint = make_complaint("16/00777", vederlag, "2016-11-01", sent="2016-11-20")
    period_lock(period=Period.parse("2016"), reason="Årsrapport 2016, versjon 1")
    url = reverse("complaints:update", args=[complaint.pk])
    decided = form_data(vederlag, received_on="2016-11-01", sent_on="2016-11-20", decision="stadfestet", version=0)
    refused = registrator_client.post(url, decided | {"decided_on": "2016-12-20"})
    assert refused.status_code == 400
    assert "Perioden 2016 er låst (Årsrapport 2016, versjon 1" in refused.content.decode()
    allowed = registrator_client.post(url, decided | {"decided_on": "2017-01-20"})
    assert allowed.status_code == 302
    assert Complaint.objects.get().decided_on == day("2017-01-20")


def test_the_form_names_the_authority_of_the_complaints_time(registrator_client, vederlag):
    old = make_complaint("16/1", vederlag, "2016-03-01", sent="2016-03-20")
    new = make_complaint("22/1", vederlag, "2022-03-01")
    old_form = registrator_client.get(reverse("complaints:update", args=[old.pk])).content.decode()
    new_form = registrator_client.get(reverse("complaints:update", args=[new.pk])).content.decode()
    assert "Sendt til Fylkesmannen" in old_form and "Vedtak fra Fylkesmannen" in old_form
    assert "Sendt til Statsforvalteren" in new_form and "Sendt til Fylkesmannen" not in new_form


def test_an_inactive_case_type_is_offered_only_to_complaints_that_have_it(registrator_client, vederlag, omsorgslonn):
    omsorgslonn.active = False
    omsorgslonn.save()
    complaint = make_complaint("16/1", omsorgslonn, "2016-03-01")
    assert "Omsorgsstønad" not in registrator_client.get(CREATE).content.decode()
    edit = registrator_client.get(reverse("complaints:update", args=[complaint.pk])).content.decode()
    assert "Omsorgsstønad (tidligere Omsorgslønn)" in edit


def test_the_detail_page_shows_the_name_of_the_time_and_now(leder_client, omsorgslonn):
    complaint = make_complaint("16/1", omsorgslonn, "2016-03-01", sent="2016-03-20", decision="omgjort",
                               decided="2016-06-01")  # fmt: skip
    html = leder_client.get(reverse("complaints:detail", args=[complaint.pk])).content.decode()
    assert "Omsorgslønn (nå Omsorgsstønad)" in html
    assert "Sendt til Fylkesmannen</dt><dd>20.03.2016" in html
    assert "Endre" not in html  # a Leder reads


def test_the_history_shows_who_changed_what(registrator_client, registrator, vederlag):
    registrator_client.post(CREATE, form_data(vederlag))
    complaint = Complaint.objects.get()
    registrator_client.post(reverse("complaints:update", args=[complaint.pk]),
                            form_data(vederlag, sent_on="2016-03-20", version=0))  # fmt: skip
    html = registrator_client.get(reverse("complaints:history", args=[complaint.pk])).content.decode()
    assert "Rita Registrator" in html
    assert "Sendt til Fylkesmannen/Statsforvalteren" in html and "20.03.2016" in html
    assert "Opprettet" in html and "Endret" in html


def test_a_registrator_deletes_a_complaint_and_a_lock_stops_it(registrator_client, vederlag):
    doomed = make_complaint("17/1", vederlag, "2017-03-01")
    kept = make_complaint("16/1", vederlag, "2016-03-01")
    period_lock(period=Period.parse("2016"), reason="Årsrapport 2016")
    response = registrator_client.post(reverse("complaints:delete", args=[doomed.pk]), follow=True)
    assert "Klagesak 17/1 er slettet." in response.content.decode()
    refused = registrator_client.post(reverse("complaints:delete", args=[kept.pk]))
    assert refused.status_code == 400 and "Perioden 2016 er låst" in refused.content.decode()
    assert list(Complaint.objects.values_list("reference", flat=True)) == ["16/1"]
