"""The entry pages: register, process, close, a stale form, a lock, delete, history."""

import pytest
from django.urls import reverse
from django.utils import timezone

from deviations.models import Deviation, Status
from horeport.models import period_lock
from horeport.periods import Period
from tests.deviations.helpers import form_data, make_deviation

pytestmark = pytest.mark.django_db


def page(response) -> str:
    return response.content.decode()


def test_a_registrator_registers_a_deviation_and_sees_a_confirmation(registrator_client, registrator, categories, unit):
    response = registrator_client.post(reverse("deviations:create"), form_data(categories["Fall"], unit), follow=True)
    assert "Avviket AVV-2016-00001 er registrert." in page(response)
    deviation = Deviation.objects.get()
    assert deviation.history.get().history_user == registrator
    assert response.redirect_chain[-1][0] == reverse("deviations:detail", args=[deviation.pk])


def test_the_new_form_shows_its_suggestions(registrator_client, categories, unit):
    html = page(registrator_client.get(reverse("deviations:create")))
    assert f'value="AVV-{timezone.localdate().year}-00001"' in html
    assert f'value="{timezone.localdate().isoformat()}"' in html


def test_the_close_step_opens_the_form_with_closing_filled_in(registrator_client, categories, unit):
    deviation = make_deviation(categories["Fall"], unit, "2016-03-02", status=Status.IN_PROGRESS)
    html = page(registrator_client.get(reverse("deviations:update", args=[deviation.pk]) + "?steg=lukk"))
    assert '<option value="lukket" selected>' in html
    assert f'name="closed_on" value="{timezone.localdate().isoformat()}"' in html


def test_closing_without_measures_shows_the_message_next_to_the_field(registrator_client, categories, unit):
    deviation = make_deviation(categories["Fall"], unit, "2016-03-02", reference="AVV-2016-00001")
    data = form_data(categories["Fall"], unit, status="lukket", closed_on="2016-03-09", version=deviation.version)
    response = registrator_client.post(reverse("deviations:update", args=[deviation.pk]), data)
    assert response.status_code == 400
    assert 'id="id_measures_error"' in page(response)
    assert "Beskriv tiltakene før avviket lukkes." in page(response)
    assert Deviation.objects.get().status == Status.REGISTERED


def test_closing_says_the_deviation_is_closed(registrator_client, categories, unit):
    deviation = make_deviation(categories["Fall"], unit, "2016-03-02", reference="AVV-2016-00001")
    data = form_data(categories["Fall"], unit, status="lukket", closed_on="2016-03-09", measures="Sensormatte.",
                     version=deviation.version)  # fmt: skip
    response = registrator_client.post(reverse("deviations:update", args=[deviation.pk]), data, follow=True)
    assert "Avviket AVV-2016-00001 er lukket." in page(response)


def test_a_stale_form_is_refused_naming_who_changed_the_deviation(registrator_client, administrator, categories, unit):
    deviation = make_deviation(categories["Fall"], unit, "2016-03-02", reference="AVV-2016-00001")
    opened_at = deviation.version
    theirs = Deviation.objects.get(pk=deviation.pk)
    theirs._history_user = administrator
    theirs.learning = "Skrevet av en annen."
    theirs.save()
    data = form_data(categories["Fall"], unit, learning="Min tekst.", version=opened_at)
    response = registrator_client.post(reverse("deviations:update", args=[deviation.pk]), data)
    assert "endret av Anne Administrator" in page(response)
    assert Deviation.objects.get().learning == "Skrevet av en annen."


def test_a_lock_taken_after_validation_is_shown_not_a_server_error(registrator_client, categories, unit, monkeypatch):
    deviation = make_deviation(categories["Fall"], unit, "2016-03-02", reference="AVV-2016-00001")
    from deviations import forms

    original = forms.DeviationForm._post_clean

    def validate_then_lock(self):
        original(self)  # the model's own validation passes …
        period_lock(period=Period.parse("2016"), reason="Årsrapport 2016")  # … then someone publishes

    monkeypatch.setattr(forms.DeviationForm, "_post_clean", validate_then_lock)
    data = form_data(categories["Legemiddelavvik"], unit, version=deviation.version)
    response = registrator_client.post(reverse("deviations:update", args=[deviation.pk]), data)
    assert response.status_code == 400
    assert "Perioden 2016 er låst (Årsrapport 2016" in page(response)
    assert Deviation.objects.get().category == categories["Fall"]


def test_the_detail_page_shows_the_lifecycle_and_the_texts(leder_client, categories, unit):
    deviation = make_deviation(categories["Fall"], unit, "2016-03-02", closed_on="2016-03-09", learning="Bedre lys.")
    html = page(leder_client.get(reverse("deviations:detail", args=[deviation.pk])))
    assert "09.03.2016" in html and "Bedre lys." in html and "Sklisikker matte." in html
    assert "Lukk avviket" not in html  # a Leder only reads


def test_the_history_page_lists_who_changed_what(registrator_client, registrator, categories, unit):
    deviation = make_deviation(categories["Fall"], unit, "2016-03-02")
    deviation = Deviation.objects.get(pk=deviation.pk)
    deviation._history_user = registrator
    deviation.status = Status.IN_PROGRESS
    deviation.save()
    html = page(registrator_client.get(reverse("deviations:history", args=[deviation.pk])))
    assert "Rita Registrator" in html
    assert "<td>Status</td><td>Registrert</td><td>Under behandling</td>" in html


def test_deleting_asks_first_and_then_deletes(registrator_client, categories, unit):
    deviation = make_deviation(categories["Fall"], unit, "2016-03-02", reference="AVV-2016-00009")
    url = reverse("deviations:delete", args=[deviation.pk])
    assert "Slett avvik AVV-2016-00009?" in page(registrator_client.get(url))
    assert Deviation.objects.exists()
    response = registrator_client.post(url, follow=True)
    assert "Avviket AVV-2016-00009 er slettet." in page(response)
    assert not Deviation.objects.exists()


def test_deleting_inside_a_locked_period_shows_the_lock(registrator_client, categories, unit):
    deviation = make_deviation(categories["Fall"], unit, "2016-03-02")
    period_lock(period=Period.parse("2016"), reason="Årsrapport 2016")
    response = registrator_client.post(reverse("deviations:delete", args=[deviation.pk]))
    assert "Perioden 2016 er låst" in page(response)
    assert Deviation.objects.exists()


def test_a_leder_may_read_but_not_register(leder_client, categories, unit):
    assert leder_client.get(reverse("deviations:create")).status_code == 403
    response = leder_client.post(reverse("deviations:create"), form_data(categories["Fall"], unit))
    assert response.status_code == 403
    assert not Deviation.objects.exists()


def test_a_reference_taken_after_validation_gets_a_message_not_a_server_error(registrator_client, categories, unit,
                                                                             monkeypatch):  # fmt: skip
    from django.db import IntegrityError

    from deviations import forms

    def collide(self, commit=True):
        raise IntegrityError("UNIQUE constraint failed: deviations_deviation.reference")

    monkeypatch.setattr(forms.DeviationForm, "save", collide)
    response = registrator_client.post(reverse("deviations:create"), form_data(categories["Fall"], unit))
    assert response.status_code == 400
    assert "Noen andre lagret det samme samtidig. Ingenting er lagret" in page(response)
