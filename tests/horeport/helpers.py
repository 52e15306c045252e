"""Small builders for the shared tests: templates of figures filled as a user would (horeport/bulk.py)."""

from __future__ import annotations

import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile

from horeport import bulk
from horeport.periods import Period

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def template(kind: str, period: str) -> openpyxl.Workbook:
    """The template as downloaded, opened as Excel would open it."""
    return workbook_of(bulk.template_workbook(bulk.kind_of(kind), Period.parse(period)))


def workbook_of(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def column_of(workbook, header: str) -> int:
    headers = [cell.value for cell in workbook[bulk.DATA_SHEET][bulk.HEADER_ROW]]
    return headers.index(header) + 1


def cell_of(workbook, key: str, header: str, *, unit: str | None = None):
    """The cell of a row (by its first key column, and the unit for results) and a column (by its header)."""
    sheet = workbook[bulk.DATA_SHEET]
    column = column_of(workbook, header)
    for row in sheet.iter_rows(min_row=bulk.FIRST_DATA_ROW):
        if row[0].value == key and (unit is None or (row[1].value or "") == unit):
            return sheet.cell(row[0].row, column)
    raise KeyError(f"no row {key!r} in the template")


def fill(workbook, key: str, header: str, value, *, unit: str | None = None) -> str:
    """Type a value into a cell; returns the cell's name ("D7")."""
    cell = cell_of(workbook, key, header, unit=unit)
    cell.value = value
    return cell.coordinate


def add_row(workbook, values: list) -> int:
    """A row typed below the template's rows; returns its number."""
    sheet = workbook[bulk.DATA_SHEET]
    sheet.append(values)
    return sheet.max_row


def xlsx_file(workbook, name: str = "mal.xlsx") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=XLSX)


def uploaded(workbook, user, name: str = "mal.xlsx"):
    """The filled workbook read as an upload (a BulkUpload, nothing saved yet)."""
    return bulk.upload_read(xlsx_file(workbook, name), user=user)


def planned(plan, cell: str):
    """The planned cell of that name ("D7")."""
    return next(c for c in plan.cells if c.cell == cell)
