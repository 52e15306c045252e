"""Reads for the statistics and report sections: counts per case type, by the dates that place a
complaint in a period.

- Complaints *sent* to the county governor are counted in the period of their sent date (the
  seed's table, "Klager som er sendt til Fylkesmannen", counts the complaints sent in 2016). Their
  outcome is the decision registered with a decision date on or before the cut-off (by default the
  period's last day); any other is pending ("Ikke avgjort").
- Complaints *received* are counted in the period of their received date, with what had happened
  to them by the cut-off.
- Open complaints are those received by a day and neither reversed nor decided by then.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q

from complaints.models import CaseType, Complaint, Decision
from horeport.params import chooser_years
from horeport.periods import Period

PENDING = "ikke_avgjort"
AGE_BANDS = ((90, "0–90 dager"), (180, "91–180 dager"), (365, "181–365 dager"), (None, "Over 365 dager"))


@dataclass
class TypeCounts:
    case_type: CaseType
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return self.counts.get("total", 0)


def _window(period: Period, cutoff: datetime.date | None) -> tuple[datetime.date, datetime.date, datetime.date]:
    """The period's first day, its last day as seen at the cut-off, and the cut-off."""
    cutoff = cutoff or period.end
    return period.start, min(period.end, cutoff), cutoff


def _rows(counted: dict[int, dict[str, int]]) -> list[TypeCounts]:
    """Every active case type (as the seed's table shows zero rows too), and any other with counts."""
    case_types = CaseType.objects.filter(Q(active=True) | Q(pk__in=counted.keys())).prefetch_related("names")
    return [TypeCounts(case_type, counted.get(case_type.pk, {})) for case_type in case_types]


def sent_outcomes_by_type(*, period: Period, cutoff: datetime.date | None = None) -> list[TypeCounts]:
    """Complaints sent to the county governor in the period, per case type and outcome.

    counts: "total" (sent), one key per `Decision` value, and PENDING.
    """
    start, end, cutoff = _window(period, cutoff)
    decided = Q(decided_on__lte=cutoff)
    annotations = {"total": Count("id"), PENDING: Count("id", filter=~decided)}
    for decision in Decision:
        annotations[decision.value] = Count("id", filter=Q(decision=decision.value) & decided)
    rows = (
        Complaint.objects.filter(sent_on__range=(start, end))
        .values("case_type_id").annotate(**annotations).order_by()
    )  # fmt: skip
    return _rows({row.pop("case_type_id"): row for row in rows})


def received_by_type(*, period: Period, cutoff: datetime.date | None = None) -> list[TypeCounts]:
    """Complaints received in the period, per case type: reversed by the municipality, sent on, or
    still with the municipality at the cut-off.

    counts: "total", "reversed", "sent", "in_municipality".
    """
    start, end, cutoff = _window(period, cutoff)
    rows = (
        Complaint.objects.filter(received_on__range=(start, end))
        .values("case_type_id")
        .annotate(total=Count("id"), reversed=Count("id", filter=Q(reversed_on__lte=cutoff)),
                  sent=Count("id", filter=Q(sent_on__lte=cutoff)))
        .order_by()
    )  # fmt: skip
    counted = {}
    for row in rows:
        row["in_municipality"] = row["total"] - row["reversed"] - row["sent"]
        counted[row.pop("case_type_id")] = row
    return _rows(counted)


@dataclass
class OpenCounts:
    in_municipality: int = 0
    at_authority: int = 0

    @property
    def total(self) -> int:
        return self.in_municipality + self.at_authority


@dataclass
class OpenComplaints:
    on: datetime.date
    by_type: list[tuple[CaseType, OpenCounts]]
    by_age: list[tuple[str, OpenCounts]]
    oldest_days: int | None

    @property
    def total(self) -> int:
        return sum(counts.total for _, counts in self.by_type)


def open_complaints(*, on: datetime.date) -> OpenComplaints:
    """Complaints open at the end of a day: received, and neither reversed nor decided by then."""
    complaints = (
        Complaint.objects.filter(received_on__lte=on)
        .exclude(reversed_on__lte=on).exclude(decided_on__lte=on)
        .select_related("case_type").prefetch_related("case_type__names")
        .order_by("case_type__sort_order", "case_type__name", "received_on")
    )  # fmt: skip
    by_type: dict[int, tuple[CaseType, OpenCounts]] = {}
    by_age = {label: OpenCounts() for _, label in AGE_BANDS}
    oldest = None
    for complaint in complaints:
        at_authority = bool(complaint.sent_on and complaint.sent_on <= on)
        _, counts = by_type.setdefault(complaint.case_type_id, (complaint.case_type, OpenCounts()))
        days = (on - complaint.received_on).days
        oldest = days if oldest is None else max(oldest, days)
        band = next(label for limit, label in AGE_BANDS if limit is None or days <= limit)
        for target in (counts, by_age[band]):
            if at_authority:
                target.at_authority += 1
            else:
                target.in_municipality += 1
    return OpenComplaints(on=on, by_type=list(by_type.values()), by_age=list(by_age.items()), oldest_days=oldest)


def years_with_complaints() -> tuple[int, int]:
    """The first and last year the statistics offer (horeport.params.chooser_years): from the first
    complaint to next year."""
    first = Complaint.objects.order_by("received_on").values_list("received_on", flat=True).first()
    years = chooser_years(first.year if first else None)
    return years[-1], years[0]


def latest_year_sent() -> int | None:
    """The latest year in which a complaint was sent (the statistics page opens there)."""
    latest = Complaint.objects.filter(sent_on__isnull=False).order_by("-sent_on").values_list("sent_on", flat=True)
    day = latest.first()
    return day.year if day else None
