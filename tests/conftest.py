"""Test data helpers shared by every app's tests: one user per role, signed-in clients."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.test import Client

from horeport.roles import ADMINISTRATOR, LEDER, REGISTRATOR

ROLE_USERS = {"registrator": REGISTRATOR, "leder": LEDER, "administrator": ADMINISTRATOR}


@pytest.fixture(autouse=True)
def nothing_kept_from_another_test():
    """What pages keep between requests (the målekart): each test starts without."""
    for alias in ("default", "local"):
        caches[alias].clear()
    yield
    for alias in ("default", "local"):
        caches[alias].clear()


def make_user(username: str, role: str | None = None, **extra):
    user = get_user_model().objects.create_user(username=username, password="test-pass-123", **extra)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def registrator(db):
    return make_user("rita", REGISTRATOR, first_name="Rita", last_name="Registrator")


@pytest.fixture
def leder(db):
    return make_user("lars", LEDER, first_name="Lars", last_name="Leder")


@pytest.fixture
def administrator(db):
    return make_user("anne", ADMINISTRATOR, first_name="Anne", last_name="Administrator")


@pytest.fixture
def registrator_client(registrator):
    return client_for(registrator)


@pytest.fixture
def leder_client(leder):
    return client_for(leder)


@pytest.fixture
def administrator_client(administrator):
    return client_for(administrator)
