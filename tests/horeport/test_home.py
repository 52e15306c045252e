"""The home page per role: what is due for a Registrator, the målekart and changes for a Leder,
what waits for an Administrator."""

import datetime
import io
import re
from html import unescape

import pytest
from django.core.management import call_command
from django.urls import reverse

from deviations.models import ImportBatch
from horeport.contributions import deadline
from horeport.models import SiteSettings, period_lock
from horeport.periods import Period
from reports.models import PublishedReport, ReportKind
from volumes.models import Service, VolumeFigure

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2017, 2, 15)  # the demo's figures end in 2016
BPA = "Brukerstyrt personlig assistanse (BPA)"


@pytest.fixture
def demo(monkeypatch):
    call_command("load_demo", stdout=io.StringIO())
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: TODAY)


def text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def due_rows(html: str, period: str) -> dict[str, tuple[str, str]]:
    """The rows of one month's table: what (with its app) → (state, link)."""
    table = html.split(f'data-table="due-{period}"', 1)[1].split("</table>", 1)[0]
    rows = {}
    for row in re.findall(r'<tr data-state="(\w+)">(.*?)</tr>', table, re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row[1], re.S)
        what = text(cells[0])  # "Tjenester BPA" or "Målekart Resultater …, Unit"
        rows[what] = (row[0], re.search(r'href="([^"]+)"', row[1])[1])
    return rows


def test_the_deadline_is_the_chosen_day_of_the_following_month():
    assert deadline(Period.parse("2017-01"), 10) == datetime.date(2017, 2, 10)
    assert deadline(Period.parse("2016-12"), 28) == datetime.date(2017, 1, 28)
    assert deadline(Period.parse("2017-01"), 31) == datetime.date(2017, 2, 28)  # February has no 31st


def test_a_registrator_sees_what_is_due_each_month_with_its_deadline_and_a_link(registrator_client, demo):
    SiteSettings.objects.filter(pk=1).update(due_day=12)
    html = registrator_client.get("/").content.decode()
    page = text(html)
    assert "Tall for januar 2017 Frist 12.02.2017 (passert)." in page
    assert "Tall for februar 2017 Frist 12.03.2017." in page
    rows = due_rows(html, "2017-01")
    assert rows[f"Tjenester {BPA}"] == ("missing", reverse("volumes:grid", args=["bpa", 2017]))
    assert rows["Boliger Bolig med service"] == (
        "missing", reverse("waitlists:month_entry") + "?periode=2017-01"
    )  # fmt: skip
    # Overdue: January is past its deadline and nothing of it is entered; February is not due yet.
    assert "Forfalt: januar 2017 (fristen var 12.02.2017)" in page
    assert f"Tjenester: {BPA} – mangler (0 av 6)" in page
    assert "Forfalt: februar" not in page


def test_a_month_entered_in_full_is_complete_and_no_longer_overdue(registrator_client, demo):
    bpa = Service.objects.get(slug="bpa")
    values = {f.name: 10 for f in bpa.volume_fields()}
    figure = VolumeFigure.objects.create(service=bpa, period=Period.parse("2017-01"), **values)
    html = registrator_client.get("/").content.decode()
    assert due_rows(html, "2017-01")[f"Tjenester {BPA}"][0] == "complete"
    assert f"Tjenester: {BPA} –" not in text(html)
    first = next(iter(values))
    setattr(figure, first, None)
    figure.save()
    html = registrator_client.get("/").content.decode()
    assert due_rows(html, "2017-01")[f"Tjenester {BPA}"][0] == "partial"
    assert f"Tjenester: {BPA} – delvis (5 av 6)" in text(html)


def test_a_leder_sees_the_malekart_at_a_glance_and_the_largest_changes(leder_client, demo):
    html = leder_client.get("/").content.decode()
    page = text(html)
    assert "Målekart 2014" in page
    counts = dict(re.findall(r'data-summary="(\w+)">.*?summary-counts__count">(\d+)<', html, re.S))
    attention = html.split('data-table="attention"', 1)[1].split("</table>", 1)[0]
    statuses = re.findall(r'data-status="(\w+)"', attention)
    assert statuses.count("red") == int(counts["red"]) and statuses.count("yellow") == int(counts["yellow"])
    assert statuses == sorted(statuses, key=["red", "yellow"].index)  # red first
    changes = html.split('data-table="changes"', 1)[1].split("</table>", 1)[0]
    shown = re.findall(r"([-+−][\d,]+) %", text(changes))
    percents = [float(p.replace(",", ".").replace("−", "-")) for p in shown]
    assert percents and [abs(p) for p in percents] == sorted((abs(p) for p in percents), reverse=True)
    assert "Forfalt" not in page  # what is due is the Registrator's page
    assert "Nyeste publiserte rapporter Ingen rapporter er publisert ennå." in page


def test_a_leder_sees_the_newest_published_reports_to_download(administrator, leder_client, demo):
    report = PublishedReport.objects.create(
        kind=ReportKind.objects.get(slug="annual"), period=Period.of_year(2016), version=2, title="Årsrapport 2016",
        pdf=b"%PDF", xlsx=b"PK", sections={}, pdf_sha256="0" * 64, xlsx_sha256="0" * 64, published_by=administrator,
    )  # fmt: skip
    html = leder_client.get("/").content.decode()
    assert "Årsrapport 2016, versjon 2" in text(html)
    assert reverse("reports:published_file", args=[report.pk, "pdf"]) in html


def test_an_administrator_sees_reports_to_publish_pending_imports_and_locks(administrator, administrator_client, demo):
    ImportBatch.objects.create(created_by=administrator, filename="avvik-januar.xlsx", checksum="0" * 64, rows=[])
    period_lock(period=Period.parse("2016"), reason="Årsrapporten er sendt", user=administrator)
    html = administrator_client.get("/").content.decode()
    page = text(html)
    assert "Årsrapport 2016 er ikke publisert." in page
    assert "Rapport til direktør januar 2017 er ikke publisert." in page
    assert "Importen av «avvik-januar.xlsx»" in page and "er ikke lagret." in page
    assert "2016: Årsrapporten er sendt" in page
    batch = ImportBatch.objects.get()
    assert reverse("deviations:import_preview", args=[batch.pk]) in html
    annual = ReportKind.objects.get(slug="annual")
    PublishedReport.objects.create(
        kind=annual, period=Period.of_year(2016), version=1, title="Årsrapport 2016", pdf=b"%PDF", xlsx=b"PK",
        sections={}, pdf_sha256="0" * 64, xlsx_sha256="0" * 64, published_by=administrator,
    )  # fmt: skip
    batch.saved_at = batch.created_at
    batch.save()
    page = text(administrator_client.get("/").content.decode())
    assert "Årsrapport 2016 er ikke publisert." not in page and "avvik-januar.xlsx" not in page
