"""A large complaint export runs in the background, sorted and filtered as the list was."""

import json

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from complaints import export
from horeport import jobs
from horeport.models import Job, JobStatus
from tests.complaints.helpers import make_complaint

EXPORT = reverse("complaints:export")


@pytest.fixture
def large(settings, vederlag, omsorgslonn):
    """More complaints than are exported at once (the threshold lowered to 2 rows)."""
    settings.EXPORT_IMMEDIATE_ROWS = 2
    make_complaint("19/00003", omsorgslonn, "2019-05-01", sent="2019-05-20")
    make_complaint("21/00001", omsorgslonn, "2021-02-01", sent="2021-02-10", decision="omgjort", decided="2021-06-01")
    make_complaint("18/00002", vederlag, "2018-01-10", reversed_="2018-01-20")
    make_complaint("16/00004", vederlag, "2016-03-01", note="=1+1")


def test_a_large_export_is_a_job_with_the_lists_filter_and_order(leder_client, leder, large):
    response = leder_client.get(EXPORT, {"sakstype": "", "sort": "reference"})
    job = Job.objects.get()
    assert response["Location"] == reverse("job_detail", args=[job.pk])
    assert (job.status, job.done, job.total, job.title) == (JobStatus.DONE, 4, 4, "Eksport av klagesaker")
    state = json.loads(leder_client.get(reverse("job_status", args=[job.pk])).content)
    assert state["percent"] == 100 and state["download_url"]

    sheet = load_workbook(jobs.job_file(job)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[4][0] == "Saksreferanse"
    data = {row[0]: row for row in rows[5:]}
    assert [row[0] for row in rows[5:]] == ["16/00004", "18/00002", "19/00003", "21/00001"]
    # The case type's name on the day received; the county governor's name on the day sent.
    assert data["19/00003"][1] == "Omsorgslønn" and data["21/00001"][1] == "Omsorgsstønad"
    assert data["19/00003"][8] == "Hos Fylkesmannen, ikke avgjort"
    assert data["21/00001"][6] == "Omgjort" and data["21/00001"][8] == "Omgjort"
    assert data["18/00002"][8] == "Omgjort av kommunen" and data["18/00002"][4].year == 2018
    assert data["16/00004"][9] == "=1+1" and sheet["J6"].data_type == "s"  # text, not a formula
    assert sheet.freeze_panes == "A6" and sheet.auto_filter.ref == "A5:J9"


def test_a_failed_export_is_a_message_on_the_job_page(leder_client, large, monkeypatch):
    def broken(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(export, "complaints_export", broken)
    response = leder_client.get(EXPORT)
    assert Job.objects.get().status == JobStatus.FAILED
    assert "Jobben stoppet på grunn av en feil" in leder_client.get(response["Location"]).content.decode()
