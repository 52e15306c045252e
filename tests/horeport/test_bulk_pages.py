"""The pages of Tall fra Excel: download a template, upload it filled, the preview, confirming;
a round trip ending with the new figures on the service's page."""

import pytest
from django.urls import reverse

from horeport.models import BulkUpload
from kpi.models import KeyFigure
from tests.conftest import make_user
from tests.horeport.helpers import XLSX, fill, template, uploaded, workbook_of, xlsx_file
from tests.volumes.helpers import make_figure, make_service
from tests.volumes.test_pages import cell_texts
from volumes.models import VolumeFigure

pytestmark = pytest.mark.django_db


@pytest.fixture
def bpa(db):
    return make_service("BPA", slug="bpa")


def test_a_round_trip_download_fill_upload_confirm_shows_the_new_figures(registrator_client, leder_client, bpa):
    make_figure(bpa, "2017-01", users_under_18=5, users_over_18=40)
    response = registrator_client.get(reverse("bulk_template"), {"skjema": "tjenester", "periode": "2017-01"})
    assert response["Content-Type"] == XLSX
    assert 'filename="tjenester-2017-01.xlsx"' in response["Content-Disposition"]
    workbook = workbook_of(response.content)
    fill(workbook, "bpa", "Antall brukere > 18 år", 41)
    fill(workbook, "bpa", "Antall timer > 18 år", 9000.5)
    fill(workbook, "bpa", "Antall timer ≤ 18 år", 1200)
    response = registrator_client.post(reverse("bulk_index"), {"file": xlsx_file(workbook, "januar.xlsx")})
    upload = BulkUpload.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("bulk_preview", args=[upload.pk])
    html = registrator_client.get(response["Location"]).content.decode()
    assert 'data-status="change" data-cell="E6"' in html
    assert '<td class="num">40</td>\n    <td class="num">41</td>' in html
    assert 'data-cell="I6"' in html and "Nytt</span>" in html  # hours > 18: nothing stored before
    assert VolumeFigure.objects.get().users_over_18 == 40  # nothing saved before confirming
    response = registrator_client.post(reverse("bulk_preview", args=[upload.pk]))
    assert response.status_code == 302
    html = leder_client.get(reverse("volumes:service", kwargs={"slug": "bpa"}) + "?aar=2017").content.decode()
    assert cell_texts(html, "months", "users_total")[0] == "46"
    assert cell_texts(html, "months", "hours_total")[0] == "10\xa0200,5"
    assert "Filen ble lagret" in registrator_client.get(reverse("bulk_preview", args=[upload.pk])).content.decode()


def test_a_refused_cell_is_shown_with_its_reason_and_nothing_can_be_saved(registrator_client, bpa):
    workbook = template("tjenester", "2016-12")
    fill(workbook, "bpa", "Antall brukere > 18 år", "mange")
    response = registrator_client.post(reverse("bulk_index"), {"file": xlsx_file(workbook)}, follow=True)
    html = response.content.decode()
    assert 'data-status="refused" data-cell="E6"' in html
    assert "«mange» er tekst, ikke et tall." in html
    assert "Lagre" not in html.split("<h1", 1)[1].split("<table", 1)[0]
    response = registrator_client.post(reverse("bulk_preview", args=[BulkUpload.objects.get().pk]))
    assert response.status_code == 409 and not VolumeFigure.objects.exists()


def test_a_stale_confirmation_lists_what_changed_and_who_changed_it(registrator_client, bpa):
    make_figure(bpa, "2016-12", users_over_18=40)
    workbook = template("tjenester", "2016-12")
    fill(workbook, "bpa", "Antall brukere > 18 år", 42)
    response = registrator_client.post(reverse("bulk_index"), {"file": xlsx_file(workbook)}, follow=True)
    assert "Lagre 1 tall" in response.content.decode()
    stored = VolumeFigure.objects.get()
    stored.users_over_18 = 39
    stored._history_user = make_user("ola", first_name="Ola", last_name="Nordmann")
    stored.save()
    response = registrator_client.post(reverse("bulk_preview", args=[BulkUpload.objects.get().pk]))
    html = response.content.decode()
    assert response.status_code == 409
    assert "BPA: endret av Ola Nordmann" in html
    assert VolumeFigure.objects.get().users_over_18 == 39


def test_a_file_that_is_not_a_template_gets_a_message_next_to_the_field(registrator_client):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["Saksnummer", "Kategori"])
    response = registrator_client.post(reverse("bulk_index"), {"file": xlsx_file(workbook)})
    assert response.status_code == 400
    assert "Filen er ikke en mal for tall fra Excel" in response.content.decode()
    assert not BulkUpload.objects.exists()


def test_a_template_for_a_period_the_kind_does_not_take_is_refused_with_a_message(registrator_client, bpa):
    response = registrator_client.get(reverse("bulk_template"), {"skjema": "tjenester", "periode": "2016-Q4"})
    assert response.status_code == 400
    assert "Tjenestetall registreres for disse periodene: måned, halvår, år." in response.content.decode()


def test_someone_elses_upload_is_not_found(registrator_client, bpa):
    other = make_user("kari")
    upload = BulkUpload.objects.create(
        created_by=other, filename="x.xlsx", checksum="0", kind="tjenester", period="2016-12", rows=[]
    )
    assert registrator_client.get(reverse("bulk_preview", args=[upload.pk])).status_code == 404


def test_the_entry_pages_and_the_home_page_link_to_the_template(registrator_client, bpa):
    KeyFigure.objects.create(name="Innbyggere over 80 år", frequency="year")
    pages = {
        reverse("home"): 'href="/tall-fra-excel/?periode=',
        reverse("volumes:grid", args=["bpa", 2016]): 'href="/tall-fra-excel/?skjema=tjenester"',
        reverse("kpi:result_entry") + "?periode=2016": 'href="/tall-fra-excel/?skjema=resultater&amp;periode=2016"',
        reverse("kpi:key_figure_entry") + "?periode=2016": 'href="/tall-fra-excel/?skjema=nokkeltall&amp;periode=2016"',
        reverse("waitlists:month_entry")
        + "?periode=2016-12": 'href="/tall-fra-excel/?skjema=boliger&amp;periode=2016-12"',
    }
    for url, link in pages.items():
        assert link in registrator_client.get(url).content.decode(), url


def test_the_page_chooses_the_kind_and_period_it_was_opened_with(registrator_client):
    html = registrator_client.get(reverse("bulk_index") + "?skjema=boliger&periode=2016-12").content.decode()
    assert '<option value="boliger" selected>' in html
    assert '<option value="2016-12" selected>' in html


def test_an_upload_left_unsaved_waits_on_the_administrators_home_page(registrator, administrator_client, bpa):
    workbook = template("tjenester", "2016-12")
    fill(workbook, "bpa", "Antall brukere > 18 år", 42)
    upload = uploaded(workbook, registrator, "desember.xlsx")
    html = administrator_client.get(reverse("home")).content.decode()
    assert "Tall fra Excel: Opplastingen av «desember.xlsx» (desember 2016;" in html
    assert f'href="{reverse("bulk_preview", args=[upload.pk])}"' in html
