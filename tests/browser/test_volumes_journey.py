"""A Registrator fills a month of volumes in the grid, sees the totals as they type, saves, and
sees the service's tables include the month."""

from playwright.sync_api import expect

from tests.browser.helpers import sign_in
from volumes import demo


def test_a_registrator_fills_a_month_in_the_grid_and_sees_the_table_update(page, live_server, demo_users, screenshot):
    demo.load()
    sign_in(page, live_server, "registrator")
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Tjenester", exact=True).click()
    page.get_by_role("table").get_by_role("link", name="Brukerstyrt personlig assistanse (BPA)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Brukerstyrt personlig assistanse (BPA)")
    screenshot(page, "volumes-service-bpa-2016")

    page.get_by_role("link", name="Registrer månedstall for 2016").click()
    page.get_by_role("link", name="Neste år").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Registrer tall: Brukerstyrt personlig assistanse (BPA) 2017"
    )

    grid = page.locator("form[data-volume-grid]")
    users_total = grid.locator('output[data-total="users_total"][data-col="1"]')
    expect(users_total).to_have_text("–")
    page.get_by_label("Antall brukere ≤ 18 år, januar 2017").fill("6")
    expect(users_total).to_have_text("–")  # half a total is not a total
    page.get_by_label("Antall brukere > 18 år, januar 2017").fill("47")
    expect(users_total).to_have_text("53")
    page.get_by_label("herav antall brukere > 60 år, januar 2017").fill("12")
    # Enter moves down the month's column, as in a spreadsheet, without submitting the grid.
    page.keyboard.press("Enter")
    expect(page.get_by_label("Antall timer ≤ 18 år, januar 2017")).to_be_focused()
    page.keyboard.type("1 500")
    page.get_by_label("Antall timer > 18 år, januar 2017").fill("10000,5")
    page.get_by_label("herav timer > 60 år, januar 2017").fill("1600")
    expect(grid.locator('output[data-total="hours_total"][data-col="1"]')).to_have_text("11\xa0500,5")
    expect(grid.locator('output[data-total="per_user"][data-col="1"]')).to_have_text("217,0")
    expect(grid.locator('output[data-average="users_total"]')).to_have_text("53,0")
    expect(grid.locator('[data-note="users_total"]')).to_have_text("1 av 12 mnd.")
    screenshot(page, "volumes-grid-bpa-2017")

    page.get_by_role("button", name="Lagre").click()
    expect(
        page.get_by_text("Tallene for Brukerstyrt personlig assistanse (BPA) er lagret (januar 2017).")
    ).to_be_visible()
    half_year = page.locator('table[data-table="half-year"]')
    expect(half_year.locator('tr[data-row="users_total"] td').nth(0)).to_have_text("53,0 1 av 6 mnd.")
    expect(half_year.locator('tr[data-row="users_total"] td').nth(2)).to_have_text("53,0 1 av 12 mnd.")
    comparison = page.locator('table[data-table="comparison"]')
    expect(comparison.locator("thead th").nth(1)).to_have_text("2017")
    expect(comparison.locator('tr[data-row="per_user"] td').nth(0)).to_have_text("217,0 1 av 12 mnd.")
    expect(comparison.locator('tr[data-row="per_user"] td').nth(1)).to_have_text("221,2")
    screenshot(page, "volumes-service-bpa-2017")


def test_a_refused_cell_shows_its_message_beside_it(page, live_server, demo_users, screenshot):
    demo.load()
    sign_in(page, live_server, "registrator")
    page.goto(f"{live_server.url}/tjenester/bpa/registrer/2017/")
    page.get_by_label("Antall brukere > 18 år, februar 2017").fill("40")
    page.get_by_label("herav antall brukere > 60 år, februar 2017").fill("41")
    page.get_by_role("button", name="Lagre").click()
    cell = page.get_by_label("herav antall brukere > 60 år, februar 2017")
    expect(cell).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_c02_users_over_60_error")).to_have_text(
        "Herav > 60 år (41) kan ikke være flere enn brukere > 18 år (40)."
    )
    expect(page.get_by_role("alert")).to_contain_text("Tallene ble ikke lagret")
    screenshot(page, "volumes-grid-error")
