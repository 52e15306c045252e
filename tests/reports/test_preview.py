"""The preview page: choosing a period, the sections as the PDF shows them, commentary."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from horeport.models import period_lock
from horeport.periods import Period
from reports.models import ReportKind, SectionCommentary
from tests.reports.helpers import YEAR, use_sections

pytestmark = pytest.mark.django_db
PREVIEW = reverse("reports:preview", kwargs={"kind": "annual", "period": "2016"})
COUNTS = reverse("reports:commentary", kwargs={"kind": "annual", "period": "2016", "key": "test.counts"})


def comment(client, text, version="", url=COUNTS, **extra):
    return client.post(url, {"seksjon-test-counts-text": text, "seksjon-test-counts-version": version}, **extra)


def test_the_preview_shows_every_section_with_norwegian_numbers(annual, registrator_client):
    html = registrator_client.get(PREVIEW).content.decode()
    assert "<h1" in html and "Årsrapport 2016" in html and "Utkast" in html
    for title in ("Klagesaker per sakstype", "Kvalitetsavvik", "Venteliste over mange år"):
        assert title in html
    assert "1\u00a0986" in html and "+33,6\u00a0%" in html and "-4,8\u00a0prosentpoeng" in html
    assert 'data-indicator="vederlag"' in html
    assert '<img src="data:image/svg+xml;base64,' in html  # the charts, allowed by the site's CSP


def test_a_kind_whose_sections_are_not_registered_shows_notices_not_an_error(registrator_client):
    use_sections(ReportKind.objects.get(slug="committee"), ["test.counts", "nowhere.missing"])
    response = registrator_client.get(reverse("reports:preview", kwargs={"kind": "committee", "period": "2016-Q4"}))
    assert response.status_code == 200
    assert "«nowhere.missing» er ikke tilgjengelig" in response.content.decode()


def test_the_period_chooser_goes_to_the_chosen_period(annual, registrator_client):
    response = registrator_client.get(reverse("reports:choose", kwargs={"kind": "annual"}), {"period": "2015"})
    assert response["Location"] == reverse("reports:preview", kwargs={"kind": "annual", "period": "2015"})
    response = registrator_client.get(reverse("reports:choose", kwargs={"kind": "annual"}), {"period": "2015-03"},
                                      follow=True)  # fmt: skip
    assert "Velg en periode som årsrapport lages for." in response.content.decode()


def test_the_index_offers_each_kind_with_its_latest_complete_period(registrator_client):
    html = registrator_client.get(reverse("reports:index")).content.decode()
    for kind in ReportKind.objects.all():
        assert kind.name in html
        assert f'<option value="{kind.latest_complete_period()}" selected>' in html


def test_a_period_the_kind_is_not_made_for_is_not_found(annual, registrator_client):
    assert (
        registrator_client.get(reverse("reports:preview", kwargs={"kind": "annual", "period": "2016-03"})).status_code
        == 404
    )
    assert (
        registrator_client.get(reverse("reports:preview", kwargs={"kind": "annual", "period": "16"})).status_code == 404
    )
    assert (
        registrator_client.get(reverse("reports:preview", kwargs={"kind": "nope", "period": "2016"})).status_code == 404
    )


def test_a_leder_does_not_preview_drafts(annual, leder_client):
    assert leder_client.get(PREVIEW).status_code == 403


def test_commentary_is_saved_as_a_draft_and_shown_under_its_section(annual, registrator_client):
    response = comment(registrator_client, "Antall klager er stabilt.", follow=True)
    html = response.content.decode()
    assert "Kommentaren til «Klagesaker per sakstype» er lagret (utkast)." in html
    section = html.split('id="seksjon-test-counts"')[1].split("</section>")[0]
    assert "Antall klager er stabilt." in section
    saved = SectionCommentary.objects.get(kind=annual, period=YEAR, section_key="test.counts")
    assert saved.history.first().history_user.username == "rita"


def test_a_stale_commentary_edit_is_refused_and_the_newer_text_kept(annual, registrator_client, administrator):
    comment(registrator_client, "Første utkast.")
    saved = SectionCommentary.objects.get(section_key="test.counts")
    opened_at = saved.version
    theirs = SectionCommentary.objects.get(pk=saved.pk)
    theirs.text, theirs._history_user = "Administratorens tekst.", administrator
    theirs.save()
    response = comment(registrator_client, "Min endring.", version=opened_at)
    assert response.status_code == 400
    assert "endret av Anne Administrator" in response.content.decode()
    assert SectionCommentary.objects.get(pk=saved.pk).text == "Administratorens tekst."


def test_a_commentary_written_meanwhile_by_someone_else_is_not_overwritten(annual, registrator_client, administrator):
    SectionCommentary.objects.create(kind=annual, period=YEAR, section_key="test.counts", text="Skrevet i mellomtiden.")
    response = comment(registrator_client, "Mitt forslag.", version="")  # the form was opened before
    assert response.status_code == 400 and "Endringen din er ikke lagret" in response.content.decode()
    assert SectionCommentary.objects.get(section_key="test.counts").text == "Skrevet i mellomtiden."


def test_commentary_with_a_national_identity_number_is_refused(annual, registrator_client):
    assert comment(registrator_client, "Sak 2016/01019012345 og telefon 12345678 er i orden.").status_code == 302
    response = comment(registrator_client, "Gjelder bruker 150765 00565.", version="0")
    assert response.status_code == 400
    assert "ser ut til å inneholde et fødselsnummer" in response.content.decode()
    assert SectionCommentary.objects.get().text.startswith("Sak 2016/")


def test_commentary_in_a_locked_period_is_refused_with_the_locks_reason(annual, registrator_client):
    period_lock(period=Period.parse("2016"), reason="Årsrapport 2016, versjon 1")
    html = registrator_client.get(PREVIEW).content.decode()
    assert "Kommentarene kan ikke endres mens perioden er låst." in html and "Lagre kommentar" not in html
    response = comment(registrator_client, "Etter publisering.")
    html = response.content.decode()
    assert response.status_code == 400 and "Årsrapport 2016, versjon 1" in html
    assert "Etter publisering.</textarea>" in html  # the refused text is still there to copy
    assert not SectionCommentary.objects.exists()


def test_commentary_for_a_section_the_kind_does_not_hold_is_not_found(annual, registrator_client):
    url = reverse("reports:commentary", kwargs={"kind": "annual", "period": "2016", "key": "test.other"})
    assert comment(registrator_client, "Hei", url=url).status_code == 404


def data_queries(client, url) -> list[str]:
    """The queries a page makes, savepoints aside (each section runs in its own)."""
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in captured.captured_queries if "SAVEPOINT" not in q["sql"]]


def test_the_preview_does_not_query_more_for_more_sections(registrator_client):
    annual = use_sections(ReportKind.objects.get(slug="annual"), ["test.counts"])
    registrator_client.get(PREVIEW)  # warm up the session and the site settings
    few = data_queries(registrator_client, PREVIEW)
    assert len(few) <= 14
    use_sections(annual, ["test.counts", "test.percentages", "test.long_table", "test.empty", "nowhere.key"])
    assert len(data_queries(registrator_client, PREVIEW)) == len(few)
