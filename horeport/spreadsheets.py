"""Reading uploaded tables (.xlsx and .csv) with bounds that trust nothing the file declares.

An .xlsx file is a zip of XML documents, and everything in it is a claim: the sizes of its
entries, the sheet's dimension ("A1:N20"), its row and cell numbers. So the reader checks the
zip's table of contents before inflating anything (entry sizes, their total and each one's
compression ratio), inflates with its own byte count, and parses the first sheet with a streaming
XML parser that holds one row at a time and counts every row it actually finds. Limits on rows,
columns, cells, text and time apply while reading; a file beyond any of them is refused whole with
a Norwegian message (`SpreadsheetError`), never read in part.

What comes back is the rows with content, each with its number in the file and its cell values
from column A: text, whole numbers, decimals, booleans, dates (as datetimes) or None, and the
columns whose cell holds a formula (.xlsx).
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import math
import os
import posixpath
import re
import time
import zipfile
from dataclasses import dataclass, field
from xml.parsers import expat

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.cell import column_index_from_string, get_column_letter
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

from horeport.formatting import nb_number


class SpreadsheetError(ValueError):
    """A file that cannot be read as a table; the message says why, in Norwegian."""


class TooManyRows(SpreadsheetError):
    """A file with more rows than the limits allow (a caller may read it another way, in the background)."""


@dataclass(frozen=True)
class Limits:
    """What an upload may hold. A file over any limit is refused, not cut short."""

    bytes: int = 5 * 1024 * 1024  # the file as uploaded
    rows: int = 20_000  # rows with content below the first one (the column names)
    columns: int = 100  # the last column with content
    cells: int = 500_000  # cells with content
    text: int = 32_767  # characters in one cell (Excel's own limit)
    unpacked_bytes: int = 50 * 1024 * 1024  # an .xlsx's zip entries, all together, unpacked
    ratio: int = 100  # unpacked size / packed size of one zip entry
    entries: int = 1_000  # entries in an .xlsx's zip
    seconds: float = 20.0  # reading time


LIMITS = Limits()


@dataclass(frozen=True)
class Row:
    number: int  # the row's number in the file, the first being 1
    values: list  # from column A; None for an empty cell
    # The columns (1 for A) whose cell holds a formula: its value above is the result Excel last
    # calculated (None if never). An import of figures refuses them (horeport/bulk.py).
    formulas: frozenset = field(default=frozenset(), compare=False)


# -- messages ------------------------------------------------------------------------------------

NOT_XLSX = "Filen kunne ikke leses som et Excel-ark (.xlsx). Er den skadet? Prøv å lagre den på nytt i Excel."
OLE_FILE = (
    "Filen er i det gamle Excel-formatet (.xls) eller beskyttet med passord. "
    "Fjern eventuelt passordet, og lagre den som .xlsx eller .csv."
)
ENCRYPTED = "Filen er kryptert eller beskyttet med passord. Fjern passordet, og lagre den på nytt som .xlsx."
NOT_TEXT = (
    "Filen ser ikke ut som en tekstfil (.csv): det står et NUL-tegn {where}. Lagre uttrekket som CSV eller .xlsx."
)
BAD_CHARACTERS = "Tegnene i filen kunne ikke leses. Lagre den som CSV med UTF-8."
TOO_SLOW = "Filen tok for lang tid å lese ({seconds} sekunder). Del den opp i mindre filer."


def _rows_message(limits: Limits) -> str:
    return (
        f"Filen har flere enn {nb_number(limits.rows)} rader under kolonnenavnene. "
        f"Del den opp i filer med høyst {nb_number(limits.rows)} rader."
    )


# -- the upload as a whole -----------------------------------------------------------------------


def upload_bytes(upload, limits: Limits = LIMITS) -> bytes:
    """The uploaded file's content, read no further than the limit (its declared size is not trusted)."""
    data = upload.read(limits.bytes + 1)
    if len(data) > limits.bytes:
        raise SpreadsheetError(f"Filen er for stor. Den kan være høyst {_megabytes(limits.bytes)}.")
    if not data:
        raise SpreadsheetError("Filen er tom.")
    return data


