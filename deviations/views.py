"""Pages of the deviation register: list, entry, history, statistics, import and categories."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from deviations import report_sections, selectors, services, tasks
from deviations.forms import CategoryForm, DeviationForm, DeviationStatisticsForm, ImportForm
from deviations.models import Category, Deviation, ImportBatch, Status
from deviations.tables import DeviationTable
from horeport import editing
from horeport.charts import chart_svg, svg_data_uri
from horeport.formatting import nb_date, nb_number
from horeport.history import history_page
from horeport.jobs import export_response, job_enqueue
from horeport.params import chooser_years
from horeport.periods import Period, months_up_to
from horeport.roles import ADMINISTRATOR, role_of
from horeport.sections import Chart, ChartSeries, SectionOptions
from horeport.tables import table_configure

PER_PAGE = 50


def _filtered(request):
    return selectors.deviations_filtered(request.GET)


# -- the list ------------------------------------------------------------------------------------


@permission_required("deviations.view_deviation", raise_exception=True)
def index(request):
    filterset = _filtered(request)
    table = DeviationTable(filterset.qs)
    table_configure(request, table, per_page=PER_PAGE)
    return render(
        request,
        "deviations/deviation_list.html",
        {"filter": filterset, "table": table, "filtered": bool(request.GET.keys() - {"page", "sort"})},
    )


@permission_required("deviations.view_deviation", raise_exception=True)
def export(request):
    """A small export is written at once; a larger one is a background job with a progress page."""
    deviations = _filtered(request).qs
    return export_response(
        request, rows=deviations.count(), filename=services.export_filename(),
        write=lambda file: services.deviations_export(deviations, path=file),
        task=tasks.deviations_export_task, kind="deviations_export", title="Eksport av avviksregisteret",
    )  # fmt: skip


# -- one deviation -------------------------------------------------------------------------------


@permission_required("deviations.view_deviation", raise_exception=True)
def detail(request, pk):
    deviation = get_object_or_404(Deviation.objects.select_related("category", "unit"), pk=pk)
    return render(request, "deviations/deviation_detail.html", {"deviation": deviation})


@permission_required("deviations.add_deviation", raise_exception=True)
def create(request):
    return _deviation_form(request, Deviation())


@permission_required("deviations.change_deviation", raise_exception=True)
def update(request, pk):
    deviation = get_object_or_404(Deviation.objects.select_related("category", "unit"), pk=pk)
    initial = {}
    if request.method == "GET" and request.GET.get("steg") == "lukk" and not deviation.is_closed:
        initial = {"status": Status.CLOSED, "closed_on": timezone.localdate()}
    elif request.method == "GET" and request.GET.get("steg") == "behandle" and deviation.status == Status.REGISTERED:
        initial = {"status": Status.IN_PROGRESS}
    return _deviation_form(request, deviation, initial)


def _deviation_form(request, deviation, initial=None):
    is_new = deviation.pk is None
    form = DeviationForm(request.POST if request.method == "POST" else None, instance=deviation, initial=initial)

    def saved(obj) -> str:
        done = "lagret"
        if is_new:
            done = "registrert"
        elif "status" in form.changed_data:
            done = {Status.CLOSED: "lukket", Status.IN_PROGRESS: "satt under behandling"}.get(obj.status, "lagret")
        return f"Avviket {obj.reference} er {done}."

    return editing.edit(
        request, form, template="deviations/deviation_form.html", context={"deviation": deviation},
        saved=saved, success_url=lambda obj: obj.get_absolute_url(),
    )  # fmt: skip


@permission_required("deviations.delete_deviation", raise_exception=True)
def delete(request, pk):
    deviation = get_object_or_404(Deviation.objects.select_related("category", "unit"), pk=pk)
    return editing.delete(
        request, deviation, heading=f"Slett avvik {deviation.reference}?", nav="deviations/_nav.html",
        description=f"{deviation.category}, {deviation.unit}, registrert {nb_date(deviation.registered_on)}. "
        "Avviket forsvinner fra listen og statistikken.",
        button="Slett avviket", deleted=f"Avviket {deviation.reference} er slettet.",
        back_url=deviation.get_absolute_url(), success_url=reverse("deviations:index"),
    )  # fmt: skip


@permission_required("deviations.view_deviation", raise_exception=True)
def history(request, pk):
    deviation = get_object_or_404(Deviation, pk=pk)
    return history_page(request, deviation, back_url=deviation.get_absolute_url(), title=f"avvik {deviation.reference}")


# -- statistics ----------------------------------------------------------------------------------


@permission_required("deviations.view_deviation", raise_exception=True)
def statistics(request):
    last_year = selectors.last_year_with_data() or timezone.localdate().year
    offered = chooser_years(selectors.first_year_with_data(), last_year)
    form = DeviationStatisticsForm(request.GET, years=offered, default=Period.of_year(last_year))
    period, cutoff = form.chosen()
    options = SectionOptions(cutoff=cutoff)
    sections = [
        report_sections.by_category(period=period, options=options),
        report_sections.hospital(period=period, options=options),
        report_sections.open_deviations(period=period, options=options),
    ]
    rendered = [
        (section, [(chart, svg_data_uri(chart_svg(chart))) for chart in section.charts]) for section in sections
    ]
    category_charts = [
        (chart, svg_data_uri(chart_svg(chart, width=5.2, height=2.8)), _describe(chart))
        for chart in _monthly_charts(period)
    ]
    years = list(range(last_year, (selectors.first_year_with_data() or last_year) - 1, -1))
    return render(
        request,
        "deviations/statistics.html",
        {"form": form, "period": period, "sections": rendered, "category_charts": category_charts, "years": years},
    )


def _describe(chart: Chart) -> str:
    """The chart's numbers as text, for screen readers."""
    return "; ".join(
        f"{series.name}: "
        + ", ".join(f"{month} {nb_number(value)}" for month, value in zip(chart.categories, series.values, strict=True))
        for series in chart.series
    )


