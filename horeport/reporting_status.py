"""The reporting status (`Rapporteringsstatus`): what is complete, partial and missing for a
month, app by app and unit by unit, as a page, a workbook and the Registrators' reminders."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

from horeport import contributions
from horeport.contributions import COMPLETE, MISSING, PARTIAL, STATE_WORDS, Due
from horeport.formatting import nb_date
from horeport.models import SiteSettings
from horeport.periods import Period
from horeport.workbooks import ListSheet

WORKBOOK_COLUMNS = [("Område", 16), ("Tall", 44), ("Virksomhet", 28), ("Status", 12), ("Registrert", 11),
                    ("Forventet", 11)]  # fmt: skip


def status_for(period: Period) -> list[Due]:
    """Everything due for the period, incomplete first, then by app and what."""
    items = contributions.collect("due", period=period)
    order = [MISSING, PARTIAL, COMPLETE]
    return sorted(items, key=lambda i: (order.index(i.state), i.app, i.what, i.unit))


def status_counts(items: list[Due]) -> list[tuple[str, str, int]]:
    """(state, word, count) for complete, partial and missing."""
    counts = Counter(item.state for item in items)
    return [(state, STATE_WORDS[state], counts[state]) for state in (COMPLETE, PARTIAL, MISSING)]


def status_workbook(period: Period, items: list[Due]) -> bytes:
    """The status as a workbook: a row per thing due, real numbers, names as text (never a formula)."""
    deadline = contributions.deadline(period, SiteSettings.current().due_day)
    heading = [f"Rapporteringsstatus for {period.label}, frist {nb_date(deadline)}"]
    sheet = ListSheet("Rapporteringsstatus", WORKBOOK_COLUMNS, heading=heading)
    for item in items:
        sheet.append([item.app, item.what, item.unit or "Hele tjenesteområdet", item.state_word, item.filled,
                      item.expected])  # fmt: skip
    return sheet.bytes()


@dataclass
class MonthDue:
    period: Period
    deadline: datetime.date
    items: list[contributions.Due]

    @property
    def is_overdue(self) -> bool:
        return timezone.localdate() > self.deadline

    @property
    def table_name(self) -> str:
        return f"due-{self.period}"

    @property
    def caption(self) -> str:
        return f"Det som skal registreres for {self.period.label}"

    @property
    def overdue(self) -> list[contributions.Due]:
        return [i for i in self.items if i.state != contributions.COMPLETE] if self.is_overdue else []

    @property
    def complete(self) -> int:
        return sum(i.state == contributions.COMPLETE for i in self.items)

    @property
    def missing(self) -> list[contributions.Due]:
        """What is not complete, once the month has ended (before that, nothing is missing yet)."""
        if self.period.end >= timezone.localdate():
            return []
        return [i for i in self.items if i.state != contributions.COMPLETE]


def month_end_status(*, months: int = 2) -> list[MonthDue]:
    """What is due for the months up to the current one, oldest first, each with its deadline."""
    day = SiteSettings.current().due_day
    current = Period.containing(timezone.localdate())
    return [
        MonthDue(period, contributions.deadline(period, day), contributions.collect("due", period=period))
        for period in (current.shift(-step) for step in reversed(range(months)))
    ]


def reminder_text(months: list[MonthDue], *, base_url: str) -> str:
    """The reminder a Registrator gets: per ended month, what is missing, overdue or not, with links."""
    lines = ["Dette mangler i styringsdataene:", ""]
    for month in months:
        if not month.missing:
            continue
        when = "fristen var" if month.is_overdue else "frist"
        lines.append(f"{month.period.label.capitalize()} ({when} {nb_date(month.deadline)}):")
        for item in month.missing:
            unit = f", {item.unit}" if item.unit else ""
            overdue = "forfalt, " if month.is_overdue else ""
            lines.append(f"- {item.app}: {item.what}{unit} – {overdue}{item.state_word.lower()} "
                         f"({item.filled} av {item.expected}): {base_url}{item.url}")  # fmt: skip
        lines.append("")
    lines.append(f"Rapporteringsstatus: {base_url}{reverse('reporting_status')}")
    return "\n".join(lines)