def read_table(name: str, data: bytes, limits: Limits = LIMITS) -> list[Row]:
    """The rows with content of an .xlsx file's first sheet or of a .csv file, chosen by its name."""
    lower = (name or "").lower()
    if lower.endswith(".xlsx"):
        return read_xlsx(data, limits)
    if lower.endswith((".csv", ".txt")):
        return read_csv(data, limits)
    if lower.endswith(".xls"):
        raise SpreadsheetError("Det gamle Excel-formatet (.xls) kan ikke leses. Lagre filen som .xlsx eller .csv.")
    raise SpreadsheetError("Last opp en .xlsx- eller .csv-fil.")


def _megabytes(size: int) -> str:
    return f"{nb_number(size / 1024 / 1024)} MB"


class _Budget:
    """The limits that apply while reading: cells and rows seen, and the time left."""

    def __init__(self, limits: Limits):
        self.limits = limits
        self.deadline = time.monotonic() + limits.seconds
        self.cells = 0
        self.rows = 0  # rows with content, the first included

    def tick(self) -> None:
        if time.monotonic() >= self.deadline:
            raise SpreadsheetError(TOO_SLOW.format(seconds=nb_number(self.limits.seconds)))

    def column(self, row: int, column: int) -> None:
        """Refuse content beyond the last column the limits allow."""
        if column > self.limits.columns:
            name = get_column_letter(column) if column <= 16_384 else "utenfor arket"
            raise SpreadsheetError(
                f"Rad {row} har innhold i kolonne {name}. "
                f"Filen kan ha høyst {self.limits.columns} kolonner; slett de ekstra kolonnene."
            )

    def row(self, number: int, values: list) -> Row:
        """Count a row with content and its cells; refuse one over the limits."""
        self.rows += 1
        if self.rows > self.limits.rows + 1:
            raise TooManyRows(_rows_message(self.limits))
        if len(values) > self.limits.columns:
            beyond = next(
                i for i, v in enumerate(values[self.limits.columns :], self.limits.columns + 1) if v is not None
            )
            self.column(number, beyond)
        self.cells += sum(1 for value in values if value is not None)
        if self.cells > self.limits.cells:
            raise SpreadsheetError(f"Filen har flere enn {nb_number(self.limits.cells)} utfylte celler.")
        for column, value in enumerate(values, start=1):
            if isinstance(value, str):
                _check_text(value, self.limits, f"{get_column_letter(column)}{number}")
        self.tick()
        return Row(number, values)


def _check_text(text: str, limits: Limits, where: str) -> None:
    if len(text) > limits.text:
        raise SpreadsheetError(
            f"Cellen {where} har {nb_number(len(text))} tegn. En celle kan ha høyst {nb_number(limits.text)} tegn."
        )
    if "\x00" in text:
        raise SpreadsheetError(f"Cellen {where} har et NUL-tegn, som ikke kan lagres. Fjern det og prøv igjen.")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise SpreadsheetError(f"Cellen {where} har tegn som ikke kan lagres. Fjern dem og prøv igjen.") from None


def _content(values: list) -> list:
    """The values up to the last cell with content: [] for a row without any."""
    end = len(values)
    while end and values[end - 1] in (None, ""):
        end -= 1
    return values[:end]


# -- CSV -----------------------------------------------------------------------------------------


def read_csv(data: bytes, limits: Limits = LIMITS) -> list[Row]:
    """The rows with content of a CSV file in UTF-8 (with or without BOM), UTF-16 with BOM or Windows-1252.

    The delimiter is the one of ; , and tab that the first line has most of.
    """
    text = _decode(data)
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise SpreadsheetError(NOT_TEXT.format(where=f"på linje {line}"))
    return list(_csv_rows(io.StringIO(text, newline=""), _Budget(limits)))


def _csv_rows(stream, budget: _Budget):
    """The rows with content of a text stream, one at a time."""
    first_line = stream.readline()
    stream.seek(0)
    delimiter = max((";", ",", "\t"), key=first_line.count)
    reader = csv.reader(stream, delimiter=delimiter)
    number = 0
    try:
        for number, record in enumerate(reader, start=1):
            if any("\x00" in value for value in record):
                raise SpreadsheetError(NOT_TEXT.format(where=f"på linje {number}"))
            values = _content([value.strip() or None for value in record])
            if values:
                yield budget.row(number, values)
            elif number % 1000 == 0:
                budget.tick()
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            raise SpreadsheetError(
                f"Rad {number + 1} har en celle med flere enn {nb_number(csv.field_size_limit())} tegn. "
                "Er et anførselstegn uten partner?"
            ) from None
        raise SpreadsheetError(
            f"CSV-filen kunne ikke leses ved rad {number + 1}. Kontroller at anførselstegnene står parvis."
        ) from None


