"""Pages of the målekart: the dashboard, an indicator's page, result entry; key figures;
strategy status; and the administrators' screens for all of them."""

from __future__ import annotations

import hashlib

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.db.models import Min, Prefetch
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods

from horeport import editing
from horeport.calculations import change
from horeport.charts import chart_svg, sparkline_svg, svg_data_uri
from horeport.grids import Grid, active_locks
from horeport.history import history_page
from horeport.kept import kept
from horeport.params import chooser_years, option_values, period_options, read_period, read_unit
from horeport.periods import Kind, Period, period_range
from horeport.sections import Chart, ChartSeries
from kpi import selectors
from kpi.filters import MalekartFilter
from kpi.forms import (
    BandForm,
    IndicatorForm,
    KeyFigureForm,
    KeyFigureRowForm,
    MeasureForm,
    MeasureStatusRowForm,
    PerspectiveForm,
    ResultRowForm,
    StrategyForm,
    ThemePlanForm,
)
from kpi.models import (
    Band,
    Indicator,
    KeyFigure,
    KeyFigureValue,
    Measure,
    MeasureStatus,
    Perspective,
    Result,
    Scorecard,
    Strategy,
    ThemePlan,
    adds_up,
)
from kpi.selectors import assess

# -- helpers --------------------------------------------------------------------------------


def _django_choices(groups) -> list:
    """The same options as Django form choices (optgroups as nested lists)."""
    if len(groups) == 1 and groups[0][0] is None:
        return groups[0][1]
    return [(label, options) for label, options in groups]


def _first_band_year() -> int | None:
    return Band.objects.aggregate(first=Min("valid_from"))["first"]


def _sparkline(line: selectors.MalekartLine) -> tuple[str, str]:
    values = [value for _, value in line.trend]
    if sum(value is not None for value in values) < 2:
        return "", ""  # a single point shows no trend
    while values[0] is None:
        values.pop(0)  # the line starts at the first result
    shown = [f"{p.short_label}: {line.indicator.show(v)}" for p, v in line.trend if v is not None]
    return svg_data_uri(sparkline_svg(values)), "Utvikling – " + "; ".join(shown)


# -- the målekart dashboard -------------------------------------------------------------------


# What the målekart shows is kept between requests (horeport.kept) under
# `selectors.malekart_version()`, which changes with every write to what it shows, in any process.


def _malekart_facts(version: str) -> dict:
    def build():
        return {
            "kinds": selectors.kinds_in_use(),
            "periods": selectors.result_periods(),
            "first_band_year": _first_band_year(),
            "has_indicators": Indicator.objects.exists(),
        }

    return kept(f"kpi:malekart-facts:{version}", build)


def _malekart_html(version: str, *, period: Period, unit, filterset) -> str:
    """The målekart's summary and tables as HTML (the same for every user)."""
    choice = filterset.form.cleaned_data.get("malekart") or ""

    def build():
        malekart = selectors.malekart_build(period=period, indicators=filterset.qs, unit=unit)
        for line in malekart.lines:
            line.sparkline, line.sparkline_alt = _sparkline(line)
        return render_to_string(
            "kpi/_malekart.html",
            {"malekart": malekart, "period": period, "unit": unit, "headings": malekart.shared_headings},
        )

    html = kept(f"kpi:malekart:{version}:{period}:{unit.pk if unit else ''}:{choice}", build)
    return mark_safe(html)  # our own template's output, escaped where it was rendered


def _filters_html(version: str, query: QueryDict, filterset) -> str:
    """The filter form as HTML: the same for every user who asks with the same parameters."""
    key = f"kpi:malekart-filters:{version}:{hashlib.sha256(query.urlencode().encode()).hexdigest()}"
    html = kept(key, lambda: render_to_string("kpi/_malekart_filters.html", {"filter": filterset}))
    return mark_safe(html)  # our own template's output, escaped where it was rendered


