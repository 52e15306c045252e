"""Figures inside a chapter's text: `[[nøkkeltall: …]]`, `[[indikator: …]]` and `[[økonomi: …]]` filled
from the stored data when the report is built (horeport/figures.py), the same in the preview, the
PDF and the workbook; a reference that gives nothing is a visible dash with a note, and a warning
beside the field, never a refusal."""

from decimal import Decimal

import pytest
from django.urls import reverse

from economy.computed import BUDGET_DEVIATION
from horeport.figures import figures_fill
from horeport.periods import Period
from kpi.models import KeyFigure, KeyFigureValue
from reports.chapters import INTRODUCTION
from reports.excel import report_xlsx
from reports.models import SectionCommentary
from reports.pdf import report_pdf
from reports.services import report_build, report_data
from tests.economy.helpers import seed_003_figures
from tests.kpi.helpers import indicator, result
from tests.reports.helpers import YEAR, pdf_text, workbook

pytestmark = pytest.mark.django_db
INTRO = reverse("reports:commentary", kwargs={"kind": "annual", "period": "2016", "key": INTRODUCTION.key})
PREFIX = "seksjon-chapter-introduction"


@pytest.fixture
def figures(db):
    figure = KeyFigure.objects.create(name="Plasser i Housing First", unit="brukere")
    KeyFigureValue.objects.create(key_figure=figure, period=Period.parse("2016"), value=Decimal(20))
    share = KeyFigure.objects.create(name="Venter hjemme", unit="%", frequency="month")
    KeyFigureValue.objects.create(key_figure=share, period=Period.parse("2016-12"), value=Decimal(25))
    result(indicator("B-HO.2.3", decimals=1), "2016", Decimal("54.55"))
    seed_003_figures()


def filled(text: str) -> str:
    result = figures_fill(text)
    assert not result.notes, result.notes
    return result.text.replace("\\", "").replace("\u00a0", " ")


def test_a_key_figure_is_filled_with_its_unit_by_name_whatever_the_case(figures):
    assert filled("Målet var [[nøkkeltall: Plasser i Housing First 2016]].") == "Målet var 20 brukere."
    assert filled("[[ Nøkkeltall:  plasser i housing first   2016 ]]") == "20 brukere"
    assert filled("Til [[nøkkeltall: Venter hjemme 2016-12]] ved utgangen av året.") == "Til 25 % ved utgangen av året."


def test_an_indicator_result_is_filled_for_the_department(figures):
    assert filled("[[indikator: B-HO.2.3 2016]]") == "54,6 %"


def test_economy_figures_follow_the_rules_for_the_department_and_an_area(figures):
    assert filled("[[økonomi: ramme 2017]]") == "638,6 mill. kr"
    assert filled("[[økonomi: opprinnelig ramme 2017]]") == "615,1 mill. kr"
    assert filled("[[økonomi: justeringer 2017]]") == "23,5 mill. kr"
    assert filled("[[økonomi: regnskap 2017]]") == "653,5 mill. kr"
    assert filled("[[økonomi: forbruksprosent 2017]]") == "102,3 %"
    assert filled("[[økonomi: merforbruk 2017]]") == "14,9 mill. kr"
    assert filled("[[økonomi: avvik 2017]]") == "+14,9 mill. kr"
    assert filled("[[økonomi: avvik % 2017]]") == "+2,3 %"
    assert filled("[[økonomi: forbruksprosent Helse- og sosialkontorene 2017]]") == "102,3 %"
    assert filled("[[økonomi: justert ramme Helse- og sosialkontorene 2017-T1]]") == "625,1 mill. kr"


def test_a_computed_indicator_is_filled_by_its_rule(figures):
    indicator("Ø.2.1", perspective_code="Ø.2", computation=BUDGET_DEVIATION, decimals=2)
    assert filled("[[indikator: Ø.2.1 2017]]") == "-2,33 %"


@pytest.mark.parametrize(
    "reference, note",
    [
        ("[[nøkkeltall: Plasser i Housing First 2015]]", "«Plasser i Housing First» har ingen verdi for 2015."),
        ("[[nøkkeltall: Sykehjemsplasser 2016]]", "ingen nøkkeltall heter «Sykehjemsplasser»."),
        ("[[nøkkeltall: Plasser i Housing First 2016-03]]", "registreres årlig, ikke for mars 2016."),
        ("[[nøkkeltall: Plasser i Housing First]]", "perioden mangler til slutt"),
        ("[[indikator: X.9 2016]]", "ingen indikator har koden «X.9»."),
        ("[[indikator: B-HO.2.3 2015]]", "B-HO.2.3 har ikke noe resultat for 2015."),
        ("[[økonomi: mindreforbruk 2017]]", "viser et merforbruk for 2017, ikke mindreforbruk."),
        ("[[økonomi: ramme Sykehjem 2017]]", "ingen budsjettområde heter «Sykehjem». Områdene er: «Helse- og"),
        ("[[økonomi: regnskap 2018]]", "tjenesteområdet har ingen regnskap for 2018."),
        ("[[økonomi: lønn 2017]]", "skriv hvilket tall først"),
        ("[[tall: 2017]]", "ukjent slags tall"),
    ],
)
def test_a_reference_that_gives_nothing_is_a_dash_with_a_note(figures, reference, note):
    result = figures_fill(f"Før {reference} etter.")
    assert result.text == "Før \ue0001\ue001 etter." and len(result.notes) == 1
    assert note in result.notes[0] and result.notes[0].startswith(f"«{reference}»")


