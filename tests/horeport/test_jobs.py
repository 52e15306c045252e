"""Background jobs: progress written while the task runs, a failure as a message, pruning."""

import datetime
import json
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.tasks import task
from django.urls import reverse
from django.utils import timezone

from horeport import jobs
from horeport.models import Job, JobStatus

SEEN = []  # what the job's page said while the task below ran


@task
def counting_task(*, job_id: int, rows: int, fail_at: int | None = None) -> None:
    with jobs.job_run(job_id) as run:
        run.start(rows)
        for row in range(1, rows + 1):
            if row == fail_at:
                raise jobs.JobFailed("Uttrekket har en rad som ikke kan leses (rad 3).")
            run.advance()
            SEEN.append(Job.objects.values_list("status", "done", "total").get(pk=job_id))
        path = run.result_file("tall.txt")
        path.write_text("1 2 3")


@pytest.fixture(autouse=True)
def every_report_written(monkeypatch):
    monkeypatch.setattr(jobs.JobRun, "INTERVAL", 0)
    SEEN.clear()


def test_progress_is_written_while_the_task_runs(leder):
    job = jobs.job_enqueue(task=counting_task, kind="test", title="Telling", user=leder, rows=3)
    assert SEEN == [("running", 1, 3), ("running", 2, 3), ("running", 3, 3)]
    job.refresh_from_db()
    assert (job.status, job.done, job.total, job.percent) == (JobStatus.DONE, 3, 3, 100)
    assert job.finished_at is not None and job.task_id
    assert jobs.job_file(job).read_text() == "1 2 3"


def test_a_running_job_shows_how_far_it_has_come(leder_client, leder):
    job = Job.objects.create(
        kind="test", title="Telling", created_by=leder, status=JobStatus.RUNNING, done=40, total=160
    )
    page = leder_client.get(reverse("job_detail", args=[job.pk])).content.decode()
    assert "Pågår" in page and 'value="25"' in page
    assert '40</span> av <span data-job-field="total">160' in page
    state = json.loads(leder_client.get(reverse("job_status", args=[job.pk])).content)
    assert (state["status_label"], state["percent"], state["download_url"]) == ("Pågår", 25, None)


def test_a_failure_the_user_can_act_on_is_shown_in_its_own_words(leder_client, leder):
    job = jobs.job_enqueue(task=counting_task, kind="test", title="Telling", user=leder, rows=5, fail_at=3)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.finished_at is not None
    assert jobs.job_file(job) is None
    page = leder_client.get(reverse("job_detail", args=[job.pk])).content.decode()
    assert "Uttrekket har en rad som ikke kan leses (rad 3)." in page


def _aged(job, days):
    Job.objects.filter(pk=job.pk).update(created_at=timezone.now() - datetime.timedelta(days=days))


def test_old_jobs_and_their_files_are_pruned_when_a_job_is_ordered(leder, settings):
    settings.JOB_RESULT_DAYS = 7
    old = jobs.job_enqueue(task=counting_task, kind="test", title="Gammel", user=leder, rows=1)
    recent = jobs.job_enqueue(task=counting_task, kind="test", title="Ny", user=leder, rows=1)
    old_file = jobs.job_file(old)
    _aged(old, 8)
    _aged(recent, 6)
    jobs.job_enqueue(task=counting_task, kind="test", title="Neste", user=leder, rows=1)
    assert not Job.objects.filter(pk=old.pk).exists() and not old_file.exists()
    assert jobs.job_file(Job.objects.get(pk=recent.pk)) is not None


@pytest.mark.django_db
def test_uploads_kept_for_jobs_are_pruned_as_old_jobs_are(settings):
    settings.JOB_RESULT_DAYS = 7
    old = jobs.upload_keep(SimpleUploadedFile("gammel.csv", b"a;b\n"), "gammel.csv")
    recent = jobs.upload_keep(SimpleUploadedFile("ny.csv", b"a;b\n"), "ny.csv")
    eight_days_ago = (timezone.now() - datetime.timedelta(days=8)).timestamp()
    os.utime(old.parent, (eight_days_ago, eight_days_ago))
    jobs.jobs_prune()
    assert not old.exists() and not old.parent.exists()
    assert recent.read_bytes() == b"a;b\n"