def _dashboard_context(query: QueryDict) -> dict:
    """What the dashboard shows for its address parameters, from what is kept where it can be."""
    version = selectors.malekart_version()
    facts = _malekart_facts(version)
    kinds, periods = facts["kinds"], facts["periods"]
    latest = periods[-1] if periods else Period.of_year(timezone.localdate().year - 1)
    choices = period_options(kinds, chooser_years(periods[0].year if periods else None, facts["first_band_year"]))
    filterset = MalekartFilter(
        query or None,
        queryset=Indicator.objects.all(),
        period_choices=_django_choices(choices),
        default_period=str(latest),
    )
    filterset.is_valid()  # a choice that is not offered gets a message next to its field; the rest apply
    chosen = filterset.form.cleaned_data.get("periode")
    period = Period.parse(chosen) if chosen else latest
    unit = filterset.form.cleaned_data.get("virksomhet")
    has_indicators = facts["has_indicators"]
    return {
        "filter_html": _filters_html(version, query, filterset),
        "period": period,
        "unit": unit,
        "has_indicators": has_indicators,
        "malekart_html": _malekart_html(version, period=period, unit=unit, filterset=filterset)
        if has_indicators
        else "",
    }


@permission_required("kpi.view_indicator", raise_exception=True)
def index(request):
    return render(request, "kpi/dashboard.html", _dashboard_context(request.GET))


def malekart_warm() -> None:
    """Build and keep the dashboard as it first opens (the latest period, every indicator), so
    that the first view after a write finds it kept (run by kpi.tasks.malekart_warm_task)."""
    _dashboard_context(QueryDict())


# -- an indicator's page ----------------------------------------------------------------------


@permission_required("kpi.view_indicator", raise_exception=True)
def indicator_detail(request, pk):
    indicator = get_object_or_404(Indicator.objects.for_malekart(), pk=pk)
    results = sorted(
        Result.objects.filter(indicator=indicator).select_related("unit"),
        key=lambda r: (r.period, r.unit.sort_order if r.unit else -1, r.unit.name if r.unit else ""),
    )
    rows = [(result, assess(indicator, result.period, result.value)) for result in results]
    changes = (
        Result.history.filter(indicator_id=indicator.pk)
        .select_related("history_user", "unit")
        .order_by("-history_date", "-history_id")[:25]
    )
    return render(
        request,
        "kpi/indicator_detail.html",
        {
            "indicator": indicator,
            "bands": indicator.sorted_bands(),
            "rows": rows,
            "chart": _indicator_chart(indicator, results),
            "changes": changes,
        },
    )


WHOLE_DEPARTMENT = "Hele tjenesteområdet"


def _indicator_chart(indicator: Indicator, results: list[Result]) -> str:
    if not results:
        return ""
    periods = sorted({r.period for r in results})
    categories = list(period_range(periods[0], periods[-1]))
    by_unit: dict[str, dict[str, object]] = {}
    if adds_up(indicator):  # the department's line runs on across a reorganisation: its units' sum
        department = selectors.department_results([indicator], categories)
        by_unit[WHOLE_DEPARTMENT] = {period: result.value for (_, period), result in department.items()}
    for result in results:
        name = result.unit.name if result.unit else WHOLE_DEPARTMENT
        by_unit.setdefault(name, {})[str(result.period)] = result.value
    series = [ChartSeries(name, [values.get(str(p)) for p in categories]) for name, values in by_unit.items()]
    chart = Chart(
        title="",
        categories=[p.short_label for p in categories],
        series=series,
        unit=indicator.suffix or indicator.get_unit_display(),
        # Axis ticks: whole numbers where the values are large (percentages), else the indicator's decimals.
        decimals=0 if max(abs(r.value) for r in results) >= 10 else min(indicator.decimals, 2),
    )
    return svg_data_uri(chart_svg(chart, width=8, height=3.6))


@permission_required("kpi.view_result", raise_exception=True)
def result_history(request, pk):
    result = get_object_or_404(Result.objects.select_related("indicator", "unit"), pk=pk)
    return history_page(
        request, result, back_url=reverse("kpi:indicator", args=[result.indicator_id]), title=f"Resultat {result}"
    )