def _file_encoding(path) -> str:
    """The encoding of a CSV file on disk, decided as `_decode` does, reading it a piece at a time."""
    with open(path, "rb") as file:
        start = file.read(4096)
        if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16"
        if b"\x00" in start:
            raise SpreadsheetError(NOT_TEXT.format(where="i starten av filen"))
        file.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8-sig")()
        try:
            while chunk := file.read(CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1252"
    return "utf-8-sig"


def iter_table(name: str, path, limits: Limits = LIMITS):
    """The rows with content of a file on disk (.xlsx or .csv), one at a time: for files too large
    to hold (a background import). The same checks as `read_table`; the size is `limits.bytes`."""
    lower = (name or "").lower()
    size = os.path.getsize(path)
    if size > limits.bytes:
        raise SpreadsheetError(f"Filen er for stor. Den kan være høyst {_megabytes(limits.bytes)}.")
    if not size:
        raise SpreadsheetError("Filen er tom.")
    budget = _Budget(limits)
    if lower.endswith((".csv", ".txt")):
        try:
            with open(path, encoding=_file_encoding(path), newline="") as stream:
                yield from _csv_rows(stream, budget)
        except UnicodeDecodeError:
            raise SpreadsheetError(BAD_CHARACTERS) from None
        return
    if not lower.endswith(".xlsx"):
        read_table(name, b"", limits)  # the same refusal as for a small file
    with open(path, "rb") as file:
        head = file.read(8)
        if head.startswith(OLE_MAGIC):
            raise SpreadsheetError(OLE_FILE)
        if not head.startswith(ZIP_MAGIC):
            raise SpreadsheetError(NOT_XLSX)
        file.seek(0)
        try:
            with zipfile.ZipFile(file) as archive:
                _check_archive(archive, limits)
                yield from _Workbook(archive, budget).iter_rows()
        except SpreadsheetError:
            raise
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, NotImplementedError, RuntimeError,
                expat.ExpatError, KeyError, ValueError, OverflowError):  # fmt: skip
            raise SpreadsheetError(NOT_XLSX) from None


def _decode(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ("utf-16",)  # Excel's "Unicode text"
    elif b"\x00" in data[:4096]:
        # Binary, or UTF-16 without its mark: neither is a CSV file this reader should guess at.
        raise SpreadsheetError(NOT_TEXT.format(where="i starten av filen"))
    else:
        encodings = ("utf-8-sig", "cp1252")
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SpreadsheetError(BAD_CHARACTERS)


# -- .xlsx ---------------------------------------------------------------------------------------

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and any password-protected Office file
CHUNK = 64 * 1024
RELATIONSHIP_TYPES = "/officeDocument/2006/relationships/"
STRICT_RELATIONSHIP_TYPES = "/officeDocument/relationships/"
_COORDINATE = re.compile(r"^([A-Z]{1,10})([0-9]{1,10})$")


def read_xlsx(data: bytes, limits: Limits = LIMITS) -> list[Row]:
    """The rows with content of the workbook's first sheet, values as stored (a formula's last result)."""
    if data.startswith(OLE_MAGIC):
        raise SpreadsheetError(OLE_FILE)
    if not data.startswith(ZIP_MAGIC):
        raise SpreadsheetError(
            "Filen kunne ikke leses som et Excel-ark (.xlsx). Er den skadet, eller en annen filtype?"
        )
    budget = _Budget(limits)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_archive(archive, limits)
            return _Workbook(archive, budget).rows()
    except SpreadsheetError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, NotImplementedError, RuntimeError,
            expat.ExpatError, KeyError, ValueError, OverflowError):  # fmt: skip
        raise SpreadsheetError(NOT_XLSX) from None


