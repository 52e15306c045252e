"""Reports: choose and preview, commentary, drafts as PDF and Excel, publishing, the archive,
and the administrators' set-up of each report kind's sections."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from horeport import editing
from horeport.figures import help_html as figures_help_html
from horeport.jobs import job_enqueue
from horeport.models import PeriodLock
from horeport.periods import InvalidPeriod, Period
from horeport.sections import SECTION_REGISTRY
from reports.chapters import CHAPTERS, free_chapter, free_chapter_key
from reports.forms import (
    ChapterAddForm,
    CommentaryForm,
    ReportChoiceForm,
    ReportKindForm,
    SectionActionForm,
    SectionAddForm,
    SectionTitleForm,
)
from reports.models import PublishedReport, ReportKind, ReportKindSection, SectionCommentary
from reports.services import Report, report_build, report_filename, section_anchor
from reports.tasks import report_file_task, report_publish_task

FORMATS = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FORMAT_NAMES = {"pdf": "PDF", "xlsx": "Excel"}
ARCHIVE_PAGE_SIZE = 50


def _kind_and_period(kind_slug: str, period_text: str) -> tuple[ReportKind, Period]:
    """The report kind and period of a URL; 404 for an unknown kind or a period it is not made for."""
    kind = get_object_or_404(ReportKind, slug=kind_slug)
    try:
        period = Period.parse(period_text)
    except InvalidPeriod:
        raise Http404("Ugyldig periode") from None
    if not kind.allows(period):
        raise Http404(f"{kind.name} lages ikke for {period.label}")
    return kind, period


def _preview_url(kind: ReportKind, period: Period, anchor: str = "") -> str:
    url = reverse("reports:preview", kwargs={"kind": kind.slug, "period": str(period)})
    return f"{url}#{anchor}" if anchor else url


# -- choosing a report ---------------------------------------------------------------------------


def index(request):
    """Every report kind: preview a period (Registrator, Administrator), the newest published version."""
    newest = PublishedReport.objects.filter(kind=OuterRef("pk")).order_by("-published_at", "-pk").values("pk")[:1]
    kinds = list(ReportKind.objects.annotate(latest_pk=Subquery(newest)))
    latest = PublishedReport.objects.without_files().in_bulk([kind.latest_pk for kind in kinds if kind.latest_pk])
    cards = [
        {
            "kind": kind,
            "form": ReportChoiceForm(kind=kind, auto_id=f"id_{kind.slug}_%s"),
            "latest": latest.get(kind.latest_pk),
        }
        for kind in kinds
    ]
    return render(request, "reports/index.html", {"cards": cards})


@permission_required("reports.preview_report", raise_exception=True)
def choose(request, kind):
    """The period chooser's target: on to the preview of the chosen period."""
    kind = get_object_or_404(ReportKind, slug=kind)
    form = ReportChoiceForm(request.GET or None, kind=kind)
    if form.is_valid():
        return redirect(_preview_url(kind, form.cleaned_data["period"]))
    messages.error(request, f"Velg en periode som {kind.name.lower()} lages for.")
    return redirect("reports:index")


# -- preview and commentary --------------------------------------------------------------------


@permission_required("reports.preview_report", raise_exception=True)
def preview(request, kind, period):
    kind, period = _kind_and_period(kind, period)
    return _render_preview(request, report_build(kind=kind, period=period))


def _render_preview(request, report: Report, *, bound: tuple[str, CommentaryForm] | None = None, status=200):
    locks = list(PeriodLock.objects.active().order_by("locked_at"))
    lock = next((lock for lock in locks if lock.covers(report.period)), None)
    may_comment = request.user.has_perms(["reports.add_sectioncommentary", "reports.change_sectioncommentary"])
    forms = dict([bound]) if bound else {}  # a refused form stays, so its text is not lost
    for part in report.parts:
        if may_comment and lock is None and part.key not in forms:
            instance = part.commentary or SectionCommentary(
                kind=report.kind, period=report.period, section_key=part.key
            )
            forms[part.key] = CommentaryForm(instance=instance, prefix=part.anchor, locks=locks, chapter=part.chapter)
        if part.key in forms and not part.is_chapter:
            forms[part.key].fields["text"].label = f"Kommentar til «{part.title}»"
    published = (
        PublishedReport.objects.without_files()
        .filter(kind=report.kind, period=report.period)
        .select_related("published_by", "lock")
        .order_by("-version")
    )
    context = {
        "report": report,
        "parts": [(part, forms.get(part.key)) for part in report.parts],
        "lock": lock,
        "published": published,
        "choice_form": ReportChoiceForm(initial={"period": str(report.period)}, kind=report.kind),
        "figures_help": figures_help_html(),
    }
    return render(request, "reports/preview.html", context, status=status)


