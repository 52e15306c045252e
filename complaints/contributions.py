"""What the complaint register contributes to the home pages (horeport.contributions)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from complaints.models import Complaint
from complaints.selectors import received_by_type
from horeport.contributions import ChangedFigure, contributes
from horeport.periods import Period

APP = "Klagesaker"


@contributes("changes")
def changes() -> list[ChangedFigure]:
    """Complaints received per case type: the latest ended year with complaints against the year before."""
    last = Complaint.objects.order_by("-received_on").values_list("received_on", flat=True).first()
    if last is None:
        return []
    year = Period.of_year(min(last.year, timezone.localdate().year - 1))
    before = year.same_period_last_year()
    old = {row.case_type.pk: row.total for row in received_by_type(period=before)}
    url = reverse("complaints:statistics") + f"?periode={year}"
    return [
        ChangedFigure(APP, f"Mottatte klager: {row.case_type}", year, old.get(row.case_type.pk, 0), row.total, url)
        for row in received_by_type(period=year)
    ]
