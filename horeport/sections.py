"""The neutral value a report section returns, and the registry of sections.

Each domain app exposes its sections in `<app>/report_sections.py`:

    @report_section("kpi.malekart", "Målekart")
    def malekart(*, period: Period, options: SectionOptions) -> Section:
        return Section(period, tables=[...])  # the key and title come from the registration

The reports app renders that one value three ways (HTML, PDF through WeasyPrint, an openpyxl
worksheet), so what the screen, the PDF and the workbook show always agree. Cells carry their
type, unit and number format; the text they show is formatted here, once.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum

from horeport import formatting
from horeport.calculations import Change
from horeport.periods import Kind, Period

SUPPRESSED = ":"
# Counts below this are hidden where small numbers are suppressed, unless a report kind says otherwise.
SMALL_NUMBERS_THRESHOLD = 3


class CellType(StrEnum):
    INTEGER = "integer"
    DECIMAL = "decimal"
    PERCENT = "percent"  # the value is in percent: 25.2 means 25,2 %
    POINTS = "points"  # a change between percentages, in percentage points
    DAYS = "days"
    TEXT = "text"
    STATUS = "status"  # a band status: green, yellow, red or none


NUMERIC = {CellType.INTEGER, CellType.DECIMAL, CellType.PERCENT, CellType.POINTS, CellType.DAYS}
STATUS_WORDS = {"green": "Ønsket", "yellow": "Akseptert", "red": "Ikke godkjent", "none": "Mangler data"}


@dataclass(frozen=True)
class Cell:
    """One typed value of a table."""

    value: Decimal | int | str | None
    type: CellType = CellType.TEXT
    decimals: int = 0
    unit: str = ""  # shown after the number: "døgn", "mnd."; PERCENT and POINTS say their own
    note: str = ""  # e.g. "5 av 6 mnd." where months are missing
    signed: bool = False  # show "+" before positive numbers (changes)
    status: str | None = None  # STATUS cells, and numbers coloured by their status: green, yellow, red or none
    suppressed: bool = False  # a small number hidden as ":"

    # -- constructors -----------------------------------------------------------------

    @classmethod
    def integer(cls, value, *, unit: str = "", note: str = "", signed: bool = False) -> Cell:
        return cls(_number(value), CellType.INTEGER, 0, unit, note, signed)

    @classmethod
    def decimal(cls, value, decimals: int = 1, *, unit: str = "", note: str = "", signed: bool = False) -> Cell:
        return cls(_number(value), CellType.DECIMAL, decimals, unit, note, signed)

    @classmethod
    def percent(cls, value, decimals: int = 1, *, note: str = "", signed: bool = False) -> Cell:
        return cls(_number(value), CellType.PERCENT, decimals, "%", note, signed)

    @classmethod
    def points(cls, value, decimals: int = 1, *, note: str = "") -> Cell:
        return cls(_number(value), CellType.POINTS, decimals, "prosentpoeng", note, True)

    @classmethod
    def days(cls, value, decimals: int = 0, *, note: str = "") -> Cell:
        return cls(_number(value), CellType.DAYS, decimals, "dager", note)

    @classmethod
    def text(cls, value: str | None, *, note: str = "") -> Cell:
        return cls(value, CellType.TEXT, note=note)

    @classmethod
    def of_status(cls, status: str | None, *, note: str = "") -> Cell:
        status = status or "none"
        return cls(STATUS_WORDS[status], CellType.STATUS, note=note, status=status)

    @classmethod
    def changes(cls, change: Change, *, decimals: int = 1) -> tuple[Cell, Cell]:
        """The two cells of a change column pair: the absolute change and the percentage."""
        if change.in_points:
            return cls.points(change.absolute, decimals), cls.text(None)
        absolute_decimals = 0 if change.absolute is None or change.absolute == change.absolute.to_integral() else 1
        absolute = cls(change.absolute, CellType.DECIMAL if absolute_decimals else CellType.INTEGER,
                       absolute_decimals, signed=True)  # fmt: skip
        return absolute, cls.percent(change.relative, decimals, signed=True)

    # -- what a reader sees -------------------------------------------------------------

    @property
    def is_numeric(self) -> bool:
        return self.type in NUMERIC

    @property
    def text_value(self) -> str:
        """The Norwegian text of the value: "3 084", "25,2 %", "Ønsket", ":" or "–"."""
        if self.suppressed:
            return SUPPRESSED
        if self.type is CellType.TEXT or self.type is CellType.STATUS:
            return "" if self.value is None else str(self.value)
        if self.type is CellType.PERCENT:
            return formatting.nb_percent(self.value, self.decimals, signed=self.signed)
        if self.type is CellType.POINTS:
            return formatting.nb_points(self.value, self.decimals, signed=self.signed)
        text = formatting.nb_number(self.value, self.decimals, signed=self.signed)
        if self.unit and self.type is not CellType.DAYS and text != formatting.NO_VALUE:
            return f"{text}{formatting.NBSP}{self.unit}"
        return text

    def __str__(self) -> str:
        return self.text_value

    # -- what a workbook stores ------------------------------------------------------------

    @property
    def excel_value(self):
        """A real number for numeric cells (percent as a fraction), text otherwise."""
        if self.suppressed:
            return SUPPRESSED
        if not self.is_numeric:
            return self.text_value.replace("\u2060", "") or None  # a word joiner is for the PDF's lines
        if self.value is None:
            return None
        if self.type is CellType.PERCENT:
            return float(Decimal(self.value) / 100)
        if self.type is CellType.INTEGER:
            return int(self.value)
        return float(self.value)

    @property
    def number_format(self) -> str:
        """The Excel number format (Excel shows it with the reader's own separators)."""
        if not self.is_numeric or self.suppressed:
            return "@"
        decimals = "0" * self.decimals
        base = "#,##0" + (f".{decimals}" if decimals else "")
        sign = "+" if self.signed else ""
        if self.type is CellType.PERCENT:
            return f"{sign}0{'.' + decimals if decimals else ''}%;-0{'.' + decimals if decimals else ''}%;0%"
        if self.type is CellType.POINTS:
            return f'+{base} "p.p.";-{base} "p.p.";0 "p.p."'
        if self.signed:
            return f"+{base};-{base};0"
        if self.unit and self.type is not CellType.DAYS:
            return f'{base} "{self.unit}"'
        return base


def _number(value):
    if value is None or isinstance(value, int | Decimal):
        return value
    return formatting.to_decimal(value)


@dataclass(frozen=True)
class Column:
    label: str
    numeric: bool = True
    is_total: bool = False  # a totals column (small-number suppression protects it)
    status: bool = False  # a column of status words (the målekart's "Status"): wide enough for its badge
    span: int = 1


@dataclass
class Row:
    header: str  # the row's label, shown in the first column
    cells: list[Cell]
    kind: str = "data"  # data, group (a heading row), total
    key: str = ""  # a stable key (an indicator's code: `data-indicator`)
    level: int = 0  # indentation of the row label ("herav …")

    @property
    def is_total(self) -> bool:
        return self.kind == "total"


@dataclass
class Table:
    title: str
    columns: list[Column]
    rows: list[Row] = field(default_factory=list)
    row_header: str = ""  # label of the first (row label) column
    header_groups: list[Column] = field(default_factory=list)  # optional upper header row with spans
    notes: list[str] = field(default_factory=list)
    register_counts: bool = False  # counts of register entries: small-number suppression applies
    status_legend: bool = False  # numbers carry a band status (their colour): a legend of the words goes above

    @property
    def is_empty(self) -> bool:
        return not any(row.kind != "group" for row in self.rows)

    @property
    def status_columns(self) -> bool:
        """Whether a column holds status words (the målekart): the table gives its numbers more room."""
        return any(column.status for column in self.columns)

    @property
    def text_columns(self) -> bool:
        """Whether the table is mostly words (a list of measures and comments): the printed report
        lets its columns take the width their text needs instead of equal shares."""
        return not self.status_columns and any(not column.numeric for column in self.columns)

    @property
    def groups_cover_row_header(self) -> bool:
        """Whether the upper header groups span the row-label column too."""
        return sum(group.span for group in self.header_groups) == len(self.columns) + 1


@dataclass
class ChartSeries:
    name: str
    values: list[Decimal | int | None]


@dataclass
class Chart:
    title: str
    categories: list[str]
    series: list[ChartSeries]
    kind: str = "line"  # line or bar
    unit: str = ""  # the y axis unit: "dager", "%", "brukere"
    decimals: int = 0


@dataclass
class Section:
    """What a registered section function returns. Its key and title are those it was registered
    under (`report_section` sets them), unless the function sets a title of its own (a name in
    force in the period)."""

    period: Period
    tables: list[Table] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)  # computed sentences ("I 2016 ble det sendt 34 …")
    notes: list[str] = field(default_factory=list)
    small_numbers: int | None = None  # the threshold applied, or None when off
    commentary: str = ""  # filled in by the reports app
    empty_reason: str = ""  # why an empty section has no figures, where that is not simply that none were entered
    key: str = ""
    title: str = ""

    @property
    def is_empty(self) -> bool:
        return all(table.is_empty for table in self.tables) and not self.charts and not self.paragraphs