# -- result entry -----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@permission_required("kpi.add_result", raise_exception=True)
def result_entry(request):
    kinds = selectors.kinds_in_use()
    periods = selectors.result_periods()
    choices = period_options(kinds, chooser_years(periods[0].year if periods else None, _first_band_year()))
    source = request.POST if request.method == "POST" else request.GET
    period = read_period(request, _entry_default(kinds), allowed=option_values(choices), source=source)
    unit, units, unit_error = read_unit(source, period)

    indicators = [
        i for i in Indicator.objects.for_malekart().filter(frequency=period.kind)
        if not i.is_retired_in(period)
    ]  # fmt: skip
    active = [] if unit_error else [i for i in indicators if not i.is_new_in(period)]
    later = [i for i in indicators if i.is_new_in(period)]
    existing = Result.objects.filter(indicator__in=active, period=period)
    existing = existing.filter(unit=unit) if unit else existing.filter(unit__isnull=True)
    existing = {r.indicator_id: r for r in existing}
    locks = active_locks()
    data = request.POST if request.method == "POST" else None
    grid = Grid(
        [
            (i, ResultRowForm(data, instance=existing.get(i.pk) or Result(indicator=i, period=period, unit=unit),
                              indicator=i, prefix=f"r{i.pk}", locks=locks))
            for i in active if not i.computation
        ],
        user=request.user,
    )  # fmt: skip
    # Computed indicators are shown with their result, read-only: nothing to enter.
    existing |= {
        key[0]: result
        for key, result in selectors.computed_results(
            [i for i in active if i.computation], {i.pk: [period] for i in active}, unit
        ).items()
    }
    forms = dict(grid.rows)
    lock = grid.lock
    if request.method == "POST" and not unit_error and grid.save_if_valid():
        where = f" for {unit}" if unit else ""
        messages.success(request, f"Resultatene for {period.label}{where} er lagret ({grid.summary}).")
        query = f"?periode={period}" + (f"&virksomhet={unit.pk}" if unit else "")
        return redirect(reverse("kpi:result_entry") + query)

    rows = []
    for indicator in active:
        form, saved = forms.get(indicator), existing.get(indicator.pk)
        assessment = assess(indicator, period, saved.value if saved else None)
        rows.append((indicator, form, indicator.band_shown_for(period), saved, assessment))
    return render(
        request,
        "kpi/result_entry.html",
        {
            "period": period,
            "unit": unit,
            "units": units,
            "unit_error": unit_error,
            "choices": choices,
            "grid": grid,
            "rows": rows,
            "later": later,
            "lock": lock,
        },
        status=400 if request.method == "POST" or unit_error else 200,
    )


def _entry_default(kinds: list[Kind]) -> Period:
    """The period an entry form opens at: last year, or the current period of the shortest kind."""
    today = timezone.localdate()
    if Kind.YEAR in kinds:
        return Period.of_year(today.year - 1)
    return Period.containing(today, kinds[-1])


# -- key figures ------------------------------------------------------------------------------


@permission_required("kpi.view_keyfigure", raise_exception=True)
def key_figures(request):
    this_year = timezone.localdate().year
    latest_years = [p.year for kind in selectors.key_figure_kinds() if (p := selectors.latest_key_figure_period(kind))]
    default_year = max(latest_years) if latest_years else this_year - 1
    year_choices = period_options([Kind.YEAR], chooser_years(selectors.first_key_figure_year(), default_year))
    year = read_period(request, Period.of_year(default_year), name="til", allowed=option_values(year_choices))
    tables = []
    for kind in selectors.key_figure_kinds():
        last = selectors.latest_complete(kind, year)
        count = 5 if kind is Kind.YEAR else kind.count
        lines = selectors.key_figure_table(kind=kind, last=last, count=count)
        periods = [p for p, _ in lines[0].values] if lines else []
        title = "Nøkkeltall per år" if kind is Kind.YEAR else f"Nøkkeltall per {kind.label.lower()}"
        tables.append({"kind": kind, "title": title, "periods": periods, "lines": lines})
    return render(request, "kpi/key_figures.html", {"tables": tables, "year": year, "year_choices": year_choices})