def _monthly_charts(period: Period) -> list[Chart]:
    """Per category: deviations registered per month, this year and last year, up to the period's end."""
    months = months_up_to(period)
    earlier = [m.same_period_last_year() for m in months]
    counts = selectors.registered_by_month([*earlier, *months])
    today = timezone.localdate()
    if not counts:
        return []
    charts = []
    for category in Category.objects.filter(pk__in=counts):
        values = counts[category.pk]
        charts.append(
            Chart(
                category.name,
                categories=[m.short_label.split(" ")[0] for m in months],
                series=[
                    ChartSeries(str(period.year - 1), [values[m] for m in earlier]),
                    # Months still to come have no value yet (not zero).
                    ChartSeries(str(period.year), [values[m] if m.start <= today else None for m in months]),
                ],
                kind="line",
                unit="avvik per måned",
            )
        )
    return charts


# -- import --------------------------------------------------------------------------------------


@permission_required("deviations.add_deviation", raise_exception=True)
def import_upload(request):
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            extract = services.extract_read(upload)
        except services.ExtractError as error:
            form.add_error("file", str(error))
        except services.ExtractTooLarge:  # previewed by a job, the file kept on disk
            batch = services.import_batch_keep(upload=upload, user=request.user)
            job = job_enqueue(
                task=tasks.deviations_import_preview_task, kind="deviations_import_preview",
                title=f"Forhåndsvisning av import: {batch.filename}", user=request.user, batch_id=batch.pk,
            )  # fmt: skip
            return redirect("job_detail", pk=job.pk)
        else:
            batch = services.import_batch_create(extract=extract, user=request.user)
            if extract.ignored_columns:
                messages.info(request, f"Disse kolonnene blir ikke lest: {', '.join(extract.ignored_columns)}.")
            return redirect("deviations:import_preview", pk=batch.pk)
    recent = ImportBatch.objects.filter(created_by=request.user, saved_at__isnull=False)[:5]
    return render(
        request,
        "deviations/import_upload.html",
        {"form": form, "recent": recent, "columns": services.COLUMNS},
        status=400 if form.errors else 200,
    )


