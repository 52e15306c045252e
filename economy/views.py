"""Pages of the economy: the overview of a year (or a tertial), its workbook, the year's entry
grid, the tertial adjustments, and the administrators' budget areas."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from economy import report_sections, selectors
from economy.forms import AccountsRowForm, AdjustmentForm, BudgetAreaForm, FrameRowForm
from economy.models import AccountsFigure, BudgetAdjustment, BudgetArea, BudgetFrame
from horeport import editing
from horeport.grids import Grid, active_locks
from horeport.history import history_page
from horeport.params import chooser_years, read_period, read_year
from horeport.periods import InvalidPeriod, Kind, Period
from horeport.sections import SectionOptions
from horeport.workbooks import section_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _default_year() -> int:
    years = selectors.years_with_figures()
    return years[0] if years else timezone.localdate().year - 1


def _period_choices(years: list[int]) -> list[tuple[str, list[tuple[str, str]]]]:
    """Per year, newest first: the year (the annual accounts), then its 2. and 1. tertial."""
    groups = []
    for year in years:
        periods = [Period.of_year(year), Period(Kind.TERTIAL, year, 2), Period(Kind.TERTIAL, year, 1)]
        groups.append((str(year), [(str(p), p.label) for p in periods]))
    return groups


def _chosen_period(request) -> tuple[Period, list]:
    choices = _period_choices(chooser_years(*selectors.years_with_figures()))
    allowed = {value for _, options in choices for value, _ in options}
    return read_period(request, Period.of_year(_default_year()), allowed=allowed), choices


def _year_or_404(year: int) -> int:
    try:
        return Period.of_year(year).year
    except (InvalidPeriod, ValueError):
        raise Http404("Ukjent år") from None


@permission_required("economy.view_budgetframe", raise_exception=True)
def index(request):
    period, choices = _chosen_period(request)
    section = report_sections.overview(period=period, options=SectionOptions())
    adjustments = BudgetAdjustment.objects.filter(period__startswith=f"{period.year}-").select_related("area")
    return render(
        request,
        "economy/index.html",
        {
            "period": period, "choices": choices, "section": section,
            "adjustments": adjustments.order_by("period", "area__sort_order", "pk"),
            "has_areas": BudgetArea.objects.exists(),
        },
    )  # fmt: skip


@permission_required("economy.view_budgetframe", raise_exception=True)
def overview_xlsx(request):
    period, _ = _chosen_period(request)
    section = report_sections.overview(period=period, options=SectionOptions())
    response = HttpResponse(section_workbook(section), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="okonomi-{period}.xlsx"'
    return response


@permission_required("economy.change_budgetframe", raise_exception=True)
def entry(request, year):
    """The year's figures per budget area: the frame, and the accounts after 1. and 2. tertial and for the year."""
    year = _year_or_404(year)
    areas = list(BudgetArea.objects.filter(active=True))
    accounts_periods = [Period(Kind.TERTIAL, year, 1), Period(Kind.TERTIAL, year, 2), Period.of_year(year)]
    frames = {f.area_id: f for f in BudgetFrame.objects.filter(period=str(year), area__in=areas)}
    accounts = {
        (a.area_id, str(a.period)): a
        for a in AccountsFigure.objects.filter(period__in=[str(p) for p in accounts_periods], area__in=areas)
    }
    locks = active_locks()
    data = request.POST if request.method == "POST" else None
    rows, by_area = [], []
    for area in areas:
        frame = frames.get(area.pk) or BudgetFrame(area=area, period=Period.of_year(year))
        forms = [FrameRowForm(data, instance=frame, prefix=f"f{area.pk}", locks=locks)]
        for period in accounts_periods:
            figure = accounts.get((area.pk, str(period))) or AccountsFigure(area=area, period=period)
            forms.append(AccountsRowForm(data, instance=figure, prefix=f"a{area.pk}-{period}", locks=locks))
        rows += [(area, form) for form in forms]
        by_area.append((area, forms))
    grid = Grid(rows)
    if request.method == "POST" and grid.save_if_valid():
        messages.success(request, f"Økonomitallene for {year} er lagret ({grid.summary}).")
        return redirect(f"{reverse('economy:index')}?periode={year}")
    return render(
        request,
        "economy/entry.html",
        {
            "year": year, "grid": grid, "by_area": by_area, "accounts_periods": accounts_periods,
            "lock": grid.lock, "years": chooser_years(*selectors.years_with_figures()),
        },
        status=400 if request.method == "POST" else 200,
    )  # fmt: skip