@permission_required("kpi.view_keyfigure", raise_exception=True)
def key_figure_detail(request, pk):
    figure = get_object_or_404(KeyFigure, pk=pk)
    # The department's values: entered for it, or summed over the units in force (kpi.selectors).
    periods = sorted({v.period for v in figure.values.all()})
    department = selectors.department_key_figures([figure], periods)
    values = [(period, department[(figure.pk, str(period))]) for period in periods
              if (figure.pk, str(period)) in department]  # fmt: skip
    by_period = {str(period): value for period, value in values}
    rows = []
    for period, value in values:
        previous = by_period.get(str(period.same_period_last_year()))
        rows.append((period, value, previous, change(previous.value if previous else None, value.value,
                                                     percentages=figure.is_percent)))  # fmt: skip
    chart = ""
    if values:
        chart = svg_data_uri(
            chart_svg(
                Chart(
                    title=figure.name[:90],
                    categories=[period.short_label for period, _ in values],
                    series=[ChartSeries(figure.name, [v.value for _, v in values])],
                    kind="bar",
                    unit=figure.unit,
                    decimals=figure.decimals,
                ),  # fmt: skip
                width=7,
                height=3.2,
            )
        )
    return render(request, "kpi/key_figure_detail.html", {"figure": figure, "rows": rows, "chart": chart})


@permission_required("kpi.view_keyfigurevalue", raise_exception=True)
def key_figure_value_history(request, pk):
    value = get_object_or_404(KeyFigureValue.objects.select_related("key_figure"), pk=pk)
    return history_page(request, value, back_url=reverse("kpi:key_figure", args=[value.key_figure_id]),
                        title=f"{value.key_figure} – {value.period.label}")  # fmt: skip


@require_http_methods(["GET", "POST"])
@permission_required("kpi.add_keyfigurevalue", raise_exception=True)
def key_figure_entry(request):
    kinds = selectors.key_figure_kinds() or [Kind.YEAR]
    choices = period_options(kinds, chooser_years(selectors.first_key_figure_year()))
    source = request.POST if request.method == "POST" else request.GET
    period = read_period(request, _entry_default(kinds), allowed=option_values(choices), source=source)
    unit, units, unit_error = read_unit(source, period)
    figures = [] if unit_error else list(KeyFigure.objects.filter(active=True, frequency=period.kind))
    if unit is not None:  # per unit: only the figures that are the sum of their units
        figures = [f for f in figures if f.sum_of_units]
    stored = KeyFigureValue.objects.filter(key_figure__in=figures, unit=unit)  # unit=None: the department's
    existing = {v.key_figure_id: v for v in stored.filter(period=period)}
    locks = active_locks()
    data = request.POST if request.method == "POST" else None
    grid = Grid(
        [
            (f, KeyFigureRowForm(data, instance=existing.get(f.pk)
                                 or KeyFigureValue(key_figure=f, period=period, unit=unit),
                                 key_figure=f, prefix=f"k{f.pk}", locks=locks))
            for f in figures
        ],
        user=request.user,
    )  # fmt: skip
    lock = grid.lock
    if request.method == "POST" and not unit_error and grid.save_if_valid():
        where = f" for {unit}" if unit else ""
        messages.success(request, f"Nøkkeltallene for {period.label}{where} er lagret ({grid.summary}).")
        query = f"?periode={period}" + (f"&virksomhet={unit.pk}" if unit else "")
        return redirect(reverse("kpi:key_figure_entry") + query)
    previous = {v.key_figure_id: v for v in stored.filter(period=period.same_period_last_year())}
    # For the department: what its units sum to, shown beside a figure left empty for the sum.
    summed = (
        {}
        if unit
        else selectors.units_sums(KeyFigureValue, "key_figure_id", [f.pk for f in figures if f.sum_of_units], [period])
    )
    rows = [(f, form, existing.get(f.pk), previous.get(f.pk), summed.get((f.pk, str(period)))) for f, form in grid.rows]
    return render(
        request,
        "kpi/key_figure_entry.html",
        {
            "period": period,
            "unit": unit,
            "units": units,
            "unit_error": unit_error,
            "choices": choices,
            "grid": grid,
            "rows": rows,
            "lock": lock,
            "previous_period": period.same_period_last_year(),
        },  # fmt: skip
        status=400 if request.method == "POST" or unit_error else 200,
    )


# -- strategy status --------------------------------------------------------------------------

STATUS_KINDS = (Kind.YEAR, Kind.HALF)


