"""The report as an Excel workbook: a cover sheet and one sheet per section.

Numbers are stored as numbers with the cell's number format (a percent as a fraction with a
% format), never as text; charts are PNG images; commentary and notes follow the tables.
"""

from __future__ import annotations

import io
import re
from functools import cache

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.drawing.image import Image
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from horeport.charts import chart_png
from horeport.formatting import NO_VALUE, nb_datetime
from horeport.narrative import NarrativeLine, narrative_lines
from horeport.sections import Table
from horeport.workbooks import CellStyles, put, text, workbook_bytes
from reports.services import BuiltSection, Report

TITLE = Font(bold=True, size=16, color="00315D")
SUBTITLE = Font(bold=True, size=12, color="00315D")
BOLD = Font(bold=True)
MUTED = Font(italic=True, color="4B5563")
HEADER_FILL = PatternFill("solid", fgColor="E8EEF5")
GROUP_FILL = PatternFill("solid", fgColor="F4F5F6")
NOTICE_FILL = PatternFill("solid", fgColor="FFF0C2")
HEADER_BORDER = Border(bottom=Side(style="medium", color="6B7480"))
TOTAL_BORDER = Border(top=Side(style="thin", color="1E2B3C"))
WRAP = Alignment(wrap_text=True, vertical="top")
RIGHT = Alignment(horizontal="right")
CENTRE = Alignment(horizontal="center")
HEADER_LEFT = Alignment(wrap_text=True, vertical="bottom", horizontal="left")
HEADER_RIGHT = Alignment(wrap_text=True, vertical="bottom", horizontal="right")
ROW_EMPHASIS = {"total": {"font": BOLD, "border": TOTAL_BORDER}, "group": {"font": BOLD, "fill": GROUP_FILL}}
# The status colours of the screen and the PDF (a status word, or a number coloured by its status).
STATUS_FILLS = {
    "green": PatternFill("solid", fgColor="D5F0DC"),
    "yellow": PatternFill("solid", fgColor="FFF0C2"),
    "red": PatternFill("solid", fgColor="FBDADA"),
    "none": PatternFill("solid", fgColor="E9EBEE"),
}

SHEET_NAME_MAX = 31
_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
CHART_WIDTH_PX, CHART_HEIGHT_PX = 650, 320
CHART_ROWS = 17  # the rows a chart image covers at the default row height


def sheet_title(title: str, used: set[str]) -> str:
    """A worksheet name Excel accepts: ≤ 31 characters, none of []:*?/\\, unique in the workbook."""
    name = _FORBIDDEN.sub("-", text(title)).strip().strip("'") or "Ark"
    name = _cut_at_word(name, SHEET_NAME_MAX)
    candidate, n = name, 2
    while candidate.lower() in used:
        suffix = f" ({n})"
        candidate = _cut_at_word(name, SHEET_NAME_MAX - len(suffix)) + suffix
        n += 1
    used.add(candidate.lower())
    return candidate


def _cut_at_word(text: str, length: int) -> str:
    """At most `length` characters, cut after a whole word (mid-word only for one very long word)."""
    if len(text) <= length:
        return text
    cut = text[: length + 1].rsplit(" ", 1)[0].rstrip(" –-,(")
    return cut if cut and len(cut) <= length else text[:length].rstrip()


def report_xlsx(report: Report) -> bytes:
    workbook = Workbook()
    cover = workbook.active
    used = {"forside"}
    cover.title = "Forside"
    sheets = [(part, workbook.create_sheet(sheet_title(part.sheet_title, used))) for part in report.shown_parts]
    _write_cover(cover, report, sheets)
    styles = CellStyles()
    for part, sheet in sheets:
        _write_section(sheet, part, report, styles)
    workbook.properties.title = report.title
    workbook.properties.creator = f"{report.municipality}, {report.department}"
    workbook.properties.created = report.generated_at.replace(tzinfo=None)
    return workbook_bytes(workbook)


