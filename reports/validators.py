"""No personal data in free text: a valid Norwegian fødselsnummer is refused."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

# Eleven digits, optionally written as six and five with a space between.
_CANDIDATE = re.compile(r"(?<!\d)(\d{6})[ \u00a0]?(\d{5})(?!\d)")
_WEIGHTS_1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_WEIGHTS_2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def is_national_id(digits: str) -> bool:
    """Whether eleven digits pass the fødselsnummer's two check digits."""
    if len(digits) != 11 or not digits.isdigit():
        return False
    numbers = [int(d) for d in digits]
    for weights, position in ((_WEIGHTS_1, 9), (_WEIGHTS_2, 10)):
        check = 11 - sum(w * n for w, n in zip(weights, numbers, strict=False)) % 11
        check = 0 if check == 11 else check
        if check == 10 or check != numbers[position]:
            return False
    return True


def validate_no_national_id(text: str) -> None:
    for match in _CANDIDATE.finditer(text or ""):
        if is_national_id(match[1] + match[2]):
            raise ValidationError(
                "Teksten ser ut til å inneholde et fødselsnummer. Fjern det: "
                "rapporter skal ikke ha personopplysninger.",
                code="national_id",
            )
