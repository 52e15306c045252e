"""Reading a period, a year or a number from the query string, and the years a chooser offers.

One reader for every page: a value that is missing gives the page's default quietly; a value
that is there but cannot be used (not a period, a year outside what the page offers, text, a
NUL byte) gives the default too, with a message saying so. Never a server error.

The parameter names stay what users have in their bookmarks: `periode`, `aar`, `antall`.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

from django.contrib import messages
from django.utils import timezone

from horeport.models import ServiceUnit
from horeport.periods import InvalidPeriod, Kind, Period, period_choices

SHOWN_LENGTH = 20  # how much of a bad value a message repeats
YEARS_BACK = 10  # how far back a chooser reaches where no data reaches further: history can be entered


def chooser_years(*years_with_data: int | None) -> list[int]:
    """The years a period or year chooser offers, newest first.

    Every year from the earliest with data (or YEARS_BACK years ago) up to next year: the years
    with data, the current year, the next one, and every year between them, so that a month of
    a year without figures yet can be chosen rather than typed into the year before it.
    """
    this_year = timezone.localdate().year
    first = min([this_year - YEARS_BACK, *(y for y in years_with_data if y)])
    last = max([this_year + 1, *(y for y in years_with_data if y)])
    return list(range(last, first - 1, -1))


def period_options(kinds: Iterable[Kind], years: Iterable[int]) -> list[tuple[str | None, list]]:
    """Options for a period select, newest first: (group label or None, [(value, label)]).

    Years alone form one flat list; shorter periods are grouped by year.
    """
    kinds, years = tuple(kinds), list(years)
    if not years:
        return []
    if kinds == (Kind.YEAR,):
        return [(None, period_choices(kinds, min(years), max(years)))]
    return [(str(year), period_choices(kinds, year, year)) for year in sorted(years, reverse=True)]


STATISTICS_KINDS = (Kind.YEAR, Kind.HALF, Kind.TERTIAL, Kind.QUARTER, Kind.MONTH)


def statistics_period_options(years: Iterable[int]) -> list[tuple[str, list]]:
    """Every year, half-year, tertial, quarter and month, grouped by year (newest first), each
    group in that order: the periods a register's statistics may be chosen for."""
    groups = []
    for year in sorted(years, reverse=True):
        periods = [Period(kind, year, index) for kind in STATISTICS_KINDS for index in range(1, kind.count + 1)]
        groups.append((str(year), [(str(p), p.label) for p in periods]))
    return groups


def option_values(groups) -> set[str]:
    """The values of `period_options`, to check a chosen one against."""
    return {value for _, options in groups for value, _ in options}


def _raw(request, name: str, source: Mapping | None) -> str:
    data = request.GET if source is None else source
    return str(data.get(name, "") or "").strip()


def _is_whole_number(text: str) -> bool:
    return text.isascii() and text.isdigit() and len(text) <= 9  # no int() of a megabyte of digits


def _refuse(request, text: str, what: str, fallback: str) -> None:
    shown = text.replace("\x00", "")[:SHOWN_LENGTH]
    messages.error(request, f"«{shown}» {what}. Viser {fallback}.")


def read_period(
    request,
    default: Period,
    *,
    name: str = "periode",
    allowed: Collection[str] | None = None,
    kinds: Collection[Kind] | None = None,
    source: Mapping | None = None,
) -> Period:
    """The period named in `?periode=2016-Q1` (or `source`, e.g. the POST data), else the default.

    `allowed` holds the values the page offers (see `period_options`); `kinds` the kinds it takes.
    """
    text = _raw(request, name, source)
    if not text:
        return default
    try:
        period = Period.parse(text)
    except InvalidPeriod:
        _refuse(request, text, "er ikke en periode", default.label)
        return default
    if (allowed is not None and str(period) not in allowed) or (kinds is not None and period.kind not in kinds):
        _refuse(request, text, "kan ikke velges her", default.label)
        return default
    return period


def read_year(request, default: int, *, name: str = "aar", years: Collection[int] | None = None) -> int:
    """The year in `?aar=2016`, else the default. `years`: the years the page offers (see `chooser_years`)."""
    text = _raw(request, name, None)
    if not text:
        return default
    try:
        year = Period.of_year(int(text)).year if _is_whole_number(text) else None
    except InvalidPeriod:
        year = None
    if year is None or (years is not None and year not in years):
        _refuse(request, text, "er ikke et år som kan velges her", str(default))
        return default
    return year


def read_number(request, name: str, default: int, *, allowed: Collection[int]) -> int:
    """A whole number from a fixed list (e.g. how many years to compare, `?antall=5`), else the default."""
    text = _raw(request, name, None)
    if not text:
        return default
    if not _is_whole_number(text) or int(text) not in allowed:
        _refuse(request, text, "kan ikke velges her", str(default))
        return default
    return int(text)


def read_unit(source: Mapping, period: Period) -> tuple[ServiceUnit | None, list[ServiceUnit], str]:
    """The unit an entry page is for (`?virksomhet=`; none: the whole department), the units it
    offers for the period (those in force in it), and why the chosen one cannot take figures for
    the period ("" if it can): an unknown unit, or one not in force then."""
    unit_id = str(source.get("virksomhet", "") or "")
    whole_number = unit_id.isascii() and unit_id.isdigit() and len(unit_id) <= 9
    unit = ServiceUnit.objects.filter(pk=unit_id).first() if whole_number else None
    units = list(ServiceUnit.objects.in_force(period))
    if unit_id and unit is None:
        return None, units, "Ukjent virksomhet. Velg en virksomhet fra listen, eller hele tjenesteområdet."
    if unit is not None and not unit.in_force(period):
        return unit, units, unit.not_in_force_message(period)
    return unit, units, ""
