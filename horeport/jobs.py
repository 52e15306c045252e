"""Long work in the background: a `Job` row that the page shows, and a task of Django's tasks
framework that does the work and reports on the row as it goes.

A view calls `job_enqueue(task=…, kind=…, title=…, user=…, **arguments)`: the job is created, old
jobs are pruned, and the task is enqueued with `job_id` and the arguments (JSON values). The task
body runs inside `job_run(job_id)`, which marks the job running, gives it a `JobRun` to report
progress and name its file (or the page it leads to, `run.result_page`), and marks it done, or
failed with a Norwegian message, at the end.

Every report is one UPDATE in autocommit, outside any transaction of the task, so the job's page
sees it at once while the task runs (the database worker runs a task outside a transaction; a
task must not wrap its whole work in `transaction.atomic`). Every report also says the job is
alive (`Job.reported_at`): a running job silent for longer than JOB_STALE_SECONDS has stopped
(its worker died mid-job) and is shown as failed.
"""

from __future__ import annotations

import datetime
import logging
import shutil
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone

from horeport.models import Job, JobStatus

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

logger = logging.getLogger(__name__)

FAILED_MESSAGE = (
    "Jobben stoppet på grunn av en feil, og ingen fil ble laget. Prøv igjen. "
    "Skjer det igjen, si fra til en administrator."
)


class JobFailed(Exception):
    """A failure the user can act on; its message (Norwegian) is shown on the job's page."""


def job_root() -> Path:
    return Path(settings.JOB_ROOT)


def job_enqueue(*, task, kind: str, title: str, user, unit: str = "rader", once: bool = False, **arguments) -> Job:
    """Create a job for `user` and enqueue `task(job_id=…, **arguments)`.

    With `once`, a job of the same kind and title that is still waiting or running is returned
    instead of a new one (a second click on "Publiser" while the first is at work); one that has
    stopped (silent for longer than JOB_STALE_SECONDS: its worker died) is not, so a new one starts."""
    if once:
        unfinished = Job.objects.unfinished().filter(kind=kind, title=title)
        if job := unfinished.order_by("created_at").first():
            return job
    jobs_prune()
    job = Job.objects.create(kind=kind, title=title, created_by=user, unit=unit)
    result = task.enqueue(job_id=job.pk, **arguments)
    Job.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])
    job.refresh_from_db()
    return job


class JobRun:
    """What a running task reports: its total, its progress, its file."""

    # Progress is written at most this often (seconds), and always at the end.
    INTERVAL = 0.5

    def __init__(self, job: Job):
        self.job = job
        self.done = 0
        self.total = 0
        self._written_at = 0.0
        self._beside = None  # a second connection, for progress inside a transaction

    def _update(self, **fields) -> None:
        """Write to the job's row; every write is a report of life (`reported_at`)."""
        beside = connection.in_atomic_block and connection.vendor == "postgresql" and set(fields) <= {"done", "total"}
        fields["reported_at"] = timezone.now()
        if beside and self._update_beside(**fields):
            return
        Job.objects.filter(pk=self.job.pk).update(**fields)

    def _update_beside(self, **fields) -> bool:
        """Progress written while the task is inside a transaction (an import saved whole): through
        a second connection of its own, so that the page sees it before the transaction commits.
        PostgreSQL only; on SQLite the second writer would wait for the first, so progress there
        shows when the transaction ends. False where the second connection does not see the job
        (created in the same uncommitted transaction, as in a test): then it is written as usual."""
        if self._beside is None:
            self._beside = connections.create_connection(DEFAULT_DB_ALIAS)
        columns = ", ".join(f"{Job._meta.get_field(name).column} = %s" for name in fields)
        with self._beside.cursor() as cursor:
            cursor.execute(f"UPDATE {Job._meta.db_table} SET {columns} WHERE id = %s", [*fields.values(), self.job.pk])
            return cursor.rowcount == 1

    def close(self) -> None:
        if self._beside is not None:
            self._beside.close()
            self._beside = None

    def start(self, total: int) -> None:
        self.total = total
        self._update(total=total, done=0)

    def advance(self, count: int = 1) -> None:
        self.done += count
        now = time.monotonic()
        if now - self._written_at >= self.INTERVAL:
            self._written_at = now
            self._update(done=self.done)

    def step(self, count: int = 1) -> None:
        """A step of work with few steps (a report: built, drawn): written at once, never held back."""
        self.done += count
        self._written_at = time.monotonic()
        self._update(done=self.done)

    def result_page(self, url: str, message: str) -> None:
        """The finished job leads to a page (the published report), saying what it did."""
        self.job.result_url = url
        self.job.message = message

    def result_file(self, name: str) -> Path:
        """The file to write the job's result to (it downloads as `name`)."""
        folder = job_root() / str(self.job.pk)
        folder.mkdir(parents=True, exist_ok=True)
        self.job.result_name = name
        self.job.result_path = f"{self.job.pk}/{name}"
        return folder / name


