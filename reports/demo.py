"""Demo data for reports: the four report kinds with their default sections, and the
municipality's own section titles from fixtures/reports.toml (idempotent)."""

from horeport.demo import read_fixture
from reports.defaults import report_kinds_ensure
from reports.models import ReportKindSection


def load() -> None:
    report_kinds_ensure()
    for item in read_fixture("reports.toml")["section_titles"]:
        wanted = {"title": item["title"], "short_title": item.get("short_title", "")}
        for entry in ReportKindSection.objects.filter(key=item["key"]):
            if any(getattr(entry, name) != value for name, value in wanted.items()):  # a second run saves nothing
                for name, value in wanted.items():
                    setattr(entry, name, value)
                entry.save()
