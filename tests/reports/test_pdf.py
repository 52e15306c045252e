"""The PDF: cover, contents, page numbers, running header, tables across pages, vector charts,
Norwegian numbers, and nothing fetched from the network."""

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from horeport.models import SiteSettings
from reports.models import ReportKind, SectionCommentary
from reports.pdf import StaticFilesFetcher, report_pdf, stylesheets
from reports.services import report_build
from tests.reports.helpers import YEAR, job_download, pdf_pages, pdf_text, use_sections
from tests.reports.sections_for_tests import LONG_TABLE_ROWS

pytestmark = pytest.mark.django_db
SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"


@pytest.fixture
def site(db):
    site = SiteSettings.current()
    site.municipality_name, site.department_name = "Asker kommune", "Helse og omsorg"
    buffer = io.BytesIO()
    Image.new("RGB", (120, 40), "#0062ba").save(buffer, format="PNG")
    site.logo, site.logo_content_type = buffer.getvalue(), "image/png"
    site.save()
    return site


@pytest.fixture
def pdf(annual, site):
    SectionCommentary.objects.create(
        kind=annual, period=YEAR, section_key="test.counts", text="Klagene er færre enn før."
    )
    return report_pdf(report_build(kind=annual, period=YEAR))


def raster_images(pdf: bytes) -> set[int]:
    """The distinct raster images anywhere in the PDF (inside forms too)."""
    found, seen = set(), set()

    def walk(resources):
        for ref in ((resources or {}).get("/XObject") or {}).values():
            if ref.idnum in seen:
                continue
            seen.add(ref.idnum)
            xobject = ref.get_object()
            if xobject.get("/Subtype") == "/Image":
                found.add(ref.idnum)
            else:
                walk(xobject.get("/Resources"))

    for page in PdfReader(io.BytesIO(pdf)).pages:
        walk(page.get("/Resources"))
    return found


def test_the_cover_names_the_municipality_the_department_the_report_and_the_period(pdf):
    cover = pdf_pages(pdf)[0]
    for text in ("Asker kommune", "Helse og omsorg", "Årsrapport", "2016", "Utkast"):
        assert text in cover
    assert len(raster_images(pdf)) == 1  # the logo
    assert "Side" not in cover  # no page number or running header on the cover


def test_the_contents_give_the_page_each_section_starts_on(pdf):
    pages = pdf_pages(pdf)
    contents = pages[1]
    for title in ("Klagesaker per sakstype", "Kvalitetsavvik", "Venteliste over mange år"):
        listed = int(re.search(re.escape(title) + r"[ .]*?(\d+)\s*$", contents, re.MULTILINE)[1])
        starts = next(
            n for n, text in enumerate(pages, start=1) if n >= 2 and re.search(rf"^{re.escape(title)}$", text, re.M)
        )
        assert listed == starts, title


def test_every_page_after_the_cover_has_its_number_and_the_running_header(pdf):
    pages = pdf_pages(pdf)
    for number, text in enumerate(pages[1:], start=2):
        assert f"Side {number} av {len(pages)}" in text
        assert "Årsrapport 2016" in text and "Asker kommune · Utkast" in text


def test_a_long_table_breaks_across_pages_and_repeats_its_header(pdf):
    pages = pdf_pages(pdf)
    spanned = [text for text in pages if re.search(r"^Rad \d+ ", text, re.M)]
    assert len(spanned) >= 2
    for text in spanned:
        assert "Rad Søknader Innvilget Andel innvilget" in text
    every_row = "\n".join(spanned)
    assert all(f"Rad {i} {100 + i} {50 + i} " in every_row for i in range(1, LONG_TABLE_ROWS + 1))


def test_charts_are_vector_graphics_with_their_text_as_text(annual):
    pdf = report_pdf(report_build(kind=annual, period=YEAR))  # no logo
    assert raster_images(pdf) == set()
    chart_page = next(text for text in pdf_pages(pdf) if "Venteliste pr. 31.12." in text)
    for label in ("2012", "2013", "2016", "12"):  # the axes are text, not pixels
        assert label in chart_page


def test_numbers_are_shown_the_norwegian_way(pdf):
    text = pdf_text(pdf)
    for shown in ("1 986", "+1 041", "+33,6 %", "97,7 %", "-4,8 prosentpoeng", "2,04 døgn", "50,5 %"):
        assert shown in text, shown


def test_the_commentary_is_printed_under_its_section(pdf):
    text = pdf_text(pdf)
    table_end, commentary = text.index("Totalt 8 1 4 13"), text.index("Kommentar\nKlagene er færre enn før.")
    assert table_end < commentary < text.index("I 2016 ble det registrert")


def test_nothing_is_fetched_from_the_network(annual):
    fetcher = StaticFilesFetcher()
    report_pdf(report_build(kind=annual, period=YEAR), fetcher=fetcher)
    styles = stylesheets().fetcher  # the stylesheets and fonts, read once per process
    assert fetcher.refused == [] and styles.refused == []
    assert fetcher.fetched and all(url.startswith("data:") for url in fetcher.fetched)  # the charts
    assert any(url.endswith("/static/css/report-pdf.css") for url in styles.fetched)
    assert any(url.endswith(".woff2") for url in styles.fetched)
    assert all(url.startswith("https://horeport.invalid/static/") for url in styles.fetched)
    with pytest.raises(ValueError):
        fetcher.fetch("https://example.com/tracker.png")
    with pytest.raises(ValueError):
        fetcher.fetch("https://horeport.invalid/static/../../etc/passwd")


def test_the_small_numbers_notice_and_a_missing_section_appear_in_the_pdf():
    annual = use_sections(ReportKind.objects.get(slug="annual"), ["test.counts", "nowhere.missing"])
    annual.small_numbers_on = True
    annual.save()
    text = pdf_text(report_pdf(report_build(kind=annual, period=YEAR)))
    assert "Små tall er skjult" in text and "Tall under 3 er skjult" in text
    assert "«nowhere.missing» er ikke tilgjengelig" in text


def test_a_registrator_downloads_the_draft_pdf(annual, registrator_client):
    response = job_download(
        registrator_client,
        registrator_client.post(reverse("reports:draft", kwargs={"kind": "annual", "period": "2016", "fmt": "pdf"})),
    )
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="aarsrapport-2016-utkast.pdf"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert (
        registrator_client.post(
            reverse("reports:draft", kwargs={"kind": "annual", "period": "2016", "fmt": "doc"})
        ).status_code
        == 404
    )


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils (pdftoppm) is needed")
def test_the_pages_render_to_png_to_be_looked_at(pdf, tmp_path):
    """Writes screenshots/report-pdf-<n>.png; look at them when the layout changes."""
    source = tmp_path / "report.pdf"
    source.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "70", "-png", str(source), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == len(PdfReader(io.BytesIO(pdf)).pages)
    SCREENSHOTS.mkdir(exist_ok=True)
    for page in pages:
        number = int(page.stem.rsplit("-", 1)[1])
        with Image.open(page) as image:
            assert image.size[0] < image.size[1]  # A4 portrait
            image.save(SCREENSHOTS / f"report-pdf-{number}.png")
