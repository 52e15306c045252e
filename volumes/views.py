"""Pages of the services: the overview, a page per service, the entry grid, and the
administrators' screens for the services themselves."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from horeport import editing
from horeport.charts import chart_svg, sparkline_svg, svg_data_uri
from horeport.dated_names import first_day_text, last_day_text
from horeport.formatting import nb_number
from horeport.grids import active_locks
from horeport.history import history_page
from horeport.params import chooser_years, read_unit, read_year
from horeport.periods import Kind, Period
from horeport.sections import SectionOptions
from volumes import report_sections, selectors
from volumes.aggregates import HOURS_TOTAL, USERS_TOTAL, summarize
from volumes.forms import GRAIN_LABELS, GRAINS, ServiceForm, ServiceNameFormSet, VolumeGridForm
from volumes.models import Service, VolumeFigure
from volumes.tables import half_year_columns, month_table, service_charts, summary_table

COMPARISON_YEARS = 5


def _charts(charts) -> list[dict]:
    return [{"chart": chart, "src": svg_data_uri(chart_svg(chart))} for chart in charts]


@permission_required("volumes.view_volumefigure", raise_exception=True)
def index(request):
    """Every active service: its latest year with figures, and how its users have developed."""
    services = selectors.services()
    years = selectors.years_with_figures()[:COMPARISON_YEARS]  # newest first
    figures = selectors.figures_by_service(services, first_year=min(years), last_year=max(years)) if years else {}
    rows = []
    for service in services:
        own = figures.get(service.pk, [])
        summaries = {y: summarize(service, own, Period.of_year(y)) for y in years}
        latest = next((y for y in years if not summaries[y].is_empty), None)
        trend = [(y, summaries[y].value(USERS_TOTAL)) for y in reversed(years)]
        known = [(y, v) for y, v in trend if v is not None]
        summary = summaries.get(latest)
        rows.append({
            "service": service,
            # The name in force in the year shown (2016: "Omsorgslønn"), and today's where it differs.
            "name": service.name_for(Period.of_year(latest)) if latest else service.current_name,
            "year": latest,
            "users": summary[USERS_TOTAL] if summary else None,
            "hours": summary[HOURS_TOTAL] if summary else None,
            "per_user": summary.per_user if summary else None,
            "sparkline": svg_data_uri(sparkline_svg([v for _, v in trend])) if len(known) > 1 else None,
            "trend_text": "; ".join(f"{y}: {nb_number(v, 1)}" for y, v in known),
        })  # fmt: skip
    latest_month = selectors.latest_month_with_figures()
    monthly = None
    if latest_month is not None:
        monthly = report_sections.monthly(period=latest_month, options=SectionOptions())
    return render(
        request, "volumes/index.html", {"rows": rows, "years": years, "monthly": monthly, "nav_services": services}
    )


@permission_required("volumes.view_volumefigure", raise_exception=True)
def service_detail(request, slug):
    service = get_object_or_404(Service.objects.prefetch_related("names"), slug=slug)
    years_with_data = selectors.years_with_figures(service)
    choice_years = chooser_years(*years_with_data)
    year = read_year(request, years_with_data[0] if years_with_data else timezone.localdate().year, years=choice_years)
    first = year - COMPARISON_YEARS + 1
    figures = selectors.figures_for(service, first_year=first, last_year=year)
    period = Period.of_year(year)
    name = service.name_for(period)

    columns = half_year_columns(year)
    if all(summarize(service, figures, p).is_empty for p, _ in columns[:2]):
        columns = columns[2:]  # only a year average is stored: the half-years would be empty columns
    half_year = summary_table(service, figures, columns, title=f"{name} {year}, gjennomsnitt pr. mnd.")
    comparison_years = [y for y in range(year, first - 1, -1) if y in years_with_data]
    comparison = None
    if len(comparison_years) > 1:
        columns = [(Period.of_year(y), str(y)) for y in comparison_years]
        comparison = summary_table(
            service, figures, columns,
            title=f"{name} {comparison_years[-1]}–{comparison_years[0]}, gjennomsnitt pr. mnd.",
        )  # fmt: skip
        chart_periods = [Period.of_year(y) for y in reversed(comparison_years)]
        categories = [str(p.year) for p in chart_periods]
    else:
        chart_periods = Period.of_year(year).subperiods(Kind.HALF)
        categories = [p.month_range_label for p in chart_periods]
    charts = service_charts(service, [summarize(service, figures, p) for p in chart_periods], categories)
    year_figures = sorted(
        (f for f in figures if f.period.year == year),
        key=lambda f: (f.unit_id is not None, f.unit.sort_order if f.unit else 0, str(f.unit or ""), f.period),
    )
    months = month_table(service, figures, year, title=f"{name}: månedstall {year}")
    has_months = any(f.period.kind is Kind.MONTH for f in year_figures)
    return render(
        request,
        "volumes/service_detail.html",
        {
            "service": service, "name": name, "year": year, "choice_years": choice_years,
            "half_year": half_year, "comparison": comparison, "charts": _charts(charts),
            "months": months if has_months else None, "year_figures": year_figures,
            "earlier_names": _earlier_names(service, year), "nav_services": selectors.services(),
        },
    )  # fmt: skip


def _earlier_names(service, year) -> list[str]:
    """The other names the service has had, with their years: "Omsorgslønn (til 2019)"."""
    current = service.name_for(Period.of_year(year))
    spans = []
    for span in service.name_spans():
        if span.name == current:
            continue
        start = span.first_day and first_day_text(span.first_day)
        end = span.last_day and last_day_text(span.last_day)
        if start and end:
            spans.append(f"{span.name} ({start}–{end})")
        elif end:
            spans.append(f"{span.name} (til {end})")
        else:
            spans.append(f"{span.name} (fra {start})")
    return spans


@permission_required("volumes.change_volumefigure", raise_exception=True)
def grid(request, slug, year):
    """Enter a year's figures: twelve months, or half-year or year averages for history, for the
    whole department or one unit in force in the year (`?virksomhet=`)."""
    service = get_object_or_404(Service.objects.prefetch_related("names"), slug=slug)
    try:
        Period.of_year(year)
    except ValueError:
        raise Http404("Ukjent år") from None
    grain = request.GET.get("inndeling", "maned")
    if grain not in GRAINS:
        grain = "maned"
    kind = GRAINS[grain]
    unit, units, unit_error = read_unit(request.GET, Period.of_year(year))
    name = service.name_for(Period.of_year(year))
    context = {
        "service": service, "name": name, "year": year, "grain": grain, "grains": GRAIN_LABELS,
        "unit": unit, "units": units, "unit_error": unit_error,
        "unit_query": f"&virksomhet={unit.pk}" if unit else "",
    }  # fmt: skip
    if unit_error:  # a unit not in force in the year takes no figures: say why, next to the chooser
        return render(request, "volumes/grid.html", {**context, "form": None}, status=400)
    every = selectors.figures_for(service, first_year=year, last_year=year)
    figures = [f for f in every if f.unit == unit]
    own = {f.period: f for f in figures if f.period.kind is kind}
    other = [f for f in figures if f.period.kind is not kind]
    form = VolumeGridForm(
        request.POST or None, service=service, year=year, kind=kind, figures=own, locks=active_locks(), others=other,
        user=request.user, unit=unit,
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        saved = editing.save_or_refuse(form)
        if saved is not None:
            if saved:
                labels = ", ".join(p.label for p in saved)
                where = f" for {unit}" if unit else ""
                messages.success(request, f"Tallene for {name}{where} er lagret ({labels}).")
            else:
                messages.info(request, "Ingen tall var endret, så ingenting er lagret.")
            return redirect(f"{service.get_absolute_url()}?aar={year}")
    return render(
        request,
        "volumes/grid.html",
        {
            **context, "form": form, "other_grains": _other_grain_notes(kind, other),
            "units_entered": unit is None and any(f.unit_id for f in every),
            "locks": list(dict.fromkeys(c.lock for c in form.columns if c.lock is not None)),
        },
        status=400 if request.method == "POST" else 200,
    )  # fmt: skip


def _other_grain_notes(kind: Kind, other: list[VolumeFigure]) -> list[str]:
    """Say which periods of this year take their figures from another source (one source per period)."""
    notes = []
    for figure in sorted((f for f in other if f.period.kind is not Kind.MONTH), key=lambda f: f.period):
        notes.append(
            f"For {figure.period.label} er det registrert et snitt pr. måned. En periode har bare én kilde: "
            f"så lenge snittet finnes, kan ikke månedene i {figure.period.label} fylles ut her. "
            "Vil du registrere månedstall, slett snittet først (det tas vare på i historikken)."
        )
    months = sorted({f.period for f in other if f.period.kind is Kind.MONTH})
    if kind is not Kind.MONTH and months:
        notes.append(
            f"Det finnes månedstall for {len(months)} måned(er) dette året. En periode har bare én kilde: "
            "et snitt kan ikke registreres for en periode som har månedstall."
        )
    return notes


@permission_required("volumes.view_volumefigure", raise_exception=True)
def figure_history(request, pk):
    figure = get_object_or_404(VolumeFigure.objects.select_related("service"), pk=pk)
    back = f"{figure.service.get_absolute_url()}?aar={figure.period.year}"
    return history_page(request, figure, back_url=back, title=str(figure))


# -- administrators: the services themselves ---------------------------------------------------


@permission_required("volumes.change_service", raise_exception=True)
def service_list(request):
    services = selectors.services(active=None)
    return render(request, "volumes/service_list.html", {"services": services})


@permission_required("volumes.add_service", raise_exception=True)
def service_create(request):
    return _service_form(request, Service())


@permission_required("volumes.change_service", raise_exception=True)
def service_update(request, pk):
    return _service_form(request, get_object_or_404(Service, pk=pk))


def _service_form(request, service):
    return editing.edit(
        request, ServiceForm(request.POST or None, instance=service), template="horeport/edit_form.html",
        names=ServiceNameFormSet(request.POST or None, instance=service, prefix="names"),
        context={
            "title": f"Endre {service.name}" if service.pk else "Ny tjeneste",
            "back_url": reverse("volumes:service_list"), "back_label": "Tilbake til tjenestene",
            "names_legend": "Navneendringer",
            "names_help": "Et nytt navn gjelder fra 1. januar i året du oppgir. "
            "Rapporter viser navnet som gjaldt i perioden.",
        },
        saved=lambda saved: f"Tjenesten «{saved.name}» er lagret.", success_url=reverse("volumes:service_list"),
    )  # fmt: skip
