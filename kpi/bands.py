"""Band conditions and the band-status rule of docs/rules.md, as pure functions.

A band holds a condition for green (Ønsket resultat) and one for red (Ikke godkjent
resultat); each condition is an interval with an optional lower and upper bound, each bound
inclusive or exclusive. A result that meets the green condition is green, one that meets the
red condition is red, any other result is yellow, and no result is "none" (Mangler data).

    >>> green, red = Condition.parse(">= 95"), Condition.parse("< 60")
    >>> band_status(Decimal("54.55"), green, red)
    'red'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from horeport.formatting import NBSP, nb_number, to_decimal
from horeport.sections import STATUS_WORDS  # noqa: F401 (the words beside each colour, defined once there)

GREEN, YELLOW, RED, NONE = "green", "yellow", "red", "none"
EN_DASH = "\u2013"

# A cut is a position on the number line between real numbers: just before or just after a
# value, or one of the two infinities. Intervals are the numbers between two cuts; comparing
# cuts as tuples makes intersection, emptiness and complement plain comparisons.
_NEG_INF = (0, Decimal(0), 0)
_POS_INF = (2, Decimal(0), 0)
_BEFORE, _AFTER = 0, 1


def _cut(value: Decimal, side: int) -> tuple:
    return (1, value, side)


@dataclass(frozen=True)
class Condition:
    """An interval of results: optional lower and upper bound, each inclusive or not."""

    lower: Decimal | None = None
    lower_inclusive: bool = True
    upper: Decimal | None = None
    upper_inclusive: bool = True

    # -- construction -----------------------------------------------------------------

    @classmethod
    def parse(cls, text: str) -> Condition:
        """A condition written compactly: ">= 95", "> 30", "< 60", "<= 10", "[0, 3]", "(4.4, 5.5]"."""
        text = text.strip()
        match = re.fullmatch(r"(>=|>|<=|<|=)\s*(-?[\d.]+)", text)
        try:
            if match:
                operator, number = match[1], Decimal(match[2])
                return {
                    ">=": cls(lower=number),
                    ">": cls(lower=number, lower_inclusive=False),
                    "<=": cls(upper=number),
                    "<": cls(upper=number, upper_inclusive=False),
                    "=": cls(lower=number, upper=number),
                }[operator]
            match = re.fullmatch(r"([\[(])\s*(-?[\d.]+)\s*,\s*(-?[\d.]+)\s*([\])])", text)
            if match:
                return cls(Decimal(match[2]), match[1] == "[", Decimal(match[3]), match[4] == "]")
        except InvalidOperation:
            pass
        raise ValueError(f"Not a condition: {text!r}")

    @classmethod
    def _from_cuts(cls, begin: tuple, end: tuple) -> Condition:
        lower = None if begin == _NEG_INF else begin[1]
        upper = None if end == _POS_INF else end[1]
        return cls(lower, begin[2] == _BEFORE, upper, end[2] == _AFTER)

    # -- the interval -------------------------------------------------------------------

    @property
    def begin(self) -> tuple:
        if self.lower is None:
            return _NEG_INF
        return _cut(self.lower, _BEFORE if self.lower_inclusive else _AFTER)

    @property
    def end(self) -> tuple:
        if self.upper is None:
            return _POS_INF
        return _cut(self.upper, _AFTER if self.upper_inclusive else _BEFORE)

    @property
    def is_bounded(self) -> bool:
        """At least one bound: a condition without bounds would take every result."""
        return self.lower is not None or self.upper is not None

    @property
    def is_empty(self) -> bool:
        return not self.begin < self.end

    def contains(self, value) -> bool:
        number = to_decimal(value)
        if number is None:
            return False
        return self.begin <= _cut(number, _BEFORE) and _cut(number, _AFTER) <= self.end

    # -- what a reader sees ---------------------------------------------------------------

    def describe(self, suffix: str = "") -> str:
        """Norwegian text: "minst 95 %", "over 30", "høyst 3 døgn", "60–94 %", "fra 4 til under 4,5"."""
        low, high = _show(self.lower), _show(self.upper)
        if self.lower is None and self.upper is None:
            text = "alle verdier"
        elif self.upper is None:
            text = f"minst {low}" if self.lower_inclusive else f"over {low}"
        elif self.lower is None:
            text = f"høyst {high}" if self.upper_inclusive else f"under {high}"
        elif self.lower == self.upper and self.lower_inclusive and self.upper_inclusive:
            text = low
        elif self.lower_inclusive and self.upper_inclusive:
            text = f"{low}{EN_DASH}{high}"
        elif self.lower_inclusive:
            text = f"fra {low} til under {high}"
        elif self.upper_inclusive:
            text = f"over {low} til og med {high}"
        else:
            text = f"over {low} og under {high}"
        return f"{text}{NBSP}{suffix}" if suffix else text

    def __str__(self) -> str:
        return self.describe()


def _show(value: Decimal | None) -> str:
    if value is None:
        return ""
    exponent = value.normalize().as_tuple().exponent
    return nb_number(value, max(0, -exponent) if isinstance(exponent, int) else 0)


def intersection(a: Condition, b: Condition) -> Condition:
    """The results both conditions take (possibly none: check `is_empty`)."""
    return Condition._from_cuts(max(a.begin, b.begin), min(a.end, b.end))


def conditions_overlap(green: Condition, red: Condition) -> Condition | None:
    """The results that would be both green and red, or None when the conditions are apart."""
    common = intersection(green, red)
    return None if common.is_empty else common


def complement(*conditions: Condition) -> list[Condition]:
    """The intervals no condition takes, in order (the yellow band between green and red)."""
    gaps, reach = [], _NEG_INF
    for condition in sorted((c for c in conditions if not c.is_empty), key=lambda c: c.begin):
        if condition.begin > reach:
            gaps.append(Condition._from_cuts(reach, condition.begin))
        reach = max(reach, condition.end)
    if reach < _POS_INF:
        gaps.append(Condition._from_cuts(reach, _POS_INF))
    return gaps


def band_status(value, green: Condition, red: Condition) -> str:
    """Green if the result meets the green condition, red if it meets the red one, else yellow;
    "none" without a result."""
    if to_decimal(value) is None:
        return NONE
    if green.contains(value):
        return GREEN
    if red.contains(value):
        return RED
    return YELLOW


def higher_is_better(green: Condition, red: Condition) -> bool | None:
    """Whether the green band lies above the red one (None where they cannot be told apart)."""
    if green.is_empty or red.is_empty or green.begin == red.begin:
        return None
    return green.begin > red.begin
