"""The filtered list as an Excel workbook: real dates, text as text (never a formula)."""

from __future__ import annotations

import datetime
from io import BytesIO

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from complaints.authority import authority_names_text

COLUMNS = [
    ("Saksreferanse", 16), ("Sakstype", 22), ("Virksomhet", 28), ("Mottatt", 12), ("Omgjort av kommunen", 14),
    ("Sendt til Fylkesmannen/Statsforvalteren", 16), ("Utfall", 16), ("Avgjort", 12), ("Status", 30),
    ("Merknad", 50),
]  # fmt: skip


def complaints_workbook(complaints, *, title: str = "Klagesaker", filters_text: str = "") -> bytes:
    """One row per complaint, in the order given."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Klagesaker"
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([filters_text or "Alle klagesaker"])
    sheet.append([f"Hentet {timezone.localdate():%d.%m.%Y}. {authority_names_text()}."])
    sheet.append([])
    header_row = sheet.max_row + 1
    sheet.append([label for label, _ in COLUMNS])
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
    for complaint in complaints:
        values = [
            complaint.reference,
            complaint.case_type.name_on(complaint.received_on),
            complaint.unit.name if complaint.unit else None,
            complaint.received_on, complaint.reversed_on, complaint.sent_on,
            complaint.get_decision_display() or None,
            complaint.decided_on,
            complaint.status_label,
            complaint.note or None,
        ]  # fmt: skip
        sheet.append(values)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, datetime.date):
                cell.number_format = "DD.MM.YYYY"
            elif isinstance(cell.value, str):
                cell.data_type = "s"  # "=…" typed by someone stays text, never a formula
    for index, (_, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    sheet.auto_filter.ref = f"A{header_row}:{get_column_letter(len(COLUMNS))}{sheet.max_row}"
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