def _check_archive(archive: zipfile.ZipFile, limits: Limits) -> None:
    """Refuse a zip whose table of contents promises too much, before anything is inflated."""
    entries = archive.infolist()
    if len(entries) > limits.entries:
        raise SpreadsheetError(f"Filen har {nb_number(len(entries))} deler og er ikke et vanlig Excel-ark.")
    total = sum(entry.file_size for entry in entries)
    if total > limits.unpacked_bytes:
        raise SpreadsheetError(
            f"Excel-filen er for stor når den pakkes ut ({_megabytes(total)}; høyst "
            f"{_megabytes(limits.unpacked_bytes)}). Del den opp i mindre filer."
        )
    for entry in entries:
        if entry.flag_bits & 0x1:
            raise SpreadsheetError(ENCRYPTED)
        if entry.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise SpreadsheetError(NOT_XLSX)
        if entry.file_size > 1024 * 1024 and entry.file_size > limits.ratio * max(entry.compress_size, 1):
            raise SpreadsheetError(
                f"Filen pakker seg ut til mer enn {limits.ratio} ganger sin egen størrelse og leses ikke. "
                "Lagre arket på nytt i Excel."
            )


class _Parser:
    """One XML document of the zip, parsed as it is inflated; handlers get local names only."""

    def __init__(self, archive: zipfile.ZipFile, name: str, budget: _Budget):
        self.archive, self.name, self.budget = archive, name, budget

    def events(self, start, end=None, text=None):
        """Feed the document through the handlers, yielding after every chunk (so a caller can stream)."""
        parser = expat.ParserCreate(namespace_separator=" ")
        parser.buffer_text = True

        def refuse(*_args):
            raise SpreadsheetError(NOT_XLSX)  # a DTD or an entity: never in a real workbook

        parser.StartDoctypeDeclHandler = refuse
        parser.EntityDeclHandler = refuse
        parser.StartElementHandler = lambda tag, attrs: start(
            _local(tag), {_local(key): value for key, value in attrs.items()}
        )
        if end is not None:
            parser.EndElementHandler = lambda tag: end(_local(tag))
        if text is not None:
            parser.CharacterDataHandler = text
        entry = self.archive.getinfo(self.name)
        inflated = 0
        with self.archive.open(entry) as stream:
            while chunk := stream.read(CHUNK):
                inflated += len(chunk)
                if inflated > entry.file_size:  # zipfile stops at the declared size; never trust it alone
                    raise SpreadsheetError(NOT_XLSX)
                parser.Parse(chunk, False)
                self.budget.tick()
                yield
        parser.Parse(b"", True)
        yield

    def run(self, start, end=None, text=None) -> None:
        for _ in self.events(start, end, text):
            pass


def _local(name: str) -> str:
    return name.rsplit(" ", 1)[-1]


