"""Demo data of a second municipality for the shared core (seed 003: Stavanger kommune, Årsrapport
2017, 5.5.1 Helse- og sosialkontor), for `load_demo --municipality stavanger`: the municipality's
and the department's name and the neutral placeholder emblem. Idempotent."""

from __future__ import annotations

from django.db import transaction

from horeport.demo import FIXTURES, upsert
from horeport.models import SiteSettings

SITE = {
    "municipality_name": "Stavanger kommune",
    "department_name": "Helse- og sosialkontor",
    # The seed names neither a front office that registers the figures nor a strategy document.
    "registering_office": "",
    "strategy_name": "",
}


@transaction.atomic
def load() -> None:
    site = upsert(SiteSettings, {"pk": SiteSettings.current().pk}, SITE)
    if not site.has_logo:  # never replaces the municipality's own logo
        site.logo, site.logo_content_type = (FIXTURES / "demo-emblem.svg").read_bytes(), "image/svg+xml"
        site.save()
