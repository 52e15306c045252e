"""A report kind's section carries its own title as data: the preview, the PDF and the workbook use it."""

from django.urls import reverse

from horeport.models import SiteSettings
from reports import demo
from reports.excel import report_xlsx
from reports.models import ReportKind, ReportKindSection
from reports.pdf import report_pdf
from reports.services import report_build
from tests.reports.helpers import YEAR, pdf_text, workbook

PREVIEW = reverse("reports:preview", kwargs={"kind": "annual", "period": "2016"})


def own_title(kind, key, title, short_title=""):
    ReportKindSection.objects.filter(kind=kind, key=key).update(title=title, short_title=short_title)


def test_a_section_without_its_own_title_keeps_the_sections_title(annual, registrator_client):
    html = registrator_client.get(PREVIEW).content.decode()
    assert "Klagesaker per sakstype" in html


def test_the_kinds_own_title_is_shown_in_the_preview(annual, registrator_client):
    own_title(annual, "test.counts", "Klager til statsforvalteren, etter sakstype")
    html = registrator_client.get(PREVIEW).content.decode()
    assert "Klager til statsforvalteren, etter sakstype" in html
    assert "Klagesaker per sakstype" not in html


def test_the_kinds_own_title_is_in_the_pdf_and_names_the_sheet(annual):
    SiteSettings.current()
    own_title(annual, "test.counts", "Klager fra innbyggerne til statsforvalteren", short_title="Klager")
    report = report_build(kind=annual, period=YEAR)
    assert "Klager fra innbyggerne til statsforvalteren" in pdf_text(report_pdf(report))
    assert "Klager" in workbook(report_xlsx(report)).sheetnames


def test_the_demo_gives_the_strategy_and_half_year_sections_the_municipalitys_titles(db):
    demo.load()
    demo.load()  # idempotent
    annual = ReportKind.objects.get(slug="annual")
    titles = dict(annual.sections.values_list("key", "title"))
    assert titles["kpi.strategy_status"] == "Status for Strategi 2020 og temaplaner"
    assert titles["volumes.mestringshuset_fat"] == "Psykisk helse – Mestringshuset og FAT"
    assert titles["kpi.key_figures"] == ""  # the section's own title
    report = report_build(kind=annual, period=YEAR)
    part = next(p for p in report.parts if p.key == "kpi.strategy_status")
    assert part.title == "Status for Strategi 2020 og temaplaner"
    assert part.sheet_title == "Strategi 2020 og temaplaner"  # the title is longer than a sheet name may be


def title_url(kind, key):
    entry = ReportKindSection.objects.get(kind=kind, key=key)
    return reverse("reports:kind_section_title", kwargs={"kind": kind.slug, "pk": entry.pk})


def test_an_administrator_gives_a_section_its_own_title_and_the_setup_shows_it(annual, administrator_client):
    response = administrator_client.post(
        title_url(annual, "test.counts"), {"title": "Klager etter sakstype", "short_title": ""}
    )
    assert response.status_code == 302
    assert ReportKindSection.objects.get(kind=annual, key="test.counts").title == "Klager etter sakstype"
    setup = administrator_client.get(reverse("reports:kind_update", kwargs={"kind": "annual"})).content.decode()
    assert "Klager etter sakstype" in setup and "Egen tittel; seksjonens: Klagesaker per sakstype" in setup


def test_a_title_longer_than_a_sheet_name_needs_a_short_title(annual, administrator_client):
    long_title = "Klager fra innbyggerne til statsforvalteren, etter sakstype og utfall"
    response = administrator_client.post(title_url(annual, "test.counts"), {"title": long_title, "short_title": ""})
    assert response.status_code == 400
    assert "Skriv en kort tittel til arket." in response.content.decode()
    assert ReportKindSection.objects.get(kind=annual, key="test.counts").title == ""
