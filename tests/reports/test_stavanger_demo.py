"""`load_demo --municipality stavanger` on an empty database, then `render_report annual 2017`: a PDF
and a workbook holding seed 003's figures (from the stored data, through the chapters' figure
references and the economy section) and its chapters, in the seed's order."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from horeport.models import SiteSettings
from kpi.models import KeyFigure, KeyFigureValue
from reports.models import ReportKind, SectionCommentary
from tests.reports.helpers import normalise, pdf_text, workbook

pytestmark = pytest.mark.django_db

CHAPTER_TITLES = [
    "Leve HELE LIVET",
    "Styrke koordinerende enhet",
    "Tilpasning til tilgjengelige rammer",
    "Samhandling med hjemmebaserte tjenester",
    "Sirkulasjon i korttidsplassene",
    "Ny finansieringsmodell og sentral koordinator for bofelleskap",
    "Nye tilbud til mennesker med rus- og psykiske lidelser",
    "Økonomi",
]
# Seed 003's sentences as the report prints them, each figure filled from the stored data.
SENTENCES = [
    "560 brukere fikk opplæring gjennom hverdagsmestring av hjemmesykepleien, opp fra 330 brukere i 2015",
    "Vel 460 brukere mottok hverdagsrehabilitering",
    "Cirka 60 brukere kom i gang med elektroniske medisindispensere",
    "mens 50 brukere fikk oppfølging etter den tverrfaglige modellen Felles bruker – felles innsats",
    "I 2017 var det 40 % av brukerne som ikke hadde hjemmesykepleie en måned før hverdagsrehabilitering, "
    "sammenlignet med 37 % i 2016",
    "55 % i 2017 mot 51 % i 2016",
    "Ved oppstarten av 2017 ventet 12 % hjemme",
    "hadde denne andelen steget til 25 %",
    "øke antall plasser i tilbudet til 20 brukere i løpet av 2017",
    "67 % av de som svarte på spørreskjemaet",
    "hadde 7 % en kortere rushistorikk enn 2 år, mens 93 % hadde en rushistorikk lenger enn 2 år",
    "viser et merforbruk på 14,9 mill. kr av en samlet ramme på 638,6 mill. kr. Dette utgjør en forbruksprosent "
    "på 102,3 %",
    "fra 1. og 2. tertialbehandling på totalt 23,5 mill. kr",
    "et mindreforbruk på 6,7 mill. kr for disse tjenestene, noe som utgjør en forbruksprosent på 98,1 % i forhold "
    "til rammen på 349,5 mill. kr",
]


def flat(text: str) -> str:
    """The text with its line breaks and every kind of space as one space (PDF lines wrap anywhere)."""
    return " ".join(normalise(text).split())


@pytest.fixture
def stavanger():
    call_command("load_demo", municipality="stavanger", stdout=StringIO())


def render(tmp_path, fmt: str) -> bytes:
    path = tmp_path / f"aarsrapport-2017.{fmt}"
    call_command("render_report", "annual", "2017", output=str(path), stdout=StringIO(), stderr=StringIO())
    return path.read_bytes()


def test_it_loads_the_municipality_and_the_figures_the_text_states(stavanger):
    site = SiteSettings.current()
    assert (site.municipality_name, site.department_name) == ("Stavanger kommune", "Helse- og sosialkontor")
    values = {
        (value.key_figure.name, str(value.period)): value.value
        for value in KeyFigureValue.objects.select_related("key_figure")
    }
    assert values[("Brukere med opplæring i hverdagsmestring", "2017")] == 560
    assert values[("Brukere med opplæring i hverdagsmestring", "2015")] == 330
    assert values[("Venter hjemme på langtidsplass", "2017-01")] == 12
    assert values[("Venter hjemme på langtidsplass", "2017-12")] == 25
    assert "april–desember" in KeyFigure.objects.get(name="Brukere med opplæring i hverdagsmestring").description
    assert "vel 460" in KeyFigure.objects.get(name="Brukere med hverdagsrehabilitering").description


def test_the_annual_kind_holds_the_seeds_parts_first_and_the_default_sections_after_them_taken_out(stavanger):
    entries = list(ReportKind.objects.get(slug="annual").sections.order_by("order"))
    assert [entry.title or entry.key for entry in entries[:8]] == [*CHAPTER_TITLES[:7], "economy.overview"]
    assert all(entry.enabled for entry in entries[:8]) and not any(entry.enabled for entry in entries[8:])
    assert all(entry.is_chapter for entry in entries[:7]) and len(entries) > 8


def test_the_pdf_holds_seed_003s_chapters_in_order_and_its_figures(stavanger, tmp_path):
    text = flat(pdf_text(render(tmp_path, "pdf")))
    assert "Stavanger kommune" in text and "Helse- og sosialkontor" in text and "Årsrapport 2017" in text
    body = text[text.index("Økonomi") + len("Økonomi") :]  # after the contents, whose last entry it is
    positions = [body.index(title) for title in CHAPTER_TITLES]
    assert positions == sorted(positions)
    for sentence in SENTENCES:
        assert sentence in text, sentence
    # The economy section's table: frame, adjustments, accounts, difference and use by rule.
    assert "Sum 615,1 +23,5 638,6 653,5 +14,9 +2,3 % 102,3" in text
    assert "Hjemmebaserte tjenester 349,5 0,0 349,5 342,8 -6,7 -1,9 % 98,1" in text
    assert "[[" not in text and "–[" not in text  # every reference filled, none missing
    # Sections of the default kind that Stavanger's report does not hold are out of it.
    assert "Målekart" not in text and "Ingen tall registrert" not in text


def test_the_workbook_holds_the_chapters_and_the_figures_as_numbers(stavanger, tmp_path):
    book = workbook(render(tmp_path, "xlsx"))
    assert book.sheetnames[0] == "Forside"
    contents = [row[0] for row in book["Forside"].iter_rows(values_only=True) if row[0]]
    assert contents[contents.index("Innhold") + 1 :] == CHAPTER_TITLES
    assert book.sheetnames[1:] == [
        "Leve HELE LIVET", "Styrke koordinerende enhet", "Tilpasning til rammene", "Samhandling hjemmetjenester",
        "Sirkulasjon i korttidsplassene", "Finansiering og koordinator", "Rus og psykiske lidelser", "Økonomi",
    ]  # fmt: skip
    lines = " ".join(
        str(cell) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for cell in row if cell
    )
    for sentence in SENTENCES:
        assert sentence in flat(lines), sentence
    rows = {row[0]: row for row in book["Økonomi"].iter_rows(values_only=True) if row[0]}
    frame, adjustments, revised, accounts, gap, gap_percent, use = rows["Sum"][1:8]
    assert (frame, adjustments, revised, accounts) == pytest.approx((615.1, 23.5, 638.6, 653.5))
    assert gap == pytest.approx(14.9) and round(use, 1) == 102.3
    home = rows["Hjemmebaserte tjenester"]
    assert (home[3], home[5], round(home[7], 1)) == (pytest.approx(349.5), pytest.approx(-6.7), 98.1)


def test_loading_it_twice_changes_nothing(stavanger):
    texts = SectionCommentary.objects.count()
    history = SectionCommentary.history.count() + KeyFigureValue.history.count()
    call_command("load_demo", municipality="stavanger", stdout=StringIO())
    assert SectionCommentary.objects.count() == texts == 8
    assert SectionCommentary.history.count() + KeyFigureValue.history.count() == history


def test_an_unknown_municipality_is_refused_naming_the_known_ones():
    with pytest.raises(CommandError, match="Ingen demodata for kommunen «oslo». Kjente: stavanger"):
        call_command("load_demo", municipality="oslo", stdout=StringIO())


def test_without_the_option_the_default_demo_loads_as_before():
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert SiteSettings.current().municipality_name == "Asker kommune"
    assert "  reports: demodata lastet" in out.getvalue() and "Demodata er lastet." in out.getvalue()
    annual = ReportKind.objects.get(slug="annual")
    assert not any(entry.is_chapter for entry in annual.sections.all())
    assert all(entry.enabled for entry in annual.sections.all())
    assert not KeyFigure.objects.filter(name="Plasser i Housing First").exists()
