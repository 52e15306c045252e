"""A Registrator enters a year of målekart results; a Leder sees the traffic lights change."""

import re

from playwright.sync_api import expect

from horeport import demo as core_demo
from kpi import demo
from tests.browser.helpers import sign_in

# 2015 results typed as staff type them (decimal comma, a percent sign here and there).
RESULTS_2015 = {
    "Ø.2.1": "-0,9",  # more than 0,75 % over budget: red (2014: yellow)
    "S.3.1": "95,5 %",  # green (2014: red)
    "MV.1.1": "97",  # green (2014: yellow)
    "MV.2.1": "100",
    "B.1.1": "5,2",
    "B.2.2": "4,3",  # yellow (2014: green)
    "B.3.1": "4,8",
    "MA.1.1": "5,3",
    "MA.2.1": "4,9",
    "MA.3.1": "5,6",
    "MA.4.1": "5,2",
    "MA.5.1": "5,6",
    "L.1.1": "4,9",
    "L.1.2": "5,3",
    "B-HO.2.2": "4,2",  # green, lower is better (2014: yellow)
    "B-HO.2.3": "5,5",  # red (2014: green)
    "B-HO.3.1": "4,6",
}
EXPECTED_2015 = {"Ø.2.1": "red", "S.3.1": "green", "MV.1.1": "green", "B.2.2": "yellow", "B-HO.2.2": "green",
                 "B-HO.2.3": "red", "MA.1.3": "none"}  # fmt: skip
EXPECTED_2014 = {"Ø.2.1": "yellow", "S.3.1": "red", "MV.1.1": "yellow", "B.2.2": "green", "B-HO.2.2": "yellow",
                 "B-HO.2.3": "green", "MA.1.3": "none"}  # fmt: skip


def status(page, code):
    return page.locator(f'tr[data-indicator="{code}"] td[data-status]')


def test_a_registrator_enters_a_year_and_a_leder_sees_the_traffic_lights_change(
    page, live_server, demo_users, screenshot
):
    core_demo.load()
    demo.load()

    # The Registrator opens the entry form for 2015 from the målekart.
    sign_in(page, live_server, "registrator")
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Målekart", exact=True).click()
    page.get_by_role("navigation", name="Målekart og planer").get_by_role("link", name="Registrer resultater").click()
    page.get_by_label("Periode", exact=True).select_option("2015")
    page.get_by_role("button", name="Vis skjemaet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Registrer resultater for 2015")
    for code, value in RESULTS_2015.items():
        page.locator(f'tr[data-indicator="{code}"] input[name$="-value"]').fill(value)
    page.get_by_label("Kommentar til S.3.1").fill("To nye virksomheter sertifisert")
    expect(page.locator('tr[data-indicator="MA.1.3"]')).to_have_count(0)  # new from 2016: not offered
    screenshot(page, "kpi-entry-filled")
    page.get_by_role("button", name="Lagre resultatene").click()

    # Results far from 2014 are questioned beside their cells, and nothing is saved yet: the
    # Registrator checks them and confirms each with «Tallet er riktig».
    expect(page.get_by_role("heading", name=re.compile(r"^Kontroller \d+ tall før du lagrer$"))).to_be_visible()
    expect(page.locator('tr[data-indicator="S.3.1"] .plausibility-warning')).to_contain_text(
        "95,5 er 75\xa0% over samme periode i fjor (54,55)."
    )
    expect(page.locator('tr[data-indicator="S.3.1"] input[name$="-value"]')).to_have_value("95,5 %")
    screenshot(page, "kpi-entry-questioned")
    confirmations = page.get_by_label(re.compile(r"^Tallet er riktig"))
    for index in range(confirmations.count()):
        confirmations.nth(index).check()
    page.get_by_role("button", name="Lagre resultatene").click()

    expect(page.get_by_text("Resultatene for 2015 er lagret (17 nye).")).to_be_visible()
    expect(status(page, "S.3.1")).to_have_attribute("data-status", "green")
    expect(status(page, "B-HO.2.3")).to_have_attribute("data-status", "red")
    expect(status(page, "B-HO.2.3")).to_contain_text("Ikke godkjent")
    screenshot(page, "kpi-entry-saved")
    page.get_by_role("button", name="Logg ut").click()

    # The Leder opens the målekart: 2015 is the latest year, with its own traffic lights.
    sign_in(page, live_server, "leder")
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Målekart", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Målekart 2015")
    for code, expected in EXPECTED_2015.items():
        expect(status(page, code)).to_have_attribute("data-status", expected)
    expect(page.locator('tr[data-indicator="S.3.1"]')).to_contain_text("95,50 %")
    for key, count in (("green", "14"), ("yellow", "1"), ("red", "2"), ("none", "0"), ("new", "7")):
        expect(page.locator(f'[data-summary="{key}"] .kpi-summary__count')).to_have_text(count)
    screenshot(page, "kpi-dashboard-2015")

    # …and the year before, as it was.
    page.get_by_label("Periode", exact=True).select_option("2014")
    page.get_by_role("button", name="Vis", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Målekart 2014")
    for code, expected in EXPECTED_2014.items():
        expect(status(page, code)).to_have_attribute("data-status", expected)
    expect(page.locator('tr[data-indicator="MA.1.3"]')).to_contain_text("Ny indikator fra 2016")

    # One click leads to the indicator: both years with their status, and who entered 2015.
    page.locator('tr[data-indicator="S.3.1"] th a').click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("S.3.1")
    expect(page.locator('tr[data-period="2014"] td[data-status]')).to_have_attribute("data-status", "red")
    expect(page.locator('tr[data-period="2015"] td[data-status]')).to_have_attribute("data-status", "green")
    expect(page.locator('tr[data-period="2015"]')).to_contain_text("To nye virksomheter sertifisert")
    expect(page.get_by_role("table").filter(has_text="Hvem")).to_contain_text("Rita Registrator")
    screenshot(page, "kpi-indicator-s31")
