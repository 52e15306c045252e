"""Error pages: Norwegian, lang="nb", served without the database; a database outage answers
503 "Midlertidig utilgjengelig", never a server error; /healthz answers over plain HTTP."""

import html
import re

import pytest
from django.db import InterfaceError, OperationalError, connections
from django.test import Client
from django.urls import reverse

from horeport.models import PeriodLock
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def heading(response) -> str:
    found = re.search(r"<h1[^>]*>(.*?)</h1>", response.content.decode(), re.S)
    return html.unescape(found.group(1)).strip() if found else ""


def text(response) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


def is_norwegian_page(response) -> bool:
    return '<html lang="nb"' in response.content.decode() and response["Content-Type"].startswith("text/html")


@pytest.fixture
def database_down(monkeypatch):
    """Every new query fails as it does when PostgreSQL is down or restarting."""

    def refuse():
        raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')

    monkeypatch.setattr(connections["default"], "ensure_connection", refuse)


def test_a_missing_page_is_404_in_norwegian(registrator_client, client):
    for who in (registrator_client, client):
        response = who.get("/finnes-ikke/")
        assert response.status_code == 404 and is_norwegian_page(response)
        assert heading(response) == "Fant ikke siden"


def test_a_refused_page_is_403_and_names_the_role(registrator_client):
    response = registrator_client.get(reverse("site_settings"))
    assert response.status_code == 403 and is_norwegian_page(response)
    assert heading(response) == "Ingen tilgang"
    assert "Rollen din (registrator) gir ikke tilgang til denne siden." in text(response)


def test_a_request_for_an_unknown_host_is_400_in_norwegian():
    response = Client(HTTP_HOST="horeport.example.com").get("/logg-inn/")
    assert response.status_code == 400 and is_norwegian_page(response)
    assert heading(response) == "Ugyldig forespørsel"


def test_a_get_to_a_post_only_address_is_405_in_norwegian_and_says_what_is_allowed(administrator_client):
    response = administrator_client.get(reverse("lock_create"))
    assert response.status_code == 405 and is_norwegian_page(response)
    assert heading(response) == "Siden kan ikke brukes slik"
    assert response["Allow"] == "POST"
    assert not PeriodLock.objects.exists()


def test_a_bug_is_500_in_norwegian(registrator, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(PeriodLock.objects, "active", broken)
    client = Client(raise_request_exception=False)
    client.force_login(registrator)
    response = client.get(reverse("home"))
    assert response.status_code == 500 and is_norwegian_page(response)
    assert heading(response) == "Noe gikk galt"


def test_a_form_without_its_csrf_token_gets_the_norwegian_csrf_page(registrator):
    client = Client(enforce_csrf_checks=True)
    client.force_login(registrator)
    client.cookies["csrftoken"] = "x" * 32
    response = client.post(reverse("password_change"), {"old_password": "test-pass-123"})
    assert response.status_code == 403 and is_norwegian_page(response)
    assert heading(response) == "Skjemaet kunne ikke sendes"
    assert "Det du sendte inn er ikke lagret." in text(response)


def test_the_csrf_page_mentions_cookies_when_the_browser_sent_none():
    response = Client(enforce_csrf_checks=True).post(reverse("login"), {"username": "rita", "password": "x"})
    assert response.status_code == 403 and "informasjonskapsler" in text(response)


def test_a_database_outage_answers_503_on_the_sign_in_page(database_down):
    response = Client(raise_request_exception=False).get(reverse("login"))
    assert response.status_code == 503 and is_norwegian_page(response)
    assert heading(response) == "Midlertidig utilgjengelig"
    assert response["Retry-After"] == "30"


def test_a_database_outage_answers_503_when_the_session_cannot_be_read(registrator_client, database_down):
    client = registrator_client  # signed in before the outage
    client.raise_request_exception = False
    for url in (reverse("home"), reverse("kpi:index"), reverse("reports:archive")):
        response = client.get(url)
        assert response.status_code == 503 and heading(response) == "Midlertidig utilgjengelig", url


def test_a_connection_lost_in_a_view_answers_503(registrator, monkeypatch):
    def lost(*args, **kwargs):
        raise InterfaceError("connection already closed")

    monkeypatch.setattr(PeriodLock.objects, "active", lost)
    response = client_for(registrator).get(reverse("home"))
    assert response.status_code == 503 and heading(response) == "Midlertidig utilgjengelig"


def test_a_query_bug_is_still_500_not_503(registrator, monkeypatch):
    from django.db import ProgrammingError

    def wrong(*args, **kwargs):
        raise ProgrammingError('column "nope" does not exist')

    monkeypatch.setattr(PeriodLock.objects, "active", wrong)
    client = client_for(registrator)
    client.raise_request_exception = False
    assert client.get(reverse("home")).status_code == 500


def test_healthz_says_the_database_is_down(database_down):
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "feil", "database": "feil"}


def test_the_site_answers_again_when_the_database_is_back(registrator, monkeypatch):
    client = client_for(registrator)
    client.raise_request_exception = False
    with monkeypatch.context() as outage:
        outage.setattr(connections["default"], "ensure_connection", lambda: (_ for _ in ()).throw(OperationalError()))
        assert client.get(reverse("home")).status_code == 503
    assert client.get(reverse("home")).status_code == 200


def test_healthz_answers_over_plain_http_when_https_is_required(settings):
    settings.SECURE_SSL_REDIRECT = True
    client = Client()
    assert client.get("/healthz").status_code == 200
    response = client.get(reverse("login"))
    assert response.status_code == 301 and response["Location"] == "https://testserver/logg-inn/"
