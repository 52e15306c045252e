"""Reporting periods: months, quarters, tertials, half-years and years.

The one place that parses, formats, orders and iterates periods. Nothing else does
date arithmetic on periods.

    >>> p = Period.parse("2016-Q1")
    >>> p.label, p.start, p.end
    ('1. kvartal 2016', datetime.date(2016, 1, 1), datetime.date(2016, 3, 31))
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import total_ordering


class Kind(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    TERTIAL = "tertial"
    HALF = "half"
    YEAR = "year"

    @property
    def months(self) -> int:
        return {"month": 1, "quarter": 3, "tertial": 4, "half": 6, "year": 12}[self.value]

    @property
    def count(self) -> int:
        """How many periods of this kind a year holds."""
        return 12 // self.months

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS = {
    Kind.MONTH: "Måned",
    Kind.QUARTER: "Kvartal",
    Kind.TERTIAL: "Tertial",
    Kind.HALF: "Halvår",
    Kind.YEAR: "År",
}

MONTH_NAMES = [
    "januar", "februar", "mars", "april", "mai", "juni",
    "juli", "august", "september", "oktober", "november", "desember",
]  # fmt: skip
MONTH_ABBREVIATIONS = [
    "jan.", "feb.", "mar.", "apr.", "mai", "jun.",
    "jul.", "aug.", "sep.", "okt.", "nov.", "des.",
]  # fmt: skip

# The years the product reports on: a period, a year field or a date outside them is refused.
FIRST_YEAR, LAST_YEAR = 1900, 2999
_SUFFIX = {Kind.QUARTER: "Q", Kind.TERTIAL: "T", Kind.HALF: "H"}
_PATTERN = re.compile(r"^(?P<year>\d{4})(?:-(?:(?P<month>\d{2})|(?P<kind>[QTH])(?P<index>\d)))?$")
_WORDS = {Kind.QUARTER: "kvartal", Kind.TERTIAL: "tertial", Kind.HALF: "halvår"}


class InvalidPeriod(ValueError):
    pass


@total_ordering
@dataclass(frozen=True, slots=True)
class Period:
    """A reporting period: its kind, year and index within the year (1-based)."""

    kind: Kind
    year: int
    index: int = 1

    def __post_init__(self):
        if not isinstance(self.kind, Kind):
            object.__setattr__(self, "kind", Kind(self.kind))
        if not 1 <= self.index <= self.kind.count:
            raise InvalidPeriod(f"{self.kind.label} {self.index} finnes ikke.")
        if not FIRST_YEAR <= self.year <= LAST_YEAR:
            raise InvalidPeriod(f"Året {self.year} er utenfor det vi kan rapportere på.")

    # -- construction ---------------------------------------------------------------

    @classmethod
    def parse(cls, text: str | Period) -> Period:
        """Parse the URL form: `2016-03`, `2016-Q1`, `2016-T2`, `2016-H1` or `2016`."""
        if isinstance(text, Period):
            return text
        match = _PATTERN.match(str(text).strip().upper())
        if not match:
            raise InvalidPeriod(
                f"«{text}» er ikke en periode. Skriv for eksempel 2016, 2016-03, 2016-Q1, 2016-T2 eller 2016-H1."
            )
        year = int(match["year"])
        if match["month"]:
            return cls(Kind.MONTH, year, int(match["month"]))
        if match["kind"]:
            kind = {"Q": Kind.QUARTER, "T": Kind.TERTIAL, "H": Kind.HALF}[match["kind"]]
            return cls(kind, year, int(match["index"]))
        return cls(Kind.YEAR, year)

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        return cls(Kind.MONTH, year, month)

    @classmethod
    def of_year(cls, year: int) -> Period:
        return cls(Kind.YEAR, year)

    @classmethod
    def containing(cls, day: datetime.date, kind: Kind | str = Kind.MONTH) -> Period:
        """The period of the given kind that holds the day."""
        kind = Kind(kind)
        return cls(kind, day.year, (day.month - 1) // kind.months + 1)

    # -- dates ----------------------------------------------------------------------

    @property
    def first_month(self) -> int:
        return (self.index - 1) * self.kind.months + 1

    @property
    def last_month(self) -> int:
        return self.first_month + self.kind.months - 1

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.year, self.first_month, 1)

    @property
    def end(self) -> datetime.date:
        last = self.last_month
        return datetime.date(self.year, last, calendar.monthrange(self.year, last)[1])

    def __contains__(self, other: Period | datetime.date) -> bool:
        if isinstance(other, Period):
            return self.start <= other.start and other.end <= self.end
        return self.start <= other <= self.end

    # -- formatting -----------------------------------------------------------------

    def __str__(self) -> str:
        if self.kind is Kind.YEAR:
            return f"{self.year}"
        if self.kind is Kind.MONTH:
            return f"{self.year}-{self.index:02d}"
        return f"{self.year}-{_SUFFIX[self.kind]}{self.index}"

    def __repr__(self) -> str:
        return f"Period({str(self)!r})"

    @property
    def label(self) -> str:
        """Norwegian label: "mars 2016", "1. kvartal 2016", "1. halvår 2016", "2016"."""
        if self.kind is Kind.YEAR:
            return str(self.year)
        if self.kind is Kind.MONTH:
            return f"{MONTH_NAMES[self.index - 1]} {self.year}"
        return f"{self.index}. {_WORDS[self.kind]} {self.year}"

    @property
    def short_label(self) -> str:
        """Column headings: "mar. 2016", "1. kv. 2016", "1. tert. 2016", "1. halvår 2016"."""
        if self.kind is Kind.MONTH:
            return f"{MONTH_ABBREVIATIONS[self.index - 1]} {self.year}"
        if self.kind is Kind.QUARTER:
            return f"{self.index}. kv. {self.year}"
        if self.kind is Kind.TERTIAL:
            return f"{self.index}. tert. {self.year}"
        return self.label

    @property
    def month_range_label(self) -> str:
        """The months a period spans: "jan.–jun. 2016", "mars 2016"."""
        if self.kind is Kind.MONTH:
            return self.label
        first, last = MONTH_ABBREVIATIONS[self.first_month - 1], MONTH_ABBREVIATIONS[self.last_month - 1]
        return f"{first}–{last} {self.year}"

    @property
    def end_label(self) -> str:
        """The reference date at the end: "pr. 31.12.2016"."""
        return f"pr. {self.end:%d.%m.%Y}"

    # -- order and iteration --------------------------------------------------------

    def _key(self) -> tuple:
        # Earlier start first; at the same start the shorter period first.
        return (self.start, self.end)

    def __lt__(self, other: Period) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self._key() < other._key()

    def shift(self, steps: int) -> Period:
        """The period `steps` periods of the same kind later (or earlier, if negative)."""
        position = self.year * self.kind.count + (self.index - 1) + steps
        return Period(self.kind, position // self.kind.count, position % self.kind.count + 1)

    def next(self) -> Period:
        return self.shift(1)

    def previous(self) -> Period:
        return self.shift(-1)

    def same_period_last_year(self) -> Period:
        return Period(self.kind, self.year - 1, self.index)

    def months(self) -> list[Period]:
        """The months of this period, in order."""
        return [Period(Kind.MONTH, self.year, m) for m in range(self.first_month, self.last_month + 1)]

    def subperiods(self, kind: Kind | str) -> list[Period]:
        """The periods of a shorter kind that make up this one (e.g. the quarters of a year)."""
        kind = Kind(kind)
        if kind.months > self.kind.months or self.kind.months % kind.months:
            raise InvalidPeriod(f"{self.label} kan ikke deles i {kind.label.lower()}.")
        first = Period.containing(self.start, kind)
        return list(period_range(first, Period.containing(self.end, kind)))


def period_range(first: Period, last: Period) -> Iterator[Period]:
    """Every period from `first` to `last`, both included; both of the same kind."""
    if first.kind is not last.kind:
        raise InvalidPeriod("Start og slutt må være av samme slag.")
    current = first
    while current <= last:
        yield current
        current = current.next()


def years(first: int, last: int) -> list[Period]:
    return [Period.of_year(year) for year in range(first, last + 1)]


def months_up_to(period: Period) -> list[Period]:
    """The months from January of the period's year up to the period's end (year to date)."""
    return [Period.month(period.year, m) for m in range(1, period.last_month + 1)]


def period_choices(kinds: tuple[Kind, ...], first_year: int, last_year: int) -> list[tuple[str, str]]:
    """Choices for a select: every period of the given kinds, newest first."""
    choices = []
    for year in range(last_year, first_year - 1, -1):
        for kind in kinds:
            for index in range(kind.count, 0, -1):
                period = Period(kind, year, index)
                choices.append((str(period), period.label))
    return choices
