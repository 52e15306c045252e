"""Shared pages: the landing page, health check, the site's settings, units, period locks, users,
background jobs."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required, permission_required
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from horeport import bulk, contributions, editing
from horeport.forms import (
    BulkTemplateForm,
    BulkUploadForm,
    FigureLimitForm,
    PeriodLockForm,
    ServiceUnitForm,
    SiteSettingsForm,
    UnlockForm,
    UserForm,
)
from horeport.jobs import job_file
from horeport.logins import login_lockouts, login_unlock
from horeport.models import (
    BulkUpload,
    FigureLimit,
    FlaggedFigure,
    Job,
    JobStatus,
    PeriodLock,
    ServiceUnit,
    SiteSettings,
    period_lock,
)
from horeport.navigation import APPS
from horeport.params import chooser_years, option_values, period_options, read_period
from horeport.periods import Kind, Period
from horeport.reporting_status import month_end_status, status_counts, status_for, status_workbook
from horeport.roles import ADMINISTRATOR, LEDER, REGISTRATOR, ROLE_DESCRIPTIONS, role_of

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHANGES_SHOWN = 8  # the largest changes on a Leder's home page


def home(request):
    """What each role meets first: what is due (Registrator), how things stand (Leder), what waits
    (Administrator). The apps contribute the items (horeport/contributions.py)."""
    role = role_of(request.user)
    context = {
        "apps": APPS,
        "role": role,
        "active_locks": PeriodLock.objects.active().select_related("locked_by"),
    }
    if role == REGISTRATOR:
        context["months"] = month_end_status()
    elif role == LEDER:
        found = [c for c in contributions.collect("changes") if c.change.absolute]
        context["glances"] = [
            (glance.title, render_to_string(glance.template, glance.context, request))
            for glance in contributions.collect("glances")
        ]
        context["changes"] = sorted(found, key=lambda c: c.order)[:CHANGES_SHOWN]
    elif role == ADMINISTRATOR:
        context["notices"] = contributions.collect("notices")
    return render(request, "horeport/home.html", context)


STATUS_MONTHS = (Kind.MONTH,)


def reporting_status(request):
    """Rapporteringsstatus: complete, partial and missing per app and unit for a chosen month."""
    period, choices = _status_period(request)
    items = status_for(period)
    deadline = contributions.deadline(period, SiteSettings.current().due_day)
    context = {
        "period": period, "choices": choices, "items": items, "counts": status_counts(items),
        "deadline": deadline, "is_overdue": timezone.localdate() > deadline,
        "can_enter": role_of(request.user) in (REGISTRATOR, ADMINISTRATOR),
        "flags": FlaggedFigure.objects.unchecked().select_related("unit", "entered_by"),
        "can_check": request.user.has_perm("horeport.check_flaggedfigure"),
    }  # fmt: skip
    return render(request, "horeport/reporting_status.html", context)


@require_POST
@permission_required("horeport.check_flaggedfigure", raise_exception=True)
def flag_check(request, pk):
    """Mark a questioned figure checked: it leaves the reporting status's list."""
    flag = get_object_or_404(FlaggedFigure, pk=pk)
    if flag.checked_at is None:
        flag.check_off(user=request.user)
        messages.success(request, f"{flag.name}, {flag.period.label}, er merket som kontrollert.")
    back = reverse("reporting_status")
    period = request.POST.get("periode", "")
    return redirect(f"{back}?periode={period}" if period else back)


# -- plausibility limits ----------------------------------------------------------------------


@permission_required("horeport.view_figurelimit", raise_exception=True)
def limit_list(request):
    return render(request, "horeport/limit_list.html", {
        "limits": FigureLimit.objects.all(), "percent": SiteSettings.current().plausibility_percent,
    })  # fmt: skip


@permission_required("horeport.add_figurelimit", raise_exception=True)
def limit_create(request):
    return _limit_form(request, FigureLimit())


@permission_required("horeport.change_figurelimit", raise_exception=True)
def limit_update(request, pk):
    return _limit_form(request, get_object_or_404(FigureLimit, pk=pk))


