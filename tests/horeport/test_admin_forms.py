"""The Django admin's add forms, saved untouched, come back with their messages (never a server error)."""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from horeport.models import SiteSettings, period_lock
from horeport.periods import Period
from tests.html_forms import page_forms

ADMIN_MODELS = sorted(admin.site._registry, key=lambda model: model._meta.label)


@pytest.fixture
def superuser_client(db):
    SiteSettings.current()  # as on any site that has shown a page
    client = Client(raise_request_exception=False)
    client.force_login(get_user_model().objects.create_superuser("rot", password="test-pass-123"))
    return client


@pytest.mark.parametrize("locked", [False, True], ids=["no lock", "a locked period"])
@pytest.mark.parametrize("model", ADMIN_MODELS, ids=[model._meta.label for model in ADMIN_MODELS])
def test_an_add_form_saved_untouched_comes_back_with_its_messages(superuser_client, model, locked):
    if locked:
        period_lock(period=Period.parse("2016"), reason="Årsrapport 2016")
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")
    page = superuser_client.get(url)
    if page.status_code == 403:
        pytest.skip(f"{model._meta.label} is not added in the admin")
    form = max(
        (form for form in page_forms(page.content.decode()) if form.method == "post"), key=lambda f: len(f.fields)
    )
    count = model._default_manager.count()
    response = superuser_client.post(url, form.data())
    assert response.status_code in (200, 302), f"{model._meta.label}: {response.status_code}"
    if response.status_code == 200:  # refused: the form again, with its messages, and nothing saved
        assert "errornote" in response.content.decode()  # «Vennligst korriger feilene under.»
        assert model._default_manager.count() == count
    else:  # valid as it stands
        assert model._default_manager.count() == count + 1


def test_the_site_settings_are_one_row_and_cannot_be_added_again(superuser_client):
    assert superuser_client.get(reverse("admin:horeport_sitesettings_add")).status_code == 403
    response = superuser_client.post(reverse("admin:horeport_sitesettings_add"), {"municipality_name": "Asker"})
    assert response.status_code == 403
    assert SiteSettings.objects.count() == 1
