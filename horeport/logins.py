"""Brute-force protection for the sign-in page (django-axes): who is locked out, the page they
get, and an administrator's unlock.

A user name is locked out from one address after `AXES_FAILURE_LIMIT` failed sign-ins within
`AXES_COOLOFF_TIME`; the lock lifts by itself after that time, or when an administrator lifts it
(Innstillinger → Brukere, or `manage.py axes_reset_username NAME`). Locking per user name and
address, not per address alone, keeps one careless colleague from locking out a whole office
behind one address, and keeps a stranger from locking out the director by typing her name.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.db.models import Max, Sum
from django.shortcuts import render
from django.utils import timezone


def lockout_minutes() -> int:
    return int(get_cool_off().total_seconds() // 60)


def lockout_message() -> str:
    return (
        f"For mange mislykkede innlogginger. Brukernavnet er sperret i {lockout_minutes()} minutter "
        "fra denne maskinen. Vent, eller be en administrator oppheve sperren."
    )


def lockout_response(request, original_response=None, credentials=None):
    """The sign-in page again, with the lockout said in Norwegian (429 Too Many Requests)."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    form = AuthenticationForm(request, initial={"username": username})
    context = {"form": form, "lockout": lockout_message(), "next": request.POST.get("next", "")}
    return render(request, "registration/login.html", context, status=429)


def client_address(request) -> str | None:
    """The address a sign-in came from. Behind the HTTPS proxy (BEHIND_HTTPS_PROXY=1) that is the
    last address in X-Forwarded-For, the one the proxy itself added; the ones before it are
    whatever the client sent."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None) and forwarded.strip():
        return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR")


@dataclass(frozen=True)
class Lockout:
    username: str
    addresses: list[str]
    until: datetime.datetime


def login_lockouts() -> dict[str, Lockout]:
    """The user names locked out now (as axes counts: failures per name and address within the
    cool-off time), each with the addresses and the time the lock lifts by itself."""
    cool_off = get_cool_off()
    rows = (
        AccessAttempt.objects.filter(attempt_time__gte=timezone.now() - cool_off)
        .values("username", "ip_address")
        .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
        .order_by("username", "ip_address")
    )
    lockouts: dict[str, Lockout] = {}
    for row in rows:
        until = row["last"] + cool_off
        earlier = lockouts.get(row["username"])
        addresses = [*earlier.addresses, row["ip_address"]] if earlier else [row["ip_address"]]
        lockouts[row["username"]] = Lockout(row["username"], addresses, max(until, earlier.until) if earlier else until)
    return lockouts


def login_unlock(*, username: str) -> int:
    """Forget the user name's failed sign-ins from every address; return how many records went."""
    return reset(username=username)
