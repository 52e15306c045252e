"""The county governor's name, which changed on 1 January 2021: Fylkesmannen → Statsforvalteren.

Pages, forms and report sections show the name that applied on the day (or at the end of the
period) they show.
"""

from __future__ import annotations

import datetime

from horeport.periods import Period

# (valid from, name), oldest first.
AUTHORITY_NAMES: tuple[tuple[datetime.date, str], ...] = (
    (datetime.date.min, "Fylkesmannen"),
    (datetime.date(2021, 1, 1), "Statsforvalteren"),
)


def authority_name(on: datetime.date | None = None) -> str:
    """The authority's name on a day (today if none is given)."""
    on = on or datetime.date.today()
    name = AUTHORITY_NAMES[0][1]
    for valid_from, candidate in AUTHORITY_NAMES:
        if valid_from <= on:
            name = candidate
    return name


def authority_name_for(period: Period) -> str:
    """The name that applied in a period (its name at the period's end)."""
    return authority_name(period.end)


def authority_names_text() -> str:
    """ "Fylkesmannen til og med 2020, Statsforvalteren fra 2021" for help texts."""
    parts = []
    for index, (valid_from, name) in enumerate(AUTHORITY_NAMES):
        following = AUTHORITY_NAMES[index + 1][0] if index + 1 < len(AUTHORITY_NAMES) else None
        if following is not None:
            parts.append(f"{name} til og med {following.year - 1}" if following.month == 1 and following.day == 1
                         else f"{name} til {following:%d.%m.%Y}")  # fmt: skip
        else:
            parts.append(f"{name} fra {valid_from.year}" if valid_from.month == 1 and valid_from.day == 1
                         else f"{name} fra {valid_from:%d.%m.%Y}")  # fmt: skip
    return ", ".join(parts)