@permission_required("economy.change_budgetframe", raise_exception=True)
def entry_choose(request):
    """The entry grid of the year chosen (`?aar=2017`)."""
    year = read_year(request, _default_year(), years=chooser_years(*selectors.years_with_figures()))
    return redirect("economy:entry", year=year)


# -- adjustments ---------------------------------------------------------------------------------


def _adjustment_form(request, adjustment: BudgetAdjustment, year: int, title: str):
    form = AdjustmentForm(request.POST or None, instance=adjustment, year=year, locks=active_locks())
    back = f"{reverse('economy:index')}?periode={year}"
    return editing.edit(
        request, form, template="economy/adjustment_form.html",
        saved=lambda obj: f"Justeringen for {obj.area} i {obj.period.label} er lagret.",
        success_url=lambda obj: f"{reverse('economy:index')}?periode={obj.period.year}",
        context={"title": title, "back_url": back, "adjustment": adjustment, "year": year},
    )  # fmt: skip


@permission_required("economy.add_budgetadjustment", raise_exception=True)
def adjustment_create(request):
    year = read_year(request, _default_year(), years=chooser_years(*selectors.years_with_figures()))
    return _adjustment_form(request, BudgetAdjustment(), year, f"Ny budsjettjustering {year}")


@permission_required("economy.change_budgetadjustment", raise_exception=True)
def adjustment_update(request, pk):
    adjustment = get_object_or_404(BudgetAdjustment.objects.select_related("area"), pk=pk)
    return _adjustment_form(request, adjustment, adjustment.period.year, f"Endre budsjettjustering, {adjustment.area}")


@permission_required("economy.delete_budgetadjustment", raise_exception=True)
def adjustment_delete(request, pk):
    adjustment = get_object_or_404(BudgetAdjustment.objects.select_related("area"), pk=pk)
    back = f"{reverse('economy:index')}?periode={adjustment.period.year}"
    return editing.delete(
        request, adjustment, heading="Slett budsjettjusteringen?",
        description=f"{adjustment.area}, {adjustment.period.label}: {adjustment.reason}",
        button="Slett justeringen", deleted="Justeringen er slettet.", back_url=back, nav="economy/_nav.html",
    )  # fmt: skip


# -- history -------------------------------------------------------------------------------------


def _history(request, obj, title: str):
    back = f"{reverse('economy:index')}?periode={obj.period.year}"
    return history_page(request, obj, back_url=back, title=title)


@permission_required("economy.view_budgetadjustment", raise_exception=True)
def adjustment_history(request, pk):
    adjustment = get_object_or_404(BudgetAdjustment.objects.select_related("area"), pk=pk)
    return _history(request, adjustment, str(adjustment))


@permission_required("economy.view_budgetframe", raise_exception=True)
def frame_history(request, pk):
    frame = get_object_or_404(BudgetFrame.objects.select_related("area"), pk=pk)
    return _history(request, frame, str(frame))


@permission_required("economy.view_accountsfigure", raise_exception=True)
def accounts_history(request, pk):
    figure = get_object_or_404(AccountsFigure.objects.select_related("area"), pk=pk)
    return _history(request, figure, str(figure))


# -- administrators: the budget areas -------------------------------------------------------------


@permission_required("economy.change_budgetarea", raise_exception=True)
def area_list(request):
    areas = BudgetArea.objects.prefetch_related("units")
    return render(request, "economy/area_list.html", {"areas": areas})


@permission_required("economy.add_budgetarea", raise_exception=True)
def area_create(request):
    return _area_form(request, BudgetArea())


@permission_required("economy.change_budgetarea", raise_exception=True)
def area_update(request, pk):
    return _area_form(request, get_object_or_404(BudgetArea, pk=pk))


def _area_form(request, area: BudgetArea):
    form = BudgetAreaForm(request.POST or None, instance=area)
    back = reverse("economy:area_list")
    return editing.edit(
        request, form, template="horeport/edit_form.html",
        saved=lambda obj: f"Budsjettområdet «{obj}» er lagret.", success_url=back,
        context={
            "title": f"Endre {area}" if area.pk else "Nytt budsjettområde", "back_url": back,
            "back_label": "Tilbake til budsjettområdene", "nav": "economy/_nav.html",
        },
    )  # fmt: skip