def _write_cover(sheet: Worksheet, report: Report, sheets: list[tuple[BuiltSection, Worksheet]]) -> None:
    put(sheet, 1, 1, report.municipality, font=SUBTITLE)
    put(sheet, 2, 1, report.department)
    put(sheet, 4, 1, report.kind.name, font=TITLE)
    put(sheet, 5, 1, report.period.label + (" (kortversjon)" if report.short else ""), font=SUBTITLE)
    put(sheet, 6, 1, report.status_label, font=BOLD)
    generated = nb_datetime(report.generated_at)
    put(sheet, 7, 1, f"{'Publisert' if report.version else 'Laget'} {generated}", font=MUTED)
    row = 9
    if report.small_numbers_notice:
        put(sheet, row, 1, report.small_numbers_notice, alignment=WRAP)
        row += 2
    if report.empty_notice:
        put(sheet, row, 1, report.empty_notice, alignment=WRAP)
        row += 1
    for title, reason in report.empty_reasons:
        put(sheet, row, 1, f"{title}: {reason}", alignment=WRAP)
        row += 1
    if report.empty_notice or report.empty_reasons:
        row += 1
    put(sheet, row, 1, "Innhold", font=SUBTITLE)
    row += 1
    for part, section_sheet in sheets:
        cell = put(sheet, row, 1, part.title)
        cell.hyperlink = Hyperlink(ref=cell.coordinate, location=f"'{section_sheet.title}'!A1")
        cell.font = Font(color="0062BA", underline="single")
        if part.problem:
            put(sheet, row, 2, "Ikke tilgjengelig", font=MUTED)
        row += 1
    sheet.column_dimensions["A"].width = 80
    sheet.column_dimensions["B"].width = 20


def _write_section(sheet: Worksheet, part: BuiltSection, report: Report, styles: CellStyles) -> None:
    put(sheet, 1, 1, part.title, font=TITLE)
    put(sheet, 2, 1, f"{report.title} · {report.status_label}", font=MUTED)
    row = 4
    if part.is_chapter:
        _write_narrative(sheet, row, narrative_lines(part.commentary_text), wrap=True)
        sheet.column_dimensions["A"].width = NARRATIVE_WIDTH
        sheet.freeze_panes = "A4"
        return
    widths: dict[int, int] = {1: 24}
    freeze = None
    section = part.section
    if part.problem:
        cell = put(sheet, row, 1, part.problem)
        cell.fill, cell.alignment = NOTICE_FILL, WRAP
        widths[1] = 80
        row += 2
    elif section is not None:
        for paragraph in section.paragraphs:
            put(sheet, row, 1, paragraph, alignment=Alignment(wrap_text=False))
            row += 1
        if section.paragraphs:
            row += 1
        if section.is_empty:
            put(sheet, row, 1, f"Ingen tall er registrert for {section.period.label}.", font=MUTED)
            row += 2
        tables = [t for t in section.tables if not t.is_empty] if not section.is_empty else []
        for index, table in enumerate(tables):
            row, header_end = _write_table(sheet, table, row, widths, styles)
            if index == 0:
                freeze = f"B{header_end + 1}"
            row += 1
        for chart in section.charts:
            image = Image(io.BytesIO(chart_png(chart)))
            image.width, image.height = CHART_WIDTH_PX, CHART_HEIGHT_PX
            sheet.add_image(image, f"A{row}")
            row += CHART_ROWS + 1
        row = _write_lines(sheet, row, "Merknader", section.notes)
    if part.commentary_text:
        row += 1
        put(sheet, row, 1, "Kommentar", font=SUBTITLE)
        row = _write_narrative(sheet, row + 1, narrative_lines(part.commentary_text))
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = min(max(width + 2, 10), 60)
    # The panes are frozen under the first table's header: its header and the row labels stay in view.
    sheet.freeze_panes = freeze or "B4"


@cache
def _indent(level: int) -> Alignment:
    return Alignment(indent=level)


