"""The shared pages: health check, landing page, settings, units, locks and users."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from horeport.models import PeriodLock, ServiceUnit, SiteSettings
from horeport.periods import Period

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_healthz_answers_without_login_and_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_the_landing_page_names_the_municipality_the_user_and_the_role(registrator_client):
    SiteSettings.objects.update_or_create(pk=1, defaults={"municipality_name": "Asker kommune"})
    html = registrator_client.get("/").content.decode()
    assert "Asker kommune" in html
    assert "Rita Registrator" in html
    assert "Registrator</span>" in html
    for label in ("Målekart", "Boliger", "Tjenester", "Avvik", "Klagesaker", "Økonomi", "Rapporter"):
        assert f">{label}</a>" in html


def test_only_an_administrator_sees_the_settings_link(registrator_client, administrator_client):
    assert "Innstillinger" not in registrator_client.get("/").content.decode()
    assert "Innstillinger" in administrator_client.get("/").content.decode()


def test_an_administrator_changes_the_name_and_uploads_a_logo(administrator_client):
    response = administrator_client.post(
        reverse("site_settings"),
        {"municipality_name": "Stavanger kommune", "department_name": "Helse og velferd", "due_day": "15",
         "plausibility_percent": "40", "logo_file": SimpleUploadedFile("logo.png", PNG, content_type="image/png")},
        follow=True,
    )  # fmt: skip
    assert "Innstillingene er lagret." in response.content.decode()
    site = SiteSettings.current()
    assert (site.municipality_name, site.department_name, site.due_day) == ("Stavanger kommune", "Helse og velferd", 15)
    assert site.plausibility_percent == 40
    logo = administrator_client.get(reverse("logo"))
    assert logo["Content-Type"] == "image/png" and logo.content == PNG


@pytest.mark.parametrize("day", ["0", "29", "tjue", "-1"])
def test_a_deadline_day_outside_1_to_28_is_refused_with_a_message(administrator_client, day):
    response = administrator_client.post(
        reverse("site_settings"),
        {"municipality_name": "Asker kommune", "department_name": "Helse og omsorg", "due_day": day},
    )
    form = response.context["form"]
    assert form.errors["due_day"] and SiteSettings.current().due_day == 10


def test_a_logo_that_is_not_an_image_is_refused_with_a_message(administrator_client):
    response = administrator_client.post(
        reverse("site_settings"),
        {"municipality_name": "Asker kommune", "department_name": "Helse og omsorg",
         "logo_file": SimpleUploadedFile("logo.png", b"GIF89a....", content_type="image/png")},
    )  # fmt: skip
    assert "Logoen må være en PNG-, JPEG- eller SVG-fil." in response.content.decode()
    assert not SiteSettings.current().has_logo


def test_an_administrator_adds_a_unit(administrator_client):
    response = administrator_client.post(
        reverse("unit_create"), {"name": "Mestringshuset", "short_name": "MH", "sort_order": "10", "active": "on"},
        follow=True,
    )  # fmt: skip
    assert "Virksomheten «Mestringshuset» er lagret." in response.content.decode()
    assert ServiceUnit.objects.get().short_name == "MH"


def test_a_duplicate_unit_name_gets_a_message_next_to_the_field(administrator_client):
    ServiceUnit.objects.create(name="Mestringshuset")
    response = administrator_client.post(reverse("unit_create"), {"name": "Mestringshuset", "sort_order": "1"})
    assert response.status_code == 400
    assert 'id="id_name_error"' in response.content.decode()
    assert ServiceUnit.objects.count() == 1


def test_an_administrator_locks_and_unlocks_a_period_with_a_reason(administrator_client, administrator):
    administrator_client.post(reverse("lock_create"), {"period": "2016-Q4", "reason": "Kontroll"})
    lock = PeriodLock.objects.get()
    assert lock.period == Period.parse("2016-Q4") and lock.locked_by == administrator

    refused = administrator_client.post(reverse("lock_unlock", args=[lock.pk]), {"reason": ""})
    assert "Skriv hvorfor perioden låses opp." in refused.content.decode()
    lock.refresh_from_db()
    assert lock.is_active

    administrator_client.post(reverse("lock_unlock", args=[lock.pk]), {"reason": "Rettet tall for desember"})
    lock.refresh_from_db()
    assert not lock.is_active and lock.unlock_reason == "Rettet tall for desember"


def test_a_bad_period_is_refused_with_a_norwegian_message(administrator_client):
    response = administrator_client.post(reverse("lock_create"), {"period": "2016-Q5", "reason": "x"})
    assert response.status_code == 400
    assert "Kvartal 5 finnes ikke." in response.content.decode()
    assert not PeriodLock.objects.exists()


def test_an_administrator_creates_a_user_with_a_role(administrator_client):
    administrator_client.post(
        reverse("user_create"),
        {"username": "kari", "first_name": "Kari", "last_name": "Nordmann", "email": "", "is_active": "on",
         "role": "Leder", "password": "Sikkert-passord-2016"},
    )  # fmt: skip
    kari = get_user_model().objects.get(username="kari")
    assert [g.name for g in kari.groups.all()] == ["Leder"]
    assert kari.check_password("Sikkert-passord-2016")
    assert kari.has_perm("horeport.view_serviceunit") and not kari.has_perm("horeport.change_sitesettings")


def test_a_weak_password_is_refused(administrator_client):
    response = administrator_client.post(
        reverse("user_create"), {"username": "kari", "role": "Leder", "password": "12345678", "is_active": "on"}
    )
    assert response.status_code == 200
    assert not get_user_model().objects.filter(username="kari").exists()


def test_login_page_signs_a_user_in(client, registrator):
    response = client.post(reverse("login"), {"username": "rita", "password": "test-pass-123"}, follow=True)
    assert response.redirect_chain[-1][0] == "/"
    assert "Rita Registrator" in response.content.decode()


def test_wrong_password_gets_a_message(client, registrator):
    response = client.post(reverse("login"), {"username": "rita", "password": "feil"})
    assert "korrekt brukernavn og passord" in response.content.decode()


def test_the_login_page_names_the_municipality_and_department(client):
    SiteSettings.objects.update_or_create(
        pk=1, defaults={"municipality_name": "Asker kommune", "department_name": "Helse og omsorg"}
    )
    html = client.get(reverse("login")).content.decode()
    assert "Styringsdata og rapporter for helse og omsorg i Asker kommune." in html
    assert '<span class="site-brand__municipality">Asker kommune</span>' in html