@contextmanager
def job_run(job_id: int) -> Iterator[JobRun]:
    """Run a job's work: running, then done (with its file) or failed with a message."""
    job = Job.objects.get(pk=job_id)
    Job.objects.filter(pk=job_id).update(status=JobStatus.RUNNING, reported_at=timezone.now())
    run = JobRun(job)
    try:
        yield run
    except Exception as error:
        run.close()
        message = str(error) if isinstance(error, JobFailed) else FAILED_MESSAGE
        if not isinstance(error, JobFailed):
            logger.exception("Job %s (%s) failed", job_id, job.kind)
        _remove_files(job_id)
        run._update(status=JobStatus.FAILED, message=message, result_path="", finished_at=timezone.now())
        raise
    run.close()
    run._update(
        status=JobStatus.DONE,
        done=max(run.done, run.total),
        total=max(run.done, run.total),
        result_name=job.result_name,
        result_path=job.result_path,
        result_url=job.result_url,
        message=job.message,
        finished_at=timezone.now(),
    )


def job_file(job: Job) -> Path | None:
    """The finished job's file on disk, if it is still there."""
    if job.status != JobStatus.DONE or not job.result_path:
        return None
    path = job_root() / job.result_path
    return path if path.is_file() else None


def _remove_files(job_id: int) -> None:
    shutil.rmtree(job_root() / str(job_id), ignore_errors=True)


def upload_keep(upload, name: str) -> Path:
    """Keep an uploaded file on disk for the jobs that will read it (a large import): under
    JOB_ROOT/uploads, pruned with the jobs. Copied a chunk at a time, never held whole."""
    folder = job_root() / "uploads" / uuid.uuid4().hex
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (Path(name).name or "fil")
    upload.seek(0)
    with path.open("wb") as file:
        for chunk in upload.chunks():
            file.write(chunk)
    return path


def jobs_prune(*, now: datetime.datetime | None = None) -> int:
    """Delete the jobs ordered more than JOB_RESULT_DAYS days ago, with their files, and the
    uploads kept for jobs (a large import) as long."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.JOB_RESULT_DAYS)
    old = list(Job.objects.filter(created_at__lt=cutoff).values_list("pk", flat=True))
    for job_id in old:
        _remove_files(job_id)
    uploads = job_root() / "uploads"
    if uploads.is_dir():
        for folder in uploads.iterdir():
            if folder.stat().st_mtime < cutoff.timestamp():
                shutil.rmtree(folder, ignore_errors=True)
    Job.objects.filter(pk__in=old).delete()
    return len(old)


def export_response(request, *, rows: int, write, filename: str, task, kind: str, title: str):
    """A register export: written at once while it has at most EXPORT_IMMEDIATE_ROWS rows, else a
    background job whose progress page the user is sent to. `write(file)` writes the workbook."""
    if rows > settings.EXPORT_IMMEDIATE_ROWS:
        job = job_enqueue(task=task, kind=kind, title=title, user=request.user, query=request.GET.urlencode())
        return redirect("job_detail", pk=job.pk)
    with tempfile.TemporaryFile() as file:
        write(file)
        file.seek(0)
        response = HttpResponse(file.read(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
