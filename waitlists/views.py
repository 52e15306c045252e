"""Pages of the housing app: overview, housing types, entry of figures and cases, private housing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from horeport import editing
from horeport.charts import chart_svg, svg_data_uri
from horeport.history import history_page
from horeport.params import chooser_years, period_options, read_number, read_period, read_year
from horeport.periods import Kind, Period
from horeport.sections import Chart, ChartSeries, Column, Row, Table
from horeport.tables import table_configure
from waitlists import report_sections as sections
from waitlists.filters import HousingCaseFilter
from waitlists.forms import (
    HousingCaseForm,
    HousingTypeForm,
    PrivateHousingFigureForm,
    PrivateHousingKeyFigureForm,
    WaitlistFigureForm,
    month_grid,
)
from waitlists.models import HousingCase, HousingType, PrivateHousingFigure, PrivateHousingKeyFigure, WaitlistFigure
from waitlists.selectors import (
    YEAR_END,
    WaitlistData,
    default_year,
    latest_month_end,
    private_years_with_data,
    years_with_data,
)
from waitlists.tables import HousingCaseTable

# How many years a page may compare ("antall"): the overview shows the fewest unless asked, a
# housing type's page and the private housing page the most.
YEAR_COUNTS = (3, 4, 5)
FEWEST_YEARS, MOST_YEARS = min(YEAR_COUNTS), max(YEAR_COUNTS)
MONTHS_SHOWN = 24  # the monthly table and chart of a housing type: the last two years


# -- helpers --------------------------------------------------------------------------------------


def _years(request, years: list[int], default: int, count_default: int) -> dict:
    """The chosen year and number of years, the years offered and the links either side."""
    offered = chooser_years(*years)
    year = read_year(request, default, years=offered)
    return {
        "year": year,
        "count": read_number(request, "antall", count_default, allowed=YEAR_COUNTS),
        "counts": YEAR_COUNTS,
        "choice_years": offered,
        "previous_year": year - 1 if year - 1 in offered else None,
        "next_year": year + 1 if year + 1 in offered else None,
    }


def _charts(charts: list[Chart], *, wide: bool = False) -> list[dict]:
    """Charts as images the page can show (the CSP allows data: images). Wide ones hold a legend."""
    size = {"width": 10, "height": 3.4} if wide else {}
    return [
        {"chart": chart, "src": svg_data_uri(chart_svg(chart, **size))}
        for chart in charts
        if any(sum(v is not None for v in s.values) >= 2 for s in chart.series)  # a line needs two points
    ]


# -- overview -------------------------------------------------------------------------------------


def index(request):
    years = years_with_data()
    chosen = _years(request, years, default_year(years), FEWEST_YEARS)
    year, count = chosen["year"], chosen["count"]
    periods = sections.comparison_periods(Period.of_year(year), count)
    housing_types = list(HousingType.objects.all())
    data = WaitlistData(housing_types, periods[0].year, periods[-1].year)
    per_type = []
    for housing_type in housing_types:
        resolved = [data.resolve(housing_type, p) for p in periods]
        if housing_type.active or any(r.has_data for r in resolved):
            per_type.append((housing_type, sections.housing_type_table(resolved)))
    shown = [t for t, _ in per_type]
    label = sections.waitlist_label(periods)
    month = latest_month_end()
    context = chosen | {
        "year_query": f"aar={year}",  # the housing types' links open their page at this year
        "years": years,
        "has_data": bool(years),
        "housing_types": shown,
        "waitlist_table": sections.across_types_table(data, shown, periods, "waitlist", label),
        "effectuation_table": sections.across_types_table(
            data, shown, periods, "effectuation_days", "Effektueringstid i gj.snitt (dager)"
        ),
        "per_type": per_type,
        "charts": _charts(
            [
                sections.series_chart(data, shown, periods, "waitlist", label),
                sections.series_chart(data, shown, periods, "effectuation_days", "Effektueringstid i gj.snitt"),
            ],
            wide=True,
        ),
        "current_month": month,
        "current_table": sections.current_table(month, housing_types=shown) if month else None,
    }
    return render(request, "waitlists/index.html", context)


# -- a housing type -------------------------------------------------------------------------------

MONTH_COLUMNS = [
    ("waitlist", "Venteliste ved månedsslutt"),
    ("effectuation_days", "Effektueringstid (dager)"),
    ("applications_processed", "Behandlede søknader"),
    ("applications_granted", "Innvilgede søknader"),
    ("dwellings_allocated", "Tildelte boliger"),
    ("needs_reported", "Meldt behov"),
    ("housing_swaps", "Bytte bolig"),
]


def _monthly_table(data: WaitlistData, housing_type, months: list[Period]) -> Table | None:
    """The months that hold a figure, newest first, one column per figure that appears."""
    resolved = [data.resolve(housing_type, m) for m in reversed(months)]
    resolved = [r for r in resolved if any(v.present and v.source != YEAR_END for v in r.values.values())]
    if not resolved:
        return None
    columns = [(n, label) for n, label in MONTH_COLUMNS if any(r[n].present for r in resolved)]
    rows = [Row(r.period.label, [sections.value_cell(n, r[n]) for n, _ in columns]) for r in resolved]
    notes = [sections.COMPUTED_NOTE] if any(r.computed for r in resolved) else []
    return Table("Ved månedsslutt", [Column(label) for _, label in columns], rows, row_header="Måned", notes=notes)


def type_detail(request, pk):
    housing_type = get_object_or_404(HousingType, pk=pk)
    years = years_with_data(housing_type)
    chosen = _years(request, years, default_year(years), MOST_YEARS)
    year, count = chosen["year"], chosen["count"]
    periods = sections.comparison_periods(Period.of_year(year), count)
    # The last months up to the latest month with data, for the monthly table and chart.
    latest = latest_month_end() or Period.containing(timezone.localdate()).previous()
    months = list(reversed([latest.shift(-i) for i in range(MONTHS_SHOWN)]))
    first_year = min(periods[0].year, months[0].year)
    data = WaitlistData([housing_type], first_year, max(periods[-1].year, months[-1].year))
    resolved = [data.resolve(housing_type, p) for p in periods]
    while len(resolved) > FEWEST_YEARS and not resolved[0].has_data:  # no empty leading years beyond these
        resolved.pop(0)
    periods = [r.period for r in resolved]
    monthly = _monthly_table(data, housing_type, months)
    label = sections.waitlist_label(periods)
    categories = [p.label for p in periods]
    charts = [
        Chart(label, categories, [ChartSeries(housing_type.name, [r["waitlist"].value for r in resolved])],
              unit="antall"),
        Chart("Effektueringstid i gj.snitt", categories,
              [ChartSeries(housing_type.name, [r["effectuation_days"].value for r in resolved])], unit="dager"),
    ]  # fmt: skip
    monthly_values = [
        None if value.source == YEAR_END else value.value
        for value in (data.resolve(housing_type, m)["waitlist"] for m in months)
    ]
    if sum(v is not None for v in monthly_values) >= 2:  # a line needs two points
        first = next(i for i, v in enumerate(monthly_values) if v is not None)
        charts.append(
            Chart("Venteliste ved månedsslutt", [m.short_label for m in months[first:]],
                  [ChartSeries(housing_type.name, monthly_values[first:])], unit="antall")
        )  # fmt: skip
    figures = housing_type.figures.order_by("-period")
    today = timezone.localdate()
    waiting = Q(decided_on__lte=today, moved_in_on__isnull=True, closed_on__isnull=True)
    case_counts = housing_type.cases.aggregate(all=Count("pk"), waiting=Count("pk", filter=waiting))
    context = chosen | {
        "housing_type": housing_type,
        "table": sections.housing_type_table(resolved, title=f"{housing_type.name}, {periods[0].label}–{year}"),
        "monthly_table": monthly,
        "has_year_data": any(r.has_data for r in resolved),
        "charts": _charts(charts),
        "figures": figures,
        "case_count": case_counts["all"],
        "waiting_now": case_counts["waiting"],
    }
    return render(request, "waitlists/type_detail.html", context)


# -- entering figures -----------------------------------------------------------------------------


@permission_required("waitlists.add_waitlistfigure", raise_exception=True)
def figure_create(request):
    figure = WaitlistFigure()
    type_id = request.GET.get("boligtype", "")
    if type_id.isdigit():
        figure.housing_type = HousingType.objects.filter(pk=type_id, active=True).first()
    if request.method == "GET":  # the month just ended, unless the link names another month or year
        last_ended = Period.containing(timezone.localdate()).previous()
        figure.period = read_period(request, last_ended, kinds=(Kind.MONTH, Kind.YEAR))
    return _figure_form(request, figure)


def _month_param(request) -> Period:
    """The month of `?periode=2016-12`; the month just ended where missing, wrong or not begun."""
    last_ended = Period.containing(timezone.localdate()).previous()
    period = read_period(request, last_ended, kinds=(Kind.MONTH,))
    return last_ended if period.start > timezone.localdate() else period


def _month_choices() -> list[tuple[str, list]]:
    """The months the month form offers, grouped by year: every month begun, back to the first with figures."""
    today = timezone.localdate()
    groups = period_options((Kind.MONTH,), chooser_years(*years_with_data()))
    groups = [(year, [(value, label) for value, label in months if Period.parse(value).start <= today])
              for year, months in groups]  # fmt: skip
    return [(year, months) for year, months in groups if months]


@permission_required(["waitlists.add_waitlistfigure", "waitlists.change_waitlistfigure"], raise_exception=True)
def month_entry(request):
    """Every housing type's figures at one month's end, on one form: saved all together or not at all."""
    period = _month_param(request)
    grid = month_grid(period, request.POST or None, user=request.user)
    if request.method == "POST" and grid.save_if_valid():
        if grid.saved:
            names = ", ".join(str(housing_type) for housing_type, _ in grid.saved)
            messages.success(request, f"Tallene for {period.label} er lagret: {names}.")
        else:
            messages.info(request, "Ingenting er endret, så ingenting er lagret.")
        return redirect(reverse("waitlists:month_entry") + f"?periode={period}")
    rows = grid.forms
    context = {
        "period": period,
        "rows": rows,
        "columns": [rows[0][name].label for name in WaitlistFigure.VALUE_FIELDS] if rows else [],
        "lock": grid.lock,
        "choices": _month_choices(),
        "grid": grid,
        "has_errors": bool(grid.errors) or any(form.errors for form in rows),
    }
    return render(request, "waitlists/month_form.html", context)


@permission_required("waitlists.change_waitlistfigure", raise_exception=True)
def figure_update(request, pk):
    return _figure_form(request, get_object_or_404(WaitlistFigure.objects.select_related("housing_type"), pk=pk))


def _figure_form(request, figure):
    return editing.edit(
        request, WaitlistFigureForm(request.POST or None, instance=figure, user=request.user),
        template="horeport/edit_form.html",
        context={
            "title": f"Endre tall for {figure.housing_type}" if figure.pk else "Registrer ventelistetall",
            "intro": "Velg en måned for tall ved månedsslutt (venteliste pr. siste dag i måneden), eller «Hele året» "
            "for tall for et helt år, slik tidligere års rapporter oppgir dem. Fyll inn tallene dere har; resten kan "
            "stå tomt. Desimalkomma og mellomrom mellom tusener er lov.",
            "back_url": reverse("waitlists:type_detail", args=[figure.housing_type_id]) if figure.pk
            else reverse("waitlists:index"),
            "delete_url": reverse("waitlists:figure_delete", args=[figure.pk])
            if figure.pk and request.user.has_perm("waitlists.delete_waitlistfigure") else None,
            "delete_label": "Slett tallene",
        },
        saved=lambda f: f"Tallene for {f.housing_type} for {f.period.label} er lagret.",
        success_url=lambda f: _type_url(f.housing_type, f.period.year),
    )  # fmt: skip


def _type_url(housing_type, year: int) -> str:
    return reverse("waitlists:type_detail", args=[housing_type.pk]) + f"?aar={year}"


@permission_required("waitlists.delete_waitlistfigure", raise_exception=True)
def figure_delete(request, pk):
    figure = get_object_or_404(WaitlistFigure.objects.select_related("housing_type"), pk=pk)
    back = _type_url(figure.housing_type, figure.period.year)
    what = f"tallene for {figure.housing_type} for {figure.period.label}"
    return editing.delete(
        request, figure, heading=f"Slette {what}?", description="Er perioden låst, kan ingenting slettes.",
        button="Slett", deleted=f"T{what[1:]} er slettet.", back_url=back,
    )  # fmt: skip


@permission_required("waitlists.view_waitlistfigure", raise_exception=True)
def figure_history(request, pk):
    figure = get_object_or_404(WaitlistFigure.objects.select_related("housing_type"), pk=pk)
    return history_page(request, figure, back_url=_type_url(figure.housing_type, figure.period.year), title=str(figure))


# -- cases ----------------------------------------------------------------------------------------


@permission_required("waitlists.view_housingcase", raise_exception=True)
def case_list(request):
    queryset = HousingCase.objects.select_related("housing_type")
    filters = HousingCaseFilter(request.GET or None, queryset=queryset)
    table = HousingCaseTable(filters.qs, can_edit=request.user.has_perm("waitlists.change_housingcase"))
    table_configure(request, table, per_page=50)
    return render(
        request,
        "waitlists/case_list.html",
        {
            "filter": filters,
            "table": table,
            "has_cases": HousingCase.objects.exists(),
            "filtered": bool(request.GET.keys() - {"page", "sort"}),
        },  # fmt: skip
    )


@permission_required("waitlists.add_housingcase", raise_exception=True)
def case_create(request):
    case = HousingCase()
    type_id = request.GET.get("boligtype", "")
    if type_id.isdigit():
        case.housing_type = HousingType.objects.filter(pk=type_id, active=True).first()
    return _case_form(request, case)


@permission_required("waitlists.change_housingcase", raise_exception=True)
def case_update(request, pk):
    return _case_form(request, get_object_or_404(HousingCase.objects.select_related("housing_type"), pk=pk))


def _case_form(request, case):
    return editing.edit(
        request, HousingCaseForm(request.POST or None, instance=case), template="horeport/edit_form.html",
        context={
            "title": f"Endre sak {case.reference}" if case.pk else "Ny sak",
            "intro": "En sak er ett vedtak om bolig. Ventelisten på en dato er sakene med vedtak som ikke har flyttet "
            "inn; effektueringstiden er dagene fra vedtak til innflytting. Bruk bare saksnummer eller en annen anonym "
            "referanse – aldri navn eller fødselsnummer.",
            "back_url": reverse("waitlists:case_list"), "back_label": "Tilbake til sakslisten",
            "delete_url": reverse("waitlists:case_delete", args=[case.pk])
            if case.pk and request.user.has_perm("waitlists.delete_housingcase") else None,
            "delete_label": "Slett saken",
        },
        saved="Sak {obj.reference} er lagret.", success_url=reverse("waitlists:case_list"),
    )  # fmt: skip


@permission_required("waitlists.delete_housingcase", raise_exception=True)
def case_delete(request, pk):
    case = get_object_or_404(HousingCase, pk=pk)
    back = reverse("waitlists:case_list")
    return editing.delete(
        request, case, heading=f"Slette sak {case.reference}?",
        description="Saken forsvinner fra ventelistene og effektueringstiden.", button="Slett",
        deleted=f"Sak {case.reference} er slettet.", back_url=back,
    )  # fmt: skip


@permission_required("waitlists.view_housingcase", raise_exception=True)
def case_history(request, pk):
    case = get_object_or_404(HousingCase, pk=pk)
    return history_page(request, case, back_url=reverse("waitlists:case_list"), title=str(case))


# -- private housing ------------------------------------------------------------------------------


@permission_required("waitlists.view_privatehousingfigure", raise_exception=True)
def private_housing(request):
    years = private_years_with_data()
    fallback = max((y for y in years if y < timezone.localdate().year), default=years[-1] if years else None)
    chosen = _years(request, years, fallback or timezone.localdate().year - 1, MOST_YEARS)
    year, count = chosen["year"], chosen["count"]
    periods = sections.comparison_periods(Period.of_year(year), count)
    key_figures = list(PrivateHousingKeyFigure.objects.all())
    figures = PrivateHousingFigure.objects.select_related("key_figure").order_by("-period", "key_figure__order")
    context = chosen | {
        "table": sections.private_housing_table(periods, key_figures),
        "key_figures": key_figures,
        "figures": figures,
    }
    return render(request, "waitlists/private_housing.html", context)


@permission_required("waitlists.add_privatehousingfigure", raise_exception=True)
def private_figure_create(request):
    figure = PrivateHousingFigure()
    key_figure_id = request.GET.get("nokkeltall", "")
    if key_figure_id.isdigit():
        figure.key_figure = PrivateHousingKeyFigure.objects.filter(pk=key_figure_id, active=True).first()
    if request.method == "GET":
        figure.period = Period.of_year(timezone.localdate().year - 1)
    return _private_figure_form(request, figure)


@permission_required("waitlists.change_privatehousingfigure", raise_exception=True)
def private_figure_update(request, pk):
    return _private_figure_form(request, get_object_or_404(PrivateHousingFigure, pk=pk))


def _private_figure_form(request, figure):
    return editing.edit(
        request, PrivateHousingFigureForm(request.POST or None, instance=figure),
        template="horeport/edit_form.html",
        context={
            "title": "Endre antall" if figure.pk else "Registrer antall",
            "intro": "Et antall gjelder én måned eller et helt år. "
            "Et år uten eget antall vises som summen av månedene.",
            "back_url": reverse("waitlists:private_housing"), "back_label": "Tilbake til privat boligfremskaffelse",
            "delete_url": reverse("waitlists:private_figure_delete", args=[figure.pk])
            if figure.pk and request.user.has_perm("waitlists.delete_privatehousingfigure") else None,
            "delete_label": "Slett antallet",
        },
        saved=lambda f: f"Antallet for «{f.key_figure}» for {f.period.label} er lagret.",
        success_url=lambda f: reverse("waitlists:private_housing") + f"?aar={f.period.year}",
    )  # fmt: skip


@permission_required("waitlists.delete_privatehousingfigure", raise_exception=True)
def private_figure_delete(request, pk):
    figure = get_object_or_404(PrivateHousingFigure.objects.select_related("key_figure"), pk=pk)
    back = reverse("waitlists:private_housing") + f"?aar={figure.period.year}"
    what = f"antallet for «{figure.key_figure}» for {figure.period.label}"
    return editing.delete(
        request, figure, heading=f"Slette {what}?", description="Er perioden låst, kan ingenting slettes.",
        button="Slett", deleted=f"A{what[1:]} er slettet.", back_url=back,
    )  # fmt: skip


@permission_required("waitlists.view_privatehousingfigure", raise_exception=True)
def private_figure_history(request, pk):
    figure = get_object_or_404(PrivateHousingFigure.objects.select_related("key_figure"), pk=pk)
    back = reverse("waitlists:private_housing") + f"?aar={figure.period.year}"
    return history_page(request, figure, back_url=back, title=str(figure))


# -- reference data: housing types and private housing key_figures -----------------------------------


@permission_required("waitlists.view_housingtype", raise_exception=True)
def type_list(request):
    return render(request, "waitlists/type_list.html", {"housing_types": HousingType.objects.all()})


@permission_required("waitlists.add_housingtype", raise_exception=True)
def type_create(request):
    return _type_form(request, HousingType())


@permission_required("waitlists.change_housingtype", raise_exception=True)
def type_update(request, pk):
    return _type_form(request, get_object_or_404(HousingType, pk=pk))


def _type_form(request, housing_type):
    return editing.edit(
        request, HousingTypeForm(request.POST or None, instance=housing_type), template="horeport/edit_form.html",
        context={
            "title": f"Endre {housing_type}" if housing_type.pk else "Ny boligtype",
            "back_url": reverse("waitlists:type_list"), "back_label": "Tilbake til boligtyper",
        },
        saved="Boligtypen «{obj}» er lagret.",
        success_url=reverse("waitlists:type_list"),
    )  # fmt: skip


@permission_required("waitlists.view_privatehousingkeyfigure", raise_exception=True)
def key_figure_list(request):
    return render(request, "waitlists/key_figure_list.html", {"key_figures": PrivateHousingKeyFigure.objects.all()})


@permission_required("waitlists.add_privatehousingkeyfigure", raise_exception=True)
def key_figure_create(request):
    return _key_figure_form(request, PrivateHousingKeyFigure())


@permission_required("waitlists.change_privatehousingkeyfigure", raise_exception=True)
def key_figure_update(request, pk):
    return _key_figure_form(request, get_object_or_404(PrivateHousingKeyFigure, pk=pk))


def _key_figure_form(request, key_figure):
    return editing.edit(
        request, PrivateHousingKeyFigureForm(request.POST or None, instance=key_figure),
        template="horeport/edit_form.html",
        context={
            "title": f"Endre {key_figure}" if key_figure.pk else "Nytt nøkkeltall",
            "back_url": reverse("waitlists:key_figure_list"), "back_label": "Tilbake til nøkkeltall",
        },
        saved="Nøkkeltallet «{obj}» er lagret.", success_url=reverse("waitlists:key_figure_list"),
    )  # fmt: skip
