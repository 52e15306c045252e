"""Walk every URL pattern as anonymous and as each role, and check who gets what."""

import importlib
import importlib.util

import pytest
from django.urls import get_resolver, reverse
from django.urls.resolvers import URLPattern, URLResolver

from horeport.roles import PROJECT_APPS
from tests.access import ADMIN, LEDER, REGISTRATOR
from tests.conftest import ROLE_USERS, client_for, make_user

ROLES = (LEDER, REGISTRATOR, ADMIN)


def url_names(resolver=None, namespace=""):
    """Every named URL of the project (Django's admin excepted: it guards itself)."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.app_name == "admin":
                continue
            prefix = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from url_names(entry, prefix)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}"


def all_cases():
    cases = []
    for app in PROJECT_APPS:
        if importlib.util.find_spec(f"tests.{app}.access"):
            cases += importlib.import_module(f"tests.{app}.access").cases()
    return cases


def request(client, case):
    url = reverse(case.name, kwargs=case.kwargs) + (f"?{case.query}" if case.query else "")
    return getattr(client, case.method)(url, case.data or {})


def is_login_redirect(response):
    return response.status_code == 302 and response["Location"].startswith(reverse("login") + "?next=")


@pytest.mark.django_db
def test_every_url_pattern_has_an_access_rule():
    covered = {case.name for case in all_cases()}
    missing = sorted(set(url_names()) - covered)
    assert not missing, f"URL patterns without an access case in tests/<app>/access.py: {missing}"


@pytest.mark.django_db
def test_anonymous_is_sent_to_the_login_page_except_for_public_urls(client):
    for case in all_cases():
        response = request(client, case)
        if case.public:
            assert response.status_code < 400 and not is_login_redirect(response), case.name
        else:
            assert is_login_redirect(response), f"{case.name} answered anonymous with {response.status_code}"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_what_it_may_and_is_refused_the_rest(role):
    walker = make_user(f"walker-{role}", ROLE_USERS[role])
    client = client_for(walker)
    for case in all_cases():
        response = request(client, case)
        if role in case.allowed:
            assert response.status_code < 400 and not is_login_redirect(response), (
                f"{role} should reach {case.name}, got {response.status_code}"
            )
        else:
            assert response.status_code == 403, f"{role} should be refused {case.name}, got {response.status_code}"
        if case.name == "logout":
            client.force_login(walker)  # the same user again: some pages are only their own user's