def _write_table(
    sheet: Worksheet, table: Table, row: int, widths: dict[int, int], styles: CellStyles
) -> tuple[int, int]:
    """Write one table from `row`; return the next free row and the last header row."""
    put(sheet, row, 1, table.title, font=SUBTITLE)
    row += 1
    if table.header_groups:
        column = 1 if table.groups_cover_row_header else 2
        for group in table.header_groups:
            styles.apply(put(sheet, row, column, group.label), font=BOLD, fill=HEADER_FILL, alignment=CENTRE)
            if group.span > 1:
                sheet.merge_cells(start_row=row, start_column=column, end_row=row, end_column=column + group.span - 1)
            column += group.span
        row += 1
    headers = [table.row_header, *(c.label for c in table.columns)]
    for column, label in enumerate(headers, start=1):
        cell = put(sheet, row, column, label or None)
        styles.apply(cell, font=BOLD, fill=HEADER_FILL, border=HEADER_BORDER,
                     alignment=HEADER_LEFT if column == 1 else HEADER_RIGHT)  # fmt: skip
        widths[column] = max(widths.get(column, 0), min(len(label or ""), 24))
    header_end = row
    row += 1
    cell_notes: list[str] = []  # a cell's note ("5 av 6 mnd.") is written below the table, and kept as a comment
    for table_row in table.rows:
        # A total row is bold over a line; a group row is bold on grey, over the whole row.
        emphasis = ROW_EMPHASIS.get(table_row.kind, {})
        label = put(sheet, row, 1, table_row.header)
        styles.apply(label, alignment=_indent(table_row.level), **emphasis)
        widths[1] = max(widths[1], len(table_row.header) + 2 * table_row.level)
        for column, value in enumerate(table_row.cells, start=2):
            missing = value.is_numeric and value.value is None and not value.suppressed
            # A missing number is written as the notes say it is shown: "–", as in the PDF.
            cell = put(sheet, row, column, NO_VALUE if missing else value.excel_value)
            style = {"number_format": value.number_format if value.is_numeric and not value.suppressed else "General"}
            if value.is_numeric or value.suppressed:
                style["alignment"] = RIGHT
            if value.status in STATUS_FILLS:
                style["fill"] = STATUS_FILLS[value.status]
            styles.apply(cell, **(style | emphasis))
            if value.note:
                label = table.columns[column - 2].label if column - 2 < len(table.columns) else ""
                cell_notes.append(f"{table_row.header}, {label}: {value.note}" if label else value.note)
                cell.comment = Comment(text(value.note), "horeport")
            widths[column] = max(widths.get(column, 0), len(value.text_value) + (2 if value.signed else 0))
        if emphasis:
            for column in range(len(table_row.cells) + 2, len(table.columns) + 2):
                styles.apply(sheet.cell(row, column), **emphasis)
        row += 1
    for note in [*table.notes, *cell_notes]:
        put(sheet, row, 1, note, font=MUTED)
        row += 1
    return row, header_end


NARRATIVE_WIDTH = 100
NARRATIVE_HEADING = Font(bold=True, size=11, color="00315D")


def _write_narrative(sheet: Worksheet, row: int, lines: list[NarrativeLine], *, wrap: bool = False) -> int:
    """Free text as plain lines, one a cell in column A: headings bold, list items indented with
    their mark ("• ", "1. "), a blank row before a heading; never a markup character. Lines wrap
    in a chapter's wide column; under a table they run on over the empty cells beside them."""
    for index, line in enumerate(lines):
        if line.kind == "heading" and index:
            row += 1
        cell = put(sheet, row, 1, line.text)
        if line.kind == "heading":
            cell.font = NARRATIVE_HEADING
        indent = line.level if line.kind == "item" else 0
        cell.alignment = Alignment(wrap_text=wrap, vertical="top", indent=indent)
        row += 1
    return row


def _write_lines(sheet: Worksheet, row: int, heading: str, lines: list[str]) -> int:
    if not lines:
        return row
    row += 1
    put(sheet, row, 1, heading, font=SUBTITLE)
    row += 1
    for line in lines:
        put(sheet, row, 1, line)
        row += 1
    return row
