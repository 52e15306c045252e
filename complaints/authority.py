"""The county governor's name, which changed on 1 January 2021: Fylkesmannen → Statsforvalteren.

Pages, forms and report sections show the name that applied on the day (or at the end of the
period) they show: the shared rule of `horeport.dated_names` over a constant table.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from horeport.dated_names import DatedName, name_for, name_history, name_on
from horeport.periods import Period

ORIGINAL_NAME = "Fylkesmannen"
LATER_NAMES = (DatedName(datetime.date(2021, 1, 1), "Statsforvalteren"),)


def authority_name(on: datetime.date | None = None) -> str:
    """The authority's name on a day (today if none is given)."""
    return name_on(ORIGINAL_NAME, LATER_NAMES, on or timezone.localdate())


def authority_name_for(period: Period) -> str:
    """The name that applied in a period (its name at the period's end)."""
    return name_for(ORIGINAL_NAME, LATER_NAMES, period)


def authority_names_text() -> str:
    """ "Fylkesmannen til og med 2020, Statsforvalteren fra 2021" for help texts."""
    return name_history(ORIGINAL_NAME, LATER_NAMES, by_year=True)
