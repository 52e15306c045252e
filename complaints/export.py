"""The filtered list as an Excel workbook: real dates, text as text (never a formula)."""

from __future__ import annotations

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from complaints.authority import authority_names_text
from horeport import workbooks

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
    bold = Font(bold=True)
    sheet.append(workbooks.cells(sheet, [title]))
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append(workbooks.cells(sheet, [filters_text or "Alle klagesaker"]))
    sheet.append(workbooks.cells(sheet, [f"Hentet {timezone.localdate():%d.%m.%Y}. {authority_names_text()}."]))
    sheet.append([])
    sheet.append([workbooks.cell(sheet, label, font=bold) for label, _ in COLUMNS])
    header_row = sheet.max_row  # after the blank row, which max_row does not count
    for complaint in complaints:
        values = [
            complaint.reference,
            complaint.case_type.name_on(complaint.received_on),
            complaint.unit.name if complaint.unit else None,
            *(workbooks.cell(sheet, day, number_format="DD.MM.YYYY") if day else None
              for day in (complaint.received_on, complaint.reversed_on, complaint.sent_on)),
            complaint.get_decision_display() or None,
            workbooks.cell(sheet, complaint.decided_on, number_format="DD.MM.YYYY") if complaint.decided_on else None,
            complaint.status_label,
            complaint.note or None,
        ]  # fmt: skip
        sheet.append(workbooks.cells(sheet, values))
    for index, (_, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    sheet.auto_filter.ref = f"A{header_row}:{get_column_letter(len(COLUMNS))}{sheet.max_row}"
    return workbooks.workbook_bytes(workbook)
