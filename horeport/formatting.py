"""Norwegian number and date formatting: "3 084", "25,2 %", "31.12.2016", "–" for no value.

Rounding happens here and only here, when a number is shown (half away from zero, as
people round by hand), so that pages, PDFs and workbooks show the same figure.
"""

from __future__ import annotations

import datetime
import numbers
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import timezone

NBSP = "\u00a0"
MINUS = "\u2212"
DASH = "\u2013"  # shown where there is no value
NO_VALUE = DASH


def to_decimal(value) -> Decimal | None:
    """A Decimal for any number (floats through their shortest repr), or None."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        return value
    if isinstance(value, numbers.Integral):
        return Decimal(int(value))
    if isinstance(value, numbers.Real):
        return Decimal(repr(float(value)))  # float(): numpy floats repr as "np.float64(…)"
    try:
        return Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return None


def round_half_up(value, decimals: int = 0) -> Decimal | None:
    number = to_decimal(value)
    if number is None:
        return None
    return number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def nb_number(value, decimals: int = 0, *, signed: bool = False) -> str:
    """3084 -> "3 084"; 25.25 with one decimal -> "25,3"; None -> "–"."""
    number = round_half_up(value, decimals)
    if number is None:
        return NO_VALUE
    if number == 0:
        number = abs(number)  # never "-0"
    text = f"{abs(number):,.{decimals}f}".replace(",", NBSP).replace(".", ",")
    if number < 0:
        return f"-{text}"
    if signed and number > 0:
        return f"+{text}"
    return text


def nb_as_stored(value) -> str:
    """A number with as many decimals as it was stored with, no more: 2.040 -> "2,04"."""
    number = to_decimal(value)
    if number is None:
        return NO_VALUE
    exponent = number.normalize().as_tuple().exponent
    return nb_number(number, max(0, -exponent) if isinstance(exponent, int) else 0)


def nb_percent(value, decimals: int = 1, *, signed: bool = False) -> str:
    """A value already in percent: 25.2 -> "25,2 %"."""
    text = nb_number(value, decimals, signed=signed)
    return text if text == NO_VALUE else f"{text}{NBSP}%"


def nb_points(value, decimals: int = 1, *, signed: bool = True) -> str:
    """A change between two percentages: 3.4 -> "+3,4 prosentpoeng"."""
    text = nb_number(value, decimals, signed=signed)
    return text if text == NO_VALUE else f"{text}{NBSP}prosentpoeng"


def nb_date(value: datetime.date | None) -> str:
    if value is None:
        return NO_VALUE
    return f"{value:%d.%m.%Y}"


def nb_datetime(value: datetime.datetime | None) -> str:
    """A moment as the clock in Norway showed it: "31.12.2016 kl. 14:05"."""
    if value is None:
        return NO_VALUE
    return f"{timezone.localtime(value):%d.%m.%Y kl. %H:%M}"


MAX_DIGITS = 20  # far more than any figure needs, far less than where decimal arithmetic gives up
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
_EXPONENT = re.compile(r"[+-]?[0-9.]+e[+-]?[0-9]*", re.IGNORECASE)


def parse_number(text: str) -> Decimal:
    """Parse a number as people type it: "3 084", "2,04", "2.04", "-0,70 %", "54,55%".

    Raises ValueError with a Norwegian message when the text is not a number: also for exponent
    notation ("1e5") and for more than MAX_DIGITS digits.
    """
    cleaned = (
        str(text).strip().replace(NBSP, "").replace(" ", "").replace("\u202f", "")
        .replace(MINUS, "-").removesuffix("%").strip()
    )  # fmt: skip
    if cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    shown = text if len(str(text)) <= 40 else f"{str(text)[:40]}…"
    if not _NUMBER.fullmatch(cleaned):
        if _EXPONENT.fullmatch(cleaned):
            raise ValueError(f"«{shown}» er skrevet med eksponent. Skriv hele tallet, for eksempel 100 000.")
        raise ValueError(f"«{shown}» er ikke et tall. Bruk desimalkomma, for eksempel 2,04.")
    if sum(character.isdigit() for character in cleaned) > MAX_DIGITS:
        raise ValueError(f"«{shown}» har for mange sifre. Et tall kan ha høyst {MAX_DIGITS} sifre.")
    return Decimal(cleaned)
