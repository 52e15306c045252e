"""An administrator previews a report, writes commentary and publishes it; a leder downloads
the published PDF from the archive."""

import pytest
from playwright.sync_api import expect

from horeport.models import PeriodLock
from reports.models import PublishedReport, ReportKind
from tests.browser.helpers import sign_in
from tests.reports import sections_for_tests  # noqa: F401 (registers the test sections)
from tests.reports.helpers import pdf_text, use_sections

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_administrator_publishes_and_a_leder_downloads(page, live_server, demo_users, screenshot, tmp_path):
    use_sections(ReportKind.objects.get(slug="annual"), ["test.counts", "test.percentages", "test.long_table"])
    use_sections(ReportKind.objects.get(slug="committee"), ["test.counts", "nowhere.missing"])

    console_errors = []
    page.on("console", lambda message: console_errors.append(message.text) if message.type == "error" else None)
    sign_in(page, live_server, "admin")
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Rapporter").click()
    expect(page.get_by_role("heading", name="Årsrapport", exact=True)).to_be_visible()
    screenshot(page, "reports-index")

    card = page.locator('[data-kind="annual"]')
    card.get_by_label("Periode").select_option("2016")
    card.get_by_role("button", name="Forhåndsvis").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Årsrapport 2016")
    counts = page.locator("#seksjon-test-counts")
    expect(counts.get_by_role("table")).to_contain_text("Psykisk helse")

    page.get_by_text("Skriv kommentar til Klagesaker per sakstype").click()
    page.get_by_label("Kommentar til «Klagesaker per sakstype»").fill("Antallet klager er lavt og stabilt.")
    page.get_by_role("button", name="Lagre kommentar til Klagesaker per sakstype").click()
    expect(page.get_by_role("status")).to_contain_text("Kommentaren til «Klagesaker per sakstype» er lagret (utkast).")
    expect(page.locator("#seksjon-test-counts .report-commentary")).to_contain_text("Antallet klager er lavt")
    screenshot(page, "reports-preview")

    page.get_by_role("link", name="Publiser …").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Publiser Årsrapport 2016")
    screenshot(page, "reports-publish")
    page.get_by_role("button", name="Publiser versjon 1 og lås perioden").click()
    # Publishing is a background job (run at once in the tests): its page says what it did.
    expect(page.get_by_role("heading", level=1)).to_have_text("Publiser Årsrapport 2016")
    expect(page.get_by_role("status")).to_contain_text("Årsrapport 2016 er publisert som versjon 1.")
    screenshot(page, "reports-publish-job")
    page.get_by_role("link", name="Vis resultatet").click()
    expect(page.locator('[data-published="annual-2016-1"]')).to_contain_text("Låst")
    screenshot(page, "reports-archive")
    assert PeriodLock.objects.active().get().reason == "Årsrapport 2016, versjon 1"

    # A report kind holding a section that no app provides shows a notice, not an error.
    page.goto(f"{live_server.url}/rapporter/committee/2016-Q4/")
    expect(page.locator("#seksjon-nowhere-missing")).to_contain_text("er ikke tilgjengelig")
    page.goto(f"{live_server.url}/rapporter/oppsett/annual/")
    screenshot(page, "reports-kind-setup")
    page.get_by_role("button", name="Logg ut").click()
    assert not [error for error in console_errors if "Content Security Policy" in error]

    sign_in(page, live_server, "leder")
    page.goto(f"{live_server.url}/rapporter/arkiv/")
    row = page.locator('[data-published="annual-2016-1"]')
    with page.expect_download() as download_info:
        row.get_by_role("link", name="PDF av Årsrapport 2016, versjon 1").click()
    download = download_info.value
    assert download.suggested_filename == "aarsrapport-2016-versjon-1.pdf"
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    assert target.read_bytes() == bytes(PublishedReport.objects.get().pdf)
    text = pdf_text(target.read_bytes())
    assert "Publisert versjon 1" in text and "Antallet klager er lavt og stabilt." in text
    screenshot(page, "reports-archive-leder")
