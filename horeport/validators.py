"""No personal data: free text that holds a Norwegian national identity number is refused."""

from __future__ import annotations

import datetime
import re

from django.core.exceptions import ValidationError

# Digit groups joined by one separator people type between them: space, tab, non-breaking space,
# dot, hyphen or slash ("010190 12345", "01.01.90-12345", "010 190 12345"). Eleven digits in
# consecutive groups of such a run are a candidate; a longer unbroken number is not.
_RUN = re.compile(r"(?<![\d])\d+(?:[ \t\u00a0\u202f.\-/]\d+)*(?![\d])")
_SEPARATOR = re.compile(r"[ \t\u00a0\u202f.\-/]")
_WEIGHTS_1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_WEIGHTS_2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def _check_digit(digits: list[int], weights: tuple[int, ...]) -> int | None:
    remainder = 11 - sum(d * w for d, w in zip(digits, weights, strict=False)) % 11
    if remainder == 11:
        return 0
    return None if remainder == 10 else remainder


def is_national_id(number: str) -> bool:
    """A fødselsnummer, D-number or H-number: a real birth date (D-numbers add 40 to the day,
    H-numbers 40 to the month, the national test population 80) and both check digits right."""
    if not re.fullmatch(r"\d{11}", number):
        return False
    digits = [int(c) for c in number]
    day, month = int(number[0:2]), int(number[2:4])
    if day > 40:
        day -= 40  # D-number
    if month > 80:
        month -= 80  # synthetic numbers from the national test population
    elif month > 40:
        month -= 40  # H-number
    try:
        # The century does not matter for the check; 2000 is a leap year, so 29.02 is allowed.
        datetime.date(2000, month, day)
    except ValueError:
        return False
    return _check_digit(digits[:9], _WEIGHTS_1) == digits[9] and _check_digit(digits[:10], _WEIGHTS_2) == digits[10]


def _candidates(text: str):
    """Every eleven digits that consecutive digit groups of the text spell together."""
    for run in _RUN.finditer(text):
        groups = _SEPARATOR.split(run.group())
        for first in range(len(groups)):
            digits = ""
            for group in groups[first:]:
                digits += group
                if len(digits) >= 11:
                    break
            if len(digits) == 11:
                yield digits


def contains_national_id(text: str | None) -> bool:
    return bool(text) and any(is_national_id(candidate) for candidate in _candidates(str(text)))


def national_id_message(label: str | None = None) -> str:
    """The refusal, naming the field where there is one (the number itself is never repeated)."""
    subject = f"«{label}»" if label else "Teksten"
    return (
        f"{subject} ser ut til å inneholde et fødselsnummer. Fjern det: registeret skal ikke ha "
        "navn eller fødselsnumre, bare saksnummer."
    )


def validate_no_national_id(text: str | None) -> None:
    """A model or form validator for free-text fields."""
    if contains_national_id(text):
        raise ValidationError(national_id_message(), code="national_id")
