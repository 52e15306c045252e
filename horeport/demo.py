"""Demo data for the shared core: the municipality's name, a placeholder emblem, its units, and the demo users."""

from __future__ import annotations

import secrets
import tomllib

from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import Group
from django.db import transaction

from horeport.models import ServiceUnit, SiteSettings
from horeport.roles import ADMINISTRATOR, LEDER, REGISTRATOR

FIXTURES = settings.BASE_DIR / "fixtures"
DEMO_USERS = {
    "registrator": (REGISTRATOR, "Rita", "Registrator"),
    "leder": (LEDER, "Lars", "Leder"),
    "admin": (ADMINISTRATOR, "Anne", "Administrator"),
}


def read_fixture(name: str) -> dict:
    with open(FIXTURES / name, "rb") as file:
        return tomllib.load(file)


@transaction.atomic
def load() -> None:
    data = read_fixture("horeport.toml")
    site = SiteSettings.current()
    names = ("municipality_name", "department_name", "registering_office", "strategy_name")
    wanted = {name: data["site"][name] for name in names}
    if any(getattr(site, name) != value for name, value in wanted.items()):  # a second run saves nothing
        for name, value in wanted.items():
            setattr(site, name, value)
        site.save()
    if not site.has_logo:  # never replaces the municipality's own logo
        site.logo, site.logo_content_type = (FIXTURES / data["site"]["logo"]).read_bytes(), "image/svg+xml"
        site.save()
    for order, unit in enumerate(data["units"], start=1):
        wanted = {"short_name": unit.get("short_name", ""), "sort_order": order * 10}
        found = ServiceUnit.objects.filter(name=unit["name"]).first() or ServiceUnit(name=unit["name"])
        if found._state.adding or any(getattr(found, name) != value for name, value in wanted.items()):
            for name, value in wanted.items():
                setattr(found, name, value)
            found.save()


@transaction.atomic
def users_create(password: str | None = None) -> dict[str, str]:
    """Create (or reset) the demo users, one per role; return their passwords.

    A given password must pass the password rules for every one of them (ValidationError
    otherwise, and nothing is saved); without one, each gets a new random password.
    """
    passwords = {}
    for username, (role, first_name, last_name) in DEMO_USERS.items():
        user = get_user_model().objects.filter(username=username).first() or get_user_model()(username=username)
        user.first_name, user.last_name = first_name, last_name
        user.is_active = True
        passwords[username] = password or secrets.token_urlsafe(12)
        password_validation.validate_password(passwords[username], user)
        user.set_password(passwords[username])
        user.save()
        user.groups.set([Group.objects.get(name=role)])
    return passwords
