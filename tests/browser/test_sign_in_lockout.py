"""Failed sign-ins: a user name is locked out with a Norwegian message, and an administrator lifts
the lock from the user list; the error pages are Norwegian too."""

from playwright.sync_api import expect

from tests.browser.helpers import sign_in


def test_a_locked_out_user_is_told_and_an_administrator_lifts_the_lock(page, live_server, demo_users, screenshot):
    for _ in range(5):
        sign_in(page, live_server, "leder", "feil-passord", succeeds=False)
    sign_in(page, live_server, "leder", succeeds=False)  # the right password, now refused
    expect(page.get_by_role("alert")).to_contain_text("For mange mislykkede innlogginger")
    expect(page.get_by_label("Brukernavn")).to_have_value("leder")
    screenshot(page, "login-locked-out")

    sign_in(page, live_server, "admin")  # another user at the same machine is not locked out
    page.get_by_role("link", name="Innstillinger").click()
    page.get_by_role("link", name="Brukere").click()
    row = page.get_by_role("row").filter(has_text="Lars Leder")
    expect(row).to_contain_text("Sperret")
    screenshot(page, "users-locked-out")
    row.get_by_role("button", name="Opphev sperren").click()
    expect(page.get_by_text("Sperren er opphevet. «leder» kan logge inn igjen.")).to_be_visible()
    page.get_by_role("button", name="Logg ut").click()

    sign_in(page, live_server, "leder")
    expect(page.locator(".site-user__role")).to_have_text("Leder")


def test_a_missing_page_is_shown_in_norwegian(page, live_server, demo_users, screenshot):
    sign_in(page, live_server, "leder")
    response = page.goto(f"{live_server.url}/finnes-ikke/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Fant ikke siden")
    assert page.locator("html").get_attribute("lang") == "nb"
    screenshot(page, "error-404")
