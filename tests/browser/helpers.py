"""Small builders for the browser tests (fixtures stay in conftest.py)."""

from __future__ import annotations

DEMO_PASSWORD = "demo-passord-2016"


def sign_in(page, live_server, username: str, password: str = DEMO_PASSWORD, *, succeeds: bool = True):
    page.goto(f"{live_server.url}/")
    page.get_by_label("Brukernavn").fill(username)
    page.get_by_label("Passord").fill(password)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_load_state()
    if succeeds:
        page.locator(".site-user").wait_for()
