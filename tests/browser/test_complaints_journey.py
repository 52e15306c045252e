"""A Registrator registers a complaint, sends it to Fylkesmannen, records the decision, and the
statistics count it."""

from playwright.sync_api import expect

from complaints import demo as complaints_demo
from horeport import demo
from tests.browser.helpers import sign_in


def cell(page, row_header: str, column: str) -> str:
    """The text of a statistics cell, found by its row and column headers."""
    table = page.locator("table", has=page.locator("caption", has_text="Klager som er sendt til Fylkesmannen"))
    headers = [h.strip() for h in table.locator("thead th").all_inner_texts()]
    row = table.locator("tbody tr", has=page.locator(f'th[scope="row"]:text-is("{row_header}")'))
    return row.locator("td").nth(headers.index(column) - 1).inner_text().strip()


def test_a_registrator_registers_sends_and_decides_a_complaint_and_the_statistics_count_it(
    page, live_server, demo_users, screenshot
):
    demo.load()
    complaints_demo.load()  # the 17 complaints sent in 2016 (seed 000): Vederlag 5, all stadfestet
    sign_in(page, live_server, "registrator")
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Klagesaker", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Klagesaker")
    expect(page.locator("#complaint-count")).to_contain_text("17 klager")
    screenshot(page, "complaints-list")

    # Register the complaint.
    page.get_by_role("link", name="Ny klage").click()
    page.get_by_label("Saksreferanse").fill("16/02001")
    page.get_by_label("Sakstype").select_option(label="Vederlag")
    page.get_by_label("Virksomhet").select_option(label="Brukertorget")
    page.get_by_label("Mottatt").fill("2016-09-05")
    page.get_by_label("Merknad").fill("Klage på beregning av vederlag for langtidsopphold")
    screenshot(page, "complaints-form-new")
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_role("status")).to_contain_text("Klagesak 16/02001 er registrert.")
    expect(page.locator(".complaint-status")).to_have_text("Under behandling i kommunen")

    # A decision before the complaint is sent is refused, with the message next to the field.
    page.get_by_role("link", name="Endre").click()
    page.get_by_label("Utfall hos Fylkesmannen").select_option(label="Stadfestet")
    page.get_by_label("Vedtaksdato").fill("2016-11-20")
    page.get_by_role("button", name="Lagre").click()
    expect(page.locator("#id_decision_error")).to_contain_text("krever at klagen er sendt dit")
    screenshot(page, "complaints-form-error")

    # Send it to Fylkesmannen first; then record the decision.
    page.get_by_label("Utfall hos Fylkesmannen").select_option(label="Ikke avgjort ennå")
    page.get_by_label("Vedtaksdato").fill("")
    page.get_by_label("Sendt til Fylkesmannen").fill("2016-09-26")
    page.get_by_role("button", name="Lagre").click()
    expect(page.locator(".complaint-status")).to_have_text("Hos Fylkesmannen, ikke avgjort")
    page.get_by_role("link", name="Endre").click()
    page.get_by_label("Utfall hos Fylkesmannen").select_option(label="Stadfestet")
    page.get_by_label("Vedtaksdato").fill("2016-11-20")
    screenshot(page, "complaints-form-decision")
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_role("status")).to_contain_text("Klagesak 16/02001 er lagret.")
    expect(page.locator(".complaint-status")).to_have_text("Stadfestet")
    screenshot(page, "complaints-detail")

    # The history shows the steps.
    page.get_by_role("link", name="Historikk").click()
    expect(page.locator("tbody")).to_contain_text("Rita Registrator")
    expect(page.locator("tbody")).to_contain_text("26.09.2016")

    # The statistics for 2016 count it: Vederlag 6, all stadfestet; 18 in all.
    page.goto(f"{live_server.url}/klagesaker/statistikk/?periode=2016")
    expect(page.get_by_role("heading", level=1)).to_have_text("Klagesaker: 2016")
    assert cell(page, "Vederlag", "Antall") == "6"
    assert cell(page, "Vederlag", "Stadfestet") == "6"
    assert cell(page, "Totalt", "Antall") == "18"
    assert cell(page, "Totalt", "Stadfestet") == "9"
    assert cell(page, "Totalt", "Ikke avgjort") == "4"
    assert cell(page, "Omsorgslønn", "Antall") == "3"
    screenshot(page, "complaints-statistics-2016")

    # The list finds it with the filters.
    page.get_by_role("navigation", name="Klagesaker").get_by_role("link", name="Klager").click()
    page.get_by_label("Søk", exact=True).fill("16/02001")
    page.get_by_role("button", name="Filtrer").click()
    expect(page.locator("#complaint-count")).to_contain_text("1 klage passer med filtrene")
    expect(page.locator("tbody tr")).to_have_count(1)


def test_an_administrator_sees_the_dated_name_of_a_case_type(page, live_server, demo_users, screenshot):
    demo.load()
    complaints_demo.load()
    sign_in(page, live_server, "admin")
    page.goto(f"{live_server.url}/klagesaker/sakstyper/")
    row = page.locator("tbody tr", has=page.locator("td:text-is('Omsorgsstønad')"))
    expect(row).to_contain_text("Omsorgslønn til 31.12.2019, Omsorgsstønad fra 01.01.2020")
    screenshot(page, "complaints-case-types")
    row.get_by_role("link", name="Endre").click()
    expect(page.get_by_label("Nytt navn").first).to_have_value("Omsorgsstønad")
    screenshot(page, "complaints-case-type-form")
