"""Render a report to a file without the browser (e.g. the monthly director report, from cron)."""

from __future__ import annotations

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from horeport.periods import InvalidPeriod, Period
from reports.excel import report_xlsx
from reports.models import ReportKind
from reports.pdf import report_pdf
from reports.services import report_build

FORMATS = ("pdf", "xlsx")


class Command(BaseCommand):
    help = "Lag en rapport som PDF eller Excel: render_report KIND PERIOD --format pdf|xlsx --output FIL"

    def add_arguments(self, parser):
        parser.add_argument("kind", help="Rapporttype: director, committee, halfyear eller annual.")
        parser.add_argument("period", help="Periode: 2016-03, 2016-Q4, 2016-H1 eller 2016.")
        parser.add_argument("--format", dest="fmt", choices=FORMATS, help="pdf eller xlsx (ellers etter filnavnet).")
        parser.add_argument("--output", "-o", help="Filen som skrives (standard: <rapport>-<periode>-utkast.<format>).")

    def handle(self, *args, kind, period, fmt, output, **options):
        report_kind = ReportKind.objects.filter(slug=kind).first()
        if report_kind is None:
            slugs = ", ".join(ReportKind.objects.values_list("slug", flat=True)) or "ingen (kjør migrate)"
            raise CommandError(f"Ukjent rapporttype «{kind}». Velg en av: {slugs}.")
        try:
            report_period = Period.parse(period)
        except InvalidPeriod as error:
            raise CommandError(str(error)) from None
        if not report_kind.allows(report_period):
            raise CommandError(
                f"{report_kind.name} lages for {report_kind.describe_periods()}, ikke for {report_period.label}. "
                f"Prøv for eksempel {report_kind.latest_complete_period()}."
            )
        if fmt is None:
            suffix = Path(output).suffix.lower().lstrip(".") if output else ""
            fmt = suffix if suffix in FORMATS else "pdf"
        started = time.perf_counter()
        report = report_build(kind=report_kind, period=report_period)
        for part in report.problems:
            self.stderr.write(f"Merk: {part.problem}")
        content = report_pdf(report) if fmt == "pdf" else report_xlsx(report)
        path = Path(output or report.filename(fmt))
        try:
            path.write_bytes(content)
        except OSError as error:
            raise CommandError(f"Kunne ikke skrive {path}: {error.strerror or error}.") from None
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"{report.title} ({fmt.upper()}, {len(content) // 1024} kB) skrevet til {path} på {seconds:.1f} s."
        )
