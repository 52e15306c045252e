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
from django.views.decorators.http import require_GET, require_POST

from horeport import contributions, editing
from horeport.forms import PeriodLockForm, ServiceUnitForm, SiteSettingsForm, UnlockForm, UserForm
from horeport.jobs import job_file
from horeport.logins import login_lockouts, login_unlock
from horeport.models import Job, JobStatus, PeriodLock, ServiceUnit, SiteSettings, period_lock
from horeport.navigation import APPS
from horeport.params import chooser_years, option_values, period_options, read_period
from horeport.periods import Kind, Period
from horeport.roles import ADMINISTRATOR, LEDER, REGISTRATOR, ROLE_DESCRIPTIONS, role_of
from horeport.status import month_end_status, status_counts, status_for, status_workbook

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
    }  # fmt: skip
    return render(request, "horeport/reporting_status.html", context)


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
    return render(request, "horeport/unit_list.html", {"units": ServiceUnit.objects.all()})


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
        "status": job.status,
        "status_label": job.get_status_display(),
        "done": job.done,
        "total": job.total,
        "percent": job.percent,
        "unit": job.unit,
        "message": job.message,
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
