"""Each demo role signs in and finds its way around."""

import pytest
from playwright.sync_api import expect

from horeport import demo
from tests.browser.helpers import sign_in

APPS = ["Målekart", "Boliger", "Tjenester", "Avvik", "Klagesaker", "Økonomi", "Rapporter"]


@pytest.mark.parametrize(
    ("username", "role"), [("registrator", "Registrator"), ("leder", "Leder"), ("admin", "Administrator")]
)
def test_each_demo_role_signs_in_and_navigates(page, live_server, demo_users, screenshot, username, role):
    demo.load()
    sign_in(page, live_server, username)

    expect(page.get_by_role("heading", level=1)).to_have_text("Styringsdata for helse og omsorg")
    expect(page.locator(".site-brand")).to_contain_text("Asker kommune")
    expect(page.locator(".site-user__role")).to_have_text(role)
    nav = page.get_by_role("navigation", name="Hovedmeny")
    for label in APPS:
        expect(nav.get_by_role("link", name=label, exact=True)).to_be_visible()
    settings_link = nav.get_by_role("link", name="Innstillinger")
    expect(settings_link).to_have_count(1 if role == "Administrator" else 0)
    screenshot(page, f"home-{username}")

    nav.get_by_role("link", name="Målekart", exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/malekart/")
    expect(nav.get_by_role("link", name="Målekart", exact=True)).to_have_attribute("aria-current", "page")

    page.get_by_role("button", name="Logg ut").click()
    expect(page.get_by_role("heading", name="Logg inn")).to_be_visible()


def test_the_keyboard_reaches_the_skip_link_first(page, live_server, demo_users):
    sign_in(page, live_server, "leder")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Hopp til hovedinnholdet"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_a_wrong_password_is_told_on_the_login_page(page, live_server, demo_users, screenshot):
    sign_in(page, live_server, "leder", "feil-passord", succeeds=False)
    expect(page.get_by_role("alert")).to_contain_text("korrekt brukernavn og passord")
    screenshot(page, "login-error")
