"""Walk every URL pattern as anonymous and as each role, and check who gets what."""

import importlib
import importlib.util

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.test import RequestFactory
from django.urls import get_resolver, reverse
from django.urls.resolvers import URLPattern, URLResolver

from deviations.models import Deviation
from horeport.roles import PROJECT_APPS
from tests.access import ADMIN, ADMIN_REFUSED, ADMINS, LEDER, PUBLIC, REGISTRATOR, Case
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
    url = reverse(case.name, args=case.args, kwargs=case.kwargs) + (f"?{case.query}" if case.query else "")
    return getattr(client, case.method)(url, case.data or {})


def is_login_redirect(response):
    return response.status_code == 302 and response["Location"].startswith(reverse("login") + "?next=")


@pytest.mark.django_db
def test_every_url_pattern_has_an_access_rule():
    covered = {case.name for case in all_cases()}
    missing = sorted(set(url_names()) - covered)
    assert not missing, f"URL patterns without an access case in tests/<app>/access.py: {missing}"


@pytest.mark.django_db
def test_anonymous_may_open_only_the_sign_in_page_the_health_check_and_their_images():
    public = {case.name for case in all_cases() if case.public}
    assert public == PUBLIC, f"Public beyond tests/access.py's PUBLIC: {sorted(public - PUBLIC)}"


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


# -- Django's admin ---------------------------------------------------------------------------------

ADMIN_SITE_PAGES = ("index", "login", "password_change", "password_change_done", "jsi18n", "autocomplete")


def admin_cases(administrator) -> list[Case]:
    """Every page of Django's admin, each for administrators only (where the admin allows them at
    all: a ModelAdmin may refuse adding, changing or deleting to everyone)."""
    request = RequestFactory().get("/")
    request.user = administrator
    cases = [Case(f"admin:{name}", frozenset() if f"admin:{name}" in ADMIN_REFUSED else ADMINS)
             for name in ADMIN_SITE_PAGES]  # fmt: skip
    for app_label in sorted({model._meta.app_label for model in admin.site._registry}):
        cases.append(Case("admin:app_list", ADMINS, kwargs={"app_label": app_label}))
    for model, model_admin in admin.site._registry.items():
        meta = model._meta
        obj = model._default_manager.order_by("pk").first()
        home = meta.app_label if meta.app_label in PROJECT_APPS else "horeport"
        assert obj is not None, f"No {meta.label} for the admin walk: create one in tests/{home}/access.py"
        # What the ModelAdmin itself allows an administrator, page by page.
        may = {
            "changelist": model_admin.has_view_or_change_permission(request),
            "add": model_admin.has_add_permission(request),
            "change": model_admin.has_view_or_change_permission(request, obj),
            "history": model_admin.has_view_or_change_permission(request, obj),
            "delete": model_admin.has_delete_permission(request, obj),
            "password_change": model_admin.has_change_permission(request, obj),  # the user admin's
            "simple_history": model_admin.has_view_or_change_permission(request, obj),  # one old version
        }
        for pattern in model_admin.get_urls():
            if not pattern.name:
                continue
            action = pattern.name.removeprefix(f"{meta.app_label}_{meta.model_name}_")
            assert action in may, f"The admin walk does not know admin:{pattern.name}: say who may open it"
            args, kwargs = (), {}
            if action == "simple_history":
                args = (obj.pk, model.history.filter(**{meta.pk.attname: obj.pk}).first().history_id)
            elif action not in ("changelist", "add"):
                kwargs = dict.fromkeys(pattern.pattern.converters, obj.pk)
            cases.append(Case(f"admin:{pattern.name}", ADMINS if may[action] else frozenset(), args=args,
                              kwargs=kwargs))  # fmt: skip
    linked = Deviation.objects.first()  # a model with its own page: "view on site" redirects there
    content_type = ContentType.objects.get_for_model(Deviation)
    cases.append(Case("admin:view_on_site", ADMINS, kwargs={"content_type_id": content_type.pk,
                                                             "object_id": linked.pk}))  # fmt: skip
    cases.append(Case("admin:logout", ADMINS, method="post"))  # last: it signs the walker out
    return cases


def admin_url_names():
    """Every named URL pattern of Django's admin."""
    admin_resolver = next(
        e for e in get_resolver().url_patterns if isinstance(e, URLResolver) and e.app_name == "admin"
    )

    def walk(resolver):
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                yield from walk(entry)
            elif entry.name:
                yield f"admin:{entry.name}"

    return set(walk(admin_resolver))


@pytest.mark.django_db
def test_the_admin_walk_covers_every_admin_url_pattern():
    all_cases()
    covered = {case.name for case in admin_cases(make_user("walker", ROLE_USERS[ADMIN]))}
    missing = sorted(admin_url_names() - covered)
    assert not missing, f"Pages of Django's admin the walk does not open: {missing}"


@pytest.mark.django_db
def test_anonymous_meets_the_sign_in_page_on_every_admin_page(client):
    all_cases()
    for case in admin_cases(make_user("walker", ROLE_USERS[ADMIN])):
        response = request(client, case)
        for _ in range(2):  # the admin's sign-in address sends on to the product's
            if response.status_code != 302:
                break
            response = client.get(response["Location"])
        assert response.status_code == 200, f"{case.name}: anonymous got {response.status_code}"
        assert response.resolver_match.view_name == "login", f"{case.name}: anonymous reached {response.request}"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_only_administrators_reach_the_admin(role):
    all_cases()
    walker = make_user(f"walker-{role}", ROLE_USERS[role])
    client = client_for(walker)
    for case in admin_cases(make_user("admin-walker", ROLE_USERS[ADMIN])):
        response = request(client, case)
        if role in case.allowed:
            assert response.status_code < 400 and not is_login_redirect(response), (
                f"{role} should reach {case.name}, got {response.status_code}"
            )
        else:
            assert response.status_code == 403, f"{role} should be refused {case.name}, got {response.status_code}"


@pytest.mark.django_db
def test_the_staff_flag_alone_does_not_open_the_admin_and_a_superuser_gets_in():
    staff_registrator = make_user("staff-rita", ROLE_USERS[REGISTRATOR], is_staff=True)
    assert client_for(staff_registrator).get(reverse("admin:index")).status_code == 403
    root = get_user_model().objects.create_superuser("root", password="Et-langt-passord-for-root")
    assert client_for(root).get(reverse("admin:index")).status_code == 200


@pytest.mark.django_db
def test_an_administrator_signs_in_to_the_admin_through_the_products_sign_in_page(client):
    make_user("anne", ROLE_USERS[ADMIN])
    response = client.get(reverse("admin:index"), follow=True)
    assert response.resolver_match.view_name == "login"
    signed_in = client.post(response.request["PATH_INFO"] + "?" + response.request["QUERY_STRING"],
                            {"username": "anne", "password": "test-pass-123", "next": "/django-admin/"},
                            follow=True)  # fmt: skip
    assert signed_in.resolver_match.view_name == "admin:index" and signed_in.status_code == 200
