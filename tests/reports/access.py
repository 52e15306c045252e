from django.contrib.auth import get_user_model

from horeport.models import period_lock
from horeport.periods import Period
from reports.models import PublishedReport, ReportKind, ReportKindSection, SectionCommentary
from tests.access import ADMINS, EDITORS, EVERYONE, PUBLISHED, Case
from tests.reports import sections_for_tests  # noqa: F401 (registers the test sections)


def cases():
    annual = ReportKind.objects.get(slug="annual")
    section = ReportKindSection.objects.create(kind=annual, key="test.access", order=999)
    someone = get_user_model().objects.create_user("publisher")
    lock = period_lock(period=Period.parse("2015"), reason="Årsrapport 2015, versjon 1", user=someone)
    published = PublishedReport.objects.create(
        kind=annual, period=Period.parse("2015"), version=1, title="Årsrapport 2015", pdf=b"%PDF-1.7",
        xlsx=b"PK", sections={}, pdf_sha256="0" * 64, xlsx_sha256="0" * 64, published_by=someone, lock=lock,
    )  # fmt: skip
    # For its pages in Django's admin (the commentary case below writes another one).
    SectionCommentary.objects.create(kind=annual, period=Period.parse("2014"), section_key="test.access", text="Ok.")
    report = {"kind": "committee", "period": "2016-Q4"}
    return [
        Case("reports:index", EVERYONE),
        Case("reports:choose", EDITORS, kwargs={"kind": "director"}, query="period=2016-03"),
        Case("reports:preview", EDITORS, kwargs=report),
        Case("reports:draft", EDITORS, kwargs={**report, "fmt": "xlsx"}, method="post"),
        Case(
            "reports:commentary",
            EDITORS,
            kwargs={**report, "key": "kpi.malekart"},
            method="post",
            data={"seksjon-kpi-malekart-text": "Kommentar", "seksjon-kpi-malekart-version": ""},
        ),  # fmt: skip
        Case("reports:publish", ADMINS, kwargs=report),
        Case("reports:archive", EVERYONE),
        Case("reports:published_file", PUBLISHED, kwargs={"pk": published.pk, "fmt": "pdf"}),
        Case("reports:kind_list", ADMINS),
        Case("reports:kind_update", ADMINS, kwargs={"kind": "annual"}),
        Case(
            "reports:kind_section_add", ADMINS, kwargs={"kind": "annual"}, method="post", data={"key": "test.yearly"}
        ),  # fmt: skip
        Case(
            "reports:kind_chapter_add",
            ADMINS,
            kwargs={"kind": "annual"},
            method="post",
            data={"title": "Nytt kapittel"},
        ),  # fmt: skip
        Case("reports:kind_section_title", ADMINS, kwargs={"kind": "annual", "pk": section.pk}),
        Case(
            "reports:kind_section",
            ADMINS,
            kwargs={"kind": "annual", "pk": section.pk},
            method="post",
            data={"action": "disable"},
        ),  # fmt: skip
    ]
