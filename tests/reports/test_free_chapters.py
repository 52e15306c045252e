"""Chapters an administrator gives a report kind: added, retitled, moved among the sections and
removed on the kind's set-up page; their text written per report like the introduction's."""

import pytest
from django.urls import reverse

from horeport.models import period_lock
from reports.excel import report_xlsx
from reports.models import ReportKindSection, SectionCommentary
from reports.pdf import report_pdf
from reports.services import report_build, report_data
from tests.reports.helpers import YEAR, pdf_text, workbook
from tests.reports.sections_for_tests import TEST_KEYS

pytestmark = pytest.mark.django_db
SETUP = reverse("reports:kind_update", kwargs={"kind": "annual"})
ADD = reverse("reports:kind_chapter_add", kwargs={"kind": "annual"})
PREVIEW = reverse("reports:preview", kwargs={"kind": "annual", "period": "2016"})


def chapter(kind, title="Leve hele livet"):
    return kind.sections.get(title=title)


def write(client, entry, text, version=""):
    url = reverse("reports:commentary", kwargs={"kind": "annual", "period": "2016", "key": entry.key})
    prefix = "seksjon-" + entry.key.replace(".", "-")
    return client.post(url, {f"{prefix}-text": text, f"{prefix}-version": version})


def move(client, entry, action):
    url = reverse("reports:kind_section", kwargs={"kind": "annual", "pk": entry.pk})
    return client.post(url, {"action": action})


@pytest.fixture
def with_chapter(annual, administrator_client):
    response = administrator_client.post(ADD, {"title": "Leve hele livet"})
    assert response.status_code == 302
    return annual


def test_an_administrator_adds_a_chapter_last_and_it_is_listed_on_the_set_up_page(with_chapter, administrator_client):
    entry = chapter(with_chapter)
    assert entry.key == "chapter.leve-hele-livet" and entry.is_chapter
    assert list(with_chapter.sections.values_list("key", flat=True)) == [*TEST_KEYS, entry.key]
    html = administrator_client.get(SETUP).content.decode()
    assert f'data-key="{entry.key}" data-chapter' in html and "Kapitlet «Leve hele livet» er lagt til" in html


def test_a_chapter_moves_among_the_sections_and_the_report_follows_the_order(with_chapter, administrator_client):
    entry = chapter(with_chapter)
    for _ in TEST_KEYS[1:]:
        move(administrator_client, entry, "up")
    keys = [part.key for part in report_build(kind=with_chapter, period=YEAR).parts]
    assert keys == ["chapter.introduction", TEST_KEYS[0], entry.key, *TEST_KEYS[1:], "chapter.summary"]


def test_a_chapter_without_a_title_or_with_a_long_one_and_no_short_title_is_refused(annual, administrator_client):
    response = administrator_client.post(ADD, {"title": ""})
    assert response.status_code == 400 and "Skriv en tittel på kapitlet." in response.content.decode()
    long_title = "Ny finansieringsmodell og sentral koordinator for bofelleskap"
    response = administrator_client.post(ADD, {"title": long_title})
    assert response.status_code == 400 and "Skriv en kort tittel til arket." in response.content.decode()
    response = administrator_client.post(ADD, {"title": long_title, "short_title": "Finansiering"})
    assert response.status_code == 302
    assert not annual.sections.filter(title="").exclude(key__in=TEST_KEYS).exists()


def test_two_chapters_of_one_title_get_their_own_keys(with_chapter, administrator_client):
    administrator_client.post(ADD, {"title": "Leve hele livet"})
    keys = list(with_chapter.sections.filter(title="Leve hele livet").values_list("key", flat=True))
    assert keys == ["chapter.leve-hele-livet", "chapter.leve-hele-livet-2"]


def test_the_chapters_text_is_written_per_report_and_printed_in_the_pdf_and_the_workbook(
    with_chapter, registrator_client
):
    entry = chapter(with_chapter)
    response = write(registrator_client, entry, "Flere brukere fikk **hverdagsrehabilitering**.")
    assert response.status_code == 302
    html = registrator_client.get(PREVIEW).content.decode()
    assert "«Leve hele livet» er lagret (utkast)." in html and "<strong>hverdagsrehabilitering</strong>" in html
    report = report_build(kind=with_chapter, period=YEAR)
    text = pdf_text(report_pdf(report))
    assert "Leve hele livet\nFlere brukere fikk hverdagsrehabilitering." in text
    book = workbook(report_xlsx(report))
    assert book["Leve hele livet"]["A4"].value == "Flere brukere fikk hverdagsrehabilitering."
    data = report_data(report)
    part = next(part for part in data["parts"] if part["key"] == entry.key)
    assert part["chapter"] is True and part["commentary"] == "Flere brukere fikk **hverdagsrehabilitering**."


def test_a_chapters_text_is_refused_in_a_locked_period_and_with_a_national_identity_number(
    with_chapter, registrator_client
):
    entry = chapter(with_chapter)
    response = write(registrator_client, entry, "Gjelder bruker 150765 00565.")
    assert response.status_code == 400 and "fødselsnummer" in response.content.decode()
    period_lock(period=YEAR, reason="Årsrapport 2016, versjon 1")
    response = write(registrator_client, entry, "Etter publisering.")
    assert response.status_code == 400 and "Årsrapport 2016, versjon 1" in response.content.decode()
    assert not SectionCommentary.objects.filter(section_key=entry.key).exists()


def test_retitling_keeps_the_text_and_removing_keeps_it_for_the_same_title(with_chapter, administrator_client,
                                                                           registrator_client):  # fmt: skip
    entry = chapter(with_chapter)
    write(registrator_client, entry, "Teksten.")
    url = reverse("reports:kind_section_title", kwargs={"kind": "annual", "pk": entry.pk})
    response = administrator_client.post(url, {"title": "Leve HELE LIVET", "short_title": ""})
    assert response.status_code == 302
    part = next(p for p in report_build(kind=with_chapter, period=YEAR).parts if p.key == entry.key)
    assert (part.title, part.commentary_text) == ("Leve HELE LIVET", "Teksten.")
    response = administrator_client.post(url, {"title": "", "short_title": ""})
    assert response.status_code == 400 and "Skriv en tittel på kapitlet." in response.content.decode()

    move(administrator_client, entry, "remove")
    assert not ReportKindSection.objects.filter(pk=entry.pk).exists()
    assert entry.key not in [p.key for p in report_build(kind=with_chapter, period=YEAR).parts]
    administrator_client.post(ADD, {"title": "Leve HELE LIVET"})
    part = next(p for p in report_build(kind=with_chapter, period=YEAR).parts if p.key == entry.key)
    assert part.commentary_text == "Teksten."


def test_a_chapter_left_out_of_the_short_form_or_the_report_is_not_in_it(with_chapter, administrator_client):
    entry = chapter(with_chapter)
    write_text = SectionCommentary(kind=with_chapter, period=YEAR, section_key=entry.key, text="Tekst.")
    write_text.save()
    move(administrator_client, entry, "disable")
    assert entry.key not in [p.key for p in report_build(kind=with_chapter, period=YEAR).parts]


def test_text_for_a_chapter_the_kind_does_not_have_is_not_found(annual, registrator_client):
    url = reverse("reports:commentary", kwargs={"kind": "annual", "period": "2016", "key": "chapter.ukjent"})
    assert registrator_client.post(url, {"seksjon-chapter-ukjent-text": "Tekst."}).status_code == 404