class _Workbook:
    def __init__(self, archive: zipfile.ZipFile, budget: _Budget):
        self.archive, self.budget = archive, budget
        self.names = set(archive.namelist())

    def rows(self) -> list[Row]:
        return list(self.iter_rows())

    def iter_rows(self):
        sheet_path, epoch = self._first_sheet()
        relations = self._relations("xl/workbook.xml")
        strings = self._shared_strings(relations.get("sharedStrings"))
        date_styles = self._date_styles(relations.get("styles"))
        yield from _SheetReader(self._parser(sheet_path), strings, date_styles, epoch, self.budget).rows()

    def _parser(self, path: str) -> _Parser:
        if path not in self.names:
            raise SpreadsheetError(NOT_XLSX)
        return _Parser(self.archive, path, self.budget)

    def _first_sheet(self) -> tuple[str, datetime.datetime]:
        found = {"sheet": None, "epoch": CALENDAR_WINDOWS_1900}

        def start(tag, attrs):
            if tag == "sheet" and found["sheet"] is None:
                found["sheet"] = attrs.get("id")
            elif tag == "workbookPr" and attrs.get("date1904") in ("1", "true"):
                found["epoch"] = CALENDAR_MAC_1904

        self._parser("xl/workbook.xml").run(start)
        if found["sheet"] is None:
            raise SpreadsheetError("Excel-filen har ingen ark.")
        targets = self._relations("xl/workbook.xml", by_id=True)
        if found["sheet"] not in targets:
            raise SpreadsheetError(NOT_XLSX)
        return targets[found["sheet"]], found["epoch"]

    def _relations(self, part: str, *, by_id: bool = False) -> dict[str, str]:
        """The part's relationships, by id or by the last word of their type, as paths in the zip."""
        folder, name = posixpath.split(part)
        path = posixpath.join(folder, "_rels", f"{name}.rels")
        found: dict[str, str] = {}
        if path not in self.names:
            return found

        def start(tag, attrs):
            if tag != "Relationship" or attrs.get("TargetMode") == "External" or len(found) > 1000:
                return
            target = attrs.get("Target", "")
            target = target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            if by_id:
                found[attrs.get("Id", "")] = target
            else:
                kind = attrs.get("Type", "")
                if RELATIONSHIP_TYPES in kind or STRICT_RELATIONSHIP_TYPES in kind:
                    found.setdefault(kind.rsplit("/", 1)[-1], target)

        self._parser(path).run(start)
        return found

    def _shared_strings(self, path: str | None) -> list[str]:
        if path is None:
            return []
        strings: list[str] = []
        state = {"text": None, "in_phonetic": False, "in_t": False}
        limits = self.budget.limits

        def start(tag, _attrs):
            if tag == "si":
                state["text"] = []
            elif tag == "rPh":
                state["in_phonetic"] = True
            elif tag == "t" and not state["in_phonetic"]:
                state["in_t"] = True

        def end(tag):
            if tag == "si":
                strings.append(_unescape("".join(state["text"] or [])))
                state["text"] = None
                if len(strings) > limits.cells:
                    raise SpreadsheetError(f"Filen har flere enn {nb_number(limits.cells)} tekster.")
            elif tag == "rPh":
                state["in_phonetic"] = False
            elif tag == "t":
                state["in_t"] = False

        def text(data):
            if state["in_t"] and state["text"] is not None:
                state["text"].append(data)

        self._parser(path).run(start, end, text)
        return strings

    def _date_styles(self, path: str | None) -> set[int]:
        """The indexes of the cell styles whose number format shows a date or a time."""
        if path is None:
            return set()
        formats: dict[int, str] = dict(BUILTIN_FORMATS)
        styles: list[int] = []
        state = {"in_cell_xfs": False}

        def start(tag, attrs):
            if tag == "numFmt":
                formats[_int(attrs.get("numFmtId"))] = attrs.get("formatCode", "")
            elif tag == "cellXfs":
                state["in_cell_xfs"] = True
            elif tag == "xf" and state["in_cell_xfs"]:
                styles.append(_int(attrs.get("numFmtId")))
                if len(styles) > 65_000:
                    raise SpreadsheetError(NOT_XLSX)

        def end(tag):
            if tag == "cellXfs":
                state["in_cell_xfs"] = False

        self._parser(path).run(start, end)
        return {index for index, number_format in enumerate(styles) if is_date_format(formats.get(number_format))}


def _int(text) -> int:
    if text is None or not str(text).isdigit() or len(text) > 9:
        raise SpreadsheetError(NOT_XLSX)
    return int(text)


_ESCAPED = re.compile("_x([0-9A-Fa-f]{4})_")


def _unescape(text: str) -> str:
    """OOXML writes control characters as _x000D_."""
    return _ESCAPED.sub(lambda match: chr(int(match.group(1), 16)), text) if "_x" in text else text


