"""Password rules beyond Django's own: the common Norwegian passwords ("Sommer2016", "passord1"),
which Django's list does not know, and the minimum length said in Norwegian."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError

COMMON_NB = Path(__file__).resolve().parent / "common_passwords_nb.txt"
# Stripped from both ends before the word is looked up: "Sommer2016!" is "sommer".
DECORATION = "0123456789 !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~§½¤"

PASSWORD_HELP = "Minst 12 tegn. Ikke et vanlig passord (som «Sommer2016»), og ikke likt brukernavnet eller navnet."


@cache
def common_words() -> frozenset[str]:
    lines = COMMON_NB.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def common_word_of(password: str) -> str | None:
    """The common Norwegian word the password is built from, if it is one (None otherwise)."""
    word = password.lower().strip(DECORATION)
    return word if word in common_words() else None


class NorwegianCommonPasswordValidator:
    """Refuse a password that is a common Norwegian word with digits or signs before or after it."""

    def validate(self, password, user=None):
        if common_word_of(password):
            raise ValidationError(
                "Dette passordet er for vanlig: et vanlig ord med tall eller tegn foran eller bak er lett å gjette.",
                code="password_too_common",
            )

    def get_help_text(self):
        return "Passordet kan ikke være et vanlig ord med tall eller tegn foran eller bak, som «Sommer2016»."


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's rule, with the message in Norwegian (Django's own translation lacks it)."""

    def get_error_message(self):
        return f"Passordet er for kort. Det må ha minst {self.min_length} tegn."

    def get_help_text(self):
        return f"Passordet må ha minst {self.min_length} tegn."
