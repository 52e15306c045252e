"""No personal data in the register: find Norwegian national identity numbers in free text.

A fødselsnummer is 11 digits: the birth date (DDMMYY), a three-digit individual number and two
check digits (modulus 11). People write it with or without a space, dot or hyphen between the
date and the last five digits ("010190 12345", "010190.12345").

Besides ordinary fødselsnummer we also refuse the other identity numbers of the same form that
name a real person:
- D-numbers (for people without a fødselsnummer, e.g. foreign workers): 40 added to the day;
- H-numbers (help numbers used in the health services for patients not yet identified):
  40 added to the month.
Synthetic test numbers (80 added to the month, used only in test environments) are not persons
and are not refused.
"""

from __future__ import annotations

import datetime
import re

# 11 digits, optionally split after the date by one space, dot or hyphen; not part of a longer number.
_CANDIDATE = re.compile(r"(?<!\d)(\d{6})[ .\-]?(\d{5})(?!\d)")
_WEIGHTS_1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_WEIGHTS_2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def _check_digit(digits: str, weights: tuple[int, ...]) -> int | None:
    remainder = sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
    digit = (11 - remainder) % 11
    return None if digit == 10 else digit  # a remainder that gives 10 is never issued


def _has_birth_date(digits: str) -> bool:
    day, month, year = int(digits[0:2]), int(digits[2:4]), int(digits[4:6])
    if day > 40:  # D-number
        day -= 40
    if 40 < month <= 52:  # H-number
        month -= 40
    for century in (1900, 2000):  # either century will do: refusing too much is the safe side
        try:
            datetime.date(century + year, month, day)
        except ValueError:
            continue
        return True
    return False


def is_national_id_number(number: str) -> bool:
    """Is this 11-digit string a valid fødselsnummer, D-number or H-number?"""
    if len(number) != 11 or not number.isdigit():
        return False
    if not _has_birth_date(number):
        return False
    return _check_digit(number[:9], _WEIGHTS_1) == int(number[9]) and _check_digit(number[:10], _WEIGHTS_2) == int(
        number[10]
    )


def national_id_numbers_in(text: str | None) -> list[str]:
    """Every valid identity number written in the text, as it was written."""
    if not text:
        return []
    return [
        match.group(0)
        for match in _CANDIDATE.finditer(str(text))
        if is_national_id_number(match.group(1) + match.group(2))
    ]


def personal_data_message(label: str) -> str:
    return (
        f"«{label}» ser ut til å inneholde et fødselsnummer. Registeret skal ikke inneholde "
        "personopplysninger: fjern nummeret (og eventuelle navn) før du lagrer."
    )
