"""A report's draft file and publishing run in the background: queued, shown in progress, the file
or the published version when done, and a failure as a message on the job's page."""

import pytest
from django.core.management import call_command
from django.urls import resolve, reverse

from horeport import jobs
from horeport.models import Job, JobStatus
from reports import tasks, views
from reports.models import PublishedReport
from tests.reports.helpers import pdf_text, use_sections

DRAFT = reverse("reports:draft", kwargs={"kind": "annual", "period": "2016", "fmt": "pdf"})
PUBLISH = reverse("reports:publish", kwargs={"kind": "annual", "period": "2016"})


def _state(client, response) -> dict:
    return client.get(reverse("job_status", kwargs=resolve(response.url).kwargs)).json()


def _run_the_worker() -> None:
    call_command("db_worker", "--batch", "--backend=database", "--interval=0", "--no-startup-delay", "--no-reload")


@pytest.fixture
def on_the_database_queue(monkeypatch):
    """The tasks wait in the database until the worker runs them, as with `make run`."""
    monkeypatch.setattr(views, "report_file_task", tasks.report_file_task.using(backend="database"))
    monkeypatch.setattr(views, "report_publish_task", tasks.report_publish_task.using(backend="database"))


@pytest.mark.django_db(transaction=True)
def test_a_draft_waits_for_the_worker_and_is_then_offered_for_download(
    annual, registrator_client, on_the_database_queue
):
    response = registrator_client.post(DRAFT)
    assert response.status_code == 302
    page = registrator_client.get(response.url).content.decode()
    assert "Årsrapport 2016, utkast som PDF" in page and "I kø" in page
    state = _state(registrator_client, response)
    assert (state["status_label"], state["percent"], state["download_url"]) == ("I kø", 0, None)

    _run_the_worker()

    state = _state(registrator_client, response)
    assert (state["status_label"], state["done"], state["total"], state["unit"]) == ("Ferdig", 2, 2, "steg")
    download = registrator_client.get(state["download_url"])
    assert 'filename="aarsrapport-2016-utkast.pdf"' in download["Content-Disposition"]
    assert "Årsrapport 2016" in pdf_text(b"".join(download.streaming_content))
    assert "Last ned aarsrapport-2016-utkast.pdf" in registrator_client.get(response.url).content.decode()


def test_a_draft_that_cannot_be_drawn_is_a_message_on_the_jobs_page(annual, registrator_client, monkeypatch):
    def broken(report):
        raise RuntimeError("the fonts are gone")

    monkeypatch.setattr(tasks, "report_pdf", broken)
    response = registrator_client.post(DRAFT)
    state = _state(registrator_client, response)
    assert (state["status_label"], state["download_url"]) == ("Feilet", None)
    page = registrator_client.get(response.url)
    assert page.status_code == 200
    assert jobs.FAILED_MESSAGE in page.content.decode()


@pytest.mark.django_db(transaction=True)
def test_publishing_twice_before_the_worker_runs_is_one_job_and_one_version(
    annual, administrator_client, on_the_database_queue
):
    first = administrator_client.post(PUBLISH)
    second = administrator_client.post(PUBLISH)
    assert first.url == second.url and Job.objects.count() == 1
    assert not PublishedReport.objects.exists()

    _run_the_worker()

    published = PublishedReport.objects.get()
    state = _state(administrator_client, first)
    assert state["message"] == "Årsrapport 2016 er publisert som versjon 1. Perioden 2016 er låst for endringer."
    assert state["result_url"] == f"/rapporter/arkiv/?kind=annual#publisert-{published.pk}"
    assert state["download_url"] is None
    page = administrator_client.get(first.url).content.decode()
    assert f'href="{state["result_url"]}">Vis resultatet' in page


def test_a_report_that_cannot_be_published_says_why_on_the_jobs_page(administrator_client, annual):
    use_sections(annual, ["test.counts", "nowhere.missing"])
    response = administrator_client.post(PUBLISH)
    state = _state(administrator_client, response)
    assert state["status"] == JobStatus.FAILED
    assert state["message"].startswith("Rapporten kan ikke publiseres før disse seksjonene kan lages")
    assert not PublishedReport.objects.exists()