@permission_required("deviations.add_deviation", raise_exception=True)
def import_preview(request, pk):
    # An import is its starter's: someone else's is not found; administrators see every one.
    batches = ImportBatch.objects.all()
    if role_of(request.user) != ADMINISTRATOR:
        batches = batches.filter(created_by=request.user)
    batch = get_object_or_404(batches, pk=pk)
    if batch.is_large:
        return _large_preview(request, batch)
    if request.method == "POST":
        try:
            plan = services.import_save(batch=batch, user=request.user)
        except services.ImportRefused as refused:
            messages.error(request, str(refused))
            return _preview(request, batch, refused.plan, changed=refused.changed, status=409)
        messages.success(
            request,
            f"Importen er lagret: {len(plan.added)} avvik lagt til, {len(plan.changed)} endret, "
            f"{len(plan.unchanged)} uendret.",
        )
        return redirect("deviations:index")
    return _preview(request, batch, None)


def _preview(request, batch, plan, changed=(), status=200):
    if batch.saved_at is not None:
        plan = None  # saved: the register now holds the rows, so a new plan would say "unchanged"
    else:
        plan = plan or services.import_plan(batch.rows)
        services.import_preview_record(batch=batch, plan=plan)  # what confirming will hold it to
    context = {"batch": batch, "plan": plan, "summary": plan.summary() if plan else None, "changed": changed}
    return render(request, "deviations/import_preview.html", context, status=status)


def _large_preview(request, batch):
    """A large file: its preview as the preview job kept it; confirming starts the saving job."""
    summary = services.batch_summary(batch)
    if request.method == "POST" and batch.saved_at is None and summary is not None and summary.can_save:
        job = job_enqueue(
            task=tasks.deviations_import_save_task, kind="deviations_import_save",
            title=f"Import: {batch.filename}", user=request.user, batch_id=batch.pk,
        )  # fmt: skip
        return redirect("job_detail", pk=job.pk)
    context = {"batch": batch, "summary": summary, "changed": ()}
    return render(request, "deviations/import_preview.html", context, status=405 if request.method == "POST" else 200)


# -- categories (reference data, managed by administrators) -------------------------------------


@permission_required("deviations.view_category", raise_exception=True)
def category_list(request):
    return render(request, "deviations/category_list.html", {"categories": Category.objects.all()})


@permission_required("deviations.add_category", raise_exception=True)
def category_create(request):
    return _category_form(request, Category())


@permission_required("deviations.change_category", raise_exception=True)
def category_update(request, pk):
    return _category_form(request, get_object_or_404(Category, pk=pk))


def _category_form(request, category):
    return editing.edit(
        request, CategoryForm(request.POST if request.method == "POST" else None, instance=category),
        template="horeport/edit_form.html",
        context={
            "title": f"Endre {category}" if category.pk else "Ny kategori", "nav": "deviations/_nav.html",
            "back_url": reverse("deviations:category_list"), "back_label": "Tilbake til kategorier",
            "delete_url": reverse("deviations:category_delete", args=[category.pk])
            if category.pk and request.user.has_perm("deviations.delete_category") else None,
            "delete_label": "Slett kategorien",
        },
        saved="Kategorien «{obj}» er lagret.", success_url=reverse("deviations:category_list"),
    )  # fmt: skip


@permission_required("deviations.delete_category", raise_exception=True)
def category_delete(request, pk):
    category = get_object_or_404(Category, pk=pk)
    return editing.delete(
        request, category, heading=f"Slette kategorien «{category}»?", nav="deviations/_nav.html",
        description="Bare mulig når ingen avvik har kategorien.", button="Slett kategorien",
        deleted=f"Kategorien «{category}» er slettet.",
        in_use=f"Kategorien «{category}» er brukt av avvik og kan ikke slettes. Merk den som ikke aktiv i stedet.",
        back_url=reverse("deviations:category_update", args=[pk]), success_url=reverse("deviations:category_list"),
    )  # fmt: skip
