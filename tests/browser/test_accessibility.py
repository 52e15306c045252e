"""axe-core checks the important pages against WCAG 2.0 and 2.1, levels A and AA.

Each page is its own test: with the demo data loaded, the role that uses the page signs in, the
page is opened (and, for some, a form is sent with a mistake in it, so the error state is
checked too), and axe runs on it. A violation of impact "serious" or "critical" fails the test
with the rule, its impact and the first elements it found. The page must then also reflow at
320 CSS pixels (WCAG 1.4.10, which axe does not check): no horizontal scrolling of the page
itself (a wide table scrolls inside its own wrapper).

The demo data is loaded once for the whole module, not once per test: loading it takes seconds
and the pages are only read (a form sent with a mistake saves nothing; a test that adds rows
removes them). The tables are emptied after the module, as after any transactional test.

axe is read from node_modules (`make assets` runs `npm ci`, which installs it from
package.json's devDependencies); it is injected by the test only, never served by the site.
The site's Content Security Policy forbids inline scripts, so this test alone uses a browser
context that bypasses it.
"""

import io
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from playwright.sync_api import expect

from complaints.models import Complaint
from deviations.models import Deviation
from economy.models import AccountsFigure, BudgetAdjustment, BudgetArea, BudgetFrame
from horeport.models import BulkUpload, FlaggedFigure, Job, JobStatus, ServiceUnit, period_lock
from horeport.periods import Period
from kpi.models import Indicator
from reports.models import PublishedReport, ReportKind, ReportKindSection
from tests.browser.helpers import sign_in
from tests.horeport.helpers import fill, template, uploaded
from waitlists.models import HousingType

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FAILING_IMPACTS = {"serious", "critical"}
# axe reports an aria-describedby/-labelledby that points at a missing id as "incomplete" (the
# element might be added later by a script). These pages are rendered on the server and add
# nothing later: a dangling reference is an error (an input loses its help text or its error).
FAILING_INCOMPLETE = {"aria-valid-attr-value"}
SHOWN_TARGETS = 3
NARROW = {"width": 320, "height": 800}  # 1280 px at 400 % zoom


@dataclass(frozen=True)
class Page:
    name: str
    role: str | None  # who signs in; None: nobody (the login page)
    url: Callable[[], str]  # called after the demo data is loaded
    then: Callable | None = None  # what to do on the page before axe runs (e.g. send a form)
    setup: Callable[[], list] | None = None  # extra rows for this page (removed after the test)


def send_empty_deviation(page):
    page.get_by_label("Saksnummer").fill("")
    page.get_by_role("button", name="Registrer", exact=True).click()
    expect(page.locator("#id_reference_error")).to_be_visible()


def send_bad_result(page):
    page.locator('tr[data-indicator="S.3.1"] input[name$="-value"]').fill("mye")
    page.get_by_role("button", name="Lagre resultatene").click()
    expect(page.get_by_text("Skjemaet ble ikke lagret")).to_be_visible()


def send_implausible_result(page):
    """S.3.1 was 54,55 % in 2014: 90 % for 2015 is questioned before it is saved."""
    page.locator('tr[data-indicator="S.3.1"] input[name$="-value"]').fill("90")
    page.get_by_role("button", name="Lagre resultatene").click()
    expect(page.get_by_text("Kontroller tallet før du lagrer")).to_be_visible()


def a_questioned_figure() -> list:
    """A figure confirmed as right though questioned, waiting on the reporting status."""
    item = Indicator.objects.get(code="S.3.1")
    return [FlaggedFigure.objects.create(
        kind="kpi.result", figure_id=item.pk, period=Period.parse("2015"), name=f"{item.code} {item.name}",
        url="/malekart/registrer/?periode=2015", value=90, previous=Decimal("54.55"),
        reason="90 er 65 % over samme periode i fjor (54,55).",
    )]  # fmt: skip


def send_empty_complaint(page):
    page.get_by_label("Saksreferanse").fill("")
    page.get_by_role("button", name="Lagre", exact=True).click()
    expect(page.locator("#id_reference_error")).to_be_visible()


def send_a_file_that_is_not_a_template(page):
    page.get_by_label("Utfylt mal").set_input_files(
        files=[{"name": "feil.xlsx", "mimeType": "application/octet-stream", "buffer": b"ikke et regneark"}]
    )
    page.get_by_role("button", name="Vis forhåndsvisning").click()
    expect(page.locator("#id_file_error")).to_be_visible()


def an_upload_with_a_change_and_a_refusal() -> list:
    """The registrator's upload of December 2016's volumes: one figure changed, one refused."""
    workbook = template("tjenester", "2016-12")
    fill(workbook, "bpa", "Antall brukere > 18 år", 52)
    fill(workbook, "fat", "Antall brukere", "mange")
    return [uploaded(workbook, get_user_model().objects.get(username="registrator"), "desember.xlsx")]


