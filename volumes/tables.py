"""The source's tables and charts for a service, as neutral values (horeport.sections).

The service pages and the report sections build their tables here, so that a page and a
report show the same rows, computed the same way.
"""

from __future__ import annotations

from decimal import Decimal

from horeport.periods import Kind, Period
from horeport.sections import Cell, Chart, ChartSeries, Column, Row, Table
from volumes.aggregates import HOURS_TOTAL, USERS_TOTAL, Summary, summarize
from volumes.models import (
    HOURS,
    HOURS_TOTAL_LABEL,
    PER_USER_LABEL,
    USERS,
    USERS_TOTAL_LABEL,
)

AVERAGE_HEADER = "Gjennomsnitt pr. mnd."
PER_USER_KEY = "per_user"


def average_cell(summary: Summary, key: str) -> Cell:
    average = summary[key]
    return Cell.decimal(average.value, 1, note=average.note)


def per_user_cell(summary: Summary) -> Cell:
    return Cell.decimal(summary.per_user, 1, note=summary.per_user_note)


def as_entered(value) -> Cell:
    """A month's own figure, shown as it was typed (no decimals for whole numbers)."""
    if value is None:
        return Cell.integer(None)
    value = Decimal(value)
    if value == value.to_integral_value():
        return Cell.integer(value)
    exponent = value.normalize().as_tuple().exponent
    return Cell.decimal(value, max(1, -exponent))


def summary_rows(service, summaries: list[Summary], *, cell=average_cell) -> list[Row]:
    """Users by age group, users in total, hours by age group, hours in total, hours per user."""
    rows = []
    totals = {USERS: (USERS_TOTAL, USERS_TOTAL_LABEL), HOURS: (HOURS_TOTAL, HOURS_TOTAL_LABEL)}
    for quantity in (USERS, HOURS):
        volume_fields = [f for f in service.volume_fields() if f.quantity == quantity]
        for volume_field in volume_fields:
            rows.append(Row(volume_field.label, [cell(s, volume_field.name) for s in summaries], key=volume_field.name,
                            level=volume_field.level))  # fmt: skip
        if volume_fields and service.has_age_groups:
            key, label = totals[quantity]
            rows.append(Row(label, [cell(s, key) for s in summaries], kind="total", key=key))
    if service.records_users and service.records_hours:
        rows.append(Row(PER_USER_LABEL, [per_user_cell(s) for s in summaries], key=PER_USER_KEY))
    return rows


def summary_table(
    service, figures, columns: list[tuple[Period, str]], *, title: str, row_header: str = AVERAGE_HEADER,
    notes: list[str] | None = None,
) -> Table:  # fmt: skip
    """One column per period (an average per month over it), one row per volume field and total."""
    summaries = [summarize(service, figures, period) for period, _ in columns]
    return Table(
        title=title,
        columns=[Column(label) for _, label in columns],
        rows=summary_rows(service, summaries),
        row_header=row_header,
        notes=list(notes or []) + grain_notes(summaries) + unit_notes(summaries, [label for _, label in columns]),
    )


def half_year_columns(year: int) -> list[tuple[Period, str]]:
    """The source's Mestringshuset columns: jan.–jun., jul.–des. and the year's average."""
    halves = Period.of_year(year).subperiods(Kind.HALF)
    return [(h, h.month_range_label) for h in halves] + [(Period.of_year(year), f"Gj.snitt {year}")]


def month_table(service, figures, year: int, *, title: str) -> Table:
    """The year's monthly figures as entered, with each month's totals and hours per user."""
    months = Period.of_year(year).months()
    month_figures = [f for f in figures if f.period.kind is Kind.MONTH]
    summaries = [summarize(service, month_figures, m) for m in months]

    def entered(summary: Summary, key: str) -> Cell:
        return as_entered(summary[key].value)

    return Table(
        title=title,
        columns=[Column(m.short_label.removesuffix(f" {year}")) for m in months],
        rows=summary_rows(service, summaries, cell=entered),
        row_header="Måned",
        notes=unit_notes(summaries, [m.short_label.removesuffix(f" {year}") for m in months]),
    )


def grain_notes(summaries: list[Summary]) -> list[str]:
    """Say which columns rest on stored averages per month rather than on months."""
    averaged = sorted(set().union(*(s.averaged for s in summaries))) if summaries else []
    if not averaged:
        return []
    labels = ", ".join(p.label for p in averaged)
    return [f"Registrert som gjennomsnitt pr. måned for {labels}, ikke måned for måned."]


def unit_notes(summaries: list[Summary], labels: list[str]) -> list[str]:
    """Say which columns are the sum of the units, where the department has no figure of its own
    (docs/rules.md, "Department figures from units")."""
    runs: list[list] = []  # consecutive columns with the same note: [first label, last label, note]
    for summary, label in zip(summaries, labels, strict=True):
        note = summary.units_note
        if runs and runs[-1][2] == note:
            runs[-1][1] = label
        else:
            runs.append([label, label, note])
    summed = [f"{first}{'' if first == last else '–' + last}: {note}" for first, last, note in runs if note]
    if not summed:
        return []
    return [f"Tjenesteområdets tall er summen av virksomhetene der det ikke har egne tall ({'; '.join(summed)})."]


# -- charts ----------------------------------------------------------------------------------


def _legend(label: str) -> str:
    """ "Antall brukere ≤ 18 år" -> "Brukere ≤ 18 år"; "herav antall brukere > 60 år" -> "Herav brukere > 60 år"."""
    short = label.replace("Antall ", "").replace("antall ", "")
    return short[:1].upper() + short[1:]


def _series(service, summaries, quantity: str) -> list[ChartSeries]:
    series = [
        ChartSeries(_legend(f.label), [s.value(f.name) for s in summaries])
        for f in service.volume_fields()
        if f.quantity == quantity
    ]
    if service.has_age_groups and series:
        key, label = (USERS_TOTAL, USERS_TOTAL_LABEL) if quantity == USERS else (HOURS_TOTAL, HOURS_TOTAL_LABEL)
        series.append(ChartSeries(label, [s.value(key) for s in summaries]))
    return series


CHARTS = ("users", "hours", "per_user")


def service_charts(service, summaries: list[Summary], categories: list[str], *, shown=CHARTS) -> list[Chart]:
    """Users, hours and hours per user over the periods (oldest first), as the source's charts;
    `shown` names which of the three."""
    kind = "line" if len(categories) > 2 else "bar"
    charts = []
    if service.records_users and "users" in shown:
        charts.append(Chart("Brukere, gjennomsnitt pr. mnd.", categories, _series(service, summaries, USERS),
                            kind=kind, unit="brukere"))  # fmt: skip
    if service.records_hours and "hours" in shown:
        charts.append(Chart("Timer vedtak, gjennomsnitt pr. mnd.", categories, _series(service, summaries, HOURS),
                            kind=kind, unit="timer"))  # fmt: skip
    if service.records_users and service.records_hours and "per_user" in shown:
        charts.append(Chart(PER_USER_LABEL, categories, [ChartSeries(PER_USER_LABEL, [s.per_user for s in summaries])],
                            kind=kind, unit="timer", decimals=1))  # fmt: skip
    return [c for c in charts if any(v is not None for series in c.series for v in series.values)]
