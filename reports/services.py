"""Assembling a report from the registered sections, and publishing it.

A report is built once (`report_build`) into a `Report`: its parts in order, the introduction
chapter, the kind's sections (each the neutral `Section` value its app returned, with the
commentary written for it) and the summary chapter. The same
value is rendered as HTML (preview and PDF) and as a workbook, so they always agree.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime
import enum
import hashlib
import json
import logging
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cached_property

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from horeport.charts import chart_height, chart_svg, svg_data_uri
from horeport.kept import history_version, kept, may_store, tracked_models
from horeport.models import SiteSettings, period_lock
from horeport.narrative import narrative_html
from horeport.periods import Period
from horeport.sections import (
    SHEET_TITLE_MAX,
    Chart,
    Section,
    SectionOptions,
    SectionSpec,
    sections_autodiscover,
    suppress_small_numbers,
)
from reports.chapters import CHAPTERS, ChapterSpec, Placement
from reports.models import PublishedReport, ReportKind, SectionCommentary

logger = logging.getLogger(__name__)


# Charts in the report span the text width (165 mm) and are kept low, so a table and its chart share a
# page; a chart whose legend needs more than one row grows by it (horeport.charts.chart_height).
REPORT_CHART_SIZE = {"width": 6.5, "height": 2.0}


class PublishError(Exception):
    """The report cannot be published (a section is missing or failed, or a race)."""


def section_anchor(key: str) -> str:
    """The HTML id of a section ("kpi.malekart" -> "seksjon-kpi-malekart"); also its form prefix."""
    return "seksjon-" + slugify(key.replace(".", "-").replace("_", "-"))


@dataclass
class BuiltSection:
    """One part of a report: a section (or the notice shown where it could not be made) with its
    commentary, or a chapter of free text (`chapter`, its text in `commentary`)."""

    key: str
    title: str
    section: Section | None = None
    problem: str = ""
    commentary: SectionCommentary | None = None
    short_title: str = ""  # the section's declared sheet title (SectionSpec.sheet_title)
    chapter: ChapterSpec | None = None

    @property
    def is_chapter(self) -> bool:
        return self.chapter is not None

    @property
    def sheet_title(self) -> str:
        """The workbook sheet's name: the title where it fits, the section's declared short title otherwise."""
        return self.title if len(self.title) <= SHEET_TITLE_MAX else (self.short_title or self.title)

    @property
    def anchor(self) -> str:
        return section_anchor(self.key)

    @property
    def is_left_out(self) -> bool:
        """A section with no figures and no commentary (the PDF and workbook list it instead),
        or a chapter nobody has written (left out without a word)."""
        if self.is_chapter:
            return not self.commentary_text
        return self.section is not None and self.section.is_empty and not self.commentary_text

    @property
    def commentary_text(self) -> str:
        """The Markdown written for the part: a section's commentary or a chapter's text."""
        return self.commentary.text.strip() if self.commentary else ""

    @cached_property
    def narrative(self) -> str:
        """The commentary or chapter text as safe HTML (horeport.narrative); headings sit under the
        part's own (a chapter's "#" is h3, a commentary's h4, below its "Kommentar")."""
        return narrative_html(self.commentary_text, top_level=3 if self.is_chapter else 4)

    @cached_property
    def charts(self) -> list[tuple[Chart, str]]:
        """Each chart with its SVG as a data: URI (for the page and for WeasyPrint alike)."""
        if self.section is None:
            return []
        width = REPORT_CHART_SIZE["width"]
        return [
            (chart, svg_data_uri(chart_svg(chart, width=width, height=chart_height(chart, **REPORT_CHART_SIZE))))
            for chart in self.section.charts
        ]


