"""The report as a PDF, through WeasyPrint, from the same HTML partials as the preview.

WeasyPrint fetches nothing from the network: stylesheets and fonts under /static/ are read
through the static files finders (or STATIC_ROOT), charts and the logo are data: URIs, and
any other address is refused.
"""

from __future__ import annotations

import mimetypes
import threading
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from reports.services import Report

# The base address the report's HTML is rendered under; it is never contacted.
BASE_URL = "https://horeport.invalid/"


def _static_path(name: str) -> Path | None:
    """A static file's path: through the finders (development, tests) or STATIC_ROOT (production)."""
    name = name.split("?", 1)[0].split("#", 1)[0]
    if ".." in Path(name).parts:
        return None
    found = finders.find(name)
    if found:
        return Path(found)
    collected = Path(settings.STATIC_ROOT) / name
    return collected if collected.is_file() else None


class StaticFilesFetcher(URLFetcher):
    """Resolves /static/ and data: URIs locally; refuses everything else."""

    def __init__(self, **kwargs):
        super().__init__(allowed_protocols=("data",), **kwargs)
        self.fetched: list[str] = []
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            self.fetched.append(url[:40])
            return super().fetch(url, headers)
        prefix = BASE_URL.rstrip("/") + settings.STATIC_URL
        path = _static_path(url.removeprefix(prefix)) if url.startswith(prefix) else None
        if path is None:
            self.refused.append(url)
            raise ValueError(f"Report rendering does not fetch {url}")
        self.fetched.append(url)
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if path.suffix == ".woff2":
            content_type = "font/woff2"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})


# The stylesheets and the fonts they load, parsed once per process and reused while the files
# are unchanged: loading the fonts is a good part of rendering a short report. WeasyPrint's font
# configuration is not meant for concurrent use, so one report renders at a time per process.
STYLESHEETS = ("css/fonts.css", "css/report-pdf.css")
_lock = threading.Lock()


@dataclass
class Stylesheets:
    key: tuple
    font_config: FontConfiguration
    sheets: list[CSS]
    fetcher: StaticFilesFetcher


_stylesheets: Stylesheets | None = None


def stylesheets() -> Stylesheets:
    """The parsed report stylesheets (call with the lock held)."""
    global _stylesheets
    paths = [_static_path(name) for name in STYLESHEETS]
    key = tuple((str(path), path.stat().st_mtime_ns) for path in paths if path)
    if _stylesheets is None or _stylesheets.key != key:
        font_config, fetcher = FontConfiguration(), StaticFilesFetcher()
        prefix = BASE_URL.rstrip("/") + settings.STATIC_URL
        sheets = [CSS(url=prefix + name, url_fetcher=fetcher, font_config=font_config) for name in STYLESHEETS]
        _stylesheets = Stylesheets(key, font_config, sheets, fetcher)
    return _stylesheets


def report_html(report: Report) -> str:
    """The report as one HTML document for WeasyPrint (styled by STYLESHEETS)."""
    return render_to_string("reports/pdf.html", {"report": report})


def report_pdf(report: Report, *, fetcher: StaticFilesFetcher | None = None) -> bytes:
    html = report_html(report)
    with _lock:
        styles = stylesheets()
        document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher or StaticFilesFetcher())
        return document.write_pdf(stylesheets=styles.sheets, font_config=styles.font_config)
