"""Publishing: versions with their files, data and checksums; the period locked everywhere;
unlocking with a reason; republishing; the archive and its downloads."""

import hashlib
from decimal import Decimal

import pytest
from django.urls import reverse

from horeport.models import PeriodLock, PeriodLockedError
from horeport.periods import Period
from reports.models import PublishedReport, ReportKind, SectionCommentary
from reports.services import PublishError, report_publish
from tests.reports.helpers import YEAR, pdf_pages, pdf_text, row_of, use_sections, workbook
from tests.tracked.models import Entry, Figure

pytestmark = pytest.mark.django_db
PUBLISH = reverse("reports:publish", kwargs={"kind": "annual", "period": "2016"})


@pytest.fixture
def figures_kind(annual):
    """The Årsrapport with a section that shows the figures entered for the period."""
    return use_sections(annual, ["test.figures", "test.counts"])


def figure(name, period, value):
    return Figure.objects.create(name=name, period=Period.parse(period), value=Decimal(value))


def unlock(client, published, reason="Rettet tall for mars."):
    return client.post(reverse("lock_unlock", kwargs={"pk": published.lock.pk}), {"reason": reason}, follow=True)


def test_publishing_stores_the_files_the_data_the_checksums_who_and_when(figures_kind, administrator):
    figure("Venteliste", "2016-03", "13")
    SectionCommentary.objects.create(kind=figures_kind, period=YEAR, section_key="test.counts", text="Færre klager.")
    published = report_publish(kind=figures_kind, period=YEAR, user=administrator)
    assert (published.version, published.title, published.published_by) == (1, "Årsrapport 2016", administrator)
    pdf, xlsx = bytes(published.pdf), bytes(published.xlsx)
    assert published.pdf_sha256 == hashlib.sha256(pdf).hexdigest()
    assert published.xlsx_sha256 == hashlib.sha256(xlsx).hexdigest()
    assert "Publisert versjon 1" in pdf_pages(pdf)[0] and "13,00" in pdf_text(pdf)
    assert workbook(xlsx)["Forside"]["A6"].value == "Publisert versjon 1"
    introduction, figures_part, counts_part, summary = published.sections["parts"]
    assert (introduction["chapter"], introduction["commentary"], summary["key"]) == (True, "", "chapter.summary")
    assert figures_part["section"]["tables"][0]["rows"][0]["cells"][0]["value"] == "13.00"
    assert counts_part["commentary"] == "Færre klager."
    assert published.sections["period"] == "2016" and published.sections["version"] == 1


def test_a_published_period_refuses_changes_with_the_reports_name(figures_kind, administrator):
    march = figure("Venteliste", "2016-03", "13")
    report_publish(kind=figures_kind, period=YEAR, user=administrator)
    march.value = Decimal("14")
    with pytest.raises(PeriodLockedError) as refused:
        march.save()
    assert "Årsrapport 2016, versjon 1" in refused.value.messages[0]
    with pytest.raises(PeriodLockedError):
        figure("Ny", "2016-Q4", "1")
    with pytest.raises(PeriodLockedError):
        Entry.objects.create(reference="2016/1", registered_on=Period.parse("2016-06").end)
    figure("Neste år", "2017-01", "2")  # outside the period: still open
    assert Figure.objects.get(pk=march.pk).value == Decimal("13")


def test_commentary_is_locked_with_the_published_period(figures_kind, administrator):
    commentary = SectionCommentary.objects.create(
        kind=figures_kind, period=YEAR, section_key="test.counts", text="Før."
    )
    report_publish(kind=figures_kind, period=YEAR, user=administrator)
    commentary.text = "Etter."
    with pytest.raises(PeriodLockedError):
        commentary.save()


