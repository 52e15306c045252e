"""The report's chapters (introduction, summary) and commentary in Markdown: written in the
browser through the write path, shown in the preview, the PDF and the workbook, frozen when
published."""

import pytest
from django.urls import reverse

from horeport.models import period_lock
from reports.chapters import INTRODUCTION, SUMMARY
from reports.excel import report_xlsx
from reports.models import SectionCommentary
from reports.pdf import report_pdf
from reports.services import report_build, report_data
from tests.reports.helpers import YEAR, pdf_pages, workbook

pytestmark = pytest.mark.django_db
PREVIEW = reverse("reports:preview", kwargs={"kind": "annual", "period": "2016"})
INTRO = reverse("reports:commentary", kwargs={"kind": "annual", "period": "2016", "key": INTRODUCTION.key})
INTRODUCTION_TEXT = """# Om året

Året har vært **travelt** for Brukertorget.

- Flere søknader om bolig
- Kortere effektueringstid

Mer på [kommunens sider](https://www.asker.kommune.no)."""


def write(client, text, version=""):
    prefix = "seksjon-chapter-introduction"
    return client.post(INTRO, {f"{prefix}-text": text, f"{prefix}-version": version})


@pytest.fixture
def chapters(annual):
    SectionCommentary.objects.create(kind=annual, period=YEAR, section_key=INTRODUCTION.key, text=INTRODUCTION_TEXT)
    SectionCommentary.objects.create(
        kind=annual, period=YEAR, section_key="test.counts", text="Klagene er **færre**:\n\n- Vederlag\n- BPA"
    )
    return annual


def test_the_introduction_comes_before_the_sections_and_an_unwritten_summary_is_left_out(chapters):
    report = report_build(kind=chapters, period=YEAR)
    assert report.parts[0].key == INTRODUCTION.key and report.parts[-1].key == SUMMARY.key
    assert [part.key for part in report.shown_parts][:2] == [INTRODUCTION.key, "test.counts"]
    assert SUMMARY.key not in [part.key for part in report.shown_parts]


def test_the_preview_shows_the_chapter_as_formatted_text(chapters, registrator_client):
    html = registrator_client.get(PREVIEW).content.decode()
    chapter = html.split('id="seksjon-chapter-introduction"')[1].split("</section>")[0]
    assert "<h3>Om året</h3>" in chapter and "<strong>travelt</strong>" in chapter
    assert '<a href="https://www.asker.kommune.no" rel="noopener">kommunens sider</a>' in chapter
    assert html.index('id="seksjon-chapter-introduction"') < html.index('id="seksjon-test-counts"')


def test_the_pdf_prints_the_chapter_with_the_contents_and_the_commentary_under_its_section(chapters):
    pages = pdf_pages(report_pdf(report_build(kind=chapters, period=YEAR)))
    contents = pages[1]
    assert "Innhold" in contents and "Innledning" in contents and "Om året" in contents
    assert "Året har vært travelt for Brukertorget." in contents and "Flere søknader om bolig" in contents
    text = "\n".join(pages)
    assert "**" not in text and "# Om" not in text and "](" not in text
    assert text.index("Om året") < text.index("Klagene er færre")
    assert "Klagene er færre:\nVederlag\nBPA" in text


def test_the_workbook_has_the_chapter_as_plain_lines(chapters):
    book = workbook(report_xlsx(report_build(kind=chapters, period=YEAR)))
    assert book.sheetnames[:2] == ["Forside", "Innledning"]
    lines = [row[0] for row in book["Innledning"].iter_rows(min_row=4, values_only=True) if row[0]]
    assert lines == [
        "Om året",
        "Året har vært travelt for Brukertorget.",
        "• Flere søknader om bolig",
        "• Kortere effektueringstid",
        "Mer på kommunens sider (https://www.asker.kommune.no).",
    ]
    assert book["Innledning"]["A4"].font.bold
    counts = [c.value for c in book["Klagesaker per sakstype"]["A"] if c.value]
    assert counts[-3:] == ["Klagene er færre:", "• Vederlag", "• BPA"]


def test_a_chapter_is_written_in_the_browser_as_a_draft(annual, registrator_client):
    response = write(registrator_client, "Innledende **ord**.")
    assert response.status_code == 302
    saved = SectionCommentary.objects.get(kind=annual, period=YEAR, section_key=INTRODUCTION.key)
    assert saved.text == "Innledende **ord**." and saved.history.count() == 1
    html = registrator_client.get(PREVIEW).content.decode()
    assert "«Innledning» er lagret (utkast)." in html and "<strong>ord</strong>" in html


def test_a_stale_chapter_edit_is_refused_and_the_newer_text_kept(annual, registrator_client, administrator):
    write(registrator_client, "Første utkast.")
    saved = SectionCommentary.objects.get(section_key=INTRODUCTION.key)
    opened_at = saved.version
    saved.text, saved._history_user = "Administratorens innledning.", administrator
    saved.save()
    response = write(registrator_client, "Min innledning.", version=opened_at)
    assert response.status_code == 400 and "endret av Anne Administrator" in response.content.decode()
    assert SectionCommentary.objects.get(pk=saved.pk).text == "Administratorens innledning."


def test_a_chapter_in_a_locked_period_or_with_a_national_identity_number_is_refused(annual, registrator_client):
    response = write(registrator_client, "Gjelder bruker 150765 00565.")
    assert response.status_code == 400 and "ser ut til å inneholde et fødselsnummer" in response.content.decode()
    period_lock(period=YEAR, reason="Årsrapport 2016, versjon 1")
    response = write(registrator_client, "Etter publisering.")
    assert response.status_code == 400 and "Årsrapport 2016, versjon 1" in response.content.decode()
    assert not SectionCommentary.objects.exists()


def test_the_published_data_keeps_the_chapters_text(chapters):
    data = report_data(report_build(kind=chapters, period=YEAR, version=1))
    introduction = next(part for part in data["parts"] if part["key"] == INTRODUCTION.key)
    assert introduction["chapter"] is True and introduction["commentary"] == INTRODUCTION_TEXT
