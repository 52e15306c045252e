"""`make bench` (`python -m bench --scale small|full`): generate the register at a scale, then time
each measure of issue 11's table beside its baseline, as the median of interleaved runs, with query
counts at demo scale and at the chosen one and the peak memory of one run. Prints the table and
writes bench/results.json. Needs a database of its own (DATABASE_URL): it is emptied first."""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import statistics
import sys
import time
import tracemalloc
from dataclasses import asdict, dataclass
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.cache import caches  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from openpyxl import Workbook, load_workbook  # noqa: E402
from weasyprint import HTML  # noqa: E402

from bench import generate, throughput  # noqa: E402
from deviations import services as deviation_services  # noqa: E402
from deviations.models import Deviation  # noqa: E402
from horeport import charts  # noqa: E402
from horeport.periods import Period  # noqa: E402
from reports import pdf  # noqa: E402
from reports.excel import report_xlsx  # noqa: E402
from reports.models import ReportKind  # noqa: E402
from reports.services import report_build  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results.json"


@dataclass
class Row:
    name: str
    subject_s: float
    baseline_s: float
    ratio: float
    queries_small: int | None
    queries_large: int | None
    peak_mb: float | None
    goal: str


def timed(function) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def interleaved(subject, baseline, runs: int) -> tuple[float, float]:
    """Medians of `runs` runs of each, alternating which goes first."""
    subject_times, baseline_times = [], []
    for run in range(runs):
        pair = [(subject, subject_times), (baseline, baseline_times)]
        for function, times in pair if run % 2 == 0 else reversed(pair):
            times.append(timed(function))
    return statistics.median(subject_times), statistics.median(baseline_times)


def peak_mb(function) -> float:
    tracemalloc.start()
    try:
        function()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def query_count(function) -> int:
    with CaptureQueriesContext(connection) as context:
        function()
    return len(context.captured_queries)


def client() -> Client:
    browser = Client()
    browser.force_login(get_user_model().objects.get(username="bench"))
    return browser


def get(browser: Client, url: str):
    def fetch():
        response = browser.get(url)
        assert response.status_code == 200, f"{url}: {response.status_code}"
        return response

    return fetch


# -- the measures ------------------------------------------------------------------------------


