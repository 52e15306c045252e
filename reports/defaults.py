"""The four report kinds of docs/domain.md and the sections each holds out of the box.

Sections are named by the keys the domain apps register in their `report_sections.py`; the
reports app knows nothing else of them. A key no app has registered shows a notice in the
preview. Administrators change the sections and their order afterwards (Rapporter → Oppsett);
`report_kinds_ensure()` only creates what is missing and never undoes their changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from horeport.periods import Kind


@dataclass(frozen=True)
class DefaultKind:
    slug: str
    name: str
    period_kind: Kind
    sections: list[str]
    not_in_short_form: list[str] = field(default_factory=list)
    period_indexes: list[int] = field(default_factory=list)
    short_form_indexes: list[int] = field(default_factory=list)
    comparison_years: int = 3


# Everything in the source documents' tables, in the order of the annual report (seed 000).
_FULL = [
    "kpi.malekart",
    "kpi.strategy_status",
    "kpi.key_figures",
    "waitlists.housing",
    "waitlists.private_housing",
    "volumes.mestringshuset_fat",
    "volumes.omsorgslonn",
    "volumes.bpa",
    "deviations.by_category",
    "deviations.hospital",
    "complaints.by_type",
]

DEFAULT_KINDS = [
    DefaultKind(
        "director",
        "Rapport til direktør",
        Kind.MONTH,
        [
            "kpi.key_figures",
            "volumes.monthly",
            "waitlists.current",
            "deviations.new_by_category",
            "complaints.open",
            "kpi.monthly_indicators",
        ],
        comparison_years=2,
    ),
    DefaultKind(
        "committee",
        "Rapport til HO-komiteen",
        Kind.QUARTER,
        ["kpi.malekart", "kpi.key_figures", "deviations.new_by_category", "complaints.by_type"],
        not_in_short_form=["kpi.key_figures"],
        short_form_indexes=[1, 3],
        comparison_years=2,
    ),
    DefaultKind("halfyear", "Halvårsrapport", Kind.HALF, _FULL, period_indexes=[1], comparison_years=3),
    DefaultKind("annual", "Årsrapport", Kind.YEAR, _FULL, comparison_years=5),
]


def report_kinds_ensure(**kwargs) -> None:
    """Create the default report kinds that do not exist yet, with their default sections."""
    from reports.models import ReportKind, ReportKindSection

    for order, default in enumerate(DEFAULT_KINDS, start=1):
        kind, created = ReportKind.objects.get_or_create(
            slug=default.slug,
            defaults={
                "name": default.name,
                "period_kind": default.period_kind.value,
                "period_indexes": default.period_indexes,
                "short_form_indexes": default.short_form_indexes,
                "comparison_years": default.comparison_years,
                "sort_order": order * 10,
            },
        )
        if created:
            ReportKindSection.objects.bulk_create(
                ReportKindSection(
                    kind=kind, key=key, order=(i + 1) * 10, in_short_form=key not in default.not_in_short_form
                )
                for i, key in enumerate(default.sections)
            )
