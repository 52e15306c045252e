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


def _flat(page: str) -> str:
    """A page's text on one line: wrapped cells and hyphenated words joined."""
    return SPACES.sub(" ", page.replace("\u2010\n", "").replace("-\n", "-").replace("\n", " "))


def _row_key(row) -> str:
    """The first two words of a row's label: enough to find it, short enough not to wrap."""
    return " ".join(row.header.split()[:2])


def table_pages(report, pages: list[str]) -> list[dict]:
    """Where each table of the report lies in the PDF: for every table, its title, the page of its
    caption, and each row's kind and page. The pages are read in order, each table's caption and
    then its rows searched for from where the one before was found (a row is found by the first
    two words of its label), so labels that recur in several tables are told apart by their place."""
    flat = [_flat(page) for page in pages]
    page, offset = 0, 0

    def find(text: str, *, skip_continued: bool = False, followed_by: str = "") -> tuple[int, int]:
        p, o = page, offset
        while p < len(flat):
            at = flat[p].find(text, o)
            if at < 0:
                p, o = p + 1, 0
            elif skip_continued and flat[p].startswith(" (forts.)", at + len(text)):
                o = at + 1
            elif followed_by and not flat[p].startswith(followed_by, at + len(text)):
                o = at + 1  # the title in a sentence ("Avvik sendt til sykehus er ikke med her"), not the caption
            else:
                return p, at + len(text)
        raise AssertionError(f"«{text}» not found after page {page + 1}")

    tables = []
    for part in report.shown_parts:
        for table in part.section.tables if part.section else []:
            if table.is_empty:
                continue
            # A caption is followed by the row-label column's heading, where the table has one.
            heading = f" {table.row_header}" if table.row_header and not table.header_groups else ""
            page, offset = find(table.title, skip_continued=True, followed_by=heading)
            found = {"title": table.title, "caption_page": page, "rows": []}
            for row in table.rows:
                page, offset = find(_row_key(row))
                found["rows"].append((row.kind, page))
            tables.append(found)
    return tables
