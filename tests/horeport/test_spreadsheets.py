"""The upload reader: every row the file has, typed values, and limits that trust no declared size."""

import datetime
import io
import time
import zipfile

import pytest
from openpyxl import Workbook

from horeport.spreadsheets import Limits, Row, SpreadsheetError, read_csv, read_table, read_xlsx
from tests.spreadsheet_files import MAIN, declare_size, rows_xml, sheet_xml, table_workbook, workbook_bytes


def openpyxl_bytes(fill) -> bytes:
    workbook = Workbook()
    fill(workbook.active)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def refusal(read, *args) -> str:
    with pytest.raises(SpreadsheetError) as raised:
        read(*args)
    return str(raised.value)


# -- what is read ----------------------------------------------------------------------------------


def test_a_workbook_from_openpyxl_is_read_with_its_types():
    def fill(sheet):
        sheet.append(["Tekst", 3, 2.5, datetime.date(2016, 3, 1), True, None, "=1+1"])
        sheet.append([])
        sheet["B3"] = datetime.datetime(2016, 3, 1, 12, 30)

    assert read_xlsx(openpyxl_bytes(fill)) == [
        Row(1, ["Tekst", 3, 2.5, datetime.datetime(2016, 3, 1), True]),  # a formula never calculated is empty
        Row(3, [None, datetime.datetime(2016, 3, 1, 12, 30)]),
    ]


def test_every_row_is_read_when_the_dimension_claims_fewer():
    table = [["Saksnummer"], *([f"AVV-{n}"] for n in range(1, 6))]
    rows = read_xlsx(table_workbook(table, dimension="A1:A2"))
    assert [row.values[0] for row in rows] == ["Saksnummer", "AVV-1", "AVV-2", "AVV-3", "AVV-4", "AVV-5"]


def test_a_dimension_claiming_the_whole_sheet_costs_nothing_and_far_rows_keep_their_numbers():
    rows = rows_xml([["Saksnummer"], ["AVV-1"]]) + '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>AVV-2</t>'
    data = workbook_bytes(sheet_xml(rows + "</is></c></row>", dimension="A1:XFD1048576"))
    assert len(data) < 5_000
    started = time.monotonic()
    assert [(row.number, row.values) for row in read_xlsx(data)] == [
        (1, ["Saksnummer"]), (2, ["AVV-1"]), (1_048_576, ["AVV-2"]),
    ]  # fmt: skip
    assert time.monotonic() - started < 1


def test_a_far_column_is_refused_without_building_the_row():
    data = workbook_bytes(sheet_xml('<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>', "A1:XFD1048576"))
    assert refusal(read_xlsx, data) == (
        "Rad 1048576 har innhold i kolonne XFD. Filen kan ha høyst 100 kolonner; slett de ekstra kolonnene."
    )


def test_shared_strings_rich_text_and_phonetic_runs_are_read_as_the_text_shown():
    shared = (
        f'<sst xmlns="{MAIN}"><si><t>Fall</t></si>'
        "<si><r><t>Falt på </t></r><r><rPr><b/></rPr><t>badet</t></r><rPh><t>ふりがな</t></rPh></si>"
        "<si><t>linje_x000D_to</t></si></sst>"
    )
    cells = "".join(f'<c r="{column}1" t="s"><v>{index}</v></c>' for index, column in enumerate("ABC"))
    sheet = sheet_xml(f'<row r="1">{cells}</row>')
    assert read_xlsx(workbook_bytes(sheet, shared_strings=shared)) == [Row(1, ["Fall", "Falt på badet", "linje\rto"])]


def test_dates_follow_the_cell_style_and_the_1904_calendar():
    styles = (
        f'<styleSheet xmlns="{MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd.mm.yyyy"/></numFmts>'
        '<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>'
        '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="3"/></cellXfs></styleSheet>'
    )
    sheet = sheet_xml('<row r="1"><c r="A1" s="1"><v>42430</v></c><c r="B1" s="2"><v>42430</v></c>'
                      '<c r="C1"><v>42430</v></c></row>')  # fmt: skip
    assert read_xlsx(workbook_bytes(sheet, styles=styles)) == [Row(1, [datetime.datetime(2016, 3, 1), 42430, 42430])]
    in_1904 = workbook_bytes(sheet, styles=styles, workbook_properties='<workbookPr date1904="1"/>')
    assert read_xlsx(in_1904)[0].values[0] == datetime.datetime(2020, 3, 2)


# -- limits ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("limits", "message"),
    [
        (Limits(rows=3), "Filen har flere enn 3 rader under kolonnenavnene. Del den opp i filer med høyst 3 rader."),
        (Limits(columns=1), "Rad 1 har innhold i kolonne B. Filen kan ha høyst 1 kolonner; slett de ekstra kolonnene."),
        (Limits(cells=7), "Filen har flere enn 7 utfylte celler."),
        (Limits(text=3), "Cellen B1 har 4 tegn. En celle kan ha høyst 3 tegn."),
        (Limits(seconds=0), "Filen tok for lang tid å lese (0 sekunder). Del den opp i mindre filer."),
    ],
    ids=["rows", "columns", "cells", "text", "time"],
)
@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_file_over_a_limit_is_refused_whole(limits, message, kind):
    table = [["Sak", "Dato"], *([f"A-{n}", "2016"] for n in range(4))]
    if kind == "xlsx":
        assert refusal(read_xlsx, table_workbook(table), limits) == message
    else:
        assert refusal(read_csv, "\n".join(";".join(row) for row in table).encode(), limits) == message


