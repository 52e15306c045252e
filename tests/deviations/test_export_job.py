"""A large export runs in the background: the job page, its progress, its file, its failure."""

import io
import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from deviations import services, tasks
from horeport import jobs
from horeport.jobs import job_enqueue
from horeport.models import Job, JobStatus
from tests.deviations.helpers import make_deviation

EXPORT = reverse("deviations:export")


@pytest.fixture
def large(settings, categories, unit):
    """A register larger than what is exported at once (the threshold lowered to 2 rows)."""
    settings.EXPORT_IMMEDIATE_ROWS = 2
    for day in range(1, 6):
        make_deviation(categories["Fall"], unit, f"2016-01-{day:02d}", reference=f"B-{day}")
    make_deviation(categories["Fall"], unit, "2016-02-01", reference="B-closed", closed_on="2016-02-03")


def test_a_large_export_is_a_job_whose_page_offers_the_file(leder_client, leder, large):
    response = leder_client.get(EXPORT + "?status=registrert")
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("job_detail", args=[job.pk])
    assert (job.created_by, job.status, job.done, job.total) == (leder, JobStatus.DONE, 5, 5)

    page = leder_client.get(response["Location"]).content.decode()
    assert "Eksport av avviksregisteret" in page
    assert 'value="100"' in page  # the progress bar, full
    assert f'href="{reverse("job_download", args=[job.pk])}"' in page

    state = json.loads(leder_client.get(reverse("job_status", args=[job.pk])).content)
    assert state["status"] == "done" and state["percent"] == 100 and state["done"] == state["total"] == 5
    assert state["download_url"] == reverse("job_download", args=[job.pk])

    download = leder_client.get(state["download_url"])
    assert download["Content-Disposition"].startswith('attachment; filename="avvik-')
    sheet = load_workbook(io.BytesIO(b"".join(download.streaming_content))).active
    references = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert references == ["B-1", "B-2", "B-3", "B-4", "B-5"]  # the filter held: the closed one is not there


def test_a_small_export_is_written_at_once(leder_client, settings, categories, unit):
    make_deviation(categories["Fall"], unit, "2016-01-02")
    response = leder_client.get(EXPORT)
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert not Job.objects.exists()


def test_a_failed_export_says_so_in_norwegian_and_offers_no_file(leder_client, large, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(services, "deviations_export", broken)
    response = leder_client.get(EXPORT)
    job = Job.objects.get()
    assert job.status == JobStatus.FAILED
    page = leder_client.get(response["Location"]).content.decode()
    assert "Jobben stoppet på grunn av en feil, og ingen fil ble laget." in page
    assert "disk full" not in page
    state = json.loads(leder_client.get(reverse("job_status", args=[job.pk])).content)
    assert state["status"] == "failed" and state["download_url"] is None
    assert state["message"].startswith("Jobben stoppet")
    assert leder_client.get(reverse("job_download", args=[job.pk])).status_code == 404


def test_someone_elses_job_is_not_found_but_an_administrator_sees_it(
    leder_client, registrator_client, administrator_client, large
):
    leder_client.get(EXPORT)
    job = Job.objects.get()
    for name in ("job_detail", "job_status", "job_download"):
        assert registrator_client.get(reverse(name, args=[job.pk])).status_code == 404
        assert administrator_client.get(reverse(name, args=[job.pk])).status_code == 200


def test_the_export_job_makes_as_many_queries_for_many_rows_as_for_few(leder_client, large, categories, unit):
    few = _export_queries(leder_client)
    for day in range(10, 28):
        make_deviation(categories["Fall"], unit, f"2016-01-{day:02d}")
    assert _export_queries(leder_client) == few
    assert Job.objects.filter(status=JobStatus.DONE).count() == 2


def _export_queries(client) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(EXPORT).status_code == 302
    return len(context.captured_queries)


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_runs_a_queued_export(leder_client, leder, large):
    """The embedded default: the job waits in the database until `manage.py db_worker` runs it."""
    job = job_enqueue(
        task=tasks.deviations_export_task.using(backend="database"), kind="deviations_export", title="Eksport",
        user=leder, query="",
    )  # fmt: skip
    assert job.status == JobStatus.QUEUED
    assert "I kø" in leder_client.get(reverse("job_detail", args=[job.pk])).content.decode()
    call_command("db_worker", "--batch", "--backend=database", "--interval=0", "--no-startup-delay", "--no-reload")
    job.refresh_from_db()
    assert (job.status, job.done, job.total) == (JobStatus.DONE, 6, 6)
    sheet = load_workbook(jobs.job_file(job)).active
    assert sheet.max_row == 7  # the header and six deviations
