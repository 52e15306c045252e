"""The economy's figures for references in free text (horeport.figures): frame, adjustments,
accounts, budget use and the difference, for the department or one budget area, by the rules of
economy/calculations.py."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from economy.calculations import millions
from economy.models import BudgetArea
from economy.selectors import EconomyLine, economy_overview
from horeport.figures import FigureProblem, figure_kind
from horeport.formatting import NBSP, nb_number, nb_percent
from horeport.periods import Kind, Period


def _kroner(value, *, signed: bool = False) -> str:
    return f"{nb_number(millions(value), 1, signed=signed)}{NBSP}mill.{NBSP}kr"


@dataclass(frozen=True)
class Measure:
    label: str  # as the problem names it
    value: Callable[[EconomyLine], object]
    show: Callable[[object], str]
    sign: int = 0  # merforbruk (1) and mindreforbruk (-1) are shown without their sign


MEASURES = {
    "ramme": Measure("justert ramme", lambda line: line.revised, _kroner),
    "justert ramme": Measure("justert ramme", lambda line: line.revised, _kroner),
    "opprinnelig ramme": Measure("opprinnelig ramme", lambda line: line.frame, _kroner),
    "justeringer": Measure("justeringer", lambda line: line.adjusted_by, _kroner),
    "regnskap": Measure("regnskap", lambda line: line.accounts, _kroner),
    "forbruksprosent": Measure("forbruksprosent", lambda line: line.use, nb_percent),
    "avvik": Measure("avvik", lambda line: line.difference, lambda v: _kroner(v, signed=True)),
    "avvik prosent": Measure(
        "avvik i prosent", lambda line: line.difference_percent, lambda v: nb_percent(v, signed=True)
    ),  # fmt: skip
    "merforbruk": Measure("merforbruk", lambda line: line.difference, lambda v: _kroner(abs(v)), sign=1),
    "mindreforbruk": Measure("mindreforbruk", lambda line: line.difference, lambda v: _kroner(abs(v)), sign=-1),
}
MEASURE_NAMES = ", ".join(f"«{name}»" for name in MEASURES)


def _measure(what: str) -> tuple[Measure, str]:
    """The measure the text starts with (the longest that fits) and the rest (an area's name)."""
    text = re.sub(r"^avvik\s*%", "avvik prosent", what.strip(), flags=re.IGNORECASE)
    for name in sorted(MEASURES, key=len, reverse=True):
        if text.lower() == name or text.lower().startswith(name + " "):
            return MEASURES[name], text[len(name) :].strip()
    raise FigureProblem(f"skriv hvilket tall først: {MEASURE_NAMES}.")


@figure_kind(
    "økonomi", syntax="[[økonomi: tall område periode]]",
    help=f"økonomitall for hele tjenesteområdet, eller for et budsjettområde når navnet står før perioden. "
    f"Tallet er ett av {MEASURE_NAMES}: «ramme» er justert ramme (med justeringene fra tertialbehandlingene), "
    f"«avvik» er regnskap − justert ramme. Beløp vises i mill. kr.",
    example="[[økonomi: forbruksprosent 2017]]",
)  # fmt: skip
def economy_figure(*, what: str, period: Period) -> str:
    measure, area_name = _measure(what)
    if period.kind not in (Kind.YEAR, Kind.TERTIAL):
        raise FigureProblem(f"økonomitall gjelder et år eller et tertial, ikke {period.label}.")
    if area_name:
        area = BudgetArea.objects.filter(name__iexact=area_name).first()
        if area is None:
            names = ", ".join(f"«{name}»" for name in BudgetArea.objects.values_list("name", flat=True))
            raise FigureProblem(f"ingen budsjettområde heter «{area_name}». Områdene er: {names or 'ingen'}.")
        line = economy_overview(period=period, areas=[area]).lines[0]
        where = f"«{area.name}»"
    else:
        line = economy_overview(period=period).total
        where = "tjenesteområdet"
    value = measure.value(line)
    if value is None:
        raise FigureProblem(f"{where} har ingen {measure.label} for {period.label}.")
    if measure.sign and value * measure.sign < 0:
        other = "mindreforbruk" if measure.sign > 0 else "merforbruk"
        raise FigureProblem(f"regnskapet for {where} viser et {other} for {period.label}, ikke {measure.label}.")
    return measure.show(value)
