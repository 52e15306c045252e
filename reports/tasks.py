"""Long work on reports, run in the background (horeport/jobs.py): a draft's file, publishing."""

from __future__ import annotations

from django.tasks import task
from django.urls import reverse

from horeport.jobs import JobFailed, job_run
from horeport.periods import Period
from reports.excel import report_xlsx
from reports.models import ReportKind
from reports.pdf import report_pdf
from reports.services import PublishError, report_build, report_publish


@task
def report_file_task(*, job_id: int, report_kind: str, period: str, fmt: str) -> None:
    """The report of `report_kind` (its slug) for `period` as a draft PDF or workbook: built, then drawn."""
    with job_run(job_id) as run:
        run.start(2)
        report = report_build(kind=ReportKind.objects.get(slug=report_kind), period=Period.parse(period))
        run.step()
        content = report_pdf(report) if fmt == "pdf" else report_xlsx(report)
        run.result_file(report.filename(fmt)).write_bytes(content)
        run.step()


@task
def report_publish_task(*, job_id: int, report_kind: str, period: str) -> None:
    """Publish the report as its next version (or find the same content already published)."""
    with job_run(job_id) as run:
        run.start(1)
        period = Period.parse(period)
        try:
            kind = ReportKind.objects.get(slug=report_kind)
            published = report_publish(kind=kind, period=period, user=run.job.created_by)
        except PublishError as error:
            raise JobFailed(str(error)) from error
        if published.is_new:
            message = (
                f"{published.title} er publisert som versjon {published.version}. "
                f"Perioden {period.label} er låst for endringer."
            )
        else:
            message = (
                f"{published.title} er allerede publisert som versjon {published.version} "
                "med det samme innholdet. Ingen ny versjon er laget."
            )
        run.step()
        archive = reverse("reports:archive") + f"?kind={report_kind}#publisert-{published.pk}"
        run.result_page(archive, message)
