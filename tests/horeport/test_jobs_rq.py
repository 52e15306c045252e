"""The same jobs on RQ over Redis (TASKS_BACKEND=rq): enqueued by the web process, run by an RQ worker.

Runs against the Redis server at TEST_REDIS_URL (127.0.0.1:6379, database 15, a queue of the run's
own) and is skipped when none answers, so a machine without Redis still passes.
"""

import django_rq
import pytest
from django.conf import settings
from django.urls import reverse
from django_tasks_rq import Job as RQJob
from redis import Redis
from redis.exceptions import RedisError
from rq import SimpleWorker

from horeport import jobs
from horeport.models import Job, JobStatus
from tests.horeport.test_jobs import counting_task

QUEUE = settings.TASKS["rq"]["QUEUES"][0]


@pytest.fixture
def queue():
    url = settings.RQ_QUEUES[QUEUE]["URL"]
    try:
        Redis.from_url(url, socket_connect_timeout=1).ping()
    except RedisError:
        pytest.skip(f"no Redis server answers at {url}")
    queue = django_rq.get_queue(QUEUE, job_class=RQJob)
    queue.empty()
    yield queue
    queue.empty()


def _run_the_queue(queue) -> None:
    """What `manage.py rqworker --job-class django_tasks_rq.Job default` does on a worker host, in-process."""
    SimpleWorker([queue], connection=queue.connection, job_class=RQJob).work(burst=True)


@pytest.mark.django_db(transaction=True)
def test_an_rq_worker_runs_a_queued_job(queue, leder_client, leder, monkeypatch):
    monkeypatch.setattr(jobs.JobRun, "INTERVAL", 0)
    job = jobs.job_enqueue(
        task=counting_task.using(backend="rq", queue_name=QUEUE), kind="test", title="Telling", user=leder, rows=3
    )
    assert job.status == JobStatus.QUEUED
    assert "I kø" in leder_client.get(reverse("job_detail", args=[job.pk])).content.decode()
    assert queue.count == 1

    _run_the_queue(queue)

    job.refresh_from_db()
    assert (job.status, job.done, job.total) == (JobStatus.DONE, 3, 3)
    assert jobs.job_file(job).read_text() == "1 2 3"
    state = leder_client.get(reverse("job_status", args=[job.pk])).json()
    assert state["download_url"] == reverse("job_download", args=[job.pk])


@pytest.mark.django_db(transaction=True)
def test_a_failure_on_the_rq_worker_is_shown_as_a_message(queue, leder_client, leder):
    job = jobs.job_enqueue(
        task=counting_task.using(backend="rq", queue_name=QUEUE),
        kind="test",
        title="Telling",
        user=leder,
        rows=5,
        fail_at=3,
    )
    _run_the_queue(queue)
    job = Job.objects.get(pk=job.pk)
    assert job.status == JobStatus.FAILED
    state = leder_client.get(reverse("job_status", args=[job.pk])).json()
    assert state["message"] == "Uttrekket har en rad som ikke kan leses (rad 3)."