def _status_choices():
    latest = selectors.latest_status_period()
    years = chooser_years(selectors.first_status_year(), latest.year if latest else None)
    return period_options(STATUS_KINDS, years), latest


@permission_required("kpi.view_measure", raise_exception=True)
def strategy(request):
    choices, latest = _status_choices()
    default = latest or Period.of_year(timezone.localdate().year)
    period = read_period(request, default, allowed=option_values(choices))
    strategies, plans, others = selectors.strategy_overview(period)
    own, municipality = selectors.by_scope(strategies)
    return render(
        request,
        "kpi/strategy.html",
        {"period": period, "choices": choices, "strategies": own, "municipality_strategies": municipality,
         "plans": plans, "others": others},
    )  # fmt: skip


@permission_required("kpi.view_themeplan", raise_exception=True)
def theme_plan_detail(request, pk):
    plan = get_object_or_404(
        ThemePlan.objects.select_related("strategy").prefetch_related(
            Prefetch("measures", queryset=Measure.objects.order_by("sort_order", "name"))
        ),
        pk=pk,
    )
    choices, latest = _status_choices()
    default = latest or Period.of_year(timezone.localdate().year)
    period = read_period(request, default, allowed=option_values(choices))
    measures = list(plan.measures.all())
    latest_by_measure = selectors.statuses_as_of(period, measures)
    every = {}
    for status in MeasureStatus.objects.filter(measure__in=measures):
        every.setdefault(status.measure_id, []).append(status)
    rows = [
        (m, latest_by_measure.get(m.pk), sorted(every.get(m.pk, []), key=lambda s: s.period, reverse=True))
        for m in measures
    ]
    return render(request, "kpi/theme_plan.html", {"plan": plan, "rows": rows, "period": period, "choices": choices})


@permission_required("kpi.view_measurestatus", raise_exception=True)
def measure_status_history(request, pk):
    status = get_object_or_404(MeasureStatus.objects.select_related("measure__theme_plan"), pk=pk)
    plan = status.measure.theme_plan
    back = reverse("kpi:theme_plan", args=[plan.pk]) if plan else reverse("kpi:strategy")
    return history_page(request, status, back_url=back, title=f"Status for {status.measure} – {status.period.label}")


@require_http_methods(["GET", "POST"])
@permission_required("kpi.add_measurestatus", raise_exception=True)
def measure_status_entry(request):
    choices, latest = _status_choices()
    default = latest or Period.of_year(timezone.localdate().year)
    source = request.POST if request.method == "POST" else request.GET
    period = read_period(request, default, allowed=option_values(choices), source=source)
    measures = list(Measure.objects.filter(active=True).select_related("theme_plan", "strategy"))
    existing = {s.measure_id: s for s in MeasureStatus.objects.filter(measure__in=measures, period=period)}
    earlier = selectors.statuses_as_of(period.previous(), measures)
    locks = active_locks()
    data = request.POST if request.method == "POST" else None
    grid = Grid(
        [
            (m, MeasureStatusRowForm(data, instance=existing.get(m.pk) or MeasureStatus(measure=m, period=period),
                                     measure=m, prefix=f"m{m.pk}", locks=locks))
            for m in measures
        ]
    )  # fmt: skip
    lock = grid.lock
    if request.method == "POST" and grid.save_if_valid():
        messages.success(request, f"Status for tiltakene i {period.label} er lagret ({grid.summary}).")
        return redirect(reverse("kpi:measure_status_entry") + f"?periode={period}")
    groups: dict[str, list] = {}
    for measure, form in sorted(grid.rows, key=lambda row: _measure_place(row[0])):
        title = (
            measure.theme_plan.name if measure.theme_plan
            else str(measure.strategy) if measure.strategy else "Tiltak utenfor temaplanene"
        )  # fmt: skip
        groups.setdefault(title, []).append((measure, form, earlier.get(measure.pk)))
    return render(
        request,
        "kpi/measure_status_entry.html",
        {"period": period, "choices": choices, "grid": grid, "groups": groups, "lock": lock},
        status=400 if request.method == "POST" else 200,
    )