@require_POST
@permission_required(("reports.add_sectioncommentary", "reports.change_sectioncommentary"), raise_exception=True)
def commentary(request, kind, period, key):
    kind, period = _kind_and_period(kind, period)
    entry = kind.sections.filter(key=key).first()
    chapter = CHAPTERS.get(key) or (free_chapter(entry.key, entry.title) if entry and entry.is_chapter else None)
    if chapter is None and entry is None:
        raise Http404("Rapporttypen har ikke denne seksjonen")
    instance = SectionCommentary.objects.filter(kind=kind, period=period, section_key=key).first()
    instance = instance or SectionCommentary(kind=kind, period=period, section_key=key)
    anchor = section_anchor(key)
    form = CommentaryForm(request.POST, instance=instance, prefix=anchor, chapter=chapter)
    if form.is_valid() and (saved := editing.save_or_refuse(form)) is not None:
        verb = "lagret" if saved.text else "tømt"
        if chapter:
            messages.success(request, f"«{chapter.title}» er {verb} (utkast).")
        else:
            title = SECTION_REGISTRY[key].title if key in SECTION_REGISTRY else key
            messages.success(request, f"Kommentaren til «{title}» er {verb} (utkast).")
        if form.figure_notes:
            count = len(form.figure_notes)
            messages.warning(
                request,
                f"{count} tall i teksten ga ingen verdi og vises som «–»: se merknadene ved teksten.",
            )
        return redirect(_preview_url(kind, period, anchor))
    report = report_build(kind=kind, period=period)
    return _render_preview(request, report, bound=(key, form), status=400)


# -- files -----------------------------------------------------------------------------------------


