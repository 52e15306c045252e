"""Bulk entry through Excel: a template workbook per kind of figure and period, and its upload.

One engine for every kind. An app describes a kind in its own `bulk.py` (which model, which key
columns, which value columns, how a row of the file is found) and registers it with `register`;
its `AppConfig.ready` imports that module, as it does `contributions.py`. Here:

- `template_workbook(kind, period)`: the workbook to fill, pre-filled with what is stored, its
  headers and labels protected, data validation on the figures, and an instructions sheet.
- `upload_read(upload)` → `BulkUpload`: the file read with the bounded reader, kept as plain rows.
- `plan_build(upload)` → `Plan`: every cell that would change (old → new) and every cell refused,
  with its reason, without saving anything.
- `upload_save(upload, user)`: the plan saved whole, in one transaction, through each row's own
  `save` (TrackedModel: versions, locks, one source per period, history); refused whole if any cell
  is refused or a row changed since the preview (`PreviewedImport.changed_since_preview`).

An empty cell leaves what is stored as it is: a figure is removed in the entry form, not by a file.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from horeport import plausibility, spreadsheets, workbooks
from horeport.contributions import Notice, contributes
from horeport.formatting import nb_date, nb_number, parse_number
from horeport.models import BulkUpload, PeriodLock, ServiceUnit, TrackedModel
from horeport.periods import InvalidPeriod, Kind, Period

LIMITS = spreadsheets.Limits(bytes=2 * 1024 * 1024, rows=5_000, columns=40)
KIND_LABEL = "Skjema"  # A2: the kind's slug
PERIOD_LABEL = "Periode"  # A3: the period, as text ("2016-12")
HEADER_ROW = 5
FIRST_DATA_ROW = HEADER_ROW + 1
DATA_SHEET = "Tall"
NOTICE_DAYS = 30  # an upload left unsaved is an administrator's notice this long
INSTRUCTIONS_SHEET = "Veiledning"


# -- what an app declares --------------------------------------------------------------------------


@dataclass(frozen=True)
class Value:
    """A figure a row takes: its model field, the column's header, and what it may hold."""

    field: str
    header: str
    whole: bool = False  # a count: whole numbers only
    minimum: Decimal | None = Decimal(0)
    maximum: Decimal | None = None

    def limited(self, **changes) -> Value:
        return Value(**{**self.__dict__, **changes})

    @property
    def rule(self) -> str:
        """What the cell takes, in words: "et helt tall, 0 eller mer"."""
        what = "et helt tall" if self.whole else "et tall"
        if self.minimum is not None and self.maximum is not None:
            return f"{what} fra {shown(self.minimum)} til {shown(self.maximum)}"
        if self.minimum is not None:
            return f"{what}, {shown(self.minimum)} eller mer"
        if self.maximum is not None:
            return f"{what}, høyst {shown(self.maximum)}"
        return what


@dataclass(frozen=True)
class Line:
    """A row of the template: one thing with figures for the period (a service, an indicator for a unit)."""

    key: tuple[str, ...]  # what identifies it in the file, one text per key column
    labels: tuple[str, ...]  # what the user reads beside the key (the name), one per label column
    values: dict[str, Value]  # the figures this row takes, by field (a service without age groups: fewer)
    lookup: dict  # the model fields that find its stored row (and make a new one)
    name: str = ""  # what the preview calls the row, where the key is not it ("BPA" for "bpa")

    @property
    def reference(self) -> str:
        return " / ".join(part for part in self.key if part)

    @property
    def title(self) -> str:
        return self.name or ", ".join(part for part in self.key if part)


class Refusal(ValueError):
    """A row of the file that cannot be used, with the reason in Norwegian."""


