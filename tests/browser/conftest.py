"""Browser tests: Playwright drives the system's Chromium against pytest-django's live server.

No browser is downloaded: Chromium comes from the system (Debian's `chromium` package, or
CHROMIUM=/path/to/chrome). Screenshots go to `screenshots/` (not committed). Every test in this
folder is marked `browser`, so that `make test-fast` (`pytest -m "not browser"`) leaves them out.
"""

import os
import shutil
from pathlib import Path

import pytest

from horeport.demo import users_create
from tests.browser.helpers import DEMO_PASSWORD

# Playwright's sync API runs an event loop in this thread; the ORM calls made by the tests
# themselves (creating users and data) are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

BROWSER_TESTS = Path(__file__).resolve().parent
SCREENSHOTS = BROWSER_TESTS.parents[1] / "screenshots"


def pytest_collection_modifyitems(items):
    # A hook in this conftest still sees every collected test, so keep to this folder's.
    for item in items:
        if BROWSER_TESTS in item.path.parents:
            item.add_marker(pytest.mark.browser)


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.fail("Chromium is needed for the browser tests: apt-get install chromium (or set CHROMIUM).")
    return path


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": chromium_path(),
        "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--lang=nb-NO"],
    }  # fmt: skip


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "nb-NO", "timezone_id": "Europe/Oslo",
            "viewport": {"width": 1280, "height": 900}}  # fmt: skip


@pytest.fixture
def demo_users(transactional_db):
    return users_create(DEMO_PASSWORD)


@pytest.fixture
def screenshot():
    """Save a full-page screenshot under screenshots/<name>.png, to be looked at."""
    SCREENSHOTS.mkdir(exist_ok=True)

    def take(page, name: str):
        page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)

    return take