def _measure_place(measure: Measure) -> tuple:
    """Theme plans first (in their order), then strategies, then measures under neither."""
    if measure.theme_plan:
        return (0, measure.theme_plan.sort_order, measure.theme_plan.name, measure.sort_order)
    if measure.strategy:
        return (1, measure.strategy.number, "", measure.sort_order)
    return (2, 0, "", measure.sort_order)


# -- administrators' screens ------------------------------------------------------------------


@permission_required("kpi.change_indicator", raise_exception=True)
def manage(request):
    perspectives = Perspective.objects.prefetch_related(
        Prefetch("indicators", queryset=Indicator.objects.prefetch_related("bands"))
    )
    return render(
        request,
        "kpi/manage.html",
        {
            "scorecards": [
                (label, [p for p in perspectives if p.scorecard == value]) for value, label in Scorecard.choices
            ],
            "key_figures": KeyFigure.objects.all(),
            "strategies": Strategy.objects.all(),
            "plans": ThemePlan.objects.select_related("strategy"),
            "measures": Measure.objects.select_related("theme_plan", "strategy"),
        },
    )


def _manage_form(request, form, *, title: str, back: str, saved: str, template="horeport/edit_form.html", **context):
    return editing.edit(
        request, form, template=template, saved=saved, success_url=back,
        context={"title": title, "back": back, "back_url": back, **context},
    )  # fmt: skip


MANAGE = "kpi:manage"


@permission_required("kpi.add_perspective", raise_exception=True)
def perspective_create(request):
    form = PerspectiveForm(request.POST or None)
    return _manage_form(request, form, title="Ny sentral utfordring", back=reverse(MANAGE),
                        saved="Den sentrale utfordringen «{obj}» er lagret.")  # fmt: skip


@permission_required("kpi.change_perspective", raise_exception=True)
def perspective_update(request, pk):
    perspective = get_object_or_404(Perspective, pk=pk)
    form = PerspectiveForm(request.POST or None, instance=perspective)
    return _manage_form(request, form, title=f"Endre {perspective}", back=reverse(MANAGE),
                        saved="Den sentrale utfordringen «{obj}» er lagret.")  # fmt: skip


@permission_required("kpi.add_indicator", raise_exception=True)
def indicator_create(request):
    form = IndicatorForm(request.POST or None, initial={"perspective": request.GET.get("perspektiv")})
    return editing.edit(
        request, form, template="horeport/edit_form.html",
        context={"title": "Ny indikator", "back_url": reverse(MANAGE)},
        saved="Indikatoren {obj.code} er lagret. Legg inn grenseverdiene.",
        success_url=lambda indicator: reverse("kpi:band_create", kwargs={"pk": indicator.pk}),
    )  # fmt: skip


@permission_required("kpi.change_indicator", raise_exception=True)
def indicator_update(request, pk):
    indicator = get_object_or_404(Indicator, pk=pk)
    form = IndicatorForm(request.POST or None, instance=indicator)
    return _manage_form(request, form, title=f"Endre {indicator.code}", back=reverse("kpi:indicator", args=[pk]),
                        saved="Indikatoren «{obj}» er lagret.")  # fmt: skip


@permission_required("kpi.add_band", raise_exception=True)
def band_create(request, pk):
    indicator = get_object_or_404(Indicator, pk=pk)
    latest = indicator.sorted_bands()[-1] if indicator.bands.exists() else None
    first_year = indicator.introduced_year or timezone.localdate().year
    initial = {"valid_from": (latest.valid_from + 1) if latest else first_year}
    form = BandForm(request.POST or None, indicator=indicator, initial=initial)
    return _manage_form(request, form, title=f"Nye grenseverdier for {indicator.code}",
                        back=reverse("kpi:indicator", args=[pk]), saved="Grenseverdiene for {obj} er lagret.",
                        template="kpi/band_form.html", indicator=indicator)  # fmt: skip


@permission_required("kpi.change_band", raise_exception=True)
def band_update(request, pk):
    band = get_object_or_404(Band.objects.select_related("indicator"), pk=pk)
    form = BandForm(request.POST or None, instance=band, indicator=band.indicator)
    return _manage_form(request, form, title=f"Endre grenseverdier for {band.indicator.code} fra {band.valid_from}",
                        back=reverse("kpi:indicator", args=[band.indicator_id]),
                        saved="Grenseverdiene for {obj} er lagret.", template="kpi/band_form.html",
                        indicator=band.indicator)  # fmt: skip


