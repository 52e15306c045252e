"""The month-end routine as a Registrator: the home page says what is due for the month just
ended; a template of the month's service volumes is downloaded in the browser, filled (here with
openpyxl, as Excel would), uploaded; the preview lists every cell that will change; confirming
saves it, and the service's page and the home page show the figures."""

import io

import openpyxl
from django.utils import timezone
from playwright.sync_api import expect

from horeport.periods import Period
from tests.browser.helpers import sign_in
from volumes import demo

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BPA = "Brukerstyrt personlig assistanse (BPA)"


def fill_bpa(data: bytes) -> bytes:
    """The downloaded template with BPA's figures typed in, saved again as Excel would."""
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    sheet = workbook["Tall"]
    headers = [cell.value for cell in sheet[5]]
    row = next(r for r in sheet.iter_rows(min_row=6) if r[0].value == "bpa")[0].row
    for header, value in {
        "Antall brukere ≤ 18 år": 6, "Antall brukere > 18 år": 47, "herav antall brukere > 60 år": 12,
        "Antall timer ≤ 18 år": 1500, "Antall timer > 18 år": 10000.5, "herav timer > 60 år": 1600,
    }.items():  # fmt: skip
        sheet.cell(row, headers.index(header) + 1, value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_a_registrator_enters_a_months_volumes_through_a_template(page, live_server, demo_users, screenshot):
    demo.load()
    month = Period.containing(timezone.localdate()).previous()
    page.set_viewport_size({"width": 1366, "height": 900})
    sign_in(page, live_server, "registrator")

    # The home page: what is due for the month just ended, BPA among it, not entered yet.
    due = page.locator(f'table[data-table="due-{month}"]')
    bpa_due = due.locator("tr", has_text="BPA")
    expect(bpa_due).to_have_attribute("data-state", "missing")
    screenshot(page, "month-end-home")
    page.get_by_role("link", name=f"Fyll ut tallene for {month.label} i Excel").click()

    # Tall fra Excel: choose the service volumes for the month, download the template.
    expect(page.get_by_role("heading", level=1)).to_have_text("Tall fra Excel")
    page.get_by_label("Hvilke tall").select_option(label="Tjenestetall")
    expect(page.get_by_label("Periode")).to_have_value(str(month))
    with page.expect_download() as download:
        page.get_by_role("button", name="Last ned mal").click()
    assert download.value.suggested_filename == f"tjenester-{month}.xlsx"
    with open(download.value.path(), "rb") as file:
        filled = fill_bpa(file.read())

    page.get_by_label("Utfylt mal").set_input_files(
        files=[{"name": f"tjenester-{month}.xlsx", "mimeType": XLSX, "buffer": filled}]
    )
    page.get_by_role("button", name="Vis forhåndsvisning").click()

    # The preview: six cells change from nothing; nothing is saved yet.
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Forhåndsvisning: tjenester-{month}.xlsx")
    changes = page.locator('tr[data-status="change"]')
    expect(changes).to_have_count(6)
    expect(changes.first.locator("th")).to_have_text(BPA)
    expect(changes.first.locator("td.num").nth(0)).to_have_text("–")
    expect(changes.first.locator("td.num").nth(1)).to_have_text("6")
    expect(page.locator('tr[data-status="refused"]')).to_have_count(0)
    screenshot(page, "month-end-preview")
    page.get_by_role("button", name="Lagre 6 tall").click()
    expect(page.get_by_text("Tallene er lagret: 6 tall endret i 1 rader.")).to_be_visible()

    # The figures on the service's page: users 6 + 47 = 53, hours 1 500 + 10 000,5.
    page.get_by_role("link", name="Se tallene").click()
    page.get_by_role("table").get_by_role("link", name=BPA).first.click()
    months = page.locator('table[data-table="months"]')
    expect(months.locator('tr[data-row="users_total"] td.num').nth(month.first_month - 1)).to_have_text("53")
    expect(months.locator('tr[data-row="hours_total"] td.num').nth(month.first_month - 1)).to_have_text("11\xa0500,5")
    screenshot(page, "month-end-service")

    # Back home, BPA's month is complete.
    page.get_by_role("link", name="Oversikt").first.click()
    expect(bpa_due).to_have_attribute("data-state", "complete")
