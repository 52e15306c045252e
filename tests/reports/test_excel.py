"""The workbook: a cover sheet, a sheet per section with real numbers and formats, frozen
headers, charts as images, commentary and notes; and the same numbers as the PDF."""

import re

import pytest
from django.urls import reverse

from horeport.formatting import nb_number, nb_percent, nb_points
from reports.excel import report_xlsx, sheet_title
from reports.models import ReportKind, SectionCommentary
from reports.pdf import report_pdf
from reports.services import report_build
from tests.reports.helpers import YEAR, job_download, normalise, pdf_text, row_of, use_sections, workbook

pytestmark = pytest.mark.django_db


@pytest.fixture
def book(annual):
    SectionCommentary.objects.create(kind=annual, period=YEAR, section_key="test.counts", text="Klagene er færre.")
    return workbook(report_xlsx(report_build(kind=annual, period=YEAR)))


def test_there_is_a_cover_sheet_and_a_sheet_per_section(book):
    assert book.sheetnames == ["Forside", "Klagesaker per sakstype", "Kvalitetsavvik", "Venteliste over mange år"]
    cover = [cell.value for cell in book["Forside"]["A"] if cell.value]
    assert cover[:5] == ["Kommune", "Helse og omsorg", "Årsrapport", "2016", "Utkast"]
    link = row_of(book["Forside"], "Klagesaker per sakstype")[0].hyperlink
    assert link.location == "'Klagesaker per sakstype'!A1"


def test_sheet_names_are_short_unique_and_without_forbidden_characters():
    used = {"forside"}
    long = "Venteliste og effektueringstid for boliger med bemanning [2014–2016]: ROP/rus?"
    first, second = sheet_title(long, used), sheet_title(long, used)
    assert len(first) <= 31 and len(second) <= 31 and first != second
    assert not re.search(r"[\[\]:*?/\\]", first + second)
    assert sheet_title("Forside", used) == "Forside (2)"


def test_numbers_are_numbers_with_number_formats(book):
    deviations = book["Kvalitetsavvik"]
    count = row_of(deviations, "Antall registrerte avvik")
    assert [c.value for c in count[1:4]] == [440, 588, 148]
    assert count[1].number_format == "#,##0" and count[3].number_format == "+#,##0;-#,##0;0"
    assert count[4].value == pytest.approx(0.336363, abs=1e-6) and count[4].number_format == "+0.0%;-0.0%;0%"
    share = row_of(deviations, "Andel behandlet")
    assert share[1].value == pytest.approx(0.977) and share[1].number_format == "0.0%;-0.0%;0%"
    assert share[3].value == pytest.approx(-4.84) and '"p.p."' in share[3].number_format
    assert row_of(deviations, "Liggetid")[1].number_format == '#,##0.00 "døgn"'


def test_header_rows_are_frozen_and_columns_sized(book):
    counts = book["Klagesaker per sakstype"]
    header = row_of(counts, "Sakstype")
    assert counts.freeze_panes == f"B{header[0].row + 1}"
    assert counts.column_dimensions["A"].width >= len("Psykisk helse")
    assert counts.column_dimensions["C"].width >= len("Delvis omgjort")


def test_charts_are_images_and_commentary_and_notes_follow_the_tables(book):
    assert len(book["Kvalitetsavvik"]._images) == 1
    assert len(book["Venteliste over mange år"]._images) == 1
    assert len(book["Klagesaker per sakstype"]._images) == 0
    counts = [cell.value for cell in book["Klagesaker per sakstype"]["A"]]
    assert counts.index("Kommentar") < counts.index("Klagene er færre.")
    assert "Endring i prosent er regnet fra fjorårets tall." in [c.value for c in book["Kvalitetsavvik"]["A"]]