def latest_upload() -> str:
    return f"/tall-fra-excel/{BulkUpload.objects.latest('pk').pk}/"


def a_finished_job() -> list:
    """A background job that has published a report: its message and the link to the result."""
    return [
        Job.objects.create(
            kind="report_publish", title="Publiser Årsrapport 2016", unit="steg", status=JobStatus.DONE, done=1,
            total=1, message="Årsrapport 2016 er publisert som versjon 1. Perioden 2016 er låst for endringer.",
            result_url="/rapporter/arkiv/", created_by=get_user_model().objects.get(username="admin"),
        )
    ]  # fmt: skip


def publish_a_report() -> list:
    """The demo publishes nothing: one published (and locking) version fills the archive."""
    lock = period_lock(period=Period.parse("2016"), reason="Årsrapport 2016, versjon 1")
    published = PublishedReport.objects.create(
        kind=ReportKind.objects.get(slug="annual"), period=Period.parse("2016"), version=1,
        title="Årsrapport 2016", pdf=b"%PDF-1.7", xlsx=b"PK", sections={}, pdf_sha256="a" * 64,
        xlsx_sha256="b" * 64, lock=lock,
    )  # fmt: skip
    return [lock, published]


def economy_figures() -> list:
    """The demo holds no economy: one budget area with a frame, an adjustment and accounts for 2017."""
    area = BudgetArea.objects.create(name="Hjemmebaserte tjenester")
    return [
        area,
        BudgetFrame.objects.create(area=area, period=Period.parse("2017"), amount=Decimal(349_500_000)),
        BudgetAdjustment.objects.create(area=area, period=Period.parse("2017-T2"), amount=Decimal(1_000_000),
                                        reason="2. tertialbehandling"),
        AccountsFigure.objects.create(area=area, period=Period.parse("2017"), amount=Decimal(342_800_000)),
    ]  # fmt: skip


def strategy_section() -> int:
    return ReportKindSection.objects.get(kind__slug="annual", key="kpi.strategy_status").pk


def indicator(code):
    return lambda: f"/malekart/indikatorer/{Indicator.objects.get(code=code).pk}/"


def first_unit() -> ServiceUnit:
    return ServiceUnit.objects.order_by("pk").first()


PAGES = [
    Page("login", None, lambda: "/logg-inn/"),
    Page("home", "leder", lambda: "/"),
    Page("home-registrator", "registrator", lambda: "/"),
    Page("home-admin", "admin", lambda: "/"),
    Page("bulk-entry", "registrator", lambda: "/tall-fra-excel/?skjema=tjenester&periode=2016-12"),
    Page("bulk-entry-error", "registrator", lambda: "/tall-fra-excel/", then=send_a_file_that_is_not_a_template),
    Page("bulk-preview", "registrator", latest_upload, setup=an_upload_with_a_change_and_a_refusal),
    Page("reporting-status", "registrator", lambda: "/rapporteringsstatus/?periode=2016-12"),
    Page("reporting-status-questioned", "leder", lambda: "/rapporteringsstatus/?periode=2016-12",
         setup=a_questioned_figure),
    Page("result-entry-question", "registrator", lambda: "/malekart/registrer/?periode=2015",
         then=send_implausible_result),
    Page("malekart", "leder", lambda: "/malekart/?periode=2014"),
    Page("indicator", "leder", indicator("S.3.1")),
    Page("result-entry", "registrator", lambda: "/malekart/registrer/?periode=2015"),
    Page("result-entry-error", "registrator", lambda: "/malekart/registrer/?periode=2015", then=send_bad_result),
    Page("key-figures", "leder", lambda: "/malekart/nokkeltall/"),
    Page("strategy", "leder", lambda: "/malekart/strategi/"),
    Page("housing", "leder", lambda: "/boliger/"),
    Page("housing-type", "leder", lambda: f"/boliger/boligtyper/{HousingType.objects.order_by('pk').first().pk}/"),
    Page("volumes", "leder", lambda: "/tjenester/"),
    Page("service", "leder", lambda: "/tjenester/bpa/"),
    Page("service-grid", "registrator", lambda: "/tjenester/bpa/registrer/2016/"),
    Page("deviations", "registrator", lambda: "/avvik/"),
    Page("deviation-form", "registrator", lambda: "/avvik/ny/"),
    Page("deviation-form-error", "registrator", lambda: "/avvik/ny/", then=send_empty_deviation),
    Page("deviation", "registrator", lambda: f"/avvik/{Deviation.objects.order_by('pk').first().pk}/"),
    Page("deviation-statistics", "leder", lambda: "/avvik/statistikk/?periode=2016"),
    Page("complaints", "registrator", lambda: "/klagesaker/"),
    Page("complaint-form", "registrator", lambda: "/klagesaker/ny/"),
    Page("complaint-form-error", "registrator", lambda: "/klagesaker/ny/", then=send_empty_complaint),
    Page("complaint-edit", "registrator", lambda: f"/klagesaker/{Complaint.objects.order_by('pk').first().pk}/endre/"),
    Page("complaint-statistics", "leder", lambda: "/klagesaker/statistikk/"),
    Page("economy", "leder", lambda: "/okonomi/?periode=2017", setup=economy_figures),
    Page("economy-entry", "registrator", lambda: "/okonomi/registrer/2017/", setup=economy_figures),
    Page("economy-adjustment", "registrator", lambda: "/okonomi/justeringer/ny/?aar=2017", setup=economy_figures),
    Page("economy-areas", "admin", lambda: "/okonomi/omrader/", setup=economy_figures),
    Page("reports", "admin", lambda: "/rapporter/"),
    Page("report-preview", "admin", lambda: "/rapporter/annual/2016/"),
    Page("archive", "leder", lambda: "/rapporter/arkiv/", setup=publish_a_report),
    Page("job-done", "admin", lambda: f"/jobber/{Job.objects.latest('pk').pk}/", setup=a_finished_job),
    Page("report-kind-setup", "admin", lambda: "/rapporter/oppsett/annual/"),
    Page("report-section-title", "admin", lambda: f"/rapporter/oppsett/annual/seksjoner/{strategy_section()}/tittel/"),
    Page("settings", "admin", lambda: "/innstillinger/"),
    Page("settings-units", "admin", lambda: "/innstillinger/virksomheter/"),
    Page("settings-limits", "admin", lambda: "/innstillinger/grenser/"),
    Page("settings-locks", "admin", lambda: "/innstillinger/laaste-perioder/", setup=publish_a_report),
    Page("settings-users", "admin", lambda: "/innstillinger/brukere/"),
    Page("settings-user-form", "admin", lambda: "/innstillinger/brukere/ny/"),
    Page("settings-unit-form", "admin", lambda: f"/innstillinger/virksomheter/{first_unit().pk}/"),
]  # fmt: skip


