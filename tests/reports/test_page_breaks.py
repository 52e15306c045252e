"""Page breaks in the PDF, read page by page from the demo's reports: a table's title stays with
its first row, a group header with the row under it, a continued table repeats its title marked
"(forts.)", no page holds only a total row, and the annual report has no half-empty pages."""

import pytest
from django.core.management import call_command

from horeport.periods import Period
from reports.models import ReportKind
from reports.pdf import report_pdf
from reports.services import report_build
from tests.reports.helpers import _flat, pdf_pages, table_pages

pytestmark = pytest.mark.django_db

DEMO_REPORTS = [("annual", "2016"), ("committee", "2016-Q4"), ("halfyear", "2016-H1"), ("director", "2016-12")]


@pytest.fixture(scope="module")
def demo_pdfs(django_db_setup, django_db_blocker):
    """The four demo reports, rendered once: (report, text of each page)."""
    with django_db_blocker.unblock():
        call_command("load_demo", verbosity=0)
        try:
            built = {}
            for slug, period in DEMO_REPORTS:
                report = report_build(kind=ReportKind.objects.get(slug=slug), period=Period.parse(period))
                built[slug] = (report, pdf_pages(report_pdf(report)))
            yield built
        finally:
            call_command("flush", interactive=False, verbosity=0)


@pytest.mark.parametrize("slug", [slug for slug, _ in DEMO_REPORTS])
def test_a_table_title_is_on_the_page_of_its_first_row(demo_pdfs, slug):
    report, pages = demo_pdfs[slug]
    for table in table_pages(report, pages):
        assert table["rows"][0][1] == table["caption_page"], table["title"]


@pytest.mark.parametrize("slug", [slug for slug, _ in DEMO_REPORTS])
def test_a_continued_table_repeats_its_title_marked_forts(demo_pdfs, slug):
    report, pages = demo_pdfs[slug]
    continued = 0
    for table in table_pages(report, pages):
        for page in sorted({page for _, page in table["rows"]} - {table["caption_page"]}):
            continued += 1
            # The running header may wrap a long title onto two lines.
            assert f"{table['title']} (forts.)" in _flat(pages[page])[0], (table["title"], page + 1)
        # ... and only there: the page where the table starts does not call it continued.
        assert f"{table['title']} (forts.)" not in pages[table["caption_page"]], table["title"]
    if slug == "annual":
        assert continued  # the målekart runs over more than one page


@pytest.mark.parametrize("slug", [slug for slug, _ in DEMO_REPORTS])
def test_no_page_holds_only_a_total_row_or_a_lone_group_header(demo_pdfs, slug):
    report, pages = demo_pdfs[slug]
    for table in table_pages(report, pages):
        rows = table["rows"]
        for page in {page for _, page in rows}:
            kinds = [kind for kind, p in rows if p == page]
            assert kinds not in (["total"], ["group"]), (table["title"], page + 1, kinds)
        for (kind, page), (_, next_page) in zip(rows, rows[1:], strict=False):
            # A group header never ends a page: the row under it follows on the same page.
            assert not (kind == "group" and next_page != page), (table["title"], page + 1)
        assert not (rows[-1][0] == "total" and len(rows) > 1 and rows[-2][1] != rows[-1][1]), table["title"]


@pytest.mark.parametrize("slug", [slug for slug, _ in DEMO_REPORTS])
def test_a_short_table_ending_in_a_total_is_on_one_page(demo_pdfs, slug):
    report, pages = demo_pdfs[slug]
    for table in table_pages(report, pages):
        rows = table["rows"]
        if len(rows) <= 12 and rows[-1][0] == "total":
            assert {page for _, page in rows} == {table["caption_page"]}, table["title"]


def test_the_annual_report_needs_clearly_fewer_pages_than_before(demo_pdfs):
    _, pages = demo_pdfs["annual"]
    assert len(pages) < 14  # 15 before issue 13, with its introduction, summary and commentary now


@pytest.mark.parametrize(
    ("slug", "sentences"),
    [
        (
            "annual",
            [
                "Brukertorget har behandlet 77 søknader i 2016.",  # seed 000, under the housing tables
                "Dette skyldes flere tilgjengelige boliger og dermed flere utflyttinger.",
                "Resultatene viser at brukerne er godt fornøyd med helse- og omsorgstjenestene",  # seed 001
                "Utfordringer i neste fireårsperiode",  # seed 002, in the summary
            ],
        ),
        ("committee", ["Komité for helse og omsorg har i sak 21/15 gitt følgende innspill"]),
    ],
)
def test_the_demo_reports_carry_the_seeds_own_sentences(demo_pdfs, slug, sentences):
    _, pages = demo_pdfs[slug]
    text = " ".join(" ".join(page.split()) for page in pages).replace("- ", "-")
    for sentence in sentences:
        assert sentence.replace("- ", "-") in text, sentence


@pytest.mark.parametrize("slug", ["annual", "halfyear"])
def test_the_contents_have_no_half_empty_page_of_their_own(demo_pdfs, slug):
    _, pages = demo_pdfs[slug]
    assert "Innhold" in pages[1]
    if slug == "annual":
        assert "Innledning" in pages[1] and "De fem strategiene er:" in pages[1]  # the introduction follows
    else:
        assert "Målekart" in pages[1].split("Ingen tall registrert")[-1]  # no introduction: the first section
