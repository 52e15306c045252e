from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth import get_user_model
from django_tasks_db.models import DBTaskResult, get_date_max

from horeport.jobs import job_root
from horeport.models import (
    BulkUpload,
    FigureLimit,
    FlaggedFigure,
    Job,
    JobStatus,
    PeriodLock,
    ServiceUnit,
    SiteSettings,
)
from horeport.periods import Period
from tests.access import ADMINS, EDITORS, EVERYONE, PUBLISHED, Case


def cases():
    unit = ServiceUnit.objects.create(name="Brukertorget")
    lock = PeriodLock.objects.create(period=Period.parse("2015"), reason="Årsrapport 2015")
    someone = get_user_model().objects.create_user("kari")
    SiteSettings.objects.update_or_create(pk=1, defaults={"logo": b"\x89PNG", "logo_content_type": "image/png"})
    # Failed and successful sign-ins, for their pages in Django's admin.
    sign_in = {"username": "kari", "ip_address": "10.0.0.1", "user_agent": "Firefox", "path_info": "/logg-inn/"}
    AccessAttempt.objects.create(**sign_in, failures_since_start=2, get_data="", post_data="username=kari")
    AccessFailureLog.objects.create(**sign_in)
    AccessLog.objects.create(**sign_in)
    # A job is its orderer's (tests/horeport/test_jobs.py): this one the walker's, done, with its file.
    walker = get_user_model().objects.filter(username__startswith="walker-").first() or someone
    job = Job.objects.create(kind="test", title="Eksport", created_by=walker, status=JobStatus.DONE)
    (job_root() / str(job.pk)).mkdir(parents=True, exist_ok=True)
    (job_root() / str(job.pk) / "avvik.xlsx").write_bytes(b"PK")
    Job.objects.filter(pk=job.pk).update(result_name="avvik.xlsx", result_path=f"{job.pk}/avvik.xlsx")
    # The database task backend's queue, for its pages in Django's admin.
    DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {"job_id": job.pk, "query": ""}}, run_after=get_date_max(),
        task_path="deviations.tasks.deviations_export_task", queue_name="default", backend_name="default",
    )  # fmt: skip
    # An upload of figures is its uploader's (tests/horeport/test_bulk_pages.py): this one the walker's.
    upload = BulkUpload.objects.create(
        created_by=walker, filename="tjenester-2016-12.xlsx", checksum="0" * 64, kind="tjenester",
        period=Period.parse("2016-12"), rows=[{"row": 5, "values": ["Kode", "Tjeneste"], "formulas": []}],
    )  # fmt: skip
    limit = FigureLimit.objects.create(kind="kpi.result", figure_id=1, name="S.3.1", maximum=100)
    flag = FlaggedFigure.objects.create(
        kind="kpi.result", figure_id=1, period=Period.parse("2015"), name="S.3.1", url="/", value=90, reason="Test"
    )
    return [
        Case("home", EVERYONE),
        Case("bulk_index", EDITORS),
        Case("bulk_template", EDITORS, query="skjema=tjenester&periode=2016-12"),
        Case("bulk_preview", EDITORS, kwargs={"pk": upload.pk}),
        Case("job_detail", EVERYONE, kwargs={"pk": job.pk}),
        Case("job_status", EVERYONE, kwargs={"pk": job.pk}),
        Case("job_download", EVERYONE, kwargs={"pk": job.pk}),
        Case("healthz", EVERYONE, public=True),
        Case("reporting_status", EVERYONE, query="periode=2016-10"),
        Case("reporting_status_xlsx", EVERYONE, query="periode=2016-10"),
        # A questioned figure is checked by a Leder or an Administrator (not by who entered it).
        Case("flag_check", PUBLISHED, kwargs={"pk": flag.pk}, method="post"),
        Case("limit_list", EVERYONE),
        Case("limit_create", ADMINS),
        Case("limit_update", ADMINS, kwargs={"pk": limit.pk}),
        Case("limit_delete", ADMINS, kwargs={"pk": limit.pk}),
        Case("favicon", EVERYONE, public=True),
        Case("login", EVERYONE, public=True),
        Case("logout", EVERYONE, method="post"),
        Case("password_change", EVERYONE),
        Case("password_change_done", EVERYONE),
        Case("logo", EVERYONE, public=True),
        Case("site_settings", ADMINS),
        Case("unit_list", EVERYONE),
        Case("unit_create", ADMINS),
        Case("unit_update", ADMINS, kwargs={"pk": unit.pk}),
        Case("lock_list", EVERYONE),
        Case("lock_create", ADMINS, method="post", data={"period": "2014", "reason": "Test"}),
        Case("lock_unlock", ADMINS, kwargs={"pk": lock.pk}),
        Case("user_list", ADMINS),
        Case("user_create", ADMINS),
        Case("user_update", ADMINS, kwargs={"pk": someone.pk}),
        Case("user_unlock", ADMINS, kwargs={"pk": someone.pk}, method="post"),
    ]