@require_http_methods(["GET", "POST"])
@permission_required("kpi.delete_band", raise_exception=True)
def band_delete(request, pk):
    band = get_object_or_404(Band.objects.select_related("indicator"), pk=pk)
    year = band.valid_from
    return editing.delete(
        request, band, heading=f"Slette grenseverdiene for {band.indicator.code} fra {year}?",
        description=f"Ønsket: {band.green_display}. Akseptert: {band.yellow_display}. "
        f"Ikke godkjent: {band.red_display}. Resultater fra {year} får da statusen etter grenseverdiene "
        "som gjaldt før, eller ingen status.",
        button="Slett grenseverdiene", deleted=f"Grenseverdiene for {band} er slettet.",
        back_url=reverse("kpi:indicator", args=[band.indicator_id]),
    )  # fmt: skip


@permission_required("kpi.add_keyfigure", raise_exception=True)
def key_figure_create(request):
    form = KeyFigureForm(request.POST or None)
    return _manage_form(request, form, title="Nytt nøkkeltall", back=reverse(MANAGE) + "#nokkeltall",
                        saved="Nøkkeltallet «{obj}» er lagret.")  # fmt: skip


@permission_required("kpi.change_keyfigure", raise_exception=True)
def key_figure_update(request, pk):
    figure = get_object_or_404(KeyFigure, pk=pk)
    form = KeyFigureForm(request.POST or None, instance=figure)
    return _manage_form(request, form, title=f"Endre {figure}", back=reverse("kpi:key_figure", args=[pk]),
                        saved="Nøkkeltallet «{obj}» er lagret.")  # fmt: skip


@permission_required("kpi.add_strategy", raise_exception=True)
def strategy_create(request):
    form = StrategyForm(request.POST or None)
    return _manage_form(request, form, title="Ny strategi", back=reverse(MANAGE) + "#strategi",
                        saved="Strategien «{obj}» er lagret.")  # fmt: skip


@permission_required("kpi.change_strategy", raise_exception=True)
def strategy_update(request, pk):
    item = get_object_or_404(Strategy, pk=pk)
    form = StrategyForm(request.POST or None, instance=item)
    return _manage_form(request, form, title=f"Endre strategi {item.number}", back=reverse(MANAGE) + "#strategi",
                        saved="Strategien «{obj}» er lagret.")  # fmt: skip


@permission_required("kpi.add_themeplan", raise_exception=True)
def theme_plan_create(request):
    form = ThemePlanForm(request.POST or None)
    return _manage_form(request, form, title="Ny temaplan", back=reverse(MANAGE) + "#strategi",
                        saved="Temaplanen «{obj}» er lagret.")  # fmt: skip


@permission_required("kpi.change_themeplan", raise_exception=True)
def theme_plan_update(request, pk):
    plan = get_object_or_404(ThemePlan, pk=pk)
    form = ThemePlanForm(request.POST or None, instance=plan)
    return _manage_form(request, form, title=f"Endre {plan}", back=reverse("kpi:theme_plan", args=[pk]),
                        saved="Temaplanen «{obj}» er lagret.")  # fmt: skip


@permission_required("kpi.add_measure", raise_exception=True)
def measure_create(request):
    form = MeasureForm(request.POST or None, initial={"theme_plan": request.GET.get("temaplan")})
    return _manage_form(request, form, title="Nytt tiltak", back=reverse(MANAGE) + "#strategi",
                        saved="Tiltaket «{obj}» er lagret.")  # fmt: skip


@permission_required("kpi.change_measure", raise_exception=True)
def measure_update(request, pk):
    measure = get_object_or_404(Measure, pk=pk)
    form = MeasureForm(request.POST or None, instance=measure)
    return _manage_form(request, form, title=f"Endre tiltak: {measure}", back=reverse(MANAGE) + "#strategi",
                        saved="Tiltaket «{obj}» er lagret.")  # fmt: skip
