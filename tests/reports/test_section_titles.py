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
