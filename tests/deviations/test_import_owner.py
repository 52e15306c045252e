"""An import belongs to the user who started it: nobody else previews or confirms it, except administrators."""

import pytest
from django.test import Client
from django.urls import reverse

from deviations.models import Deviation, ImportBatch
from horeport.roles import ADMINISTRATOR, REGISTRATOR
from tests.conftest import client_for, make_user
from tests.deviations.test_import import ROWS, csv_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def batch(registrator_client, categories, unit) -> ImportBatch:
    registrator_client.post(reverse("deviations:import_upload"), {"file": csv_file(ROWS)})
    return ImportBatch.objects.get()


def preview(batch):
    return reverse("deviations:import_preview", args=[batch.pk])


def test_another_registrator_gets_not_found_for_the_preview_and_the_confirmation(batch):
    other = client_for(make_user("rolf", REGISTRATOR))
    assert other.get(preview(batch)).status_code == 404
    assert other.post(preview(batch)).status_code == 404
    assert not Deviation.objects.exists()
    assert ImportBatch.objects.get().saved_at is None


def test_the_registrator_who_started_it_previews_and_confirms_it(batch, registrator_client):
    assert registrator_client.get(preview(batch)).context["plan"].to_save == 3
    registrator_client.post(preview(batch))
    assert Deviation.objects.count() == 3


def test_an_administrator_may_preview_and_confirm_anyone_s_import(batch, registrator):
    administrator = client_for(make_user("ada", ADMINISTRATOR))
    assert administrator.get(preview(batch)).status_code == 200
    administrator.post(preview(batch))
    assert Deviation.objects.count() == 3
    assert Deviation.objects.first().history.get().history_user.username == "ada"


def test_a_signed_out_user_is_sent_to_sign_in(batch):
    response = Client().get(preview(batch))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