def page_measures(browser: Client) -> dict:
    """name -> (subject, baseline, goal): each a function of no arguments."""
    year = str(generate.LAST_YEAR)
    count = Deviation.objects.count()
    last_page = max(1, -(-count // 50))
    dashboard = get(browser, f"/malekart/?periode={year}")
    admin = get(browser, "/django-admin/kpi/indicator/")

    def dashboard_cold():
        """As after a restart: nothing kept in the process; the shared cache (settings.CACHES, the
        database's or Redis) outlives it."""
        caches["local"].clear()
        charts._sparkline_cached.cache_clear()
        dashboard()

    def dashboard_after_write():
        """As after a write to what the målekart shows (before its rebuilding task has run):
        nothing kept anywhere, all of it built."""
        caches["local"].clear()
        caches["default"].clear()
        charts._sparkline_cached.cache_clear()
        dashboard()

    return {
        "dashboard warm vs admin indicator list": (dashboard, admin, "≤ 1.5×"),
        "dashboard cold (after a restart) vs warm": (dashboard_cold, dashboard, "≤ 2×"),
        "dashboard after a write (nothing kept) vs warm": (dashboard_after_write, dashboard, "–"),
        "dashboard after a write vs admin indicator list": (dashboard_after_write, admin, "–"),
        "deviation list last page vs first page": (
            get(browser, f"/avvik/?page={last_page}"),
            get(browser, "/avvik/"),
            "≤ 1.5×",
        ),
        "complaint list vs first deviation page": (get(browser, "/klagesaker/"), get(browser, "/avvik/"), "–"),
    }


def export_measure(folder: Path):
    """The full deviation export (the job's own function) vs bare openpyxl write-only on the same rows."""
    target = folder / "export.xlsx"

    def subject():
        deviation_services.deviations_export(Deviation.objects.all(), path=target)

    def baseline():
        rows = (
            Deviation.objects.order_by(*deviation_services.EXPORT_ORDER)
            .values_list(*deviation_services.EXPORT_VALUES)
            .iterator(chunk_size=2_000)
        )
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet("Avvik")
        for row in rows:
            sheet.append(row)
        workbook.save(folder / "bare.xlsx")

    return subject, baseline


def report_measures():
    kind = ReportKind.objects.get(slug="annual")
    period = Period.of_year(generate.LAST_YEAR)
    report = report_build(kind=kind, period=period)
    html = pdf.report_html(report)
    cells = [
        (sheet.title, [list(row) for row in sheet.iter_rows(values_only=True)])
        for sheet in load_workbook(io.BytesIO(report_xlsx(report))).worksheets
    ]

    def pdf_subject():
        pdf.report_pdf(report_build(kind=kind, period=period))

    def pdf_baseline():
        styles = pdf.stylesheets()
        document = HTML(string=html, base_url=pdf.BASE_URL, url_fetcher=pdf.StaticFilesFetcher())
        document.write_pdf(stylesheets=styles.sheets, font_config=styles.font_config)

    def xlsx_subject():
        report_xlsx(report_build(kind=kind, period=period))

    def xlsx_cold():
        # As after a write: the sections are computed again (horeport.kept keeps them per data version).
        for alias in ("default", "local"):
            caches[alias].clear()
        xlsx_subject()

    def xlsx_baseline():
        workbook = Workbook()
        workbook.remove(workbook.active)
        for title, rows in cells:
            sheet = workbook.create_sheet(title)
            for row in rows:
                sheet.append(row)
        workbook.save(io.BytesIO())

    return {
        "annual report PDF vs WeasyPrint alone": (pdf_subject, pdf_baseline, "≤ 1.2×"),
        "annual report workbook vs bare openpyxl": (xlsx_subject, xlsx_baseline, "≤ 3×"),
        "annual report workbook after a write (nothing kept) vs bare openpyxl": (xlsx_cold, xlsx_baseline, "–"),
    }


# -- the run -------------------------------------------------------------------------------------


def run(scale_name: str, runs: int) -> list[Row]:
    started = time.perf_counter()
    folder = Path(os.environ.get("BENCH_TMP", "/tmp")) / f"horeport-bench-{os.getpid()}"
    folder.mkdir(parents=True, exist_ok=True)

    print("Generating the demo scale for query counts …", flush=True)
    generate.generate(generate.SCALES["demo"])
    browser = client()
    small_queries = {}
    for name, (subject, _, _) in page_measures(browser).items():
        subject()  # warm
        small_queries[name] = query_count(subject)

    scale = generate.SCALES[scale_name]
    print(f"Generating scale {scale_name} …", flush=True)
    counts = generate.generate(scale)
    print(f"  {counts} in {time.perf_counter() - started:.0f} s", flush=True)
    browser = client()
    rows = []
    for name, (subject, baseline, goal) in page_measures(browser).items():
        subject(), baseline()  # warm
        queries = query_count(subject)
        subject_s, baseline_s = interleaved(subject, baseline, runs)
        rows.append(Row(name, subject_s, baseline_s, subject_s / baseline_s, small_queries[name], queries,
                        peak_mb(subject), goal))  # fmt: skip
        print(f"  {name}: {subject_s:.3f} s vs {baseline_s:.3f} s", flush=True)

    subject_s, baseline_s = throughput.dashboard_throughput(
        f"/malekart/?periode={generate.LAST_YEAR}", runs=runs, seconds=3, log=folder / "gunicorn.log"
    )
    rows.append(Row("dashboard s/request under gunicorn (2 workers, 20 clients) vs /healthz", subject_s, baseline_s,
                    subject_s / baseline_s, None, None, None, "≤ 4× (throughput ≥ 25 %)"))  # fmt: skip
    print(f"  throughput: {1 / subject_s:.0f} vs {1 / baseline_s:.0f} requests/s", flush=True)

    subject, baseline = export_measure(folder)
    subject_s, baseline_s = interleaved(subject, baseline, runs)
    rows.append(Row(f"deviation export ({counts['deviations']} rows) vs bare openpyxl", subject_s, baseline_s,
                    subject_s / baseline_s, None, None, peak_mb(subject), "≤ 1.2×, ≤ 200 MB"))  # fmt: skip
    print(f"  export: {subject_s:.3f} s vs {baseline_s:.3f} s", flush=True)

    for name, (subject, baseline, goal) in report_measures().items():
        subject(), baseline()
        subject_s, baseline_s = interleaved(subject, baseline, runs)
        rows.append(Row(name, subject_s, baseline_s, subject_s / baseline_s, None, query_count(subject),
                        peak_mb(subject), goal))  # fmt: skip
        print(f"  {name}: {subject_s:.3f} s vs {baseline_s:.3f} s", flush=True)
    reset_queries()
    for path in folder.iterdir():
        path.unlink()
    folder.rmdir()
    print(f"Done in {time.perf_counter() - started:.0f} s.", flush=True)
    return rows


def table(rows: list[Row], scale_name: str) -> str:
    database = f"PostgreSQL {connection.pg_version // 10000}" if connection.vendor == "postgresql" else "SQLite"
    lines = [
        f"make bench SCALE={scale_name}, {time.strftime('%Y-%m-%d')}, {platform.machine()}, {os.cpu_count()} cores, "
        f"{database}",
        "",
        "| measure | subject s | baseline s | ratio | goal | queries demo / scale | peak MB |",
        "|---|---:|---:|---:|---|---:|---:|",
    ]
    for row in rows:
        small = "–" if row.queries_small is None else row.queries_small
        queries = "–" if row.queries_large is None else f"{small} / {row.queries_large}"
        peak = "–" if row.peak_mb is None else f"{row.peak_mb:.0f}"
        lines.append(f"| {row.name} | {row.subject_s:.3f} | {row.baseline_s:.3f} | {row.ratio:.2f}× | {row.goal} | "
                     f"{queries} | {peak} |")  # fmt: skip
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--scale", choices=["small", "full"], default="full")
    parser.add_argument("--runs", type=int, default=5, help="interleaved runs per measure (at least 5)")
    arguments = parser.parse_args(argv)
    try:
        rows = run(arguments.scale, max(5, arguments.runs))
    except generate.NotABenchDatabase as error:
        print(error, file=sys.stderr)
        return 2
    print()
    print(table(rows, arguments.scale))
    RESULTS.write_text(json.dumps([asdict(row) for row in rows], indent=2, ensure_ascii=False) + "\n")
    print(f"\nWrote {RESULTS.relative_to(Path.cwd()) if RESULTS.is_relative_to(Path.cwd()) else RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
