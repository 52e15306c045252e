"""Reading back what the reports app wrote: PDF text per page, workbook cells."""

from __future__ import annotations

import io
import re

from django.urls import resolve, reverse
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


def job_download(client, response):
    """Follow a report page's redirect to its background job's page, and download the job's file
    (tasks run at once in the tests)."""
    assert response.status_code == 302, response.status_code
    job_page = resolve(response.url)
    assert job_page.url_name == "job_detail"
    state = client.get(reverse("job_status", kwargs=job_page.kwargs)).json()
    assert state["status"] == "done", state
    return client.get(state["download_url"])


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


def _flat(page: str) -> tuple[str, set[int]]:
    """A page's text on one line (wrapped cells and hyphenated words joined), and where each of
    its lines began (a table's caption is a line of its own; the same words inside a note are not)."""
    lines = [SPACES.sub(" ", line).strip() for line in page.replace("\u2010\n", "").replace("-\n", "-").split("\n")]
    starts, position = set(), 0
    for line in lines:
        starts.add(position)
        position += len(line) + 1
    starts.add(position)  # where a line after the last would begin
    return " ".join(lines), starts


def _row_key(row) -> str:
    """The first two words of a row's label: enough to find it, short enough not to wrap."""
    return " ".join(row.header.split()[:2])


def table_pages(report, pages: list[str]) -> list[dict]:
    """Where each table of the report lies in the PDF: for every table, its title, the page of its
    caption, and each row's kind and page. The pages are read in order, each table's caption and
    then its rows searched for from where the one before was found (a row is found by the first
    two words of its label), so labels that recur in several tables are told apart by their place."""
    flat, line_starts = zip(*(_flat(page) for page in pages), strict=True)
    page, offset = 0, 0

    def find(text: str, *, caption: bool = False) -> tuple[int, int]:
        p, o = page, offset
        while p < len(flat):
            at = flat[p].find(text, o)
            if at < 0:
                p, o = p + 1, 0
            elif caption and (at not in line_starts[p] or at + len(text) + 1 not in line_starts[p]):
                # not the caption: a continued page's "… (forts.)", or the words inside a longer line
                o = at + 1
            else:
                return p, at + len(text)
        raise AssertionError(f"«{text}» not found after page {page + 1}")

    tables = []
    for part in report.shown_parts:
        for table in part.section.tables if part.section else []:
            if table.is_empty:
                continue
            page, offset = find(table.title, caption=True)
            found = {"title": table.title, "caption_page": page, "rows": []}
            for row in table.rows:
                page, offset = find(_row_key(row))
                found["rows"].append((row.kind, page))
            tables.append(found)
    return tables