@dataclass
class Report:
    kind: ReportKind
    period: Period
    parts: list[BuiltSection]
    short: bool
    small_numbers: int | None
    comparison_years: int
    municipality: str
    department: str
    logo_uri: str = ""
    version: int | None = None  # the published version, None for a draft
    generated_at: datetime.datetime = field(default_factory=timezone.now)

    @property
    def title(self) -> str:
        return self.kind.title(self.period)

    @property
    def status_label(self) -> str:
        return f"Publisert versjon {self.version}" if self.version else "Utkast"

    @property
    def shown_parts(self) -> list[BuiltSection]:
        """The parts the PDF and the workbook print: a section without figures (and without
        commentary) is left out, and listed once (`empty_parts`)."""
        return [part for part in self.parts if not part.is_left_out]

    @property
    def empty_parts(self) -> list[BuiltSection]:
        """The sections left out for want of figures (an unwritten chapter is not listed)."""
        return [part for part in self.parts if part.is_left_out and not part.is_chapter]

    @property
    def front_parts(self) -> list[BuiltSection]:
        """The chapters shown before the first section (the introduction): the PDF prints them
        with the contents, the sections start on the next page."""
        shown = self.shown_parts
        first_section = next((i for i, part in enumerate(shown) if not part.is_chapter), len(shown))
        return shown[:first_section]

    @property
    def body_parts(self) -> list[BuiltSection]:
        return self.shown_parts[len(self.front_parts) :]

    @property
    def section_parts(self) -> list[BuiltSection]:
        """The kind's sections, without the chapters."""
        return [part for part in self.parts if not part.is_chapter]

    @property
    def shown_sections(self) -> list[BuiltSection]:
        return [part for part in self.shown_parts if not part.is_chapter]

    @property
    def empty_notice(self) -> str:
        """ "Ingen tall registrert for 1. halvår 2016: Venteliste og effektueringstid, Privat boligfremskaffelse." """
        plain = [part.title for part in self.empty_parts if not part.section.empty_reason]
        return f"Ingen tall registrert for {self.period.label}: {', '.join(plain)}." if plain else ""

    @property
    def empty_reasons(self) -> list[tuple[str, str]]:
        """(title, why) of the left-out sections that say why they have no figures."""
        return [(part.title, part.section.empty_reason) for part in self.empty_parts if part.section.empty_reason]

    @property
    def problems(self) -> list[BuiltSection]:
        return [part for part in self.parts if part.problem]

    @property
    def small_numbers_notice(self) -> str:
        if not self.small_numbers:
            return ""
        return (
            f"Små tall er skjult: i tabeller over registreringer vises antall fra 1 til {self.small_numbers - 1} "
            "som «:», og et tall til skjules der en sum ellers ville avsløre dem."
        )

    def filename(self, extension: str) -> str:
        return report_filename(self.kind, self.period, self.version, extension)


def report_filename(kind: ReportKind, period: Period, version: int | None, extension: str) -> str:
    """ "aarsrapport-2016-utkast.pdf", "rapport-til-direktor-2016-03-versjon-2.xlsx"."""
    name = kind.name.lower().translate(str.maketrans({"æ": "ae", "ø": "o", "å": "aa"}))
    status = f"versjon-{version}" if version else "utkast"
    return f"{slugify(name)}-{period}-{status}.{extension}"


def report_build(*, kind: ReportKind, period: Period, version: int | None = None) -> Report:
    """Build the report of a kind for a period from the registered sections."""
    registry = sections_autodiscover()
    short = kind.is_short(period)
    options = SectionOptions(
        small_numbers=kind.small_numbers, short=short, comparison_years=kind.comparison_years, cutoff=None
    )
    commentaries = {c.section_key: c for c in SectionCommentary.objects.filter(kind=kind, period=period)}
    data_version = history_version(tracked_models())
    store = may_store()
    parts = [_chapter_part(spec, commentaries) for spec in CHAPTERS.values() if spec.placement is Placement.BEFORE]
    for entry in kind.sections.filter(enabled=True).order_by("order", "pk"):
        if short and not entry.in_short_form:
            continue
        spec = registry.get(entry.key)
        part = BuiltSection(entry.key, entry.title or (spec.title if spec else entry.key),
                            commentary=commentaries.get(entry.key),
                            short_title=entry.short_title or (spec.sheet_title if spec else ""))  # fmt: skip
        if spec is None:
            part.problem = (
                f"Seksjonen «{entry.key}» er ikke tilgjengelig: ingen del av løsningen leverer den. "
                "En administrator kan ta den ut av rapporttypen under Oppsett."
            )
        elif period.kind not in spec.period_kinds:
            kinds = ", ".join(k.label.lower() for k in spec.period_kinds)
            part.problem = (
                f"Seksjonen «{spec.title}» kan ikke lages for {period.kind.label.lower()}, bare for: {kinds}."
            )
        else:
            try:
                with transaction.atomic():  # a failing section's queries must not break the others'
                    section = _section_kept(spec, period, options, data_version, store=store)
                part.section = _apply_small_numbers(section, kind.small_numbers)
                if entry.title:  # the kind's own title for the section, set by an administrator
                    section.title = entry.title
                part.title = section.title  # else the section's own title: a name in force in the period
            except Exception:
                logger.exception("Report section %s failed for %s", entry.key, period)
                part.problem = f"Seksjonen «{spec.title}» kunne ikke lages på grunn av en feil. Feilen er logget."
            else:
                part.section.commentary = part.commentary_text
        parts.append(part)
    parts += [_chapter_part(spec, commentaries) for spec in CHAPTERS.values() if spec.placement is Placement.AFTER]
    site = SiteSettings.current()
    return Report(
        kind=kind,
        period=period,
        parts=parts,
        short=short,
        small_numbers=kind.small_numbers,
        comparison_years=kind.comparison_years,
        municipality=site.municipality_name,
        department=site.department_name,
        logo_uri=_logo_uri(site),
        version=version,
    )


def _section_kept(spec: SectionSpec, period: Period, options: SectionOptions, version: str, *, store: bool) -> Section:
    """A section as its function makes it, kept between reports under the version of the data
    (horeport.kept): the preview, the PDF and the workbook of the same figures make it once. The
    day is part of the key, since a register's status is read as of today within the period."""
    key = f"{spec.key}:{period}:{options}:{timezone.localdate()}:{version}"
    return kept(
        "reports:section:" + hashlib.sha256(key.encode()).hexdigest(),
        lambda: spec.function(period=period, options=options),
        store=store,
    )