@dataclass(frozen=True)
class BulkKind:
    """One kind of figures entered through a template: registered by its app's `bulk.py`."""

    slug: str  # in the file's Skjema cell and the address: "tjenester"
    title: str  # "Tjenestetall"
    model: type[TrackedModel]
    key_headers: tuple[str, ...]  # ("Kode", "Virksomhet")
    label_headers: tuple[str, ...]  # ("Indikator",): shown, not read
    columns: tuple[Value, ...]  # every value column, in order
    period_kinds: tuple[Kind, ...]  # the periods it is entered for
    lines: Callable[[Period], list[Line]]  # the template's rows for a period
    find: Callable[[Period, tuple[str, ...]], Line]  # a file's row by its key, or Refusal
    entry_url: Callable[[Period], str]  # the form where these figures are entered one by one
    description: str = ""  # what the rows are, for the instructions

    @property
    def headers(self) -> list[str]:
        return [*self.key_headers, *self.label_headers, *(value.header for value in self.columns)]

    def period_error(self, period: Period) -> str | None:
        if period.kind in self.period_kinds:
            return None
        kinds = ", ".join(kind.label.lower() for kind in self.period_kinds)
        return f"{self.title} registreres for disse periodene: {kinds}. {period.label} kan ikke velges."


_KINDS: dict[str, BulkKind] = {}


def unit_in_force(unit_name: str, period: Period) -> ServiceUnit | None:
    """The unit a file's Virksomhet cell names (none when empty; the templates of kpi and volumes),
    refused when unknown or not in force in the period (horeport.models.ServiceUnit.in_force)."""
    if not unit_name:
        return None
    unit = ServiceUnit.objects.filter(Q(name__iexact=unit_name) | Q(short_name__iexact=unit_name)).first()
    if unit is None:
        raise Refusal(f"Ukjent virksomhet «{unit_name[:40]}». La cellen stå tom for hele tjenesteområdet.")
    if not unit.in_force(period):
        raise Refusal(unit.not_in_force_message(period))
    return unit


def register(kind: BulkKind) -> BulkKind:
    """Register a kind (from an app's `bulk.py`)."""
    _KINDS[kind.slug] = kind
    return kind


def kinds() -> list[BulkKind]:
    return list(_KINDS.values())


def kind_of(slug: str) -> BulkKind | None:
    return _KINDS.get(slug)


def page_url(kind: str | None = None, period: Period | None = None) -> str:
    """The page to download a template and upload it, with the kind and period chosen."""
    query = "&".join(f"{name}={value}" for name, value in (("skjema", kind), ("periode", period)) if value)
    return reverse("bulk_index") + (f"?{query}" if query else "")


# -- the template ----------------------------------------------------------------------------------

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
HEADER_FILL = PatternFill("solid", fgColor="D9E2EC")
INPUT_FILL = PatternFill("solid", fgColor="FFF8DC")
CLOSED_FILL = PatternFill("solid", fgColor="BFBFBF")
THIN = Side(style="thin", color="A0A0A0")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
OPEN = Protection(locked=False)


