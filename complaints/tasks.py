"""Long work on the complaint register, run in the background (horeport/jobs.py)."""

from __future__ import annotations

from django.http import QueryDict
from django.tasks import task

from complaints import export
from horeport.jobs import job_run


@task
def complaints_export_task(*, job_id: int, query: str) -> None:
    """The filtered, sorted register (`query`: the list's address parameters) as a workbook file."""
    with job_run(job_id) as run:
        filterset, complaints = export.complaints_filtered(QueryDict(query))
        run.start(complaints.count())
        export.complaints_export(
            complaints, path=run.result_file(export.export_filename()), filters_text=export.filters_text(filterset),
            progress=run.advance,
        )  # fmt: skip
