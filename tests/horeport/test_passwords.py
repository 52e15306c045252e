"""Password rules: at least 12 characters, no common or Norwegian-common passwords, and not
like the user's own name, also when an administrator creates the user."""

import html
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse

from horeport.passwords import common_word_of

pytestmark = pytest.mark.django_db

TOO_SHORT = "Passordet er for kort. Det må ha minst 12 tegn."
NORWEGIAN_COMMON = "Dette passordet er for vanlig: et vanlig ord med tall eller tegn foran eller bak er lett å gjette."


def field_errors(response, name: str) -> list[str]:
    """The messages shown next to a field."""
    page = response.content.decode()
    found = re.search(rf'<div[^>]*id="id_{name}_error"[^>]*>(.*?)</div>', page, re.S)
    return [html.unescape(text) for text in re.findall(r"<p>(.*?)</p>", found.group(1))] if found else []


def create_user(client, password, **fields):
    data = {"username": "kari", "first_name": "", "last_name": "", "email": "", "is_active": "on", "role": "Leder"}
    return client.post(reverse("user_create"), {**data, **fields, "password": password})


@pytest.mark.parametrize("password", ["Sommer2016", "passord1", "Velkommen2024!", "VINTEREN-1234", "God jul 2016!"])
def test_a_norwegian_common_password_is_refused(administrator_client, password):
    response = create_user(administrator_client, password)
    assert NORWEGIAN_COMMON in field_errors(response, "password")
    assert not get_user_model().objects.filter(username="kari").exists()


def test_a_password_under_12_characters_is_refused_with_a_norwegian_message(administrator_client):
    response = create_user(administrator_client, "k7#Qz!w9Lp2")  # 11 characters, nothing common
    assert field_errors(response, "password") == [TOO_SHORT]
    assert not get_user_model().objects.filter(username="kari").exists()


def test_a_common_international_password_is_refused(administrator_client):
    response = create_user(administrator_client, "password1234")
    assert field_errors(response, "password") == ["Dette passordet er for vanlig."]


def test_a_password_like_the_new_users_name_is_refused_when_an_administrator_creates_the_user(administrator_client):
    response = create_user(
        administrator_client, "Fjellheim2016!", username="kari", first_name="Kari", last_name="Fjellheim"
    )
    assert field_errors(response, "password") == ["Passordet er for likt etternavn."]
    response = create_user(administrator_client, "kari.nordmann.1", username="kari.nordmann")
    assert field_errors(response, "password") == ["Passordet er for likt brukernavn."]
    assert not get_user_model().objects.filter(username__startswith="kari").exists()


def test_a_changed_password_like_the_users_new_name_is_refused(administrator_client):
    kari = get_user_model().objects.create_user("kari", password="Et-helt-annet-passord-7")
    response = administrator_client.post(
        reverse("user_update", args=[kari.pk]),
        {"username": "kari", "first_name": "Kari", "last_name": "Fjellheimsen", "email": "", "is_active": "on",
         "role": "Leder", "password": "Fjellheimsen-1"},
    )  # fmt: skip
    assert field_errors(response, "password") == ["Passordet er for likt etternavn."]
    kari.refresh_from_db()
    assert kari.last_name == "" and kari.check_password("Et-helt-annet-passord-7")


def test_a_long_uncommon_password_is_accepted(administrator_client):
    response = create_user(administrator_client, "Tre-blå-bjørner-på-ski", username="kari.nordmann")
    assert response.status_code == 302
    assert get_user_model().objects.get(username="kari.nordmann").check_password("Tre-blå-bjørner-på-ski")


def test_the_form_says_what_a_password_needs(administrator_client):
    page = html.unescape(administrator_client.get(reverse("user_create")).content.decode())
    assert "Minst 12 tegn. Ikke et vanlig passord (som «Sommer2016»), og ikke likt brukernavnet eller navnet." in page


def test_the_password_change_page_refuses_a_norwegian_common_password(registrator_client, registrator):
    response = registrator_client.post(
        reverse("password_change"),
        {"old_password": "test-pass-123", "new_password1": "Sommeren2016!", "new_password2": "Sommeren2016!"},
    )
    assert NORWEGIAN_COMMON in field_errors(response, "new_password2")
    registrator.refresh_from_db()
    assert registrator.check_password("test-pass-123")


def test_a_common_word_is_found_behind_digits_and_signs_in_any_case():
    assert common_word_of("Sommer2016") == "sommer"
    assert common_word_of("!!passord1") == "passord"
    assert common_word_of("HØSTEN 2016") == "høsten"
    assert common_word_of("sommerfugl-2016") is None  # a longer word is not the common one


def test_create_demo_users_refuses_a_short_password_and_changes_nothing(capsys):
    with pytest.raises(CommandError, match="Passordet er for kort. Det må ha minst 12 tegn."):
        call_command("create_demo_users", password="demo-1")
    assert not get_user_model().objects.exists()


def test_create_demo_users_refuses_a_common_password():
    with pytest.raises(CommandError, match="for vanlig"):
        call_command("create_demo_users", password="Sommer2016-2016")


def test_create_demo_users_says_the_password_is_the_one_given(capsys):
    call_command("create_demo_users", password="demo-passord-2016")
    out = capsys.readouterr().out
    assert "alle har passordet som ble gitt med --password" in out
    assert all(user.check_password("demo-passord-2016") for user in get_user_model().objects.all())


def test_create_demo_users_makes_new_passwords_that_pass_the_rules(capsys):
    from django.contrib.auth.password_validation import validate_password

    call_command("create_demo_users")
    out = capsys.readouterr().out
    assert "nye passord ved hver kjøring" in out
    for line in out.splitlines()[1:]:
        username, password, _role = line.split()
        user = get_user_model().objects.get(username=username)
        assert user.check_password(password) and len(password) >= 12
        validate_password(password, user)