@dataclass(frozen=True)
class SectionOptions:
    small_numbers: int | None = None  # suppress register counts below this (None: off)
    short: bool = False  # the short form (1st and 3rd quarter committee reports)
    comparison_years: int = 3  # how many years multi-year tables show
    cutoff: datetime.date | None = None  # register status as of this date (default: period end)

    def cutoff_for(self, period: Period) -> datetime.date:
        """The day a register's status is read at: the report's cut-off, else the period's end."""
        return self.cutoff or period.end


SectionFunction = Callable[..., Section]


@dataclass(frozen=True)
class SectionSpec:
    key: str
    title: str
    function: SectionFunction
    period_kinds: tuple[Kind, ...]
    description: str = ""
    sheet_title: str = ""  # the workbook sheet's name where the title is longer than Excel allows


# Excel's limit on a sheet's name.
SHEET_TITLE_MAX = 31

SECTION_REGISTRY: dict[str, SectionSpec] = {}


def report_section(key: str, title: str, *, period_kinds=tuple(Kind), description: str = "", sheet_title: str = ""):
    """Register a section function under a stable key ("app.name") and title.

    The key and the title are written here only: the `Section` the function returns gets them.

    A title longer than a workbook sheet's name may be (31 characters) needs a short `sheet_title`.
    """
    sheet_title = sheet_title or title
    if len(sheet_title) > SHEET_TITLE_MAX:
        raise ValueError(f"Section {key} needs a sheet_title of at most {SHEET_TITLE_MAX} characters")

    def register(function: SectionFunction) -> SectionFunction:
        @functools.wraps(function)
        def registered(*args, **kwargs) -> Section:
            section = function(*args, **kwargs)
            section.key, section.title = key, section.title or title
            return section

        kinds = tuple(Kind(k) for k in period_kinds)
        SECTION_REGISTRY[key] = SectionSpec(key, title, registered, kinds, description, sheet_title)
        return registered

    return register


