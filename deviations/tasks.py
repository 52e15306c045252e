"""Long work on the deviation register, run in the background (horeport/jobs.py)."""

from __future__ import annotations

from django.http import QueryDict
from django.tasks import task
from django.urls import reverse

from deviations import selectors, services
from deviations.models import ImportBatch
from horeport.formatting import nb_number
from horeport.jobs import JobFailed, job_run


@task
def deviations_export_task(*, job_id: int, query: str) -> None:
    """The filtered register (`query`: the list's address parameters) as a workbook file."""
    with job_run(job_id) as run:
        deviations = selectors.deviations_filtered(QueryDict(query)).qs
        run.start(deviations.count())
        services.deviations_export(deviations, path=run.result_file(services.export_filename()), progress=run.advance)


@task
def deviations_import_preview_task(*, job_id: int, batch_id: int) -> None:
    """Preview a large import file (deviations/services.py): counted, then planned chunk by chunk."""
    with job_run(job_id) as run:
        batch = ImportBatch.objects.get(pk=batch_id)
        try:
            run.start(services.import_count(batch))
            summary = services.import_preview_large(batch=batch, progress=run.advance)
        except services.ExtractError as error:
            raise JobFailed(str(error)) from error
        run.result_page(
            reverse("deviations:import_preview", args=[batch.pk]),
            f"Forhåndsvisningen er klar: {nb_number(summary.added)} legges til, {nb_number(summary.changed)} endres, "
            f"{nb_number(summary.unchanged)} er uendret, {nb_number(summary.refused)} avvises.",
        )


@task
def deviations_import_save_task(*, job_id: int, batch_id: int) -> None:
    """Save a previewed large import file, whole or not at all."""
    with job_run(job_id) as run:
        batch = ImportBatch.objects.get(pk=batch_id)
        run.start(batch.row_count)
        try:
            counts = services.import_save_large(batch=batch, user=run.job.created_by, progress=run.advance)
        except (services.ImportRefused, services.ExtractError) as error:
            raise JobFailed(str(error)) from error
        run.result_page(
            reverse("deviations:index"),
            f"Importen er lagret: {nb_number(counts[services.ADD])} avvik lagt til, "
            f"{nb_number(counts[services.CHANGE])} endret, {nb_number(counts[services.UNCHANGED])} uendret.",
        )