def test_unlocking_needs_a_reason_is_recorded_and_republishing_makes_version_two(
    figures_kind, administrator, administrator_client
):
    march = figure("Venteliste", "2016-03", "13")
    first = report_publish(kind=figures_kind, period=YEAR, user=administrator)
    response = unlock(administrator_client, first, reason="")
    assert "Skriv hvorfor perioden låses opp." in response.content.decode()
    assert first.lock.is_active
    unlock(administrator_client, first)
    first.lock.refresh_from_db()
    assert (first.lock.unlock_reason, first.lock.unlocked_by) == ("Rettet tall for mars.", administrator)
    march.value = Decimal("14")
    march.save()
    second = report_publish(kind=figures_kind, period=YEAR, user=administrator)
    assert second.version == 2 and second.lock.reason == "Årsrapport 2016, versjon 2"
    assert "14,00" in pdf_text(bytes(second.pdf)) and "13,00" in pdf_text(
        bytes(PublishedReport.objects.get(pk=first.pk).pdf)
    )
    assert [p.version for p in PublishedReport.objects.filter(kind=figures_kind, period=YEAR)] == [2, 1]


def test_republishing_a_locked_period_replaces_the_earlier_lock(figures_kind, administrator):
    first = report_publish(kind=figures_kind, period=YEAR, user=administrator)
    use_sections(figures_kind, ["test.figures"])  # the report changed while the period stayed locked
    second = report_publish(kind=figures_kind, period=YEAR, user=administrator)
    first.lock.refresh_from_db()
    assert not first.lock.is_active and first.lock.unlock_reason == "Erstattet av versjon 2."
    assert list(PeriodLock.objects.active()) == [second.lock]
    assert "versjon 2" in PeriodLock.objects.covering(Period.parse("2016-05")).message


def test_publishing_the_same_content_again_makes_no_new_version(figures_kind, administrator):
    figure("Venteliste", "2016-03", "13")
    first = report_publish(kind=figures_kind, period=YEAR, user=administrator)
    again = report_publish(kind=figures_kind, period=YEAR, user=administrator)
    assert first.is_new and not again.is_new
    assert again.pk == first.pk and again.version == 1
    assert PublishedReport.objects.count() == 1
    assert list(PeriodLock.objects.active()) == [first.lock]
    assert PeriodLock.objects.count() == 1


def test_a_double_click_on_publiser_makes_one_version(figures_kind, administrator_client):
    figure("Venteliste", "2016-03", "13")
    first = administrator_client.post(PUBLISH, follow=True)
    second = administrator_client.post(PUBLISH, follow=True)
    assert "Årsrapport 2016 er publisert som versjon 1." in first.content.decode()
    assert (
        "Årsrapport 2016 er allerede publisert som versjon 1 med det samme innholdet. Ingen ny versjon er laget."
        in second.content.decode()
    )
    assert [p.version for p in PublishedReport.objects.all()] == [1]
    archive = administrator_client.get(reverse("reports:archive")).content.decode()
    assert archive.count("data-published=") == 1


def test_changed_commentary_or_settings_make_a_new_version(figures_kind, administrator, administrator_client):
    first = report_publish(kind=figures_kind, period=YEAR, user=administrator)
    figures_kind.small_numbers_on = not figures_kind.small_numbers_on
    figures_kind.save()
    second = report_publish(kind=figures_kind, period=YEAR, user=administrator)
    assert second.is_new and second.version == 2
    unlock(administrator_client, second)
    SectionCommentary.objects.create(kind=figures_kind, period=YEAR, section_key="test.counts", text="Færre klager.")
    third = report_publish(kind=figures_kind, period=YEAR, user=administrator)
    assert third.is_new and third.version == 3 and first.version == 1


def test_after_an_unlock_publishing_the_same_content_locks_the_period_again_as_a_new_version(
    figures_kind, administrator, administrator_client
):
    first = report_publish(kind=figures_kind, period=YEAR, user=administrator)
    unlock(administrator_client, first)
    again = report_publish(kind=figures_kind, period=YEAR, user=administrator)
    assert again.is_new and again.version == 2
    assert list(PeriodLock.objects.active()) == [again.lock]


def test_a_report_with_a_missing_section_is_not_published():
    annual = use_sections(ReportKind.objects.get(slug="annual"), ["test.counts", "nowhere.missing"])
    with pytest.raises(PublishError, match="nowhere.missing"):
        report_publish(kind=annual, period=YEAR, user=None)
    assert not PublishedReport.objects.exists() and not PeriodLock.objects.exists()


