"""What the deviation register contributes to the home pages (horeport.contributions)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from deviations import selectors
from deviations.models import ImportBatch
from horeport.contributions import ChangedFigure, Notice, contributes
from horeport.formatting import nb_date
from horeport.periods import Period

APP = "Avvik"


@contributes("changes")
def changes() -> list[ChangedFigure]:
    """Registered deviations per category: the latest ended year with entries against the year before."""
    last = selectors.last_year_with_data()
    if last is None:
        return []
    year = Period.of_year(min(last, timezone.localdate().year - 1))
    before = year.same_period_last_year()
    url = reverse("deviations:statistics") + f"?periode={year}"
    return [
        ChangedFigure(
            APP, f"Registrerte avvik: {row.category}", year, row.registered[before], row.registered[year], url
        )
        for row in selectors.counts_by_category([before, year], cutoff=year.end)
    ]


@contributes("notices")
def notices() -> list[Notice]:
    """Imports read and previewed, but not saved."""
    pending = ImportBatch.objects.filter(saved_at__isnull=True).select_related("created_by").order_by("-created_at")
    return [
        Notice(
            APP,
            f"Importen av «{batch.filename}» ({nb_date(timezone.localdate(batch.created_at))}, "
            f"{batch.created_by.get_full_name() or batch.created_by.get_username()}) er ikke lagret.",
            reverse("deviations:import_preview", args=[batch.pk]),
            "Se forhåndsvisningen",
        )
        for batch in pending[:10]
    ]