def _places(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def shown(value) -> str:
    """A figure as typed: "12", "2,5", "3 084"; "–" for none."""
    if value is None:
        return nb_number(None)
    return nb_number(value, _places(Decimal(value)))


def _lookup_value(value):
    return value.pk if isinstance(value, models.Model) else value


def stored_rows(kind: BulkKind, period: Period, lines: list[Line]) -> dict[tuple, TrackedModel]:
    """The stored row of each line, by key, in one query: each lookup field among the lines' values,
    then matched to its line here (a query of one condition per line would grow with the lines)."""
    if not lines:
        return {}
    meta = kind.model._meta
    attnames = {name: meta.get_field(name).attname for name in lines[0].lookup}
    condition = Q()
    for name in attnames:
        values = {_lookup_value(line.lookup[name]) for line in lines}
        present = Q(**{f"{name}__in": [value for value in values if value is not None]})
        condition &= present | Q(**{f"{name}__isnull": True}) if None in values else present
    stored = {}
    for row in kind.model._base_manager.filter(condition).order_by("pk"):
        stored.setdefault(tuple(getattr(row, attname) for attname in attnames.values()), row)
    found = {}
    for line in lines:
        row = stored.get(tuple(_lookup_value(line.lookup[name]) for name in attnames))
        if row is not None:
            found[line.key] = row
    return found


def _validation(value: Value) -> DataValidation:
    if value.minimum is not None and value.maximum is not None:
        operator, formulas = "between", {"formula1": str(value.minimum), "formula2": str(value.maximum)}
    elif value.minimum is not None:
        operator, formulas = "greaterThanOrEqual", {"formula1": str(value.minimum)}
    elif value.maximum is not None:
        operator, formulas = "lessThanOrEqual", {"formula1": str(value.maximum)}
    else:
        operator, formulas = "between", {"formula1": "-1E+15", "formula2": "1E+15"}
    return DataValidation(
        type="whole" if value.whole else "decimal", operator=operator, allow_blank=True, showErrorMessage=True,
        errorTitle="Ugyldig tall", error=f"Skriv {value.rule}.", showInputMessage=True,
        promptTitle="Tall", prompt=f"Skriv {value.rule}."[:255], **formulas,
    )  # fmt: skip


def template_workbook(kind: BulkKind, period: Period) -> bytes:
    """The template for a kind and period: what is stored filled in, headers and labels locked,
    the figures' cells open with data validation, and an instructions sheet."""
    lines = kind.lines(period)
    stored = stored_rows(kind, period, lines)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = DATA_SHEET
    workbooks.put(sheet, 1, 1, f"{kind.title} for {period.label}", font=TITLE)
    workbooks.put(sheet, 2, 1, KIND_LABEL, font=BOLD)
    workbooks.put(sheet, 2, 2, kind.slug)
    workbooks.put(sheet, 3, 1, PERIOD_LABEL, font=BOLD)
    workbooks.put(sheet, 3, 2, str(period))
    workbooks.put(sheet, 3, 3, period.label)
    workbooks.put(sheet, 4, 1, "Fyll ut de gule cellene. Se arket «Veiledning».", font=Font(italic=True))
    headers = kind.headers
    fixed = len(kind.key_headers) + len(kind.label_headers)
    for column, header in enumerate(headers, start=1):
        workbooks.put(sheet, HEADER_ROW, column, header, font=BOLD, fill=HEADER_FILL, border=BOX,
                      alignment=Alignment(wrap_text=True, vertical="top"))  # fmt: skip
        sheet.column_dimensions[get_column_letter(column)].width = 14 if column > fixed else 18
    for column in range(1, len(kind.key_headers) + 1):  # a key must be read whole ("mestringshuset-psykisk-helse")
        longest = max((len(line.key[column - 1]) for line in lines), default=0)
        sheet.column_dimensions[get_column_letter(column)].width = min(max(16, longest + 2), 40)
    if kind.label_headers:
        sheet.column_dimensions[get_column_letter(len(kind.key_headers) + 1)].width = 48
    sheet.row_dimensions[HEADER_ROW].height = 45
    validations: dict[Value, DataValidation] = {}
    for offset, line in enumerate(lines):
        row = FIRST_DATA_ROW + offset
        for column, text in enumerate((*line.key, *line.labels), start=1):
            workbooks.put(sheet, row, column, text, border=BOX)
        instance = stored.get(line.key)
        for column, value in enumerate(kind.columns, start=fixed + 1):
            allowed = line.values.get(value.field)
            if allowed is None:
                workbooks.put(sheet, row, column, None, fill=CLOSED_FILL, border=BOX)
                continue
            current = getattr(instance, value.field) if instance is not None else None
            cell = workbooks.put(sheet, row, column, current, fill=INPUT_FILL, border=BOX, protection=OPEN)
            cell.number_format = "0" if allowed.whole else "General"
            rule = allowed.limited(field="", header="")  # one validation per rule, over every cell it holds for
            if rule not in validations:
                validations[rule] = _validation(rule)
            validations[rule].add(cell.coordinate)
    for validation in validations.values():
        sheet.add_data_validation(validation)
    sheet.freeze_panes = sheet.cell(FIRST_DATA_ROW, fixed + 1).coordinate
    sheet.protection.sheet = True  # no password: it guards against typing over a label, not against a person
    sheet.protection.formatColumns = False  # widening a column is allowed
    sheet.protection.formatRows = False
    _print_wide(sheet)
    _instructions(workbook.create_sheet(INSTRUCTIONS_SHEET), kind, period, lines)
    workbook.properties.title = f"{kind.title} for {period.label}"
    return workbooks.workbook_bytes(workbook)


def _print_wide(sheet) -> None:
    """Printed landscape, every column on one page's width."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _rules(kind: BulkKind, lines: list[Line]) -> list[str]:
    """What each column may hold for this period's rows ("et helt tall, 0 eller mer")."""
    rules: dict[str, list[str]] = {value.field: [] for value in kind.columns}
    for line in lines:
        for name, value in line.values.items():
            if value.rule not in rules[name]:
                rules[name].append(value.rule)
    texts = []
    for value in kind.columns:
        found = rules[value.field] or [value.rule]
        if len(found) == 1:
            texts.append(f"{value.header}: {found[0]}.")
        else:
            texts.append(f"{value.header}: etter hva raden måler – {'; '.join(found)}.")
    return texts


def _instructions(sheet, kind: BulkKind, period: Period, lines_: list[Line]) -> None:
    sheet.column_dimensions["A"].width = 100
    lines = [
        (f"Slik fyller du ut malen: {kind.title.lower()} for {period.label}", TITLE),
        ("", None),
        ("Hva du fyller ut", BOLD),
        (f"Arket «{DATA_SHEET}» har én rad per {kind.description or 'tall'}. Skriv tallene i de gule cellene. "
         "Det som allerede er lagret, står der fra før.", None),
        ("Grå celler gjelder ikke for raden og skal stå tomme. Overskrifter, koder og navn er låst.", None),
        ("Skriv bare tall: ingen formler, ingen tekst, ingen prosenttegn. Desimalkomma er lov.", None),
        ("En tom celle endrer ingenting: det som er lagret, blir stående. Et tall slettes i skjemaet på nettsiden.",
         None),
        (f"Ikke endre cellene «{KIND_LABEL}» og «{PERIOD_LABEL}» øverst: de sier hvilke tall filen gjelder.", None),
        ("", None),
        ("Hva cellene kan inneholde", BOLD),
        *((text, None) for text in _rules(kind, lines_)),
        ("Excel sier fra når et tall ikke passer i cellen.", None),
        ("", None),
        ("Hva som skjer når du laster opp", BOLD),
        ("1. Last opp filen under «Tall fra Excel» i styringsdataene.", None),
        ("2. Forhåndsvisningen viser hver celle som endres (gammel → ny verdi) og hver celle som avvises, med "
         "grunnen. Ingenting er lagret ennå.", None),
        ("3. Er noe avvist, retter du det i filen og laster den opp på nytt. Ellers trykker du «Lagre».", None),
        ("4. Alt lagres samlet, eller ingenting. Hver endring kommer i historikken med ditt navn.", None),
        ("En låst periode kan ikke endres. Har noen andre endret de samme tallene etter forhåndsvisningen, "
         "lagres ingenting, og du får se hva som er endret og av hvem.", None),
        ("", None),
        ("Arket er beskyttet uten passord, bare for å hindre at overskrifter skrives over. Du kan oppheve "
         "beskyttelsen under Se gjennom → Opphev arkbeskyttelse, men la kolonnene stå slik de er.", None),
    ]  # fmt: skip
    for row, (text, font) in enumerate(lines, start=1):
        cell = workbooks.put(sheet, row, 1, text, alignment=Alignment(wrap_text=True, vertical="top"))
        if font is not None:
            cell.font = font
    sheet.protection.sheet = True
    _print_wide(sheet)


def template_filename(kind: BulkKind, period: Period) -> str:
    return f"{kind.slug}-{period}.xlsx"


# -- reading an upload -----------------------------------------------------------------------------


class UploadError(Exception):
    """A file that is not a filled template (the message says why, in Norwegian)."""


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _json_value(value):
    """A cell as JSON holds it: dates and times as text (a number cell with a date is refused anyway)."""
    if isinstance(value, datetime.date | datetime.datetime | datetime.time):
        return value.isoformat()
    return value


def _heading(rows: list[spreadsheets.Row]) -> tuple[BulkKind, Period]:
    found = {}
    for row in rows[:10]:
        label = _cell_text(row.values[0]).casefold() if row.values else ""
        if label in (KIND_LABEL.casefold(), PERIOD_LABEL.casefold()) and len(row.values) > 1:
            found.setdefault(label, _cell_text(row.values[1]))
    slug, period_text = found.get(KIND_LABEL.casefold(), ""), found.get(PERIOD_LABEL.casefold(), "")
    kind = kind_of(slug)
    if kind is None:
        raise UploadError(
            "Filen er ikke en mal for tall fra Excel: cellen «Skjema» øverst mangler eller er endret. "
            "Last ned en ny mal og fyll ut den."
        )
    try:
        period = Period.parse(period_text)
    except InvalidPeriod:
        raise UploadError(
            f"Cellen «Periode» øverst i filen har «{period_text[:20]}», som ikke er en periode. "
            "Last ned en ny mal for perioden og fyll ut den."
        ) from None
    error = kind.period_error(period)
    if error:
        raise UploadError(error)
    return kind, period


def upload_read(upload, *, user) -> BulkUpload:
    """Read an uploaded, filled template into a BulkUpload (not saved figures: a preview), or raise UploadError."""
    name = upload.name or "fil"
    try:
        data = spreadsheets.upload_bytes(upload, LIMITS)
        if not name.lower().endswith(".xlsx"):
            raise spreadsheets.SpreadsheetError("Last opp malen som .xlsx-fil, slik den ble lastet ned.")
        table = spreadsheets.read_xlsx(data, LIMITS)
    except spreadsheets.SpreadsheetError as error:
        raise UploadError(str(error)) from None
    kind, period = _heading(table)
    header = next((row for row in table if row.values and _cell_text(row.values[0]) == kind.key_headers[0]), None)
    if header is None:
        raise UploadError(
            f"Filen mangler raden med kolonnenavnene (den som begynner med «{kind.key_headers[0]}»). "
            "Last ned en ny mal og fyll ut den."
        )
    rows = [
        {
            "row": row.number,
            "values": [_json_value(value) for value in row.values],
            "formulas": sorted(row.formulas),
        }
        for row in table
        if row.number >= header.number
    ]
    return BulkUpload.objects.create(
        created_by=user, filename=name[:255], checksum=hashlib.sha256(data).hexdigest(), rows=rows,
        kind=kind.slug, period=period,
    )  # fmt: skip


# -- the plan --------------------------------------------------------------------------------------

CHANGE, REFUSED = "change", "refused"
STATUS_LABELS = {CHANGE: "Endres", REFUSED: "Avvist"}


@dataclass
class PlannedCell:
    """A cell of the file that would change a stored figure, or that is refused."""

    cell: str  # "D7"; for a row refused as a whole, its first column
    what: str  # the row: "BPA", "S.3.1 – Brukertorget"
    label: str  # the column: "Antall brukere > 18 år"
    old: str
    new: str
    status: str
    reason: str = ""
    warning: str = ""  # room for a plausibility note (a figure far from last year's), shown beside it

    @property
    def status_label(self) -> str:
        """ "Avvist", "Endres", or "Nytt" where nothing was stored."""
        if self.status == CHANGE and self.old == nb_number(None):
            return "Nytt"
        return STATUS_LABELS[self.status]


@dataclass
class PlannedRow:
    line: Line
    instance: TrackedModel
    cells: list[PlannedCell] = field(default_factory=list)
    changed_fields: dict[str, str] = field(default_factory=dict)  # field -> its cell ("D7"), when it may change
    questions: dict[str, plausibility.Warning] = field(default_factory=dict)  # implausible ones, by field

    @property
    def changes(self) -> bool:
        return any(cell.status == CHANGE for cell in self.cells)


@dataclass
class Plan:
    kind: BulkKind
    period: Period
    cells: list[PlannedCell]
    rows: list[PlannedRow]  # the file's rows with figures, each with its stored (or new) row
    unchanged: int = 0  # figures in the file equal to what is stored

    @property
    def changed(self) -> list[PlannedCell]:
        return [cell for cell in self.cells if cell.status == CHANGE]

    @property
    def refused(self) -> list[PlannedCell]:
        return [cell for cell in self.cells if cell.status == REFUSED]

    @property
    def to_save(self) -> list[PlannedRow]:
        return [row for row in self.rows if row.changes]

    @property
    def can_save(self) -> bool:
        return not self.refused and bool(self.changed)

    @property
    def has_warnings(self) -> bool:
        return any(cell.warning for cell in self.cells)

    @property
    def questioned(self) -> list[tuple]:
        """(row, field, warning) of every implausible figure saving would store: confirming the upload confirms them."""
        return [(row.instance, name, warning) for row in self.to_save for name, warning in row.questions.items()]

    @property
    def shown(self) -> dict[str, TrackedModel | None]:
        """Every stored (or new) row the file has figures for, by reference: what the preview held."""
        return {row.line.reference: row.instance for row in self.rows}

    @property
    def labels(self) -> dict[str, str]:
        return {row.line.reference: row.line.title for row in self.rows}


def _number(value, rule: Value) -> Decimal:
    """A cell's figure, or ValueError with the reason."""
    if isinstance(value, bool):
        raise ValueError(f"Cellen har «{'SANN' if value else 'USANN'}», ikke et tall.")
    if isinstance(value, int | float):
        number = Decimal(str(value))
    else:
        text = str(value).strip()
        if text.endswith("%"):
            raise ValueError(f"«{text[:40]}» har prosenttegn. Skriv bare tallet, for eksempel 54,55.")
        try:
            number = parse_number(text)
        except ValueError:
            if len(text) == 10 and text[4:5] == "-":
                raise ValueError(f"Cellen har en dato ({text}), ikke et tall.") from None
            raise ValueError(f"«{text[:40]}» er tekst, ikke et tall.") from None
    if rule.minimum is not None and rule.minimum == 0 and number < 0:
        raise ValueError(f"{shown(number)} er negativt. Tallet kan ikke være negativt.")
    if rule.whole and number != number.to_integral_value():
        raise ValueError(f"{shown(number)} er ikke et helt tall. Her skal det stå {rule.rule}.")
    too_low = rule.minimum is not None and number < rule.minimum
    if too_low or (rule.maximum is not None and number > rule.maximum):
        raise ValueError(f"{shown(number)} er utenfor det tillatte: her skal det stå {rule.rule}.")
    return number


def _equal(old, new: Decimal) -> bool:
    try:
        return old is not None and Decimal(old) == new
    except (InvalidOperation, TypeError):
        return False


def plan_build(upload: BulkUpload) -> Plan:
    """What saving the upload would do, cell by cell, against the database as it is now; nothing is saved."""
    kind = kind_of(upload.kind)
    period = upload.period
    header, *data = upload.rows or [{"values": []}]
    headers = [_cell_text(value) for value in header["values"]]
    columns = {}  # file column (0-based) -> Value, key part index, or None (does not belong)
    known_values = {value.header.casefold(): value for value in kind.columns}
    key_index = {name.casefold(): i for i, name in enumerate(kind.key_headers)}
    labels = {name.casefold() for name in kind.label_headers}
    for index, name in enumerate(headers):
        folded = name.casefold()
        if folded in known_values:
            columns[index] = known_values[folded]
        elif folded in key_index:
            columns[index] = key_index[folded]
        elif folded in labels:
            columns[index] = "label"
        else:
            columns[index] = None
    cells: list[PlannedCell] = []
    rows: list[PlannedRow] = []
    seen: dict[tuple, int] = {}
    unchanged = 0
    # Read once for the whole file, not once per row: the template's rows and what they hold, the
    # active locks, and the rows of the year that one source per period compares with.
    template_lines = {line.key: line for line in kind.lines(period)}
    stored = stored_rows(kind, period, list(template_lines.values()))
    locks = list(PeriodLock.objects.active())
    year_rows = None
    if kind.model.source_series:
        year_rows = list(kind.model._base_manager.filter(**{f"{kind.model.lock_field}__startswith": str(period.year)}))
    relations = [f.name for f in kind.model._meta.concrete_fields if f.is_relation]

    def refuse(where: str, what: str, label: str, value, reason: str) -> None:
        cells.append(PlannedCell(where, what, label, "", _cell_text(value)[:40], REFUSED, reason))

    for row in data:
        number, values, formulas = row["row"], row["values"], set(row.get("formulas", ()))
        key = ["" for _ in kind.key_headers]
        figures = []  # (column, Value or None, value)
        for index, value in enumerate(values):
            column = columns.get(index)
            has_content = value not in (None, "") or (index + 1) in formulas
            if isinstance(column, int):
                key[column] = _cell_text(value)
            elif column == "label":
                continue
            elif has_content:
                figures.append((index, column, value))
        figures += [(i - 1, columns.get(i - 1), None) for i in formulas if i - 1 >= len(values)]
        key = tuple(key)

        def where(index: int, number: int = number) -> str:
            return f"{get_column_letter(index + 1)}{number}"

        if not any(key) and not figures:
            continue
        name = " / ".join(part for part in key if part) or "(uten kode)"
        if not figures:
            continue  # a row without figures changes nothing, whatever its key
        if not any(key):
            refuse(where(0), name, kind.key_headers[0], "", f"Raden har tall, men ingen {kind.key_headers[0].lower()}.")
            continue
        line = template_lines.get(key)  # a row as the template wrote it; any other is looked up by its key
        if line is None:
            try:
                line = kind.find(period, key)
            except Refusal as refusal:
                refuse(where(0), name, kind.key_headers[0], key[0], str(refusal))
                continue
        if line.key in seen:
            refuse(where(0), line.title, kind.key_headers[0], key[0],
                   f"Raden står to ganger i filen: også på rad {seen[line.key]}.")  # fmt: skip
            continue
        seen[line.key] = number
        if line.key in template_lines:
            instance = stored.get(line.key) or kind.model(**line.lookup)
        else:
            instance = kind.model._base_manager.filter(**line.lookup).first() or kind.model(**line.lookup)
        planned = PlannedRow(line, instance)
        rows.append(planned)
        new_values = {}
        for index, column, value in figures:
            label = column.header if isinstance(column, Value) else (headers[index] if index < len(headers) else "")
            if column is None:
                refuse(where(index), line.title, label or f"Kolonne {get_column_letter(index + 1)}", value,
                       "Kolonnen hører ikke til malen. Flytt tallet til riktig kolonne, eller slett det.")  # fmt: skip
                continue
            rule = line.values.get(column.field)
            if rule is None:
                refuse(where(index), line.title, column.header, value,
                       "Raden har ikke dette tallet (cellen er grå i malen). La cellen stå tom.")  # fmt: skip
                continue
            if (index + 1) in formulas:
                planned.cells.append(PlannedCell(where(index), line.title, column.header, "", "(formel)", REFUSED,
                                                 "Cellen har en formel. Skriv tallet i stedet."))  # fmt: skip
                continue
            old = getattr(instance, column.field)
            try:
                new = _number(value, rule)
            except ValueError as error:
                planned.cells.append(PlannedCell(where(index), line.title, column.header, shown(old),
                                                 _cell_text(value)[:40], REFUSED, str(error)))  # fmt: skip
                continue
            if _equal(old, new):
                unchanged += 1
                continue
            new_values[column.field] = (where(index), new)
            planned.cells.append(PlannedCell(where(index), line.title, column.header, shown(old), shown(new), CHANGE))
        if not new_values or any(cell.status == REFUSED for cell in planned.cells):
            cells += planned.cells
            continue
        for name_, (_, new) in new_values.items():
            setattr(instance, name_, new)
        instance._active_locks, instance._year_rows = locks, year_rows
        try:
            # The row's own keys were found above (`find`): no query per row to see that they exist.
            instance.full_clean(exclude=["version", *(n for n in line.lookup if n in relations)], validate_unique=False)
        except ValidationError as error:
            _refuse_cells(planned, error, new_values)
        else:
            planned.changed_fields = {name_: where_ for name_, (where_, _) in new_values.items()}
        cells += planned.cells
    _question(rows)
    return Plan(kind, period, cells, rows, unchanged)


def _question(rows: list[PlannedRow]) -> None:
    """Mark every figure far from its own history (horeport/plausibility.py) beside its cell, in one look-up."""
    pairs = [(row, name) for row in rows for name in row.changed_fields]
    warnings = plausibility.rows_check([(row.instance, name) for row, name in pairs])
    for (row, name), warning in zip(pairs, warnings, strict=True):
        if warning is None:
            continue
        row.questions[name] = warning
        next(cell for cell in row.cells if cell.cell == row.changed_fields[name]).warning = warning.reason


def _refuse_cells(planned: PlannedRow, error: ValidationError, new_values: dict) -> None:
    """The write path's refusal (a lock, one source per period, a field's own rule) on the cells it concerns."""
    by_field = error.message_dict if hasattr(error, "error_dict") else {NON_FIELD_ERRORS: error.messages}
    cells_by_field = {name: where for name, (where, _) in new_values.items()}
    for cell in planned.cells:
        name = next((n for n, where in cells_by_field.items() if where == cell.cell), None)
        own = by_field.get(name, [])
        general = [m for n, messages in by_field.items() if n not in cells_by_field for m in messages]
        reasons = own + general
        if reasons:
            cell.status, cell.reason = REFUSED, " ".join(dict.fromkeys(reasons))


# -- saving --------------------------------------------------------------------------------------


class UploadRefused(Exception):
    """Nothing was saved: the plan has refused cells, rows changed since the preview (`changed`),
    or a save failed."""

    def __init__(self, message: str, plan: Plan | None = None, changed: list[str] | None = None):
        super().__init__(message)
        self.plan = plan
        self.changed = changed or []


def preview_record(upload: BulkUpload, plan: Plan) -> None:
    """Remember what the preview showed; confirming holds the upload to it."""
    upload.versions_record(plan.shown)


def upload_save(*, upload: BulkUpload, user) -> Plan:
    """Save every changed figure of the upload, or none: re-planned against the database as it is now."""
    if upload.saved_at is not None:
        raise UploadRefused(f"Denne filen ble lagret {timezone.localtime(upload.saved_at):%d.%m.%Y kl. %H:%M}.")
    try:
        with transaction.atomic():
            plan = plan_build(upload)
            if plan.refused:
                raise UploadRefused(
                    "Filen er ikke lagret: noen celler kan ikke lagres. Rett dem i filen og last den opp på nytt.", plan
                )
            changed = upload.changed_since_preview(plan.shown, plan.labels)
            if changed:
                raise UploadRefused(
                    f"Filen er ikke lagret, ingen tall er endret: {len(changed)} av radene i filen er endret etter "
                    "forhåndsvisningen. Se gjennom forhåndsvisningen på nytt før du lagrer.",
                    plan,
                    changed,
                )
            if not plan.can_save:
                raise UploadRefused("Filen er ikke lagret: den har ingen nye eller endrede tall.", plan)
            for row in plan.to_save:
                row.instance._change_reason = f"Tall fra Excel: {upload.filename}"
                row.instance._history_user = user
                row.instance.save()
            saved = [(row.instance, name) for row in plan.to_save for name in row.changed_fields]
            plausibility.figures_record(saved, plan.questioned, user=user)
            upload.saved_at = timezone.now()
            upload.summary = f"{len(plan.changed)} tall endret i {len(plan.to_save)} rader, {plan.unchanged} uendret"
            upload.save(update_fields=["saved_at", "summary"])
    except ValidationError as error:  # a lock or someone else's save between the plan and the save
        raise UploadRefused("Filen er ikke lagret, ingen tall er endret: " + " ".join(error.messages)) from None
    except IntegrityError:
        raise UploadRefused(
            "Filen er ikke lagret, ingen tall er endret: noen av tallene ble registrert av en annen i mellomtiden. "
            "Last opp filen på nytt for å se hva som gjenstår."
        ) from None
    return plan


def plan_text(plan: Plan) -> str:
    """The preview as text (the management command prints it)."""
    lines = [f"{plan.kind.title} for {plan.period.label}: {len(plan.changed)} endres, "
             f"{len(plan.refused)} avvist, {plan.unchanged} uendret."]  # fmt: skip
    for cell in plan.cells:
        if cell.status == CHANGE:
            note = f"  (merknad: {cell.warning})" if cell.warning else ""
            lines.append(f"  {cell.cell}  {cell.what}, {cell.label}: {cell.old} → {cell.new}{note}")
        else:
            lines.append(f"  {cell.cell}  {cell.what}, {cell.label}: AVVIST – {cell.reason}")
    return "\n".join(lines)


@contributes("notices")
def notices() -> list[Notice]:
    """Uploads of figures read and previewed lately, but not saved."""
    since = timezone.now() - datetime.timedelta(days=NOTICE_DAYS)
    pending = BulkUpload.objects.filter(saved_at__isnull=True, created_at__gte=since).select_related("created_by")
    return [
        Notice(
            "Tall fra Excel",
            f"Opplastingen av «{upload.filename}» ({upload.period.label}; "
            f"{nb_date(timezone.localdate(upload.created_at))}, "
            f"{upload.created_by.get_full_name() or upload.created_by.get_username()}) er ikke lagret.",
            reverse("bulk_preview", args=[upload.pk]),
            "Se forhåndsvisningen",
        )
        for upload in pending.order_by("-created_at")[:10]
    ]