def test_small_numbers_are_hidden_and_said_so_in_the_workbook():
    annual = use_sections(ReportKind.objects.get(slug="annual"), ["test.counts"])
    annual.small_numbers_on = True
    annual.save()
    book = workbook(report_xlsx(report_build(kind=annual, period=YEAR)))
    assert [c.value for c in row_of(book["Klagesaker per sakstype"], "Omsorgslønn")[1:5]] == [0, ":", ":", ":"]
    assert "Små tall er skjult" in book["Forside"]["A9"].value
    assert "Tall under 3 er skjult («:») av personvernhensyn." in [
        c.value for c in book["Klagesaker per sakstype"]["A"]
    ]


def as_shown(value, number_format: str) -> str:
    """A workbook number as the PDF shows it, read from the cell's own number format."""
    positive = number_format.split(";")[0]
    decimals = len(m[1]) if (m := re.search(r"\.(0+)", positive)) else 0
    signed = positive.startswith("+")
    if "%" in positive:
        return nb_percent(value * 100, decimals, signed=signed)
    if "p.p." in positive:
        return nb_points(value, decimals)
    unit = m[1] if (m := re.search(r'"([^"]+)"', positive)) else ""
    return nb_number(value, decimals, signed=signed) + (f" {unit}" if unit else "")


def test_the_pdf_and_the_workbook_hold_the_same_numbers(annual):
    report = report_build(kind=annual, period=YEAR)
    text = pdf_text(report_pdf(report))
    book = workbook(report_xlsx(report))
    compared = 0
    for sheet in book.worksheets[1:]:
        for row in sheet.iter_rows(min_row=4):
            for cell in row[1:]:
                if isinstance(cell.value, int | float) and not isinstance(cell.value, bool):
                    shown = normalise(as_shown(cell.value, cell.number_format))
                    line = f"{row[0].value} "
                    assert shown in text, f"{sheet.title} {cell.coordinate}: {cell.value} shown as «{shown}»"
                    assert any(shown in ln for ln in text.splitlines() if ln.startswith(line)), (
                        sheet.title,
                        line,
                        shown,
                    )
                    compared += 1
    assert compared > 300  # every number of every table, the long one included


def test_a_registrator_downloads_the_draft_workbook(annual, registrator_client):
    response = job_download(
        registrator_client,
        registrator_client.post(reverse("reports:draft", kwargs={"kind": "annual", "period": "2016", "fmt": "xlsx"})),
    )
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert 'filename="aarsrapport-2016-utkast.xlsx"' in response["Content-Disposition"]
    assert workbook(b"".join(response.streaming_content)).sheetnames[0] == "Forside"


def test_a_long_section_title_gets_its_declared_sheet_title_frozen_panes_dashes_and_notes_in_cells(annual):
    use_sections(annual, ["test.notes"])
    book = workbook(report_xlsx(report_build(kind=annual, period=YEAR)))
    assert book.sheetnames == ["Forside", "Brukere og timer pr. måned"]
    sheet = book["Brukere og timer pr. måned"]
    header = row_of(sheet, "Tjeneste")
    # Two tables: the panes are frozen under the first one's header all the same.
    assert sheet.freeze_panes == f"B{header[0].row + 1}"
    bpa = row_of(sheet, "BPA")
    assert bpa[1].value == 51 and bpa[2].value == "–"  # a missing number is "–", as the PDF and the notes say
    assert "BPA, Brukere: 5 av 6 mnd." in [cell.value for cell in sheet["A"]]  # the note in a cell too
    assert bpa[1].comment.text == "5 av 6 mnd."


def test_sheet_titles_are_cut_after_a_whole_word():
    assert sheet_title("Status for Strategi 2020 og temaplaner i kommunen", set()) == "Status for Strategi 2020 og"
    assert sheet_title("Status for Strategi 2020 og temaplaner", {"status for strategi 2020 og"}) == (  # 31
        "Status for Strategi 2020 og (2)"
    )


def test_a_section_title_too_long_for_a_sheet_must_declare_a_short_one():
    from horeport.sections import report_section

    with pytest.raises(ValueError, match="sheet_title"):
        report_section("test.too_long", "Klagesaker per sakstype og utfall i perioden")