class _SheetReader:
    """The sheet's rows as they are parsed: only the current row is held."""

    def __init__(self, parser: _Parser, strings: list[str], date_styles: set[int], epoch, budget: _Budget):
        self.parser, self.strings, self.date_styles, self.epoch = parser, strings, date_styles, epoch
        self.budget, self.limits = budget, budget.limits
        self.done: list[Row] = []
        self.row_number = 0  # the current row's number
        self.cells: dict[int, object] = {}
        self.formulas: set[int] = set()  # the current row's cells that hold a formula
        self.column = 0  # the current cell's column
        self.cell: dict | None = None  # the current cell: its type, style and text
        self.collect: list[str] | None = None  # the text of the <v> or <t> being read
        self.collected = 0  # its length so far
        self.in_sheet_data = False

    def rows(self):
        for _ in self.parser.events(self.start, self.end, self.text):
            yield from self.done
            self.done = []

    def start(self, tag, attrs):
        if tag == "sheetData":
            self.in_sheet_data = True
        elif not self.in_sheet_data:
            return
        elif tag == "row":
            number = _int(attrs["r"]) if "r" in attrs else self.row_number + 1
            if number <= self.row_number:
                raise SpreadsheetError(NOT_XLSX)  # rows out of order: Excel would call the file damaged
            self.row_number, self.cells, self.formulas, self.column = number, {}, set(), 0
        elif tag == "c":
            self.column = self._column(attrs.get("r"))
            style = attrs.get("s")
            self.cell = {"type": attrs.get("t", "n"), "style": _int(style) if style else 0, "value": None}
        elif tag in ("v", "t") and self.cell is not None:
            self.collect, self.collected = [], 0
        elif tag == "rPh" and self.cell is not None:
            self.cell["phonetic"] = True
        elif tag == "f" and self.cell is not None:
            self.cell["formula"] = True

    def end(self, tag):
        if not self.in_sheet_data:
            return
        if tag == "sheetData":
            self.in_sheet_data = False
        elif tag == "v" and self.cell is not None and self.collect is not None:
            self.cell["value"] = "".join(self.collect)
            self.collect = None
        elif tag == "t" and self.cell is not None and self.collect is not None:
            if not self.cell.get("phonetic"):
                self.cell["value"] = (self.cell["value"] or "") + "".join(self.collect)
            self.collect = None
        elif tag == "rPh" and self.cell is not None:
            self.cell["phonetic"] = False
        elif tag == "c" and self.cell is not None:
            value = self._value(self.cell)
            if value is not None and value != "":
                self.budget.column(self.row_number, self.column)
                self.cells[self.column] = value
            if self.cell.get("formula") and len(self.formulas) <= self.limits.columns:
                self.formulas.add(self.column)
            self.cell = None
        elif tag == "row":
            if self.cells or self.formulas:
                last = max(self.cells) if self.cells else 0
                values = [self.cells.get(column) for column in range(1, last + 1)]
                row = self.budget.row(self.row_number, values)
                self.done.append(Row(row.number, row.values, frozenset(self.formulas)) if self.formulas else row)
            self.cells, self.formulas = {}, set()

    def text(self, data):
        if self.collect is not None:
            self.collect.append(data)
            self.collected += len(data)
            if self.collected > self.limits.text * 7:  # "_x000D_" is one character
                raise SpreadsheetError(
                    f"Rad {self.row_number} har en celle med flere enn {nb_number(self.limits.text)} tegn."
                )

    def _column(self, reference: str | None) -> int:
        if reference is None:
            return self.column + 1
        match = _COORDINATE.match(reference)
        if match is None or int(match.group(2)) != self.row_number:
            raise SpreadsheetError(NOT_XLSX)
        return column_index_from_string(match.group(1)) if len(match.group(1)) <= 3 else 10**9

    def _value(self, cell: dict):
        kind, text = cell["type"], cell["value"]
        if text is None or not text.strip():
            return None  # also a formula never calculated: it has an empty value
        where = f"{get_column_letter(min(self.column, 16_384))}{self.row_number}"
        if kind == "s":
            index = _int(text.strip())
            if index >= len(self.strings):
                raise SpreadsheetError(NOT_XLSX)
            return self.strings[index]
        if kind in ("str", "inlineStr", "e"):
            return _unescape(text)
        if kind == "b":
            return text.strip() in ("1", "true")
        if kind == "d":
            try:
                return datetime.datetime.fromisoformat(text.strip())
            except ValueError:
                raise SpreadsheetError(f"Cellen {where} har en dato som ikke kan leses: «{text[:40]}».") from None
        number = _number(text, where)
        if cell["style"] in self.date_styles:
            try:
                return from_excel(number, self.epoch)
            except (ValueError, OverflowError, TypeError):
                raise SpreadsheetError(f"Cellen {where} har en dato som ikke kan leses: «{text[:40]}».") from None
        return number


def _number(text: str, where: str) -> int | float:
    try:
        number = float(text)
    except ValueError:
        raise SpreadsheetError(f"Cellen {where} skal ha et tall, men har «{text[:40]}».") from None
    if not math.isfinite(number):
        raise SpreadsheetError(f"Cellen {where} har et tall som er for stort: «{text[:40]}».")
    if number.is_integer() and abs(number) < 2**53:
        return int(number)
    return number
