"""A Registrator enters a month-end waitlist and sees it on the housing type's page."""

from playwright.sync_api import expect

from tests.browser.helpers import sign_in
from waitlists import demo


def test_a_registrator_enters_a_month_end_waitlist_and_sees_it(page, live_server, demo_users, screenshot):
    demo.load()
    sign_in(page, live_server, "registrator")
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Boliger").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Boliger")
    waitlists = page.get_by_role("table", name="Venteliste pr. 31.12.")
    expect(waitlists.get_by_role("row", name="Bolig med service")).to_contain_text("16 0 14")
    screenshot(page, "waitlists-overview")

    page.get_by_role("link", name="Registrer tall").first.click()
    page.get_by_label("Boligtype").select_option(label="Bolig med service")
    page.get_by_label("År", exact=True).fill("2016")
    page.get_by_label("Måned").select_option(label="desember")
    page.get_by_label("Venteliste ved periodens slutt").fill("11")
    page.get_by_label("Effektueringstid i gj.snitt").fill("45,5")
    page.get_by_label("Tildelte boliger").fill("2")
    screenshot(page, "waitlists-entry-form")
    page.get_by_role("button", name="Lagre").click()
    # 2016 holds the figures entered for the whole year: one source per period, nothing replaced.
    expect(page.get_by_role("alert")).to_contain_text("Tall for desember 2016 kan ikke registreres: 2016 har et samlet")
    screenshot(page, "waitlists-entry-one-source")

    page.get_by_label("År", exact=True).fill("2017")
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bolig med service")
    expect(page.get_by_role("status")).to_contain_text("Tallene for Bolig med service for desember 2017 er lagret.")
    latest = page.get_by_role("table", name="Ved månedsslutt")
    expect(latest.get_by_role("row", name="desember 2017")).to_contain_text("11")
    # December's month-end is the year's "pr. 31.12." figure, beside the years entered as a whole.
    years = page.locator("table.section-table").filter(has_text="Venteliste pr. 31.12.")
    expect(years.locator('tr[data-row="waitlist"]')).to_contain_text("0 14 11")
    screenshot(page, "waitlists-housing-type")


def test_a_locked_month_is_refused_with_the_locks_message(page, live_server, demo_users, screenshot):
    from horeport.models import period_lock
    from horeport.periods import Period

    demo.load()
    period_lock(period=Period.parse("2016"), reason="Årsrapport 2016, versjon 1")
    sign_in(page, live_server, "registrator")
    page.goto(f"{live_server.url}/boliger/tall/ny/")
    page.get_by_label("Boligtype").select_option(label="Bolig uten bemanning")
    page.get_by_label("År", exact=True).fill("2016")
    page.get_by_label("Måned").select_option(label="juni")
    page.get_by_label("Venteliste ved periodens slutt").fill("40")
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_role("alert")).to_contain_text("Perioden 2016 er låst (Årsrapport 2016, versjon 1")
    screenshot(page, "waitlists-entry-locked")


def test_a_registrator_fills_a_month_end_for_every_type_at_once(page, live_server, demo_users, screenshot):
    demo.load()
    sign_in(page, live_server, "registrator")
    page.goto(f"{live_server.url}/boliger/")
    page.get_by_role("link", name="Registrer månedsslutt").click()
    page.get_by_label("Måned", exact=True).select_option("2017-12")
    page.get_by_role("button", name="Vis skjemaet").click()
    page.get_by_label("Venteliste, Bolig med service").fill("11")
    page.get_by_label("Venteliste, Bolig uten bemanning").fill("-4")
    page.get_by_role("button", name="Lagre desember 2017").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Bolig uten bemanning, venteliste: Tallet kan ikke være negativt."
    )
    screenshot(page, "waitlists-month-grid-error")
    page.get_by_label("Venteliste, Bolig uten bemanning").fill("30")
    page.get_by_role("button", name="Lagre desember 2017").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Tallene for desember 2017 er lagret: Bolig med service, Bolig uten bemanning."
    )
    screenshot(page, "waitlists-month-grid")
    page.get_by_role("link", name="Tilbake til boliger").click()
    now = page.get_by_role("table", name="Venteliste pr. 31.12.2017 mot samme tid året før")
    expect(now.get_by_role("row", name="Bolig uten bemanning")).to_contain_text("32 30 -2")
