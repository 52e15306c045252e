"""What the reports contribute to the home pages (horeport.contributions)."""

from __future__ import annotations

from django.urls import reverse

from horeport.contributions import Glance, Notice, contributes
from reports.models import PublishedReport, ReportKind

APP = "Rapporter"
NEWEST_SHOWN = 5


@contributes("notices")
def notices() -> list[Notice]:
    """Each report kind's latest ended period, while no version of it is published."""
    items = []
    for kind in ReportKind.objects.all():
        period = kind.latest_complete_period()
        if not PublishedReport.objects.filter(kind=kind, period=period).exists():
            items.append(
                Notice(
                    APP,
                    f"{kind.title(period)} er ikke publisert.",
                    reverse("reports:preview", args=[kind.slug, str(period)]),
                    "Forhåndsvis og publiser",
                )
            )
    return items


@contributes("glances")
def glances() -> list[Glance]:
    """The newest published reports, to download (or that none is published yet)."""
    newest = list(PublishedReport.objects.without_files().select_related("kind")[:NEWEST_SHOWN])
    return [Glance("Nyeste publiserte rapporter", "reports/_glance.html", {"reports": newest})]
