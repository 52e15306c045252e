"""A large import file (over IMPORT_IMMEDIATE_ROWS rows) is previewed and saved by background jobs:
the job page shows progress and the result, the preview page the counts, and confirming is refused
whole when a row is refused or someone changed a row since the preview."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.urls import reverse

from deviations import services
from deviations.models import Deviation, ImportBatch
from horeport import jobs
from horeport.models import Job, JobStatus
from tests.deviations.helpers import make_deviation
from tests.deviations.test_import import HEADER, ROWS, csv_file

pytestmark = pytest.mark.django_db
UPLOAD = reverse("deviations:import_upload")


@pytest.fixture(autouse=True)
def low_threshold(settings):
    settings.IMPORT_IMMEDIATE_ROWS = 50


def rows(count: int, start: int = 1) -> list[list[str]]:
    """`count` deviations in the columns of the import, numbered from `start`."""
    template = ROWS[1]
    return [[f"AVV-2017-{n:05d}", *template[1:]] for n in range(start, start + count)]


def preview_job(client, file) -> Job:
    response = client.post(UPLOAD, {"file": file})
    job = Job.objects.filter(kind="deviations_import_preview").latest("created_at")
    assert response.status_code == 302 and response["Location"] == reverse("job_detail", args=[job.pk])
    return job


def confirm_job(client, batch) -> Job:
    response = client.post(reverse("deviations:import_preview", args=[batch.pk]))
    job = Job.objects.filter(kind="deviations_import_save").latest("created_at")
    assert response.status_code == 302 and response["Location"] == reverse("job_detail", args=[job.pk])
    job.refresh_from_db()
    return job


def text(client, url) -> str:
    return client.get(url).content.decode()


def test_a_large_file_is_previewed_then_saved_by_jobs_with_history(
    registrator_client, registrator, categories, unit, monkeypatch
):
    monkeypatch.setattr(services, "LISTED_ROWS", 10)
    monkeypatch.setattr(services, "CHUNK_ROWS", 25)  # read, planned and saved in five chunks
    existing = make_deviation(categories["Fall"], unit, "2016-03-05", reference="AVV-2017-00001")
    job = preview_job(registrator_client, csv_file(rows(120)))

    assert (job.status, job.done, job.total) == (JobStatus.DONE, 120, 120)
    batch = ImportBatch.objects.get()
    assert batch.rows == [] and batch.row_count == 120  # the rows stay in the file on disk
    assert job.result_url == reverse("deviations:import_preview", args=[batch.pk])
    page = text(registrator_client, reverse("job_detail", args=[job.pk]))
    assert "Forhåndsvisningen er klar: 119 legges til, 1 endres, 0 er uendret, 0 avvises." in page

    preview = text(registrator_client, job.result_url)
    assert '<strong data-count="add">119</strong>' in preview
    assert '<strong data-count="change">1</strong>' in preview
    assert preview.count('data-action="add"') + preview.count('data-action="change"') == 10
    assert "110 rader til legges til, endres eller avvises, men vises ikke her." in preview
    assert "Lagre 120 avvik" in preview

    saving = confirm_job(registrator_client, batch)
    assert (saving.status, saving.done, saving.total) == (JobStatus.DONE, 120, 120)
    assert saving.result_url == reverse("deviations:index")
    assert "Importen er lagret: 119 avvik lagt til, 1 endret, 0 uendret." in text(
        registrator_client, reverse("job_detail", args=[saving.pk])
    )
    assert Deviation.objects.count() == 120
    existing.refresh_from_db()
    assert existing.category == categories["Legemiddelavvik"] and existing.version == 1
    added = Deviation.objects.get(reference="AVV-2017-00120")
    [record] = added.history.all()
    assert (record.history_user, record.history_change_reason) == (registrator, "Import fra uttrekk.csv")
    assert existing.history.first().history_change_reason == "Import fra uttrekk.csv"
    assert not (jobs.job_root() / batch.path).exists()  # the kept file is gone once saved


def test_a_refused_row_in_a_large_file_is_listed_with_its_reason_and_nothing_can_be_saved(
    registrator_client, categories, unit, monkeypatch
):
    monkeypatch.setattr(services, "CHUNK_ROWS", 25)
    data = rows(80)
    data[69][1] = "Brann"
    data[79][0] = "AVV-2017-00003"  # the same reference as row 4, three chunks earlier
    job = preview_job(registrator_client, csv_file(data))
    batch = ImportBatch.objects.get()
    preview = text(registrator_client, job.result_url)
    assert '<strong data-count="refused">2</strong>' in preview
    assert 'data-action="refused" data-reference="AVV-2017-00070"' in preview
    assert "Ukjent kategori «Brann»" in preview
    assert "Saksnummeret står også på rad 4 i filen." in preview
    assert "Lagre" not in preview
    response = registrator_client.post(reverse("deviations:import_preview", args=[batch.pk]))
    assert response.status_code == 405
    assert not Job.objects.filter(kind="deviations_import_save").exists()
    assert not Deviation.objects.exists()


def test_a_row_refused_when_confirming_refuses_the_whole_file_with_its_reason(registrator_client, categories, unit):
    job = preview_job(registrator_client, csv_file(rows(80)))
    batch = ImportBatch.objects.get()
    categories["Legemiddelavvik"].delete()  # an administrator removes the category after the preview
    saving = confirm_job(registrator_client, batch)
    assert saving.status == JobStatus.FAILED
    assert saving.message.startswith("Filen er ikke lagret, ingen rader er endret: rad 2 (AVV-2017-00001)")
    assert "Ukjent kategori «Legemiddelavvik»" in text(registrator_client, reverse("job_detail", args=[saving.pk]))
    assert not Deviation.objects.exists()
    batch.refresh_from_db()
    assert batch.saved_at is None and job.status == JobStatus.DONE


def test_a_row_changed_by_someone_else_after_the_preview_refuses_the_confirmation(registrator_client, categories, unit):
    existing = make_deviation(categories["Fall"], unit, "2016-03-05", reference="AVV-2017-00060")
    preview_job(registrator_client, csv_file(rows(80)))
    batch = ImportBatch.objects.get()
    existing.measures = "Ny rutine."  # someone else, between the preview and the confirmation
    existing.save()

    saving = confirm_job(registrator_client, batch)
    assert saving.status == JobStatus.FAILED
    page = text(registrator_client, reverse("job_detail", args=[saving.pk]))
    assert "1 av avvikene i filen er endret i registeret etter forhåndsvisningen" in page
    assert "Endret: AVV-2017-00060." in page
    assert Deviation.objects.count() == 1
    existing.refresh_from_db()
    assert existing.category == categories["Fall"]


def test_a_file_over_the_largest_is_refused_on_the_job_page_in_norwegian(
    registrator_client, settings, categories, unit
):
    settings.IMPORT_MAX_ROWS = 60
    job = preview_job(registrator_client, csv_file(rows(61)))
    assert job.status == JobStatus.FAILED
    page = text(registrator_client, reverse("job_detail", args=[job.pk]))
    assert "Filen har flere enn 60 rader under kolonnenavnene. Del den opp i filer med høyst 60 rader." in page
    assert "Vis resultatet" in page  # the link's label is in the page, hidden: no result to show
    assert 'data-job-part="result" hidden' in page


def test_the_products_own_export_imports_back(registrator_client, categories, unit, tmp_path):
    for n in range(1, 71):
        make_deviation(categories["Fall"], unit, f"2016-0{1 + n % 9}-{1 + n % 28:02d}", reference=f"EKS-{n:03d}")
    path = tmp_path / "avvik.xlsx"
    assert services.deviations_export(Deviation.objects.all(), path=path) == 70
    Deviation.objects.filter(reference__in=["EKS-001", "EKS-002"]).delete()  # tracked: row by row, with history

    job = preview_job(registrator_client, SimpleUploadedFile("avvik.xlsx", path.read_bytes()))
    assert job.message == "Forhåndsvisningen er klar: 2 legges til, 0 endres, 68 er uendret, 0 avvises."
    saving = confirm_job(registrator_client, ImportBatch.objects.get())
    assert saving.status == JobStatus.DONE, saving.message
    assert Deviation.objects.count() == 70


def test_a_small_file_is_still_previewed_in_the_request(registrator_client, categories, unit):
    response = registrator_client.post(UPLOAD, {"file": csv_file(rows(50))}, follow=True)
    assert response.context["plan"].to_save == 50
    assert not Job.objects.exists()


def test_a_large_csv_in_windows_1252_is_read_as_a_small_one_is(registrator_client, categories, unit):
    data = [[*row, "x"] for row in rows(60)]
    data[0][6] = "Bruker falt på badet, «glatt gulv»."
    job = preview_job(registrator_client, csv_file(data, header=[*HEADER, "Meldt av"], encoding="cp1252"))
    assert job.message == "Forhåndsvisningen er klar: 60 legges til, 0 endres, 0 er uendret, 0 avvises."
    assert "Disse kolonnene blir ikke lest: Meldt av." in text(registrator_client, job.result_url)
    confirm_job(registrator_client, ImportBatch.objects.get())
    assert Deviation.objects.get(reference="AVV-2017-00001").description == "Bruker falt på badet, «glatt gulv»."


@pytest.mark.django_db(transaction=True)
def test_on_postgresql_the_saving_jobs_progress_is_seen_while_its_transaction_is_open(
    registrator_client, categories, unit, monkeypatch
):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has one writer: the progress there shows when the transaction ends")
    monkeypatch.setattr(services, "CHUNK_ROWS", 25)
    monkeypatch.setattr(jobs.JobRun, "INTERVAL", 0)
    preview_job(registrator_client, csv_file(rows(80)))
    seen = []
    advance = jobs.JobRun.advance

    def advance_and_look(run, count=1):
        advance(run, count)
        other = connections.create_connection(DEFAULT_DB_ALIAS)  # what the job's page would read now
        with other.cursor() as cursor:
            cursor.execute(f"SELECT done FROM {Job._meta.db_table} WHERE id = %s", [run.job.pk])
            seen.append(cursor.fetchone()[0])
        other.close()

    monkeypatch.setattr(jobs.JobRun, "advance", advance_and_look)
    saving = confirm_job(registrator_client, ImportBatch.objects.get())
    assert saving.status == JobStatus.DONE
    assert seen == [25, 50, 75, 80]
    assert Deviation.objects.count() == 80


def test_a_large_file_not_previewed_yet_says_so_and_cannot_be_saved(registrator_client, registrator):
    batch = ImportBatch.objects.create(created_by=registrator, filename="stor.xlsx", checksum="0", path="uploads/x/a")
    url = reverse("deviations:import_preview", args=[batch.pk])
    assert "Filen forhåndsvises i bakgrunnen." in text(registrator_client, url)
    assert registrator_client.post(url).status_code == 405
    assert not Job.objects.exists()