def _chapter_part(spec: ChapterSpec, commentaries: dict[str, SectionCommentary]) -> BuiltSection:
    return BuiltSection(spec.key, spec.title, commentary=commentaries.get(spec.key), chapter=spec)


def _apply_small_numbers(section: Section, threshold: int | None) -> Section:
    """Make sure register counts are suppressed when the kind asks for it.

    Sections apply `suppress_small_numbers` themselves; doing it again changes nothing but
    would repeat the note, so notes are kept once.
    """
    if not threshold:
        return section
    tables = []
    for table in section.tables:
        if table.register_counts:
            table = suppress_small_numbers(table, threshold)
            table = replace(table, notes=list(dict.fromkeys(table.notes)))
        tables.append(table)
    section.tables = tables
    section.small_numbers = threshold
    return section


def _logo_uri(site: SiteSettings) -> str:
    if not site.has_logo:
        return ""
    return f"data:{site.logo_content_type};base64," + base64.b64encode(bytes(site.logo)).decode()


# -- the data of a published report ------------------------------------------------------------


def _plain(value):
    """A JSON-ready copy of the neutral value (periods as "2016", decimals as strings)."""
    if isinstance(value, Period):
        return str(value)
    if dataclasses.is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def report_data(report: Report) -> dict:
    return {
        "kind": report.kind.slug,
        "title": report.title,
        "period": str(report.period),
        "version": report.version,
        "short": report.short,
        "small_numbers": report.small_numbers,
        "comparison_years": report.comparison_years,
        "generated_at": report.generated_at.isoformat(),
        "parts": [
            {
                "key": part.key,
                "title": part.title,
                "chapter": part.is_chapter,
                "problem": part.problem,
                "commentary": part.commentary_text,
                "section": _plain(part.section) if part.section else None,
            }
            for part in report.parts
        ],
    }


# -- publishing ----------------------------------------------------------------------------------


def same_content(published: dict, built: dict) -> bool:
    """Whether two reports' data say the same (their version number and time aside)."""
    aside = ("version", "generated_at")
    built = json.loads(json.dumps(built))  # as the stored data reads back (lists, string keys)
    return {k: v for k, v in published.items() if k not in aside} == {k: v for k, v in built.items() if k not in aside}


def report_publish(*, kind: ReportKind, period: Period, user) -> PublishedReport:
    """Store the report as its next version, and lock the period.

    The previous version's lock, if still active, is replaced by the new one (recorded as
    unlocked with the reason), so the lock message always names the newest version.

    Publishing again what the newest version already says, while its lock holds (a double
    click on "Publiser", a second tab), makes no new version: that version is returned, with
    `is_new` False.
    """
    from reports.excel import report_xlsx
    from reports.pdf import report_pdf

    if not kind.allows(period):
        raise PublishError(f"{kind.name} lages ikke for {period.label}.")
    try:
        with transaction.atomic():
            ReportKind.objects.select_for_update().get(pk=kind.pk)  # one publisher at a time per kind
            latest = (
                PublishedReport.objects.defer("pdf", "xlsx")
                .filter(kind=kind, period=period)
                .select_related("lock")
                .order_by("-version")
                .first()
            )
            version = (latest.version if latest else 0) + 1
            report = report_build(kind=kind, period=period, version=version)
            if report.problems:
                titles = ", ".join(f"«{part.title}»" for part in report.problems)
                raise PublishError(f"Rapporten kan ikke publiseres før disse seksjonene kan lages: {titles}.")
            data = report_data(report)
            if latest and latest.lock and latest.lock.is_active and same_content(latest.sections, data):
                latest.is_new = False
                return latest
            pdf, xlsx = report_pdf(report), report_xlsx(report)
            reason = f"{report.title}, versjon {version}"
            previous = (
                PublishedReport.objects.without_files()
                .filter(kind=kind, period=period, lock__isnull=False, lock__unlocked_at__isnull=True)
                .select_related("lock")
            )
            for earlier in previous:
                earlier.lock.unlock(user=user, reason=f"Erstattet av versjon {version}.")
            lock = period_lock(period=period, reason=reason, user=user)
            published = PublishedReport.objects.create(
                kind=kind,
                period=period,
                version=version,
                title=report.title,
                pdf=pdf,
                xlsx=xlsx,
                sections=data,
                pdf_sha256=hashlib.sha256(pdf).hexdigest(),
                xlsx_sha256=hashlib.sha256(xlsx).hexdigest(),
                published_at=report.generated_at,
                published_by=user,
                lock=lock,
            )
            published.is_new = True
            return published
    except IntegrityError:
        raise PublishError(
            "Noen andre publiserte den samme rapporten samtidig. Se arkivet, og publiser på nytt om det trengs."
        ) from None
