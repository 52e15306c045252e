"""Reading back what the reports app wrote: PDF text per page, workbook cells."""

from __future__ import annotations

import io
import re

from openpyxl import load_workbook
from pypdf import PdfReader

from horeport.periods import Period
from reports.models import ReportKind, ReportKindSection
from tests.reports import sections_for_tests  # noqa: F401 (registers the test sections)

SPACES = re.compile(r"[ \u00a0\u202f\t]+")
YEAR = Period.parse("2016")


def normalise(text: str) -> str:
    return SPACES.sub(" ", text)


def pdf_pages(pdf: bytes) -> list[str]:
    """The text of each page, with every kind of space made one plain space."""
    return [normalise(page.extract_text() or "") for page in PdfReader(io.BytesIO(pdf)).pages]


def pdf_text(pdf: bytes) -> str:
    return "\n".join(pdf_pages(pdf))


def workbook(xlsx: bytes):
    return load_workbook(io.BytesIO(xlsx))


def row_of(sheet, label: str) -> list:
    """The cells of the first row whose first column holds `label`."""
    for row in sheet.iter_rows():
        if row[0].value == label:
            return list(row)
    raise AssertionError(f"No row «{label}» in sheet {sheet.title}")


def use_sections(kind: ReportKind, keys: list[str]) -> ReportKind:
    kind.sections.all().delete()
    for order, key in enumerate(keys, start=1):
        ReportKindSection.objects.create(kind=kind, key=key, order=order * 10)
    return kind
