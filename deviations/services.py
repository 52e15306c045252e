"""Import of a register extract (.xlsx or .csv) and export of deviations to Excel.

The import is two steps: `extract_read` turns an uploaded file into plain rows (kept in an
`ImportBatch`), `import_plan` says for every row whether it would be added, changed, left
unchanged or refused and why, and `import_save` saves the plan whole or not at all. A row is
matched on its case reference, so importing the same file twice adds nothing.

The export writes the same columns, so an exported file can be imported again.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from deviations.models import Category, Deviation, ImportBatch, Severity, Status
from horeport import jobs, spreadsheets, workbooks
from horeport.formatting import nb_date, nb_datetime, nb_number
from horeport.models import PeriodLock, ServiceUnit

IMMEDIATE_BYTES = 5 * 1024 * 1024
CHUNK_ROWS = 2_000  # a large file is read, planned and saved this many rows at a time
LISTED_ROWS = 300  # the rows a large file's preview lists (added or changed), besides the refused
REFUSED_ROWS = 1_000  # the refused rows a large file's preview lists


def immediate_limits() -> spreadsheets.Limits:
    """What a file read at once in the request may hold; a larger one is read by jobs."""
    return spreadsheets.Limits(bytes=IMMEDIATE_BYTES, rows=settings.IMPORT_IMMEDIATE_ROWS, columns=100)


def background_limits() -> spreadsheets.Limits:
    """What a file read in chunks by the jobs may hold (the product's full export, and more)."""
    size = settings.IMPORT_MAX_MB * 1024 * 1024
    return spreadsheets.Limits(
        bytes=size, rows=settings.IMPORT_MAX_ROWS, columns=100, cells=settings.IMPORT_MAX_ROWS * 20,
        unpacked_bytes=20 * size, seconds=6 * 60 * 60,
    )  # fmt: skip


@dataclass(frozen=True)
class ExtractColumn:
    header: str  # the column name in the file
    field: str  # the Deviation field it fills
    required: bool
    aliases: tuple[str, ...] = ()


COLUMNS = [
    ExtractColumn("Saksnummer", "reference", True, ("saksnr", "saksnr.", "referanse")),
    ExtractColumn("Kategori", "category", True, ("type avvik", "avvikstype")),
    ExtractColumn("Virksomhet", "unit", True, ("enhet",)),
    ExtractColumn("Hendelsesdato", "occurred_on", True, ("hendelse dato", "dato for hendelsen")),
    ExtractColumn("Registrert", "registered_on", True, ("registrert dato", "meldt dato")),
    ExtractColumn("Alvorlighetsgrad", "severity", True, ("alvorlighet", "konsekvens")),
    ExtractColumn("Hva skjedde", "description", True, ("beskrivelse", "hendelse")),
    ExtractColumn("Strakstiltak", "immediate_action", False),
    ExtractColumn("Tiltak", "measures", False),
    ExtractColumn("Læring", "learning", False),
    ExtractColumn("Status", "status", True),
    ExtractColumn("Lukket", "closed_on", False, ("lukket dato", "dato lukket")),
    ExtractColumn("Til sykehus", "to_hospital", False, ("avvik til sykehus",)),
    ExtractColumn("Sykehus", "counterpart", False),
]
DATE_FIELDS = {"occurred_on", "registered_on", "closed_on"}
TRUE_WORDS = {"ja", "j", "x", "1", "true", "sann"}
FALSE_WORDS = {"", "nei", "n", "0", "false", "usann"}


class ExtractError(Exception):
    """A file that cannot be read as a register extract (the message says why, in Norwegian)."""


class ExtractTooLarge(Exception):
    """A file too large to read in the request: it is previewed and saved by jobs instead."""


def _normalise(text) -> str:
    return " ".join(str(text or "").split()).casefold()


_HEADERS = {}
for _column in COLUMNS:
    for _name in (_column.header, *_column.aliases):
        _HEADERS[_normalise(_name)] = _column


# -- reading the file ----------------------------------------------------------------------------


@dataclass
class Extract:
    filename: str
    checksum: str
    rows: list[dict]  # {"row": number in the file, "values": {field: text}}
    fields: list[str]  # the fields the file has a column for
    ignored_columns: list[str] = field(default_factory=list)


def extract_read(upload) -> Extract:
    """Read an uploaded .xlsx or .csv file into rows of text, or raise ExtractError."""
    name = upload.name or "fil"
    limits = immediate_limits()
    largest = background_limits().bytes
    if upload.size is not None and upload.size > largest:
        raise ExtractError(f"Filen er for stor. Den kan være høyst {nb_number(largest / 1024 / 1024)} MB.")
    if upload.size is not None and upload.size > limits.bytes:
        raise ExtractTooLarge
    try:
        data = spreadsheets.upload_bytes(upload, limits)
        table = spreadsheets.read_table(name, data, limits)
    except spreadsheets.TooManyRows:
        raise ExtractTooLarge from None
    except spreadsheets.SpreadsheetError as error:
        raise ExtractError(str(error)) from None
    if not table:
        raise ExtractError("Filen har ingen rader.")
    header, *data_rows = table
    columns, ignored = _match_headers(header.values)
    if not data_rows:
        raise ExtractError("Filen har kolonnenavn, men ingen avvik under dem.")
    extracted = []
    for row in data_rows:
        cells = row.values
        values = {column.field: _text(cells[i]) if i < len(cells) else "" for i, column in columns.items()}
        extracted.append({"row": row.number, "values": values})
    return Extract(
        filename=name[:255],
        checksum=hashlib.sha256(data).hexdigest(),
        rows=extracted,
        fields=[column.field for column in columns.values()],
        ignored_columns=ignored,
    )


def _match_headers(header_row: list) -> tuple[dict[int, ExtractColumn], list[str]]:
    columns: dict[int, ExtractColumn] = {}
    ignored = []
    seen = set()
    for i, value in enumerate(header_row):
        column = _HEADERS.get(_normalise(value))
        if column is None:
            if _text(value):
                ignored.append(_text(value))
            continue
        if column.field in seen:
            raise ExtractError(f"Kolonnen «{column.header}» står to ganger i første rad.")
        seen.add(column.field)
        columns[i] = column
    missing = [c.header for c in COLUMNS if c.required and c.field not in seen]
    if missing:
        expected = ", ".join(c.header for c in COLUMNS if c.required)
        raise ExtractError(
            f"Filen mangler {'kolonnen' if len(missing) == 1 else 'kolonnene'} {', '.join(missing)}. "
            f"Første rad må ha kolonnenavnene {expected} (og gjerne Strakstiltak, Tiltak, Læring, "
            "Lukket, Til sykehus, Sykehus)."
        )
    return columns, ignored


def _text(value) -> str:
    """A cell as text: dates in ISO form, whole numbers without ".0"."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time(0) else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# -- planning ------------------------------------------------------------------------------------

ADD, CHANGE, UNCHANGED, REFUSED = "add", "change", "unchanged", "refused"
ACTION_LABELS = {ADD: "Legges til", CHANGE: "Endres", UNCHANGED: "Uendret", REFUSED: "Avvist"}


@dataclass
class PlannedRow:
    number: int
    reference: str
    action: str
    changes: list[tuple[str, str, str]] = field(default_factory=list)  # (field label, before, after)
    errors: list[str] = field(default_factory=list)
    instance: Deviation | None = None

    @property
    def action_label(self) -> str:
        return ACTION_LABELS[self.action]

    def listed(self) -> dict:
        """The row as a preview lists it (plain values: a large file's preview keeps it as JSON)."""
        detail = ""
        if self.action == ADD and self.instance is not None:
            detail = (
                f"{self.instance.category}, {self.instance.unit}, registrert {nb_date(self.instance.registered_on)}"
            )
        return {
            "number": self.number, "reference": self.reference, "action": self.action,
            "action_label": self.action_label, "errors": self.errors, "changes": [list(c) for c in self.changes],
            "detail": detail,
        }  # fmt: skip


@dataclass
class Summary:
    """What a preview page shows: the counts, and the rows it lists."""

    added: int
    changed: int
    unchanged: int
    refused: int
    listed: list[dict]
    not_listed: int = 0  # rows that would be added, changed or refused but are not listed
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def to_save(self) -> int:
        return self.added + self.changed

    @property
    def can_save(self) -> bool:
        return not self.refused and bool(self.to_save)


@dataclass
class Plan:
    rows: list[PlannedRow]

    def of(self, action: str) -> list[PlannedRow]:
        return [row for row in self.rows if row.action == action]

    @property
    def added(self):
        return self.of(ADD)

    @property
    def changed(self):
        return self.of(CHANGE)

    @property
    def unchanged(self):
        return self.of(UNCHANGED)

    @property
    def refused(self):
        return self.of(REFUSED)

    @property
    def listed(self):
        """The rows the preview lists: everything that would be added, changed or refused."""
        return [row for row in self.rows if row.action != UNCHANGED]

    @property
    def to_save(self) -> int:
        return len(self.added) + len(self.changed)

    @property
    def can_save(self) -> bool:
        return not self.refused and bool(self.added or self.changed)

    def summary(self) -> Summary:
        return Summary(
            len(self.added), len(self.changed), len(self.unchanged), len(self.refused),
            [row.listed() for row in self.listed],
        )  # fmt: skip


def _label(field_name: str) -> str:
    label = str(Deviation._meta.get_field(field_name).verbose_name)
    return label[:1].upper() + label[1:]


def _parse_date(text: str) -> datetime.date:
    for pattern in ("%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y", "%Y-%m-%dT%H:%M:%S"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(f"«{text}» er ikke en dato. Skriv for eksempel 31.12.2016.")


def _parse_severity(text: str) -> int:
    lowered = _normalise(text)
    for value, label in Severity.choices:
        name = label.split("–", 1)[1].strip().casefold()
        if lowered in (str(value), name, _normalise(label)):
            return value
    raise ValueError(f"«{text}» er ikke en alvorlighetsgrad. Bruk 1, 2, 3 eller 4.")


def _parse_status(text: str) -> str:
    lowered = _normalise(text).replace("_", " ")
    for value, label in Status.choices:
        if lowered in (value.replace("_", " "), label.casefold()):
            return value
    raise ValueError(f"«{text}» er ikke en status. Bruk Registrert, Under behandling eller Lukket.")


def _parse_bool(text: str) -> bool:
    lowered = _normalise(text)
    if lowered in TRUE_WORDS:
        return True
    if lowered in FALSE_WORDS:
        return False
    raise ValueError(f"«{text}» må være Ja eller Nei.")


class _Lookups:
    """Categories, units (with their validity and successors) and the active period locks, read
    once per plan (a large file's: once)."""

    def __init__(self):
        self.locks = list(PeriodLock.objects.active())
        self.categories = {_normalise(c.name): c for c in Category.objects.all()}
        self.units = {}
        # The successors come along: a row refused for a unit that had ended names them.
        for unit in ServiceUnit.objects.prefetch_related("successors"):
            self.units[_normalise(unit.name)] = unit
            if unit.short_name:
                self.units.setdefault(_normalise(unit.short_name), unit)

    def category(self, text: str) -> Category:
        try:
            return self.categories[_normalise(text)]
        except KeyError:
            raise ValueError(
                f"Ukjent kategori «{text}». En administrator kan legge den til under Avvik → Kategorier."
            ) from None

    def unit(self, text: str) -> ServiceUnit:
        try:
            return self.units[_normalise(text)]
        except KeyError:
            raise ValueError(
                f"Ukjent virksomhet «{text}». En administrator kan legge den til under Innstillinger → Virksomheter."
            ) from None


def _parse_values(values: dict[str, str], lookups: _Lookups) -> tuple[dict, list[str]]:
    parsed, errors = {}, []
    for name, text in values.items():
        try:
            if name in DATE_FIELDS:
                parsed[name] = _parse_date(text) if text else None
            elif name == "category":
                parsed[name] = lookups.category(text) if text else None
            elif name == "unit":
                parsed[name] = lookups.unit(text) if text else None
            elif name == "severity":
                parsed[name] = _parse_severity(text) if text else None
            elif name == "status":
                parsed[name] = _parse_status(text) if text else None
            elif name == "to_hospital":
                parsed[name] = _parse_bool(text)
            else:
                parsed[name] = text
        except ValueError as error:
            errors.append(f"{_column_header(name)}: {error}")
    for name in ("reference", "category", "unit", "occurred_on", "registered_on", "severity", "status",
                 "description"):  # fmt: skip
        if (
            name in values
            and parsed.get(name) in (None, "")
            and not any(e.startswith(_column_header(name)) for e in errors)
        ):
            errors.append(f"{_column_header(name)}: Feltet må fylles ut.")
    return parsed, errors


def _column_header(field_name: str) -> str:
    return next(c.header for c in COLUMNS if c.field == field_name)


def _display(field_name: str, value) -> str:
    if value is None or value == "":
        return "–"
    if field_name in DATE_FIELDS:
        return nb_date(value)
    if field_name == "severity":
        return Severity(value).label
    if field_name == "status":
        return Status(value).label
    if field_name == "to_hospital":
        return "Ja" if value else "Nei"
    return str(value)


def _current(instance: Deviation, name: str):
    return getattr(instance, f"{name}_id") if name in ("category", "unit") else getattr(instance, name)


def _new(value, name: str):
    return value.pk if name in ("category", "unit") and value is not None else value


def import_plan(rows: list[dict], *, lookups: _Lookups | None = None, seen: dict[str, int] | None = None) -> Plan:
    """What importing these rows would do, row by row, without saving anything. A large file is
    planned a chunk at a time, with the same `lookups` and `seen` (references and their row)."""
    lookups = lookups or _Lookups()
    references = [row["values"].get("reference", "").strip() for row in rows]
    existing = {
        d.reference: d
        for d in Deviation.objects.filter(reference__in=[r for r in references if r]).select_related("category", "unit")
    }
    seen = {} if seen is None else seen
    planned = []
    for row in rows:
        number, values = row["row"], row["values"]
        reference = values.get("reference", "").strip()
        parsed, errors = _parse_values(values, lookups)
        if reference and reference in seen:
            errors.append(f"Saksnummeret står også på rad {seen[reference]} i filen.")
        elif reference:
            seen[reference] = number
        if errors:
            planned.append(PlannedRow(number, reference, REFUSED, errors=errors))
            continue

        instance = existing.get(reference)
        action = CHANGE if instance is not None else ADD
        if instance is None:
            instance = Deviation()
        changes = []
        for name, value in parsed.items():
            if name == "reference":
                continue
            before = _current(instance, name)
            if action == CHANGE and before == _new(value, name):
                continue
            if action == CHANGE:
                old_display = _display(name, getattr(instance, name))
                changes.append((_label(name), old_display, _display(name, value)))
            setattr(instance, name, value)
        instance.reference = reference
        if action == CHANGE and not changes:
            planned.append(PlannedRow(number, reference, UNCHANGED, instance=instance))
            continue
        instance._active_locks = lookups.locks
        try:
            # The category and unit were found by name above: no query per row to see that they exist.
            instance.full_clean(exclude=["version", "category", "unit"], validate_unique=False)
        except ValidationError as error:
            planned.append(PlannedRow(number, reference, REFUSED, errors=_messages(error)))
            continue
        planned.append(PlannedRow(number, reference, action, changes=changes, instance=instance))
    return Plan(planned)


def _messages(error: ValidationError) -> list[str]:
    if not hasattr(error, "error_dict"):
        return list(error.messages)
    messages = []
    for name, field_errors in error.message_dict.items():
        for message in field_errors:
            if name == NON_FIELD_ERRORS:
                messages.append(message)
            else:
                header = next((c.header for c in COLUMNS if c.field == name), _label(name))
                messages.append(f"{header}: {message}")
    return messages


def import_batch_create(*, extract: Extract, user) -> ImportBatch:
    return ImportBatch.objects.create(
        created_by=user, filename=extract.filename, checksum=extract.checksum, rows=extract.rows
    )


def import_preview_record(*, batch: ImportBatch, plan: Plan) -> None:
    """Remember what the preview showed: the version of every deviation it would change, and the
    references it would add. Confirming refuses the import if any of them changed since."""
    batch.versions_record({row.reference: row.instance for row in [*plan.added, *plan.changed]})


def _changed_since_preview(batch: ImportBatch, plan: Plan) -> list[str]:
    """The rows that differ now from what the preview showed, each saying who changed it."""
    return batch.changed_since_preview({row.reference: row.instance for row in plan.rows if row.instance is not None})


class ImportRefused(Exception):
    """The import was not saved (nothing was): the plan has refused rows, rows changed since the
    preview (`changed`, one line each), or a save failed."""

    def __init__(self, message: str, plan: Plan | None = None, changed: list[str] | None = None):
        super().__init__(message)
        self.plan = plan
        self.changed = changed or []


def import_save(*, batch: ImportBatch, user) -> Plan:
    """Save every row of the batch, or none: re-plans against the register as it is now."""
    if batch.saved_at is not None:
        raise ImportRefused(f"Denne filen ble lagret {nb_datetime(batch.saved_at)}.")
    try:
        with transaction.atomic():
            plan = import_plan(batch.rows)
            if plan.refused:
                raise ImportRefused(
                    "Filen er ikke lagret: noen rader kan ikke lagres. Rett dem i filen og last den opp på nytt.",
                    plan,
                )
            changed = _changed_since_preview(batch, plan)
            if changed:
                raise ImportRefused(
                    f"Filen er ikke lagret, ingen rader er endret: {len(changed)} av avvikene i filen er endret i "
                    "registeret etter forhåndsvisningen. Se gjennom forhåndsvisningen på nytt før du lagrer.",
                    plan,
                    changed,
                )
            if not plan.can_save:
                raise ImportRefused("Filen er ikke lagret: den har ingen nye eller endrede avvik.", plan)
            for row in [*plan.added, *plan.changed]:
                row.instance._change_reason = f"Import fra {batch.filename}"
                row.instance._history_user = user
                row.instance.save()
            batch.saved_at = timezone.now()
            batch.summary = f"{len(plan.added)} lagt til, {len(plan.changed)} endret, {len(plan.unchanged)} uendret"
            batch.save(update_fields=["saved_at", "summary"])
    except ValidationError as error:  # a lock or someone else's save between preview and confirmation
        raise ImportRefused("Filen er ikke lagret, ingen rader er endret: " + " ".join(error.messages)) from None
    except IntegrityError:  # the same case reference saved by someone else meanwhile
        raise ImportRefused(
            "Filen er ikke lagret, ingen rader er endret: noen av avvikene ble registrert av en annen i mellomtiden. "
            "Last opp filen på nytt for å se hva som gjenstår."
        ) from None
    return plan


# -- a large file, in the background (deviations/tasks.py) ---------------------------------------
#
# The file stays on disk and is read a chunk of CHUNK_ROWS rows at a time (one lookup query per
# chunk); no list of every row, and no model instance beyond the current chunk, is ever held. The
# preview keeps counts and the rows it lists; confirming re-plans every chunk against the register
# as it is then, and refuses the whole file if a row is refused or if the history has a change to
# any of the file's references since the preview began (someone else's save, addition or deletion).


def import_batch_keep(*, upload, user) -> ImportBatch:
    """Keep a large upload on disk for the preview and saving jobs."""
    name = (upload.name or "fil")[:255]
    path = jobs.upload_keep(upload, name)
    checksum = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(1024 * 1024):
            checksum.update(chunk)
    return ImportBatch.objects.create(
        created_by=user, filename=name, checksum=checksum.hexdigest(),
        path=str(path.relative_to(jobs.job_root())),
    )  # fmt: skip


def _file_rows(batch: ImportBatch):
    try:
        yield from spreadsheets.iter_table(batch.filename, jobs.job_root() / batch.path, background_limits())
    except FileNotFoundError:
        raise ExtractError("Den opplastede filen finnes ikke lenger. Last den opp på nytt.") from None
    except spreadsheets.SpreadsheetError as error:
        raise ExtractError(str(error)) from None


def _chunks(batch: ImportBatch, ignored: list[str] | None = None):
    """The file's rows as the import reads them ({"row", "values"}), a chunk at a time."""
    rows = _file_rows(batch)
    header = next(rows, None)
    if header is None:
        raise ExtractError("Filen har ingen rader.")
    columns, ignored_columns = _match_headers(header.values)
    if ignored is not None:
        ignored.extend(ignored_columns)
    chunk, any_rows = [], False
    for row in rows:
        cells = row.values
        values = {column.field: _text(cells[i]) if i < len(cells) else "" for i, column in columns.items()}
        chunk.append({"row": row.number, "values": values})
        if len(chunk) >= CHUNK_ROWS:
            any_rows = True
            yield chunk
            chunk = []
    if chunk:
        yield chunk
    elif not any_rows:
        raise ExtractError("Filen har kolonnenavn, men ingen avvik under dem.")


def import_count(batch: ImportBatch) -> int:
    """The rows below the column names, counted by reading the file once (for the progress bar)."""
    return max(sum(1 for _ in _file_rows(batch)) - 1, 0)


def import_preview_large(*, batch: ImportBatch, progress=None) -> Summary:
    """Plan a large file chunk by chunk and keep what its preview shows on the batch."""
    previewed_at = timezone.now()  # a change from here on refuses the confirmation
    lookups, seen, ignored = _Lookups(), {}, []
    counts = dict.fromkeys(ACTION_LABELS, 0)
    refused, listed = [], []
    for chunk in _chunks(batch, ignored):
        for row in import_plan(chunk, lookups=lookups, seen=seen).rows:
            counts[row.action] += 1
            if row.action == REFUSED and len(refused) < REFUSED_ROWS:
                refused.append(row.listed())
            elif row.action in (ADD, CHANGE) and len(listed) < LISTED_ROWS:
                listed.append(row.listed())
        if progress is not None:
            progress(len(chunk))
    batch.row_count = sum(counts.values())
    batch.previewed_at = previewed_at
    batch.preview = {"counts": counts, "listed": [*refused, *listed], "ignored": ignored}
    batch.save(update_fields=["row_count", "previewed_at", "preview"])
    return batch_summary(batch)


def batch_summary(batch: ImportBatch) -> Summary | None:
    """What a large file's preview showed (None: not previewed yet)."""
    if not batch.preview:
        return None
    counts, listed = batch.preview["counts"], batch.preview["listed"]
    summary = Summary(
        counts[ADD], counts[CHANGE], counts[UNCHANGED], counts[REFUSED], listed,
        ignored_columns=batch.preview.get("ignored", []),
    )  # fmt: skip
    summary.not_listed = summary.added + summary.changed + summary.refused - len(listed)
    return summary


def _short(text: str, limit: int = 480) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _changed_in_history(batch: ImportBatch, references: list[str]) -> list[str]:
    """The references of the file that someone saved, added or deleted since the preview began."""
    history = Deviation.history.filter(reference__in=[r for r in references if r], history_date__gt=batch.previewed_at)
    return sorted(set(history.values_list("reference", flat=True)))


def import_save_large(*, batch: ImportBatch, user, progress=None) -> dict[str, int]:
    """Save every row of a large file, or none, in one transaction: re-planned chunk by chunk against
    the register as it is now. New rows go in through the tracked bulk_create (each row checked as
    one save would be, its history kept), changed rows through their own save. Returns the counts."""
    if batch.saved_at is not None:
        raise ImportRefused(f"Denne filen ble lagret {nb_datetime(batch.saved_at)}.")
    if batch.previewed_at is None:
        raise ImportRefused("Filen er ikke forhåndsvist ennå. Vent til forhåndsvisningen er ferdig.")
    lookups, seen = _Lookups(), {}
    counts = dict.fromkeys(ACTION_LABELS, 0)
    reason = f"Import fra {batch.filename}"
    try:
        with transaction.atomic():
            for chunk in _chunks(batch):
                plan = import_plan(chunk, lookups=lookups, seen=seen)
                if plan.refused:
                    row = plan.refused[0]
                    raise ImportRefused(_short(
                        f"Filen er ikke lagret, ingen rader er endret: rad {row.number} "
                        f"({row.reference or 'uten saksnummer'}) kan ikke lagres. {' '.join(row.errors)} "
                        "Rett raden i filen og last den opp på nytt."
                    ))  # fmt: skip
                changed = _changed_in_history(batch, [row.reference for row in plan.rows])
                if changed:
                    raise ImportRefused(_short(
                        f"Filen er ikke lagret, ingen rader er endret: {len(changed)} av avvikene i filen er endret "
                        "i registeret etter forhåndsvisningen. Last opp filen på nytt for å se registeret slik det "
                        f"er nå. Endret: {', '.join(changed[:10])}{' …' if len(changed) > 10 else ''}."
                    ))  # fmt: skip
                added = [row.instance for row in plan.added]
                for instance in added:
                    instance._change_reason, instance._history_user = reason, user
                Deviation.objects.bulk_create(added)
                for row in plan.changed:
                    row.instance._change_reason, row.instance._history_user = reason, user
                    row.instance.save()
                for row in plan.rows:
                    counts[row.action] += 1
                if progress is not None:
                    progress(len(chunk))
            if not (counts[ADD] or counts[CHANGE]):
                raise ImportRefused("Filen er ikke lagret: den har ingen nye eller endrede avvik.")
            batch.saved_at = timezone.now()
            batch.summary = f"{counts[ADD]} lagt til, {counts[CHANGE]} endret, {counts[UNCHANGED]} uendret"
            batch.save(update_fields=["saved_at", "summary"])
    except ValidationError as error:  # a lock, or personal data found by the tracked bulk_create
        raise ImportRefused(
            _short("Filen er ikke lagret, ingen rader er endret: " + " ".join(error.messages))
        ) from None
    except IntegrityError:
        raise ImportRefused(
            "Filen er ikke lagret, ingen rader er endret: noen av avvikene ble registrert av en annen i mellomtiden. "
            "Last opp filen på nytt for å se hva som gjenstår."
        ) from None
    (jobs.job_root() / batch.path).unlink(missing_ok=True)
    return counts


# -- export --------------------------------------------------------------------------------------


# The values of one row, in the order of COLUMNS, read straight from the database.
EXPORT_VALUES = (
    "reference", "category__name", "unit__name", "occurred_on", "registered_on", "severity", "description",
    "immediate_action", "measures", "learning", "status", "closed_on", "to_hospital", "counterpart",
)  # fmt: skip
EXPORT_ORDER = ("registered_on", "reference")
STATUS_LABELS = dict(Status.choices)


def deviations_export(deviations, *, path, progress=None) -> int:
    """Write the deviations (a queryset, filtered) to an Excel workbook at `path`, with the import's
    columns: real dates and numbers. Rows are streamed from the database as plain values into a
    write-only workbook, so memory stays flat at any size. Returns the number of rows written."""
    rows = deviations.order_by(*EXPORT_ORDER).values_list(*EXPORT_VALUES).iterator(chunk_size=2_000)
    widths = {"reference": 18, "category": 20, "unit": 28, "description": 50, "immediate_action": 30,
              "measures": 40, "learning": 40, "status": 16, "counterpart": 18}  # fmt: skip
    sheet = workbooks.ListSheet("Avvik", [(c.header, widths.get(c.field, 13)) for c in COLUMNS], progress=progress)
    day = sheet.day
    for (reference, category, unit, occurred, registered, severity, description, immediate, measures, learning,
         status, closed, to_hospital, counterpart) in rows:  # fmt: skip
        sheet.append([
            reference, category, unit, day(occurred), day(registered), severity, description, immediate, measures,
            learning, STATUS_LABELS.get(status, status), day(closed), "Ja" if to_hospital else "Nei", counterpart,
        ])  # fmt: skip
    return sheet.save(path)


def export_filename() -> str:
    return f"avvik-{timezone.localdate():%Y-%m-%d}.xlsx"