def test_an_administrator_publishes_from_the_confirmation_page(figures_kind, administrator_client):
    page = administrator_client.get(PUBLISH).content.decode()
    assert "versjon 1" in page and "Perioden <strong>2016</strong> blir låst" in page
    response = administrator_client.post(PUBLISH, follow=True)
    html = response.content.decode()
    assert "Årsrapport 2016 er publisert som versjon 1. Perioden 2016 er låst for endringer." in html
    published = PublishedReport.objects.get()
    link = f"/rapporter/arkiv/?kind=annual#publisert-{published.pk}"
    assert f'href="{link}"' in html
    assert (
        f'id="publisert-{published.pk}" data-published="annual-2016-1"'
        in administrator_client.get(link).content.decode()
    )
    assert administrator_client.get(PUBLISH).content.decode().count("versjon 2") >= 1


def test_the_publish_page_says_why_a_report_cannot_be_published(administrator_client):
    use_sections(ReportKind.objects.get(slug="annual"), ["nowhere.missing"])
    html = administrator_client.get(PUBLISH).content.decode()
    assert "Rapporten kan ikke publiseres" in html and "Publiser versjon" not in html
    response = administrator_client.post(PUBLISH, follow=True)
    assert "Rapporten kan ikke publiseres før disse seksjonene kan lages" in response.content.decode()


def test_only_an_administrator_publishes(figures_kind, registrator_client, leder_client):
    for client in (registrator_client, leder_client):
        assert client.post(PUBLISH).status_code == 403
    assert not PublishedReport.objects.exists()


def test_every_version_stays_downloadable_by_leder_and_administrator(
    figures_kind, administrator, leder_client, administrator_client, registrator_client
):
    first = report_publish(kind=figures_kind, period=YEAR, user=administrator)
    use_sections(figures_kind, ["test.figures"])
    second = report_publish(kind=figures_kind, period=YEAR, user=administrator)
    archive = leder_client.get(reverse("reports:archive")).content.decode()
    assert 'data-published="annual-2016-1"' in archive and 'data-published="annual-2016-2"' in archive
    for published in (first, second):
        for client in (leder_client, administrator_client):
            response = client.get(reverse("reports:published_file", kwargs={"pk": published.pk, "fmt": "pdf"}))
            assert response.content == bytes(published.pdf)
            assert f'filename="aarsrapport-2016-versjon-{published.version}.pdf"' in response["Content-Disposition"]
        xlsx = leder_client.get(reverse("reports:published_file", kwargs={"pk": published.pk, "fmt": "xlsx"}))
        assert hashlib.sha256(xlsx.content).hexdigest() == published.xlsx_sha256
    url = reverse("reports:published_file", kwargs={"pk": first.pk, "fmt": "pdf"})
    assert registrator_client.get(url).status_code == 403
    assert "Bare ledere og administratorer" in registrator_client.get(reverse("reports:archive")).content.decode()


@pytest.mark.parametrize("kind", ["\x00", "finnes-ikke", "annual\x00", "x" * 5000])
def test_the_archive_lists_every_version_for_a_kind_it_does_not_know(figures_kind, administrator, leder_client, kind):
    report_publish(kind=figures_kind, period=YEAR, user=administrator)
    response = leder_client.get(reverse("reports:archive"), {"kind": kind})
    assert response.status_code == 200
    assert 'data-published="annual-2016-1"' in response.content.decode()


def test_the_archive_does_not_query_more_for_more_versions(figures_kind, administrator, leder_client,
                                                           django_assert_max_num_queries):  # fmt: skip
    report_publish(kind=figures_kind, period=YEAR, user=administrator)
    leder_client.get(reverse("reports:archive"))
    with django_assert_max_num_queries(12) as few:
        leder_client.get(reverse("reports:archive"))
    for period in ("2013", "2014", "2015"):
        report_publish(kind=figures_kind, period=Period.parse(period), user=administrator)
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = leder_client.get(reverse("reports:archive")).content.decode()
    assert html.count("data-published=") == 4


def test_the_published_files_match_what_the_archive_data_says(figures_kind, administrator):
    figure("Venteliste", "2016-03", "13")
    published = report_publish(kind=figures_kind, period=YEAR, user=administrator)
    sheet = workbook(bytes(published.xlsx))["Registrerte tall"]
    assert row_of(sheet, "Venteliste")[1].value == 13.0