def test_a_zip_bomb_is_refused_before_it_is_inflated(monkeypatch):
    bomb = workbook_bytes(sheet_xml(rows_xml([["Sak"]])), extra={"xl/media/fyll.bin": b"\0" * 30_000_000})
    assert len(bomb) < 100_000
    inflated = []
    monkeypatch.setattr(zipfile.ZipFile, "open", lambda *args, **kwargs: inflated.append(args))
    assert refusal(read_xlsx, bomb) == (
        "Filen pakker seg ut til mer enn 100 ganger sin egen størrelse og leses ikke. Lagre arket på nytt i Excel."
    )
    assert not inflated


def test_many_parts_unpacking_to_more_than_the_limit_are_refused():
    parts = {f"xl/media/bilde{n}.bin": bytes(range(256)) * 4096 for n in range(6)}  # 1 MB each, stored
    data = workbook_bytes(sheet_xml(rows_xml([["Sak"]])), extra=parts, compression=zipfile.ZIP_STORED)
    assert refusal(read_xlsx, data, Limits(unpacked_bytes=5 * 1024 * 1024)) == (
        "Excel-filen er for stor når den pakkes ut (6 MB; høyst 5 MB). Del den opp i mindre filer."
    )


def test_a_part_that_unpacks_to_more_than_it_declares_is_not_read_past_its_declaration():
    table = [["Sak"], *([f"AVV-{n}"] for n in range(200))]
    data = bytearray(table_workbook(table))
    declare_size(data, "xl/worksheets/sheet1.xml", 100)
    assert refusal(read_xlsx, bytes(data)).startswith("Filen kunne ikke leses som et Excel-ark (.xlsx).")


def test_an_entity_declaration_is_refused():
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row>'
        "</sheetData></worksheet>"
    )
    assert refusal(read_xlsx, workbook_bytes(laughs)).startswith("Filen kunne ikke leses som et Excel-ark (.xlsx).")


# -- CSV -------------------------------------------------------------------------------------------


def test_a_nul_byte_after_the_first_4_kb_is_refused_with_its_line():
    lines = ["Sak;Tekst", *(f"A-{n};{'x' * 60}" for n in range(100))]
    lines[90] = "A-90;med\x00null"
    data = "\n".join(lines).encode()
    assert data.index(b"\x00") > 4096
    assert refusal(read_csv, data) == (
        "Filen ser ikke ut som en tekstfil (.csv): det står et NUL-tegn på linje 91. "
        "Lagre uttrekket som CSV eller .xlsx."
    )


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_csv_in_the_encodings_excel_saves_is_read(encoding):
    data = "Sak\tTekst\nA-1\tSøndre Ås\n".encode(encoding)
    assert read_csv(data) == [Row(1, ["Sak", "Tekst"]), Row(2, ["A-1", "Søndre Ås"])]


def test_csv_rows_keep_their_numbers_and_blank_rows_are_skipped():
    assert read_csv(b'Sak,Tekst\n\n,\nA-1,"to\nlinjer"\nA-2, \n') == [
        Row(1, ["Sak", "Tekst"]), Row(4, ["A-1", "to\nlinjer"]), Row(5, ["A-2"]),
    ]  # fmt: skip


def test_an_unclosed_quote_that_swallows_the_file_is_refused():
    data = ('Sak;Tekst\nA-1;"' + "x" * 200_000).encode()
    assert refusal(read_csv, data) == (
        "Rad 2 har en celle med flere enn 131\u00a0072 tegn. Er et anførselstegn uten partner?"
    )


def test_the_file_name_chooses_the_reader():
    assert read_table("Uttrekk.CSV", b"Sak\nA-1\n") == [Row(1, ["Sak"]), Row(2, ["A-1"])]
    assert refusal(read_table, "uttrekk.xls", b"x") == (
        "Det gamle Excel-formatet (.xls) kan ikke leses. Lagre filen som .xlsx eller .csv."
    )
    assert refusal(read_table, "uttrekk.ods", b"x") == "Last opp en .xlsx- eller .csv-fil."


def test_the_cells_that_hold_a_formula_are_named():
    def fill(sheet):
        sheet.append(["Kode", 3, "=B1*2"])
        sheet.append(["bpa", "=SUM(B1:B1)"])

    first, second = read_xlsx(openpyxl_bytes(fill))
    assert (first.values, first.formulas) == (["Kode", 3], frozenset({3}))  # never calculated: no value
    assert (second.values, second.formulas) == (["bpa"], frozenset({2}))