def _file_response(content: bytes, fmt: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@permission_required("reports.preview_report", raise_exception=True)
def draft(request, kind, period, fmt):
    """A draft's file is made in the background (a POST: it starts work): on to the job's page,
    which offers it when done."""
    if fmt not in FORMATS:
        raise Http404("Ukjent format")
    kind, period = _kind_and_period(kind, period)
    job = job_enqueue(
        task=report_file_task,
        kind="report_file",
        title=f"{kind.title(period)}, utkast som {FORMAT_NAMES[fmt]}",
        user=request.user,
        unit="steg",
        report_kind=kind.slug,
        period=str(period),
        fmt=fmt,
    )
    return redirect("job_detail", pk=job.pk)


@permission_required("reports.download_publishedreport", raise_exception=True)
def published_file(request, pk, fmt):
    if fmt not in FORMATS:
        raise Http404("Ukjent format")
    fields = ["kind__name", "period", "version", fmt]
    published = get_object_or_404(PublishedReport.objects.select_related("kind").only(*fields), pk=pk)
    filename = report_filename(published.kind, published.period, published.version, fmt)
    return _file_response(bytes(getattr(published, fmt)), fmt, filename)


# -- publishing and the archive ------------------------------------------------------------------------


@permission_required("reports.add_publishedreport", raise_exception=True)
def publish(request, kind, period):
    """The confirmation page; its button publishes in the background (one job at a time per report
    and period; publishing the same content again makes no new version)."""
    kind, period = _kind_and_period(kind, period)
    if request.method == "POST":
        job = job_enqueue(
            task=report_publish_task,
            kind="report_publish",
            title=f"Publiser {kind.title(period)}",
            user=request.user,
            unit="steg",
            once=True,
            report_kind=kind.slug,
            period=str(period),
        )
        return redirect("job_detail", pk=job.pk)
    report = report_build(kind=kind, period=period)
    previous = PublishedReport.objects.without_files().filter(kind=kind, period=period).order_by("-version").first()
    context = {
        "report": report,
        "next_version": (previous.version + 1) if previous else 1,
        "previous": previous,
        "lock": PeriodLock.objects.covering(period),
    }
    return render(request, "reports/publish.html", context)


@permission_required("reports.view_publishedreport", raise_exception=True)
def archive(request):
    kinds = list(ReportKind.objects.all())
    chosen = request.GET.get("kind", "")
    if chosen not in {kind.slug for kind in kinds}:
        chosen = ""  # an unknown kind lists them all
    versions = (
        PublishedReport.objects.without_files()
        .select_related("kind", "published_by", "lock", "lock__unlocked_by")
        .order_by("-published_at", "-pk")
    )
    if chosen:
        versions = versions.filter(kind__slug=chosen)
    page = Paginator(versions, ARCHIVE_PAGE_SIZE).get_page(request.GET.get("side"))
    return render(request, "reports/archive.html", {"page": page, "kinds": kinds, "chosen": chosen})


# -- set-up of report kinds (administrators) ---------------------------------------------------------


@permission_required("reports.change_reportkind", raise_exception=True)
def kind_list(request):
    kinds = ReportKind.objects.prefetch_related("sections")
    return render(request, "reports/kind_list.html", {"kinds": kinds, "registry": SECTION_REGISTRY})


@permission_required("reports.change_reportkind", raise_exception=True)
def kind_update(request, kind):
    kind = get_object_or_404(ReportKind, slug=kind)
    form = ReportKindForm(request.POST or None, instance=kind)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Innstillingene for {kind.name} er lagret.")
        return redirect("reports:kind_update", kind=kind.slug)
    return _render_kind(request, kind, form, status=400 if request.method == "POST" else 200)


def _entry_title(entry: ReportKindSection) -> str:
    """What the set-up calls a row: a chapter's title, a section's own title, or its key."""
    if entry.is_chapter:
        return entry.title or "Kapittel"
    return SECTION_REGISTRY[entry.key].title if entry.key in SECTION_REGISTRY else entry.key


def _render_kind(request, kind, form=None, add_form=None, chapter_form=None, status=200):
    entries = list(kind.sections.order_by("order", "pk"))
    rows = [
        {"entry": entry, "spec": SECTION_REGISTRY.get(entry.key), "title": _entry_title(entry),
         "first": i == 0, "last": i == len(entries) - 1}
        for i, entry in enumerate(entries)
    ]  # fmt: skip
    context = {
        "kind": kind,
        "form": form or ReportKindForm(instance=kind),
        "rows": rows,
        "add_form": add_form or SectionAddForm(kind=kind),
        "chapter_form": chapter_form or ChapterAddForm(kind=kind),
    }
    return render(request, "reports/kind_form.html", context, status=status)


def _order_after_last(kind: ReportKind) -> int:
    """The order of a part added to the kind: after its last one."""
    return (kind.sections.order_by("-order").values_list("order", flat=True).first() or 0) + 10


@require_POST
@permission_required("reports.change_reportkind", raise_exception=True)
def kind_section_add(request, kind):
    kind = get_object_or_404(ReportKind, slug=kind)
    form = SectionAddForm(request.POST, kind=kind)
    if not form.is_valid():
        return _render_kind(request, kind, add_form=form, status=400)
    key = form.cleaned_data["key"]
    ReportKindSection.objects.get_or_create(kind=kind, key=key, defaults={"order": _order_after_last(kind)})
    messages.success(request, f"«{SECTION_REGISTRY[key].title}» er lagt til i {kind.name}.")
    return redirect(reverse("reports:kind_update", kwargs={"kind": kind.slug}) + "#seksjoner")


@require_POST
@permission_required("reports.change_reportkind", raise_exception=True)
def kind_chapter_add(request, kind):
    """A free chapter with a title of its own, placed last; moved among the sections like one."""
    kind = get_object_or_404(ReportKind, slug=kind)
    form = ChapterAddForm(request.POST, kind=kind)
    if not form.is_valid():
        return _render_kind(request, kind, chapter_form=form, status=400)
    with transaction.atomic():
        ReportKind.objects.select_for_update().get(pk=kind.pk)  # two chapters added at once get two keys
        taken = set(kind.sections.values_list("key", flat=True))
        entry = form.save(commit=False)
        entry.key, entry.order = free_chapter_key(entry.title, taken), _order_after_last(kind)
        entry.save()
    messages.success(request, f"Kapitlet «{entry.title}» er lagt til sist i {kind.name}. Flytt det dit det skal stå.")
    return redirect(reverse("reports:kind_update", kwargs={"kind": kind.slug}) + f"#rad-{entry.pk}")


@permission_required("reports.change_reportkind", raise_exception=True)
def kind_section_title(request, kind, pk):
    """A report kind's own title for one of its sections."""
    kind = get_object_or_404(ReportKind, slug=kind)
    entry = get_object_or_404(ReportKindSection, kind=kind, pk=pk)
    spec = SECTION_REGISTRY.get(entry.key)
    form = SectionTitleForm(request.POST or None, instance=entry)
    if request.method == "POST" and form.is_valid():
        form.save()
        shown = entry.title or (spec.title if spec else entry.key)
        what = "Kapitlet" if entry.is_chapter else "Seksjonen"
        messages.success(request, f"{what} heter «{shown}» i {kind.name}.")
        return redirect(reverse("reports:kind_update", kwargs={"kind": kind.slug}) + f"#rad-{entry.pk}")
    context = {"kind": kind, "entry": entry, "spec": spec, "form": form}
    return render(request, "reports/section_title.html", context, status=400 if form.errors else 200)


@require_POST
@permission_required("reports.change_reportkind", raise_exception=True)
def kind_section(request, kind, pk):
    kind = get_object_or_404(ReportKind, slug=kind)
    entry = get_object_or_404(ReportKindSection, kind=kind, pk=pk)
    form = SectionActionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Ukjent handling.")
        return redirect("reports:kind_update", kind=kind.slug)
    action = form.cleaned_data["action"]
    title = _entry_title(entry)
    anchor = f"#rad-{entry.pk}"
    with transaction.atomic():
        if action in ("up", "down"):
            _move(kind, entry, -1 if action == "up" else 1)
            message = f"«{title}» er flyttet {'opp' if action == 'up' else 'ned'}."
        elif action in ("enable", "disable"):
            entry.enabled = action == "enable"
            entry.save(update_fields=["enabled"])
            message = f"«{title}» er {'tatt med i' if entry.enabled else 'tatt ut av'} rapporten."
        elif action in ("short_on", "short_off"):
            entry.in_short_form = action == "short_on"
            entry.save(update_fields=["in_short_form"])
            message = f"«{title}» er {'med' if entry.in_short_form else 'ikke med'} i kortversjonen."
        else:
            entry.delete()
            message, anchor = f"«{title}» er fjernet fra {kind.name}.", "#seksjoner"
            if entry.is_chapter:  # its texts stay (and come back if a chapter of that title is added again)
                message += " Tekstene som er skrevet i kapitlet, er tatt vare på."
    messages.success(request, message)
    return redirect(reverse("reports:kind_update", kwargs={"kind": kind.slug}) + anchor)


def _move(kind: ReportKind, entry: ReportKindSection, step: int) -> None:
    """Swap a section with its neighbour; orders are renumbered 10, 20, 30 … on the way."""
    entries = list(kind.sections.select_for_update().order_by("order", "pk"))
    index = next(i for i, e in enumerate(entries) if e.pk == entry.pk)
    target = index + step
    if 0 <= target < len(entries):
        entries[index], entries[target] = entries[target], entries[index]
    for position, item in enumerate(entries, start=1):
        if item.order != position * 10:
            ReportKindSection.objects.filter(pk=item.pk).update(order=position * 10)
