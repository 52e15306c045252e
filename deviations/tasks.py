"""Long work on the deviation register, run in the background (horeport/jobs.py)."""

from __future__ import annotations

from django.http import QueryDict
from django.tasks import task

from deviations import selectors, services
from horeport.jobs import job_run


@task
def deviations_export_task(*, job_id: int, query: str) -> None:
    """The filtered register (`query`: the list's address parameters) as a workbook file."""
    with job_run(job_id) as run:
        deviations = selectors.deviations_filtered(QueryDict(query)).qs
        run.start(deviations.count())
        services.deviations_export(deviations, path=run.result_file(services.export_filename()), progress=run.advance)
