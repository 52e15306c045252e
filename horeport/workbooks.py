"""Writing workbooks: typed text is stored as text, never as a formula, whatever it starts with.

openpyxl stores any string that starts with "=" as a formula, and refuses a string holding a
control character; Excel runs a formula when the file is opened. Every workbook the product
writes therefore puts its values through here: `put` for a cell of an ordinary sheet, `cells` for
a row appended to a sheet (also a write-only one), and `workbook_bytes` or `workbook_save` (to a
file) to save, which look at every cell once more. The product writes no formulas at all: a text
cell is always data type "s". A list (a register's export, the reporting status) is a `ListSheet`.
"""

from __future__ import annotations

import copy
import io
import re
from collections.abc import Callable, Sequence

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

TEXT_MAX = 32_767  # Excel's limit for one cell
# What a worksheet cannot hold: the control characters other than tab, line feed and carriage return.
_UNWRITABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|[\ud800-\udfff]")
# Text that `text` would change, or that openpyxl would store as a formula.
_NOT_PLAIN = re.compile(r"^=|[\r\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|[\ud800-\udfff]")
# What `text` would change, as one character class: one quick scan of a row's texts.
_UNCLEAN = re.compile(r"[\r\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def text(value: str) -> str:
    """Text as a worksheet can hold it: line breaks as "\n" (XML keeps no lone "\r"), without other
    control characters, cut at Excel's cell limit."""
    return _UNWRITABLE.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))[:TEXT_MAX]


def value_set(cell: Cell, value) -> Cell:
    """Give a cell its value; text stays text."""
    if isinstance(value, str):
        cell.value = text(value)
        cell.data_type = "s"
    else:
        cell.value = value
    return cell


def put(sheet: Worksheet, row: int, column: int, value=None, **style) -> Cell:
    """Write one cell of an ordinary sheet, with any style attributes (font, fill, alignment…)."""
    cell = value_set(sheet.cell(row, column), value)
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


def cell(sheet, value=None, **style) -> Cell:
    """A cell to append to a sheet (write-only or not), with any style attributes."""
    written = value_set(WriteOnlyCell(sheet), value)
    for name, setting in style.items():
        setattr(written, name, setting)
    return written


def cells(sheet, values) -> list:
    """A row for `sheet.append`: text values become text cells; cells and other values pass as they are.

    Plain text (no "=" first, nothing to clean, within Excel's limit) passes as it is too: openpyxl
    stores it as text. A row of a large export is looked at once, not value by value."""
    values = list(values)
    texts = "\n".join(value for value in values if isinstance(value, str))
    # A "=" after a line break counts too (it may start a value, or follow a line break inside one: safe).
    plain = not texts.startswith("=") and "\n=" not in texts and _UNCLEAN.search(texts) is None
    if plain and len(texts) <= TEXT_MAX:
        return values
    return [
        cell(sheet, value)
        if isinstance(value, str) and (len(value) > TEXT_MAX or _NOT_PLAIN.search(value) is not None)
        else value
        for value in values
    ]


class CellStyles:
    """Styles given to many cells, each combination looked up once.

    Setting a font, fill, alignment or number format on a cell looks the style up in the
    workbook's lists (by hashing it) each time; a report's tables give a few combinations to
    thousands of cells, and an export's date column one to hundreds of thousands. Here a
    combination is set on the first cell that has it, and later cells get a copy of that cell's
    style numbers. `apply` gives a cell its whole style at once: call it once per cell, on a cell
    that has no style yet (a write-only cell too), before its value, so that a date finds its
    date format and looks up none of its own. The style objects are kept, so their ids stay theirs."""

    def __init__(self):
        self._made: dict[tuple, tuple] = {}

    def apply(self, cell: Cell, *, written_once: bool = False, **style) -> Cell:
        """`written_once`: a write-only sheet's cell, never changed after: it shares the style
        numbers instead of taking a copy (an ordinary cell's are changed in place when restyled)."""
        key = tuple((name, value if isinstance(value, str) else id(value)) for name, value in style.items())
        made = self._made.get(key)
        if made is None:
            for name, setting in style.items():
                setattr(cell, name, setting)
            self._made[key] = (copy.copy(cell._style), tuple(style.values()))
        else:
            cell._style = made[0] if written_once else copy.copy(made[0])
        return cell


