"""On a phone (390 × 844 CSS pixels): the målekart without sideways scrolling, a header of at most a
fifth of the screen with a menu button, register filters folded away, entry-grid cells that hold
"1 600,5", and an error message that leaves the next columns in view (issue 12, item 7).

The demo data is loaded once for the module (as in test_accessibility.py): the tests only read, and
a grid sent with a mistake saves nothing. Each test signs in on a wide screen (where the user's name
is in view) and then turns the window into a phone.
"""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.helpers import DEMO_PASSWORD, sign_in

PHONE = {"width": 390, "height": 844}
WIDE = {"width": 1366, "height": 900}
STATUS_WORDS = {"Ønsket", "Akseptert", "Ikke godkjent", "Mangler data", "Ny indikator"}


@pytest.fixture(scope="module")
def demo_database(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_demo", stdout=io.StringIO())
    yield
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def transactional_db(demo_database, django_db_blocker):
    """The demo data loaded once for the module (see test_accessibility.py)."""
    with django_db_blocker.unblock():
        yield


def on_phone(page, live_server, username, path, viewport=PHONE):
    sign_in(page, live_server, username)
    page.set_viewport_size(viewport)
    page.goto(f"{live_server.url}{path}")


def scrolls_sideways(page) -> bool:
    return page.evaluate("() => document.scrollingElement.scrollWidth > document.scrollingElement.clientWidth")


def test_the_malekart_shows_each_indicators_status_on_a_phone_without_scrolling_sideways(
    page, live_server, demo_users, screenshot
):
    on_phone(page, live_server, "leder", "/malekart/?periode=2014")
    assert not scrolls_sideways(page)
    rows = page.locator("tr[data-indicator]")
    assert rows.count() > 20
    for index in range(rows.count()):
        status = rows.nth(index).locator("td[data-status] .status")
        expect(status).to_be_visible()
        assert status.inner_text().strip() in STATUS_WORDS
        box = status.bounding_box()
        code = rows.nth(index).get_attribute("data-indicator")
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], code
    # The latest result is there with its period, though the column headings are not shown.
    latest = page.locator('tr[data-indicator="B-HO.2.3"] td.kpi-current')
    expect(latest).to_have_text("2,04 døgn")
    assert page.evaluate("e => getComputedStyle(e, '::after').content", latest.element_handle()) == '"2014"'
    screenshot(page, "phone-malekart")


def test_the_header_takes_at_most_a_fifth_of_a_phone_screen(page, live_server, demo_users):
    on_phone(page, live_server, "registrator", "/")
    height = page.locator(".site-header").bounding_box()["height"]
    assert height <= PHONE["height"] / 5
    expect(page.get_by_role("navigation", name="Hovedmeny")).to_be_hidden()


def test_the_menu_button_opens_and_closes_the_navigation_with_the_keyboard(page, live_server, demo_users, screenshot):
    on_phone(page, live_server, "registrator", "/")
    button = page.get_by_role("button", name="Meny")
    nav = page.get_by_role("navigation", name="Hovedmeny")
    expect(button).to_have_attribute("aria-expanded", "false")

    for _ in range(3):  # the skip link, the brand, the menu button
        page.keyboard.press("Tab")
    expect(button).to_be_focused()
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(nav.get_by_role("link", name="Avvik", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Logg ut")).to_be_visible()
    screenshot(page, "phone-menu-open")

    page.keyboard.press("Tab")  # into the menu: the first of the user's links
    expect(page.get_by_role("link", name="Bytt passord")).to_be_focused()
    page.keyboard.press("Escape")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(button).to_be_focused()
    expect(nav).to_be_hidden()

    page.keyboard.press(" ")
    expect(button).to_have_attribute("aria-expanded", "true")
    nav.get_by_role("link", name="Avvik", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Avvik")
    expect(page.get_by_role("button", name="Meny")).to_have_attribute("aria-expanded", "false")


def test_without_javascript_the_navigation_stays_in_view_and_the_menu_button_away(
    browser, browser_context_args, live_server, demo_users
):
    context = browser.new_context(**{**browser_context_args, "viewport": PHONE}, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/")
        page.get_by_label("Brukernavn").fill("registrator")
        page.get_by_label("Passord").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Logg inn").click()
        expect(page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Avvik")).to_be_visible()
        expect(page.locator("[data-menu-button]")).to_be_hidden()
        page.goto(f"{live_server.url}/avvik/")
        expect(page.get_by_label("Fritekst")).to_be_visible()
    finally:
        context.close()


@pytest.mark.parametrize(
    ("path", "field"), [("/avvik/", "Fritekst"), ("/klagesaker/", "Søk")], ids=["deviations", "complaints"]
)
def test_register_filters_are_folded_on_a_phone_and_open_with_the_button(
    page, live_server, demo_users, screenshot, path, field
):
    on_phone(page, live_server, "registrator", path)
    expect(page.get_by_label(field, exact=True)).to_be_hidden()
    expect(page.get_by_role("button", name="Filtrer", exact=True)).to_be_hidden()
    summary = page.locator("details[data-filter-fold] > summary")
    expect(summary).to_have_text("Filtre")
    summary.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_label(field, exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Filtrer", exact=True)).to_be_visible()
    assert not scrolls_sideways(page)
    screenshot(page, f"phone-filters-{path.strip('/')}")

    # On a wide screen the filters are open and there is nothing to unfold.
    page.set_viewport_size(WIDE)
    page.reload()
    expect(page.get_by_label(field, exact=True)).to_be_visible()
    expect(summary).to_be_hidden()


def test_every_register_shows_the_sort_arrow_alike(page, live_server, demo_users):
    sign_in(page, live_server, "registrator")
    arrows = []
    for path in ("/avvik/", "/klagesaker/"):
        page.goto(f"{live_server.url}{path}")
        link = page.locator('th[aria-sort="descending"] a.sort-link')
        arrows.append(page.evaluate("e => getComputedStyle(e, '::after').content", link.element_handle()))
    assert arrows == ['"▼" / ""', '"▼" / ""']


@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["phone", "wide"])
def test_a_grid_cell_shows_1_600_5_whole(page, live_server, demo_users, viewport):
    on_phone(page, live_server, "registrator", "/tjenester/bpa/registrer/2017/", viewport)
    cell = page.get_by_label("Antall timer > 18 år, januar 2017")
    cell.fill("1 600,5")
    assert cell.evaluate("e => e.scrollWidth <= e.clientWidth")
    if viewport == WIDE:  # all twelve months side by side, without scrolling the grid
        assert page.locator(".grid-wrap").evaluate("e => e.scrollWidth <= e.clientWidth")


def test_an_error_message_in_the_grid_leaves_the_next_month_in_view(page, live_server, demo_users, screenshot):
    on_phone(page, live_server, "registrator", "/tjenester/bpa/registrer/2017/")
    page.get_by_label("Antall brukere ≤ 18 år, januar 2017").fill("mye")
    page.get_by_role("button", name="Lagre").click()
    expect(page.locator(".grid-cell.has-error .ds-validation-message")).to_contain_text("«mye» er ikke et tall")
    february = page.locator(".volume-grid thead th").nth(2)  # Mål, jan., feb.
    box = february.bounding_box()
    assert box["x"] + box["width"] <= PHONE["width"]
    assert not scrolls_sideways(page)
    screenshot(page, "phone-grid-error")