@pytest.fixture(scope="module")
def demo_database(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_demo", stdout=io.StringIO())
    yield
    with django_db_blocker.unblock():
        # What TransactionTestCase does after each test: the next module starts from empty tables.
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def transactional_db(demo_database, django_db_blocker):
    """Overrides pytest-django's fixture (which `live_server` requests, and which empties every
    table after each test) for this module: the tests share the demo data loaded once."""
    with django_db_blocker.unblock():
        yield


@pytest.fixture
def axe_page(browser, browser_context_args):
    """A page in a context that ignores the CSP, so that the test may inject axe (only here)."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make assets` (npm ci installs axe-core).")
    context = browser.new_context(**browser_context_args, bypass_csp=True)
    page = context.new_page()
    yield page
    context.close()


def run_axe(page) -> list[dict]:
    page.add_script_tag(path=AXE)
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        WCAG_TAGS,
    )
    found = [v for v in results["violations"] if v["impact"] in FAILING_IMPACTS]
    found += [v for v in results["incomplete"] if v["id"] in FAILING_INCOMPLETE]
    return found


def page_width(page) -> int:
    """How wide the page is on a 320 px screen."""
    page.set_viewport_size(NARROW)
    return page.evaluate("() => document.documentElement.scrollWidth")


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        nodes = violation["nodes"]
        targets = ", ".join(" ".join(node["target"]) for node in nodes[:SHOWN_TARGETS])
        more = f" (and {len(nodes) - SHOWN_TARGETS} more)" if len(nodes) > SHOWN_TARGETS else ""
        lines.append(f"- {violation['id']} [{violation['impact']}] {violation['help']}: {targets}{more}")
        lines.append("    " + " ".join(nodes[0]["failureSummary"].split()))
    return "\n".join(lines)


@pytest.mark.parametrize("target", PAGES, ids=[p.name for p in PAGES])
def test_page_has_no_serious_accessibility_violations(target, axe_page, live_server, demo_users):
    added = target.setup() if target.setup else []
    try:
        if target.role:
            sign_in(axe_page, live_server, target.role)
        url = target.url()
        response = axe_page.goto(f"{live_server.url}{url}")
        assert response.status == 200, f"{url} answered {response.status}"
        assert axe_page.url == f"{live_server.url}{url}", f"{url} led to {axe_page.url}"
        if target.then:
            target.then(axe_page)

        violations = run_axe(axe_page)
        width = page_width(axe_page)
    finally:
        for row in reversed(added):  # test data, gone again (a lock is never deleted in the product)
            type(row)._base_manager.filter(pk=row.pk).delete()

    if violations:
        pytest.fail(f"axe found on {target.name} ({url}):\n{describe(violations)}", pytrace=False)
    assert width <= NARROW["width"], f"{url} is {width} px wide on a {NARROW['width']} px screen (WCAG 1.4.10)"
