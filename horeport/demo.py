"""Demo data for the shared core: the municipality's name, a placeholder emblem, its units, and the demo users."""

from __future__ import annotations

import secrets
import tomllib
from decimal import Decimal

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


# The reason every demo row's history gives.
REASON = "Demodata fra kildedokumentene"


def read_fixture(name: str) -> dict:
    """A fixture's data, numbers with decimals read as Decimal ("104.5" stays exact)."""
    with open(FIXTURES / name, "rb") as file:
        return tomllib.load(file, parse_float=Decimal)


def upsert(model, lookup: dict, values: dict):
    """Create the row, or set the values that differ; an unchanged row is not saved, so loading the
    demo again changes nothing and adds no history."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
    else:
        changed = {name: value for name, value in values.items() if getattr(obj, name) != value}
        if not changed:
            return obj
        for name, value in changed.items():
            setattr(obj, name, value)
    obj._change_reason = REASON
    obj.save()
    return obj


@transaction.atomic
def load() -> None:
    data = read_fixture("horeport.toml")
    names = ("municipality_name", "department_name", "registering_office", "strategy_name")
    site = upsert(SiteSettings, {"pk": SiteSettings.current().pk}, {name: data["site"][name] for name in names})
    if not site.has_logo:  # never replaces the municipality's own logo
        site.logo, site.logo_content_type = (FIXTURES / data["site"]["logo"]).read_bytes(), "image/svg+xml"
        site.save()
    for order, unit in enumerate(data["units"], start=1):
        upsert(
            ServiceUnit, {"name": unit["name"]}, {"short_name": unit.get("short_name", ""), "sort_order": order * 10}
        )


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
