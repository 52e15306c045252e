"""Demo data for reports: the four report kinds with their default sections (idempotent)."""

from reports.defaults import report_kinds_ensure


def load() -> None:
    report_kinds_ensure()
