"""Brute-force protection on the sign-in page: a user name is locked out from an address after
repeated failures, with a Norwegian message, until the lock lifts or an administrator lifts it."""

import datetime
import html
import io
import re

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from horeport.logins import login_lockouts
from horeport.roles import LEDER
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

PASSWORD = "test-pass-123"  # make_user's
LOCKED = "For mange mislykkede innlogginger. Brukernavnet er sperret i 30 minutter"
WRONG = "Vennligst oppgi korrekt brukernavn og passord."


def sign_in(username, password, address="10.0.0.1"):
    return Client(REMOTE_ADDR=address).post(reverse("login"), {"username": username, "password": password})


def alert(response) -> str:
    found = re.search(r'<div class="ds-alert"[^>]*role="alert">(.*?)</div>', response.content.decode(), re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", found.group(1))).strip() if found else ""


def fail(username, times, address="10.0.0.1"):
    return [sign_in(username, "feil-passord", address) for _ in range(times)]


def test_after_five_failures_the_right_password_is_refused_with_a_norwegian_message(registrator):
    answers = fail("rita", 4)
    assert all(r.status_code == 200 and alert(r).startswith(WRONG) for r in answers)
    fifth = fail("rita", 1)[0]
    assert fifth.status_code == 429 and alert(fifth).startswith(LOCKED)

    response = sign_in("rita", PASSWORD)
    assert response.status_code == 429
    assert alert(response).startswith(LOCKED)
    assert "_auth_user_id" not in response.wsgi_request.session
    assert 'name="username"' in response.content.decode()  # still the sign-in page


def test_fewer_failures_do_not_lock_and_a_success_starts_the_count_again(registrator):
    fail("rita", 4)
    assert sign_in("rita", PASSWORD).status_code == 302
    fail("rita", 4)
    assert sign_in("rita", PASSWORD).status_code == 302


def test_other_users_and_other_addresses_are_not_locked_out(registrator, leder):
    fail("rita", 5)
    assert sign_in("rita", PASSWORD).status_code == 429
    assert sign_in("lars", PASSWORD).status_code == 302  # a colleague at the same address
    assert sign_in("rita", PASSWORD, address="10.0.0.2").status_code == 302  # rita at another machine


def test_the_lock_lifts_by_itself_thirty_minutes_after_the_last_failure(registrator):
    def failed_minutes_ago(minutes):
        AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=minutes))

    fail("rita", 5)
    failed_minutes_ago(29)
    assert sign_in("rita", PASSWORD).status_code == 429
    failed_minutes_ago(31)
    assert sign_in("rita", PASSWORD).status_code == 302


def test_an_administrator_sees_the_lockout_and_lifts_it(registrator, administrator_client):
    fail("rita", 5)
    page = html.unescape(administrator_client.get(reverse("user_list")).content.decode())
    assert "Sperret" in page and "For mange mislykkede innlogginger." in page
    assert f'action="{reverse("user_unlock", args=[registrator.pk])}"' in page

    response = administrator_client.post(reverse("user_unlock", args=[registrator.pk]), follow=True)
    assert "Sperren er opphevet. «rita» kan logge inn igjen." in html.unescape(response.content.decode())
    assert "Sperret" not in html.unescape(response.content.decode())
    assert sign_in("rita", PASSWORD).status_code == 302


def test_the_user_list_shows_no_lock_below_the_limit(registrator, administrator_client):
    fail("rita", 4)
    assert login_lockouts() == {}
    assert "Opphev sperren" not in administrator_client.get(reverse("user_list")).content.decode()


def test_a_registrator_cannot_lift_a_lockout(registrator, registrator_client):
    fail("rita", 5)
    lars = make_user("lars", LEDER)
    assert registrator_client.post(reverse("user_unlock", args=[lars.pk])).status_code == 403
    assert registrator_client.post(reverse("user_unlock", args=[registrator.pk])).status_code == 403
    assert "rita" in login_lockouts()


def test_the_management_command_lifts_a_lockout(registrator):
    fail("rita", 5)
    out = io.StringIO()
    call_command("axes_reset_username", "rita", stdout=out)
    assert "attempts removed" in out.getvalue()
    assert sign_in("rita", PASSWORD).status_code == 302


def test_behind_the_proxy_the_address_is_the_one_the_proxy_added(registrator, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

    def via_proxy(claimed):
        client = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=f"{claimed}, 192.0.2.7")
        return client.post(reverse("login"), {"username": "rita", "password": "feil-passord"})

    for n in range(5):
        via_proxy(f"203.0.113.{n}")  # a forged first address changes nothing
    assert login_lockouts()["rita"].addresses == ["192.0.2.7"]