def _limit_form(request, limit):
    return editing.edit(
        request, FigureLimitForm(request.POST or None, instance=limit), template="horeport/edit_form.html",
        context={
            "title": f"Grenser for {limit}" if limit.pk else "Nye grenser for et tall",
            "back_url": reverse("limit_list"), "back_label": "Tilbake til grenser for rimelige verdier",
        }, saved="Grensene for «{obj}» er lagret.", success_url=reverse("limit_list"),
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@permission_required("horeport.delete_figurelimit", raise_exception=True)
def limit_delete(request, pk):
    limit = get_object_or_404(FigureLimit, pk=pk)
    return editing.delete(
        request, limit, heading=f"Slett grensene for {limit}?", button="Slett grensene",
        description="Uten egne grenser sammenlignes tallet med samme periode i fjor.",
        deleted=f"Grensene for «{limit}» er slettet.", back_url=reverse("limit_list"),
    )  # fmt: skip


def reporting_status_xlsx(request):
    period, _ = _status_period(request)
    response = HttpResponse(
        status_workbook(period, status_for(period)),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="rapporteringsstatus-{period}.xlsx"'
    return response


def _status_period(request) -> tuple[Period, list]:
    """The month chosen (`?periode=2016-10`), the month just ended by default."""
    choices = period_options(STATUS_MONTHS, chooser_years())
    default = Period.containing(timezone.localdate()).previous()
    return read_period(request, default, allowed=option_values(choices)), choices


@login_not_required
@require_GET
@never_cache
def healthz(request):
    """Answers 200 while the application runs; says whether the database answers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        database = "ok"
    except DatabaseError:
        database = "feil"
    status = 200 if database == "ok" else 503
    return JsonResponse({"status": "ok" if status == 200 else "feil", "database": database}, status=status)


@login_not_required
@require_GET
def favicon(request):
    return redirect(static("img/favicon.svg"), permanent=True)


@login_not_required
@require_GET
@cache_control(max_age=3600)
def logo(request):
    """The municipality's logo (stored in the database, so it travels with the data)."""
    site = SiteSettings.current()
    if not site.has_logo:
        raise Http404("Ingen logo")
    response = HttpResponse(bytes(site.logo), content_type=site.logo_content_type)
    if site.logo_content_type == "image/svg+xml":
        response.headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response


@permission_required("horeport.change_sitesettings", raise_exception=True)
def site_settings(request):
    site = SiteSettings.current()
    form = SiteSettingsForm(request.POST or None, request.FILES or None, instance=site)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Innstillingene er lagret.")
        return redirect("site_settings")
    return render(request, "horeport/site_settings.html", {"form": form})


# -- service units ------------------------------------------------------------------------


@permission_required("horeport.view_serviceunit", raise_exception=True)
def unit_list(request):
    units = ServiceUnit.objects.prefetch_related("successors")
    return render(request, "horeport/unit_list.html", {"units": units})


@permission_required("horeport.add_serviceunit", raise_exception=True)
def unit_create(request):
    return _unit_form(request, ServiceUnit())


@permission_required("horeport.change_serviceunit", raise_exception=True)
def unit_update(request, pk):
    return _unit_form(request, get_object_or_404(ServiceUnit, pk=pk))


def _unit_form(request, unit):
    return editing.edit(
        request, ServiceUnitForm(request.POST or None, instance=unit), template="horeport/edit_form.html",
        context={
            "title": f"Endre {unit}" if unit.pk else "Ny virksomhet",
            "back_url": reverse("unit_list"), "back_label": "Tilbake til virksomheter",
        }, saved="Virksomheten «{obj}» er lagret.", success_url=reverse("unit_list"),
    )  # fmt: skip


# -- period locks ---------------------------------------------------------------------------


@permission_required("horeport.view_periodlock", raise_exception=True)
def lock_list(request):
    form = PeriodLockForm() if request.user.has_perm("horeport.add_periodlock") else None
    return render(
        request,
        "horeport/lock_list.html",
        {"locks": PeriodLock.objects.select_related("locked_by", "unlocked_by"), "form": form},
    )


@require_POST
@permission_required("horeport.add_periodlock", raise_exception=True)
def lock_create(request):
    form = PeriodLockForm(request.POST)
    if form.is_valid():
        lock = period_lock(period=form.cleaned_data["period"], reason=form.cleaned_data["reason"], user=request.user)
        messages.success(request, f"Perioden {lock.period.label} er låst.")
        return redirect("lock_list")
    locks = PeriodLock.objects.select_related("locked_by", "unlocked_by")
    return render(request, "horeport/lock_list.html", {"locks": locks, "form": form}, status=400)


@permission_required("horeport.change_periodlock", raise_exception=True)
def lock_unlock(request, pk):
    lock = get_object_or_404(PeriodLock, pk=pk)
    if not lock.is_active:
        messages.info(request, f"Perioden {lock.period.label} er allerede låst opp.")
        return redirect("lock_list")
    form = UnlockForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            lock.unlock(user=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error("reason", error.messages[0])
        else:
            messages.success(request, f"Perioden {lock.period.label} er låst opp. Begrunnelsen er lagret.")
            return redirect("lock_list")
    return render(request, "horeport/lock_unlock.html", {"lock": lock, "form": form})


# -- users ----------------------------------------------------------------------------------


@permission_required("auth.view_user", raise_exception=True)
def user_list(request):
    users = list(get_user_model().objects.prefetch_related("groups").order_by("username"))
    lockouts = login_lockouts()
    for person in users:
        person.lockout = lockouts.get(person.username)
    return render(request, "horeport/user_list.html", {"users": users, "roles": ROLE_DESCRIPTIONS})


@require_POST
@permission_required("auth.change_user", raise_exception=True)
def user_unlock(request, pk):
    """Lift a lockout after failed sign-ins, before it lifts by itself."""
    user = get_object_or_404(get_user_model(), pk=pk)
    login_unlock(username=user.username)
    messages.success(request, f"Sperren er opphevet. «{user.username}» kan logge inn igjen.")
    return redirect("user_list")


@permission_required("auth.add_user", raise_exception=True)
def user_create(request):
    return _user_form(request, get_user_model()())


@permission_required("auth.change_user", raise_exception=True)
def user_update(request, pk):
    return _user_form(request, get_object_or_404(get_user_model(), pk=pk))


def _user_form(request, user):
    form = UserForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        messages.success(request, f"Brukeren «{user.username}» er lagret.")
        return redirect("user_list")
    return render(request, "horeport/user_form.html", {"form": form, "edited": user})


# -- background jobs -----------------------------------------------------------------------------


def _job_of(request, pk) -> Job:
    """A job is its orderer's: someone else's is not found; administrators see every one."""
    jobs = Job.objects.all()
    if role_of(request.user) != ADMINISTRATOR:
        jobs = jobs.filter(created_by=request.user)
    return get_object_or_404(jobs, pk=pk)


def _job_state(job: Job) -> dict:
    done = job.status == JobStatus.DONE
    return {
        "status": job.shown_status,  # a job whose worker stopped mid-job: failed
        "status_label": job.shown_status_label,
        "done": job.done,
        "total": job.total,
        "percent": job.percent,
        "unit": job.unit,
        "message": job.shown_message,
        "notice": job.waiting_notice,  # a job long in the queue: perhaps no worker runs
        "result_url": job.result_url if done else None,
        "download_url": reverse("job_download", args=[job.pk]) if done and job.result_path else None,
    }


@require_GET
def job_detail(request, pk):
    job = _job_of(request, pk)
    context = {"job": job, "state": _job_state(job), "job_result_days": settings.JOB_RESULT_DAYS}
    return render(request, "horeport/job_detail.html", context)


@require_GET
@never_cache
def job_status(request, pk):
    """The job's state as JSON, for the page's progress bar (static/js/job.js)."""
    return JsonResponse(_job_state(_job_of(request, pk)))


@require_GET
def job_download(request, pk):
    job = _job_of(request, pk)
    path = job_file(job)
    if path is None:
        raise Http404("Filen finnes ikke lenger.")
    return FileResponse(path.open("rb"), as_attachment=True, filename=job.result_name)


# -- figures through an Excel template (horeport/bulk.py) ---------------------------------------

BULK_PERIOD_KINDS = (Kind.YEAR, Kind.HALF, Kind.TERTIAL, Kind.QUARTER, Kind.MONTH)


def _bulk_template_form(request) -> BulkTemplateForm:
    periods = period_options(BULK_PERIOD_KINDS, chooser_years())
    chosen = "skjema" in request.GET
    initial = {"skjema": bulk.kinds()[0].slug if bulk.kinds() else "", "periode": str(_status_period(request)[0])}
    if not chosen and request.GET.get("periode"):
        initial["periode"] = request.GET["periode"]
    return BulkTemplateForm(request.GET if chosen else None, kinds=bulk.kinds(), periods=periods, initial=initial)


def _bulk_page(request, template_form, upload_form, status=200):
    uploads = BulkUpload.objects.filter(created_by=request.user).order_by("-created_at")[:5]
    context = {"template_form": template_form, "upload_form": upload_form, "kinds": bulk.kinds(), "uploads": uploads}
    return render(request, "horeport/bulk_index.html", context, status=status)


@permission_required("horeport.add_bulkupload", raise_exception=True)
def bulk_index(request):
    """Tall fra Excel: download a template for a kind and period, and upload it filled."""
    upload_form = BulkUploadForm(request.POST, request.FILES) if request.method == "POST" else BulkUploadForm()
    if request.method == "POST" and upload_form.is_valid():
        try:
            upload = bulk.upload_read(upload_form.cleaned_data["file"], user=request.user)
        except bulk.UploadError as error:
            upload_form.add_error("file", str(error))
        else:
            return redirect("bulk_preview", pk=upload.pk)
    template_form = BulkTemplateForm(
        kinds=bulk.kinds(), periods=period_options(BULK_PERIOD_KINDS, chooser_years()),
        initial={"skjema": request.GET.get("skjema", ""), "periode": request.GET.get("periode", "")
                 or str(Period.containing(timezone.localdate()).previous())},
    )  # fmt: skip
    return _bulk_page(request, template_form, upload_form, status=400 if upload_form.errors else 200)


@permission_required("horeport.add_bulkupload", raise_exception=True)
def bulk_template(request):
    """The template workbook for the kind and period chosen (`?skjema=tjenester&periode=2016-12`)."""
    form = _bulk_template_form(request)
    if not form.is_valid():
        return _bulk_page(request, form, BulkUploadForm(), status=400)
    kind, period = form.cleaned_data["kind"], form.cleaned_data["period"]
    response = HttpResponse(bulk.template_workbook(kind, period), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{bulk.template_filename(kind, period)}"'
    return response


@permission_required("horeport.add_bulkupload", raise_exception=True)
def bulk_preview(request, pk):
    """Every cell that will change (old → new) and every cell refused; saved all together when confirmed."""
    # An upload is its uploader's: someone else's is not found; administrators see every one.
    uploads = BulkUpload.objects.all()
    if role_of(request.user) != ADMINISTRATOR:
        uploads = uploads.filter(created_by=request.user)
    upload = get_object_or_404(uploads, pk=pk)
    if bulk.kind_of(upload.kind) is None:
        raise Http404("Ukjent skjema")
    if request.method == "POST":
        try:
            plan = bulk.upload_save(upload=upload, user=request.user)
        except bulk.UploadRefused as refused:
            messages.error(request, str(refused))
            return _bulk_preview(request, upload, refused.plan, changed=refused.changed, status=409)
        messages.success(request, f"Tallene er lagret: {len(plan.changed)} tall endret i {len(plan.to_save)} rader.")
        return redirect("bulk_preview", pk=upload.pk)
    return _bulk_preview(request, upload, None)


def _bulk_preview(request, upload, plan, changed=(), status=200):
    kind = bulk.kind_of(upload.kind)
    if upload.saved_at is not None:
        plan = None  # saved: the figures are stored now, so a new plan would say "unchanged"
    else:
        plan = plan or bulk.plan_build(upload)
        bulk.preview_record(upload, plan)  # what confirming will hold it to
    context = {
        "upload": upload, "kind": kind, "plan": plan, "changed": changed,
        "entry_url": kind.entry_url(upload.period), "page_url": bulk.page_url(kind.slug, upload.period),
    }  # fmt: skip
    return render(request, "horeport/bulk_preview.html", context, status=status)