def sections_autodiscover() -> dict[str, SectionSpec]:
    """Import every installed app's `report_sections` module and return the registry."""
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("report_sections")
    return SECTION_REGISTRY


def suppress_small_numbers(table: Table, threshold: int | None) -> Table:
    """Hide register counts from 1 to threshold − 1 as ":" (0 reveals no one, and is shown).

    Where a row or column has a total and exactly one cell of it is hidden, the total would
    reveal it: the next smallest cell of that row or column is hidden too (secondary
    suppression), repeated until no hidden cell can be worked out.
    """
    if not threshold or not table.register_counts:
        return table
    rows = [list(row.cells) for row in table.rows]

    def countable(cell: Cell) -> bool:
        return cell.type is CellType.INTEGER and cell.value is not None and not cell.signed

    for cells in rows:
        for i, cell in enumerate(cells):
            if countable(cell) and 0 < cell.value < threshold:
                cells[i] = replace(cell, suppressed=True)

    total_columns = {i for i, column in enumerate(table.columns) if column.is_total}
    data_rows = [r for r, row in enumerate(table.rows) if not row.is_total and row.kind != "group"]
    total_rows = [r for r, row in enumerate(table.rows) if row.is_total]
    # Each total makes one equation: parts + total. A group of cells tied by one equation with
    # exactly one hidden cell gives it away, so one more part is hidden until none does.
    groups = []
    if total_columns:
        for r in range(len(rows)):
            parts = [(r, c) for c in range(len(rows[r])) if c not in total_columns]
            groups.append((parts, [(r, c) for c in total_columns if c < len(rows[r])]))
    if total_rows:
        for c in range(len(table.columns)):
            parts = [(r, c) for r in data_rows if c < len(rows[r])]
            groups.append((parts, [(r, c) for r in total_rows if c < len(rows[r])]))
    changed = True
    while changed:
        changed = False
        for parts, totals in groups:
            changed |= _protect(rows, parts, totals, countable)
    new_rows = [replace(row, cells=cells) for row, cells in zip(table.rows, rows, strict=True)]
    notes = [*table.notes, f"Tall under {threshold} er skjult («{SUPPRESSED}») av personvernhensyn."]
    return replace(table, rows=new_rows, notes=notes)


def _protect(rows: list[list[Cell]], parts, totals, countable) -> bool:
    """Hide the smallest shown part (non-zero first) where exactly one cell of the group is hidden."""
    group = [(r, c) for r, c in [*parts, *totals] if countable(rows[r][c])]
    if sum(rows[r][c].suppressed for r, c in group) != 1:
        return False
    candidates = [(r, c) for r, c in parts if countable(rows[r][c]) and not rows[r][c].suppressed]
    if not candidates:
        return False
    r, c = min(candidates, key=lambda rc: (rows[rc[0]][rc[1]].value == 0, rows[rc[0]][rc[1]].value))
    rows[r][c] = replace(rows[r][c], suppressed=True)
    return True
