"""No personal data in free text: a comment that holds a Norwegian national identity number
(fødselsnummer: 11 digits whose two check digits add up) is refused (DESIGN.md, Data rules)."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

_CANDIDATE = re.compile(r"(?<!\d)(\d{6})[ .]?(\d{5})(?!\d)")
_WEIGHTS_1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_WEIGHTS_2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def _check_digit(digits: list[int], weights: tuple[int, ...]) -> int | None:
    rest = 11 - sum(d * w for d, w in zip(digits, weights, strict=False)) % 11
    if rest == 11:
        return 0
    return None if rest == 10 else rest


def is_fodselsnummer(number: str) -> bool:
    """Whether 11 digits pass both check digits of a fødselsnummer."""
    if len(number) != 11 or not number.isdigit():
        return False
    digits = [int(c) for c in number]
    return _check_digit(digits[:9], _WEIGHTS_1) == digits[9] and _check_digit(digits[:10], _WEIGHTS_2) == digits[10]


def no_personal_number(text: str) -> None:
    for match in _CANDIDATE.finditer(text or ""):
        if is_fodselsnummer(match.group(1) + match.group(2)):
            raise ValidationError(
                "Teksten ser ut til å inneholde et fødselsnummer. Fjern det: her skal det ikke stå personopplysninger.",
                code="personal_number",
            )
