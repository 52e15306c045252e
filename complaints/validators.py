"""No personal data in the register: free text holding a Norwegian fødselsnummer is refused.

A pure check, with no Django model behind it, so that it can be tested on its own.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

# Eleven digits standing alone, also when written "010180 12371" or "010180-12371".
_CANDIDATE = re.compile(r"(?<!\d)(\d{6})[ \-]?(\d{5})(?!\d)")
_WEIGHTS_1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_WEIGHTS_2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)

FODSELSNUMMER_MESSAGE = (
    "Teksten ser ut til å inneholde et fødselsnummer. Registeret skal ikke ha personopplysninger: "
    "fjern nummeret og skriv saksreferansen i stedet."
)


def _check_digit(digits: str, weights: tuple[int, ...]) -> int | None:
    remainder = sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
    check = 11 - remainder
    if check == 11:
        return 0
    if check == 10:
        return None  # no number gets this check digit
    return check


def is_fodselsnummer(digits: str) -> bool:
    """True for 11 digits whose two check digits are right (mod 11).

    The date part is deliberately not checked: D-numbers (day + 40) and H-numbers (month + 40)
    identify people too, and the check digits alone are what DESIGN.md asks for.
    """
    if len(digits) != 11 or not digits.isdigit():
        return False
    first = _check_digit(digits[:9], _WEIGHTS_1)
    if first is None or first != int(digits[9]):
        return False
    second = _check_digit(digits[:10], _WEIGHTS_2)
    return second is not None and second == int(digits[10])


def contains_fodselsnummer(text: str | None) -> bool:
    """True if the text holds a valid fødselsnummer anywhere (11 digits, alone)."""
    if not text:
        return False
    return any(is_fodselsnummer(a + b) for a, b in _CANDIDATE.findall(str(text)))


def validate_no_fodselsnummer(value) -> None:
    if contains_fodselsnummer(value):
        raise ValidationError(FODSELSNUMMER_MESSAGE, code="fodselsnummer")
