"""Keeping national identity numbers out of free text (DESIGN.md, "Data rules")."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

# Digits, possibly grouped by single spaces, dots or hyphens ("010203 12345", "010203-12345").
_DIGIT_RUN = re.compile(r"(?<![\d])\d(?:[ .\-]?\d)*(?![\d])")
_WEIGHTS_1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_WEIGHTS_2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)

NATIONAL_ID_MESSAGE = (
    "Teksten ser ut til å inneholde et fødselsnummer (11 siffer). Bruk bare saksnummer eller en "
    "annen anonym referanse – aldri fødselsnummer eller navn."
)


def _check_digit(digits: list[int], weights: tuple[int, ...]) -> int | None:
    remainder = sum(d * w for d, w in zip(digits, weights, strict=False)) % 11
    check = (11 - remainder) % 11
    return None if check == 10 else check


def is_national_id(number: str) -> bool:
    """Whether 11 digits pass the fødselsnummer check digits (D- and H-numbers too)."""
    if len(number) != 11 or not number.isdigit():
        return False
    digits = [int(c) for c in number]
    first = _check_digit(digits[:9], _WEIGHTS_1)
    if first is None or first != digits[9]:
        return False
    second = _check_digit(digits[:10], _WEIGHTS_2)
    return second is not None and second == digits[10]


def contains_national_id(text: str | None) -> bool:
    """Whether the text holds 11 digits (alone or grouped) that pass the check digits."""
    if not text:
        return False
    for match in _DIGIT_RUN.finditer(text):
        run = match.group()
        candidates = {re.sub(r"[ .\-]", "", run), *re.findall(r"(?<!\d)\d{11}(?!\d)", run)}
        if any(is_national_id(candidate) for candidate in candidates):
            return True
    return False


def validate_no_national_id(value: str) -> None:
    if contains_national_id(value):
        raise ValidationError(NATIONAL_ID_MESSAGE, code="national_id")