def test_the_prune_command_removes_old_jobs(leder, settings):
    settings.JOB_RESULT_DAYS = 2
    old = jobs.job_enqueue(task=counting_task, kind="test", title="Gammel", user=leder, rows=1)
    _aged(old, 3)
    call_command("prune_jobs")
    assert not Job.objects.exists()


# -- a job whose worker stopped ------------------------------------------------------------------


def _silent(job, minutes):
    Job.objects.filter(pk=job.pk).update(reported_at=timezone.now() - datetime.timedelta(minutes=minutes))


def test_a_running_job_silent_for_longer_than_the_setting_is_shown_as_stopped(leder_client, leder, settings):
    settings.JOB_STALE_SECONDS = 15 * 60
    job = Job.objects.create(
        kind="test", title="Telling", created_by=leder, status=JobStatus.RUNNING, done=40, total=160
    )
    _silent(job, 16)
    page = leder_client.get(reverse("job_detail", args=[job.pk])).content.decode()
    assert "Pågår" not in page and "Feilet" in page
    assert "Jobben stoppet uten å bli ferdig. Prøv igjen." in page
    state = json.loads(leder_client.get(reverse("job_status", args=[job.pk])).content)
    assert (state["status"], state["status_label"]) == ("failed", "Feilet")  # the page stops asking
    assert state["message"] == "Jobben stoppet uten å bli ferdig. Prøv igjen."
    assert str(Job.objects.get(pk=job.pk)) == "Telling (feilet)"


def test_a_running_job_that_reported_lately_is_still_running(leder_client, leder, settings):
    settings.JOB_STALE_SECONDS = 15 * 60
    job = Job.objects.create(kind="test", title="Telling", created_by=leder, status=JobStatus.RUNNING, total=160)
    _silent(job, 14)
    state = json.loads(leder_client.get(reverse("job_status", args=[job.pk])).content)
    assert (state["status_label"], state["message"]) == ("Pågår", "")


def test_progress_is_a_report_of_life(leder):
    job = Job.objects.create(kind="test", title="Telling", created_by=leder, status=JobStatus.RUNNING, total=3)
    _silent(job, 60)
    jobs.JobRun(job).advance()
    assert not Job.objects.get(pk=job.pk).is_stopped


def test_ordering_again_starts_a_new_job_in_place_of_a_stopped_one(leder, settings):
    settings.JOB_STALE_SECONDS = 15 * 60
    stuck = Job.objects.create(kind="publish", title="Rapport 2016", created_by=leder, status=JobStatus.RUNNING)
    ordered = {
        "task": counting_task,
        "kind": "publish",
        "title": "Rapport 2016",
        "user": leder,
        "once": True,
        "rows": 1,
    }
    assert jobs.job_enqueue(**ordered) == stuck  # still reporting: a second click gets the same job
    _silent(stuck, 16)
    new = jobs.job_enqueue(**ordered)
    assert new != stuck
    new.refresh_from_db()
    assert new.status == JobStatus.DONE


def test_a_job_long_in_the_queue_says_that_perhaps_no_worker_runs(leder_client, leder, settings):
    settings.JOB_QUEUE_NOTICE_SECONDS = 60
    job = Job.objects.create(kind="test", title="Telling", created_by=leder)
    state = json.loads(leder_client.get(reverse("job_status", args=[job.pk])).content)
    assert (state["status_label"], state["notice"]) == ("I kø", "")  # just ordered: nothing to say
    Job.objects.filter(pk=job.pk).update(created_at=timezone.now() - datetime.timedelta(minutes=2))
    page = leder_client.get(reverse("job_detail", args=[job.pk])).content.decode()
    assert "Jobben venter fortsatt på å bli startet" in page and "Si fra til en administrator." in page
    state = json.loads(leder_client.get(reverse("job_status", args=[job.pk])).content)
    assert state["status"] == "queued" and "ingen arbeider kjører" in state["notice"]
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING)
    assert json.loads(leder_client.get(reverse("job_status", args=[job.pk])).content)["notice"] == ""
