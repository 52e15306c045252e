"""Demo data of a second municipality for the shared core (seed 003: Stavanger kommune, Årsrapport
2017, 5.5.1 Helse- og sosialkontor), for `load_demo --municipality stavanger`: the municipality's
and the department's name, the neutral placeholder emblem, and its home-based services' units
before and after the reorganisation of 1 January 2017. Not part of the default demo. Idempotent:
a row is saved only where it differs, so a second run changes nothing.

What the seed states: "Fra 1. januar 2017 ble antallet virksomheter i hjemmebaserte tjenester
redusert fra seks til fire. Etter omorganiseringen dekker de fire virksomhetene de samme
geografiske områdene som helse- og sosialkontorene", and it names one of them, "Hillevåg og Hinna
hjemmebaserte tjenester". So:

- the four new units are named after the four helse- og sosialkontor areas of the time: Hillevåg
  og Hinna (the seed), Hundvåg og Storhaug, Madla, and Eiganes og Tasta (the municipality's own
  pages: "Byfjord helse- og velferdskontor (tidligere Eiganes og Tasta helse- og sosialkontor)",
  and the later merger of "Hundvåg og Storhaug HVK og Hillevåg og Hinna HVK" and "Byfjord HVK og
  Madla HVK"), valid from 01.01.2017;
- the six old units are not named by the seed: they get neutral names ("Hjemmebaserte tjenester,
  tidligere område 1" …), valid until 31.12.2016;
- the seed does not say which old unit went into which new one, only that the six became the
  four: each old unit's successors are all four new ones.
"""

from __future__ import annotations

import datetime

from django.db import transaction

from horeport.demo import FIXTURES, upsert
from horeport.models import ServiceUnit, SiteSettings

SITE = {
    "municipality_name": "Stavanger kommune",
    "department_name": "Helse- og sosialkontor",
    # The seed names neither a front office that registers the figures nor a strategy document.
    "registering_office": "",
    "strategy_name": "",
}

REORGANISED = datetime.date(2017, 1, 1)
LAST_DAY_BEFORE = REORGANISED - datetime.timedelta(days=1)

OLD_UNITS = [f"Hjemmebaserte tjenester, tidligere område {number}" for number in range(1, 7)]
NEW_UNITS = [
    "Eiganes og Tasta hjemmebaserte tjenester",
    "Hillevåg og Hinna hjemmebaserte tjenester",
    "Hundvåg og Storhaug hjemmebaserte tjenester",
    "Madla hjemmebaserte tjenester",
]
SORT_FROM = 100  # after any units already there


@transaction.atomic
def load() -> None:
    site = upsert(SiteSettings, {"pk": SiteSettings.current().pk}, SITE)
    if not site.has_logo:  # never replaces the municipality's own logo
        site.logo, site.logo_content_type = (FIXTURES / "demo-emblem.svg").read_bytes(), "image/svg+xml"
        site.save()
    units_load()


def units_load() -> None:
    """The six old home-services units (until 31.12.2016) and the four new (from 01.01.2017)."""
    new = [
        upsert(ServiceUnit, {"name": name}, {"valid_from": REORGANISED, "valid_until": None,
                                             "sort_order": SORT_FROM + order})
        for order, name in enumerate(NEW_UNITS, start=1)
    ]  # fmt: skip
    for order, name in enumerate(OLD_UNITS, start=1):
        old = upsert(ServiceUnit, {"name": name}, {"valid_from": None, "valid_until": LAST_DAY_BEFORE,
                                                   "sort_order": SORT_FROM + len(NEW_UNITS) + order})  # fmt: skip
        if {unit.pk for unit in old.successors.all()} != {unit.pk for unit in new}:
            old.successors.set(new)
