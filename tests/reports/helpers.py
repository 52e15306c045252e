"""Reading back what the reports app wrote: PDF text per page, workbook cells."""

from __future__ import annotations

import io
import re

from openpyxl import load_workbook
from pypdf import PdfReader

SPACES = re.compile(r"[ \u00a0\u202f\t]+")


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