@pytest.fixture
def chapter(annual, figures):
    SectionCommentary.objects.create(
        kind=annual, period=YEAR, section_key=INTRODUCTION.key,
        text="Målet var [[nøkkeltall: Plasser i Housing First 2016]] i 2016, mot "
        "[[nøkkeltall: Plasser i Housing First 2015]] i 2015.\n\n- Ramme: [[økonomi: ramme 2017]]",
    )  # fmt: skip
    return annual


def test_the_preview_pdf_and_workbook_show_the_same_filled_text_and_the_note(chapter, registrator_client):
    html = registrator_client.get(reverse("reports:preview", kwargs={"kind": "annual", "period": "2016"}))
    html = html.content.decode().replace("\u00a0", " ").replace("&nbsp;", " ")
    assert "Målet var 20 brukere i 2016, mot " in html
    assert '<span class="figure-missing" data-note="1">–<sup>1</sup></span> i 2015.' in html
    assert (
        "[1] «[[nøkkeltall: Plasser i Housing First 2015]]»: «Plasser i Housing First» har ingen verdi for 2015."
        in html
    )
    assert "<li>Ramme: 638,6 mill. kr</li>" in html

    report = report_build(kind=chapter, period=YEAR)
    text = pdf_text(report_pdf(report))
    assert "Målet var 20 brukere i 2016, mot –1 i 2015." in text and "Tall som mangler" in text
    assert "Ramme: 638,6 mill. kr" in text and "[[" not in text.split("Tall som mangler")[0]

    lines = [row[0] for row in workbook(report_xlsx(report))["Innledning"].iter_rows(min_row=4, values_only=True)]
    lines = [line.replace("\u00a0", " ") for line in lines if line]
    assert lines[:2] == ["Målet var 20 brukere i 2016, mot –[1] i 2015.", "• Ramme: 638,6 mill. kr"]
    assert lines[-2:] == [
        "Tall som mangler",
        "[1] «[[nøkkeltall: Plasser i Housing First 2015]]»: «Plasser i Housing First» har ingen verdi for 2015.",
    ]


def test_the_published_data_holds_the_filled_text(chapter):
    part = next(
        p for p in report_data(report_build(kind=chapter, period=YEAR))["parts"] if p["key"] == INTRODUCTION.key
    )
    assert part["filled"].replace("\u00a0", " ").startswith("Målet var 20 brukere i 2016, mot –[1] i 2015.")
    assert part["filled"].replace("\u00a0", " ").endswith("\n• Ramme: 638,6 mill. kr")  # plain lines, no markup
    assert len(part["figure_notes"]) == 1


def test_a_text_without_references_keeps_its_published_data_as_before(annual):
    SectionCommentary.objects.create(kind=annual, period=YEAR, section_key=INTRODUCTION.key, text="Bare ord.")
    part = next(p for p in report_data(report_build(kind=annual, period=YEAR))["parts"] if p["key"] == INTRODUCTION.key)
    assert "filled" not in part and "figure_notes" not in part


def test_a_reference_without_a_figure_is_saved_and_the_form_warns_beside_the_field(annual, figures, registrator_client):
    text = "Mot [[nøkkeltall: Plasser i Housing First 2015]] i 2015."
    response = registrator_client.post(INTRO, {f"{PREFIX}-text": text, f"{PREFIX}-version": ""}, follow=True)
    assert SectionCommentary.objects.get(section_key=INTRODUCTION.key).text == text
    html = response.content.decode()
    assert "1 tall i teksten ga ingen verdi og vises som «–»" in html
    form = html.split(f'id="id_{PREFIX}-text"')[1].split("</form>")[0]
    assert "Disse tallene i teksten ga ingen verdi" in form and "har ingen verdi for 2015." in form


def test_a_refused_text_keeps_what_was_typed_and_still_warns(annual, figures, registrator_client):
    text = "Bruker 150765 00565 og [[nøkkeltall: Ukjent 2016]]."
    response = registrator_client.post(INTRO, {f"{PREFIX}-text": text, f"{PREFIX}-version": ""})
    html = response.content.decode()
    assert response.status_code == 400 and "fødselsnummer" in html and "ingen nøkkeltall heter «Ukjent»." in html
    assert "[[nøkkeltall: Ukjent 2016]]" in html


def test_the_edit_page_explains_the_syntax(annual, registrator_client):
    html = registrator_client.get(reverse("reports:preview", kwargs={"kind": "annual", "period": "2016"}))
    html = html.content.decode()
    assert "Tall i teksten" in html and "[[nøkkeltall: navn periode]]" in html
    assert "[[indikator: kode periode]]" in html and "[[økonomi: tall område periode]]" in html
