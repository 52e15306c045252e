"""Every workbook the product writes stores typed text as text, never as a formula."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from complaints.models import CaseType, Complaint
from deviations.models import Category, Deviation
from horeport.models import ServiceUnit
from horeport.periods import Period
from horeport.workbooks import ListSheet, cells, put, workbook_bytes
from kpi.models import Measure, MeasureState, MeasureStatus
from reports.excel import report_xlsx
from reports.models import ReportKind, SectionCommentary
from reports.services import report_build
from tests.reports.conftest import use_sections

TYPED = ["=1+1", '=HYPERLINK("http://angriper.example")', "+47 1", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1"]


def read(xlsx: bytes):
    return load_workbook(io.BytesIO(xlsx))


def text_cells(book, value: str) -> list:
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row if cell.value == value]


@pytest.mark.parametrize("typed", TYPED)
def test_text_is_stored_as_text_whatever_it_starts_with(typed):
    workbook = Workbook()
    put(workbook.active, 1, 1, typed)
    workbook.active.append(cells(workbook.active, [typed, 3]))
    book = read(workbook_bytes(workbook))
    stored = typed.replace("\r", "\n")  # a line break is stored as one
    assert [(c.value, c.data_type) for c in book.active["A"]] == [(stored, "s"), (stored, "s")]
    assert (book.active["B2"].value, book.active["B2"].data_type) == (3, "n")


@pytest.mark.parametrize("typed", TYPED)
def test_a_write_only_workbook_stores_text_as_text(typed):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(cells(sheet, [typed]))
    stored = typed.replace("\r", "\n")
    assert [(c.value, c.data_type) for c in read(workbook_bytes(workbook)).active["A"]] == [(stored, "s")]


@pytest.mark.parametrize("typed", [*TYPED, "x" * 40_000, "Linje\x01 én"])
def test_one_unsafe_text_among_plain_ones_is_still_caught(typed):
    """A row of plain text passes as it is; one value that is not plain makes it looked at value by value."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    plain = ["AVV-2016-00001", "Fall", "linje én\n=ikke en formel her", datetime.date(2016, 1, 2)]
    sheet.append(cells(sheet, [*plain, typed]))
    sheet.append(cells(sheet, plain))
    rows = list(read(workbook_bytes(workbook)).active.iter_rows())
    stored = {"x" * 40_000: "x" * 32_767, "Linje\x01 én": "Linje én"}.get(typed, typed.replace("\r", "\n"))
    assert (rows[0][4].value, rows[0][4].data_type) == (stored, "s")
    for row in rows:
        assert [(c.value, c.data_type) for c in row[:3]] == [(value, "s") for value in plain[:3]]
        assert row[3].value == datetime.datetime(2016, 1, 2)


def test_a_formula_set_past_the_writer_leaves_as_text():
    workbook = Workbook()
    workbook.active["A1"] = "=1+1"
    assert workbook.active["A1"].data_type == "f"
    cell = read(workbook_bytes(workbook)).active["A1"]
    assert (cell.value, cell.data_type) == ("=1+1", "s")


def test_characters_a_worksheet_cannot_hold_are_left_out_instead_of_failing():
    workbook = Workbook()
    put(workbook.active, 1, 1, "Linje\x01 én\x0b\tto\r\ntre\rslutt")
    assert read(workbook_bytes(workbook)).active["A1"].value == "Linje én\tto\ntre\nslutt"


# -- the product's own workbooks -----------------------------------------------------------------


@pytest.mark.django_db
def test_commentary_and_a_measure_comment_stay_text_in_a_report_workbook():
    kind = use_sections(ReportKind.objects.get(slug="annual"), ["kpi.strategy_status"])
    year = Period.parse("2016")
    SectionCommentary.objects.create(kind=kind, period=year, section_key="kpi.strategy_status", text="=1+1")
    measure = Measure.objects.create(name="=Velferdsteknologi")
    MeasureStatus.objects.create(
        measure=measure, period=year, status=MeasureState.IN_PROGRESS, comment='=HYPERLINK("http://angriper.example")'
    )
    book = read(report_xlsx(report_build(kind=kind, period=year)))
    for typed in ("=1+1", '=HYPERLINK("http://angriper.example")', "=Velferdsteknologi"):
        found = text_cells(book, typed)
        assert found and all(cell.data_type == "s" for cell in found), typed


@pytest.mark.django_db
def test_a_category_a_unit_and_typed_text_stay_text_in_the_deviation_export(leder_client):
    Deviation.objects.create(
        reference="+AVV-1", category=Category.objects.create(name="=Fall"),
        unit=ServiceUnit.objects.create(name="@Hjemmetjenesten"),
        occurred_on=datetime.date(2016, 3, 1), registered_on=datetime.date(2016, 3, 2), description="-1+1",
    )  # fmt: skip
    book = read(leder_client.get(reverse("deviations:export")).content)
    row = [(cell.value, cell.data_type) for cell in book.active[2]]
    assert [row[0], row[1], row[2], row[6]] == [("+AVV-1", "s"), ("=Fall", "s"), ("@Hjemmetjenesten", "s"),
                                                ("-1+1", "s")]  # fmt: skip
    assert row[3] == (datetime.datetime(2016, 3, 1), "d")  # a date stays a date


@pytest.mark.django_db
def test_a_unit_and_a_note_stay_text_in_the_complaint_export(leder_client):
    Complaint.objects.create(
        reference="16/1", case_type=CaseType.objects.create(name="=Vederlag"), received_on=datetime.date(2016, 2, 1),
        unit=ServiceUnit.objects.create(name="=Sykehjem"), note="=1+1",
    )  # fmt: skip
    book = read(leder_client.get(reverse("complaints:export")).content)
    for typed in ("=Vederlag", "=Sykehjem", "=1+1"):
        found = text_cells(book, typed)
        assert found and all(cell.data_type == "s" for cell in found), typed


def test_a_list_sheet_has_its_heading_a_header_in_view_with_a_filter_dates_and_text_as_text():
    progress = []
    sheet = ListSheet("Liste", [("Sak", 16), ("Mottatt", 12)], heading=["Klagesaker", "Alle"], progress=progress.append)
    sheet.append(["=1+1", sheet.day(datetime.date(2016, 3, 1))])
    sheet.append(["16/2", sheet.day(None)])
    book = load_workbook(io.BytesIO(sheet.bytes()))
    listed = book["Liste"]
    assert [row[0].value for row in listed.iter_rows(max_row=4)] == ["Klagesaker", "Alle", None, "Sak"]
    assert listed.freeze_panes == "A5" and listed.auto_filter.ref == "A4:B6"
    assert (listed["A5"].value, listed["A5"].data_type) == ("=1+1", "s")
    assert listed["B5"].value == datetime.datetime(2016, 3, 1) and listed["B5"].number_format == "DD.MM.YYYY"
    assert sheet.count == 2 and progress == [1, 1]
