"""The filtered list as an Excel workbook: real dates, text as text (never a formula).

Rows are streamed from the database as plain values into a write-only workbook saved to a file,
so memory stays flat at any size; a large export runs as a background job (complaints/tasks.py).
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from complaints.authority import authority_names_text
from complaints.filters import ComplaintFilter
from complaints.models import DECISION_LABELS, CaseType, Complaint, complaint_status_label
from complaints.tables import ComplaintTable
from horeport import workbooks

COLUMNS = [
    ("Saksreferanse", 16), ("Sakstype", 22), ("Virksomhet", 28), ("Mottatt", 12), ("Omgjort av kommunen", 14),
    ("Sendt til Fylkesmannen/Statsforvalteren", 16), ("Utfall", 16), ("Avgjort", 12), ("Status", 30),
    ("Merknad", 50),
]  # fmt: skip
VALUES = ("reference", "case_type_id", "unit__name", "received_on", "reversed_on", "sent_on", "decision", "decided_on",
          "note")  # fmt: skip


def complaints_filtered(params) -> tuple[ComplaintFilter, object]:
    """The register filtered and sorted as the list's address parameters say: the filter and the
    sorted queryset (every row)."""
    filterset = ComplaintFilter(params, queryset=Complaint.objects.select_related("case_type", "unit"))
    table = ComplaintTable(filterset.qs)
    order_by = params.getlist(table.prefixed_order_by_field)
    if order_by:
        table.order_by = order_by
    return filterset, table.data.data


def filters_text(filterset: ComplaintFilter) -> str:
    """The active filters in words, for the workbook's heading."""
    parts = []
    data = filterset.form.cleaned_data if filterset.form.is_valid() else {}
    for name, field in filterset.form.fields.items():
        value = data.get(name)
        if value in (None, "") or name == "dato":
            continue
        if hasattr(field, "choices") and not hasattr(value, "pk"):
            value = dict(field.choices).get(value, value)
        if isinstance(value, datetime.date):
            value = f"{value:%d.%m.%Y}"
        parts.append(f"{field.label}: {value}")
    if data.get("fra") or data.get("til"):
        parts.append(
            f"(datoen gjelder: {dict(filterset.form.fields['dato'].choices).get(data.get('dato') or 'mottatt')})"
        )
    return "Filter: " + ", ".join(parts) if parts else ""


def export_filename() -> str:
    return f"klagesaker-{timezone.localdate():%Y-%m-%d}.xlsx"


def complaints_export(complaints, *, path, title: str = "Klagesaker", filters_text: str = "", progress=None) -> int:
    """Write one row per complaint, in the order given, to a workbook at `path`; returns the count."""
    case_types = {case_type.pk: case_type for case_type in CaseType.objects.prefetch_related("names")}
    rows = complaints.values_list(*VALUES).iterator(chunk_size=2_000)
    heading = [
        title,
        filters_text or "Alle klagesaker",
        f"Hentet {timezone.localdate():%d.%m.%Y}. {authority_names_text()}.",
    ]
    sheet = workbooks.ListSheet("Klagesaker", COLUMNS, heading=heading, progress=progress)
    day = sheet.day
    for reference, case_type_id, unit, received, reversed_on, sent, decision, decided, note in rows:
        label = complaint_status_label(received_on=received, reversed_on=reversed_on, decision=decision, sent_on=sent)
        sheet.append([
            reference, case_types[case_type_id].name_on(received), unit, day(received), day(reversed_on), day(sent),
            DECISION_LABELS.get(decision) if decision else None, day(decided),
            label, note or None,
        ])  # fmt: skip
    return sheet.save(path)