def _checked(workbook: Workbook) -> None:
    """Every cell of an ordinary workbook is checked once more: no formula leaves, only text. A
    write-only workbook's cells were all made by `cell`/`cells`."""
    if not workbook.write_only:
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows():
                for each in row:
                    if each.data_type == "f":
                        value_set(each, str(each.value))
    for name in ("title", "creator", "subject", "description", "keywords"):
        if isinstance(getattr(workbook.properties, name), str):
            setattr(workbook.properties, name, text(getattr(workbook.properties, name)))


def workbook_bytes(workbook: Workbook) -> bytes:
    """The saved workbook, as bytes (a small one: a report's workbook)."""
    _checked(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def workbook_save(workbook: Workbook, path) -> None:
    """Save the workbook to a file on disk (a write-only one streams its rows there)."""
    _checked(workbook)
    workbook.save(path)


def section_workbook(section) -> bytes:
    """A report section (horeport.sections.Section) as a workbook of one sheet, for a page's
    download: its title, its sentences, each table with real numbers and their number formats,
    and the notes. The reports app writes whole reports its own way (reports/excel.py)."""
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = text(section.title)[:31]
    put(sheet, 1, 1, f"{section.title} {section.period.label}", font=Font(bold=True, size=14))
    row = 3
    for paragraph in section.paragraphs:
        put(sheet, row, 1, paragraph)
        row += 1
    for table in section.tables:
        row += 1 if section.paragraphs or row > 3 else 0
        put(sheet, row, 1, table.title, font=Font(bold=True))
        row += 1
        for column, label in enumerate([table.row_header, *(c.label for c in table.columns)], start=1):
            put(sheet, row, column, label, font=Font(bold=True))
        for data in table.rows:
            row += 1
            put(sheet, row, 1, data.header, font=Font(bold=data.is_total))
            for column, value in enumerate(data.cells, start=2):
                written = put(sheet, row, column, value.excel_value, font=Font(bold=data.is_total))
                written.number_format = value.number_format
        row += 1
        for note in table.notes:
            row += 1
            put(sheet, row, 1, note)
    for note in section.notes:
        row += 1
        put(sheet, row, 1, note)
    sheet.column_dimensions["A"].width = 36
    for letter in "BCDEFGHIJ":
        sheet.column_dimensions[letter].width = 16
    return workbook_bytes(workbook)


class ListSheet:
    """A list as a workbook of one sheet, streamed row by row (write-only: memory stays flat at any
    size): optional heading lines above, then a bold header row that stays in view with a filter on
    it, the columns' widths, dates as real dates. `append` each row (texts stay text), then `save`."""

    def __init__(
        self,
        title: str,
        columns: Sequence[tuple[str, float]],
        *,
        heading: Sequence[str] = (),
        progress: Callable[[int], None] | None = None,
    ):
        self.workbook = Workbook(write_only=True)
        self.sheet = sheet = self.workbook.create_sheet(title)
        for index, (_, width) in enumerate(columns, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        self.header_row = len(heading) + 2 if heading else 1  # a blank row between the heading and the list
        sheet.freeze_panes = f"A{self.header_row + 1}"
        for number, line in enumerate(heading):
            sheet.append([cell(sheet, line, font=Font(bold=True, size=13)) if number == 0 else cell(sheet, line)])
        if heading:
            sheet.append([])
        bold = Font(bold=True)
        sheet.append([cell(sheet, header, font=bold) for header, _ in columns])
        self._styles = CellStyles()
        self.width, self.count, self._progress = len(columns), 0, progress

    def day(self, value) -> Cell | None:
        """A date cell (shown 31.12.2016), or an empty cell for no date."""
        if not value:
            return None
        dated = self._styles.apply(WriteOnlyCell(self.sheet), written_once=True, number_format="DD.MM.YYYY")
        return value_set(dated, value)

    def append(self, values) -> None:
        self.sheet.append(cells(self.sheet, values))
        self.count += 1
        if self._progress is not None:
            self._progress(1)

    def save(self, target) -> int:
        """Save to a path or a file object; returns the number of rows written."""
        self.sheet.auto_filter.ref = f"A{self.header_row}:{get_column_letter(self.width)}{self.header_row + self.count}"
        workbook_save(self.workbook, target)
        return self.count

    def bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.save(buffer)
        return buffer.getvalue()
