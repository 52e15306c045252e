"""Names that change over time: omsorgslønn → omsorgsstønad, Fylkesmannen → Statsforvalteren.

A thing keeps the name it first had; each later name is in force from a date. A day shows the
name in force that day. A period shows the name in force on its last day: a 2019 report says
"Omsorgslønn", a 2020 one "Omsorgsstønad", and a report on a period in which the name changed
uses the new name, the one in force when the report is read.

The functions take the original name and the later names: anything with `name` and `valid_from`
(a `LaterName` row, or a `DatedName` in a constant table). A model that subclasses
`NamedOverTime` gets the same answers as methods, from its later names in `names`.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from django.db import models
from django.utils import timezone

from horeport.formatting import nb_date
from horeport.periods import Period

ONE_DAY = datetime.timedelta(days=1)


class Dated(Protocol):
    name: str
    valid_from: datetime.date


@dataclass(frozen=True)
class DatedName:
    """A later name in a constant table (the county governor's)."""

    valid_from: datetime.date
    name: str


@dataclass(frozen=True)
class NameSpan:
    """A name and the days it was in force (None: from the start, or still in force)."""

    name: str
    first_day: datetime.date | None
    last_day: datetime.date | None

    def text(self, *, by_year: bool = False) -> str:
        """ "fra 01.01.2020 til 31.12.2021"; by year "fra 2020 til og med 2021" where it is exact."""
        parts = []
        if self.first_day is not None:
            parts.append(f"fra {first_day_text(self.first_day) if by_year else nb_date(self.first_day)}")
        if self.last_day is not None:
            whole_year = by_year and (self.last_day.month, self.last_day.day) == (12, 31)
            parts.append(f"til og med {self.last_day.year}" if whole_year else f"til {nb_date(self.last_day)}")
        return " ".join(parts)


def first_day_text(day: datetime.date) -> str:
    """ "2020" for a name in force from 1 January, "01.07.2020" otherwise."""
    return str(day.year) if (day.month, day.day) == (1, 1) else nb_date(day)


def last_day_text(day: datetime.date) -> str:
    """ "2019" for a name in force until 31 December, "30.06.2020" otherwise."""
    return str(day.year) if (day.month, day.day) == (12, 31) else nb_date(day)


def in_order(later: Iterable[Dated]) -> list[Dated]:
    """Later names, oldest first."""
    return sorted(later, key=lambda dated: dated.valid_from)


def name_on(original: str, later: Iterable[Dated], day: datetime.date) -> str:
    """The name in force on a day."""
    name = original
    for dated in in_order(later):
        if dated.valid_from <= day:
            name = dated.name
    return name


def name_for(original: str, later: Iterable[Dated], period: Period) -> str:
    """The name a period's report shows: the one in force on the period's last day."""
    return name_on(original, later, period.end)


def name_spans(original: str, later: Iterable[Dated]) -> list[NameSpan]:
    """Every name with the days it was in force, oldest first."""
    dated = in_order(later)
    starts = [None, *(d.valid_from for d in dated)]
    names = [original, *(d.name for d in dated)]
    ends = [start - ONE_DAY for start in starts[1:]] + [None]
    return [NameSpan(name, start, end) for name, start, end in zip(names, starts, ends, strict=True)]


def name_history(original: str, later: Iterable[Dated], *, by_year: bool = False) -> str:
    """ "Omsorgslønn til 31.12.2019, Omsorgsstønad fra 01.01.2020" ("" without later names).

    By year: "Fylkesmannen til og med 2020, Statsforvalteren fra 2021" (dates where a name did not
    change on 1 January).
    """
    spans = name_spans(original, later)
    if len(spans) == 1:
        return ""
    return ", ".join(f"{span.name} {span.text(by_year=by_year)}" for span in spans)


def name_with_earlier(original: str, later: Iterable[Dated], day: datetime.date) -> str:
    """ "Omsorgsstønad (tidligere Omsorgslønn)", so that a choice can be found by either name."""
    later = in_order(later)
    current = name_on(original, later, day)
    earlier = [name for name in dict.fromkeys([original, *(d.name for d in later)]) if name != current]
    return f"{current} (tidligere {', '.join(earlier)})" if earlier else current


# -- models ---------------------------------------------------------------------------------------


class LaterName(models.Model):
    """A later name of something, in force from a date.

    A concrete model adds the foreign key to its owner (related_name="names"), `history`, and the
    constraint `one_name_per_date(...)`; its Meta extends `LaterName.Meta`.
    """

    name = models.CharField("navn", max_length=120)
    valid_from = models.DateField("gjelder fra")

    class Meta:
        abstract = True
        ordering = ["valid_from"]
        verbose_name = "senere navn"
        verbose_name_plural = "senere navn"

    def __str__(self):
        return f"{self.name} (fra {nb_date(self.valid_from)})"


def one_name_per_date(owner: str, *, name: str, message: str) -> models.UniqueConstraint:
    """The constraint that an owner has at most one later name from a given date."""
    return models.UniqueConstraint(fields=[owner, "valid_from"], name=name, violation_error_message=message)


class NamedOverTime(models.Model):
    """A model that keeps its first name in `name` and its later names (`LaterName`) in `names`.

    Prefetch "names" where many are shown: every method reads `names.all()`.
    """

    class Meta:
        abstract = True

    def later_names(self) -> list[LaterName]:
        return in_order(self.names.all())

    def name_on(self, day: datetime.date) -> str:
        return name_on(self.name, self.later_names(), day)

    def name_for(self, period: Period) -> str:
        return name_for(self.name, self.later_names(), period)

    @property
    def current_name(self) -> str:
        return self.name_on(timezone.localdate())

    def name_spans(self) -> list[NameSpan]:
        return name_spans(self.name, self.later_names())

    def name_history(self) -> str:
        return name_history(self.name, self.later_names())

    @property
    def label_with_history(self) -> str:
        return name_with_earlier(self.name, self.later_names(), timezone.localdate())


def later_names_sync(owner: NamedOverTime, entries: Iterable[dict]) -> None:
    """Give an owner the later names of a fixture ([{name, valid_from}]), saving only what differs."""
    for entry in entries:
        later = owner.names.filter(valid_from=entry["valid_from"]).first()
        if later is None:
            owner.names.create(valid_from=entry["valid_from"], name=entry["name"])
        elif later.name != entry["name"]:
            later.name = entry["name"]
            later.save()
