"""Filters for `templates/horeport/section_table.html`, which renders a `horeport.sections.Table`."""

from django import template

from horeport.sections import STATUS_WORDS, Cell, CellType, Row, Table

register = template.Library()


@register.filter
def padded_cells(row: Row, table: Table) -> list[Cell]:
    """The row's cells, with empty ones added where a row is shorter than the table."""
    missing = len(table.columns) - len(row.cells)
    return [*row.cells, *([Cell.text(None)] * missing)] if missing > 0 else row.cells


@register.filter
def spans_table(row: Row) -> bool:
    """Whether a row is a group heading with nothing to show in its cells: one cell across the table."""
    return row.kind == "group" and not any(cell.text_value for cell in row.cells)


@register.filter
def cell_classes(cell: Cell) -> str:
    """A data cell's classes: `num` (right-aligned), `suppressed` (a hidden small number), `status-cell`,
    `result--green` (etc., a number coloured by its status)."""
    classes = [
        ("num", cell.is_numeric),
        ("suppressed", cell.suppressed),
        ("status-cell", cell.type is CellType.STATUS),
        (f"result--{cell.status}", cell.status and cell.is_numeric),
    ]
    return " ".join(name for name, applies in classes if applies)


@register.filter
def status_word(status: str) -> str:
    """The word of a band status: "green" -> "Ønsket"."""
    return STATUS_WORDS.get(status, "")


@register.filter
def legend_words(table: Table) -> list[tuple[str, str]]:
    """The (status, word) pairs of a status legend: the colours the table's numbers carry."""
    return list(STATUS_WORDS.items())


# A small table that ends in a total (a register's counts by type) is printed whole: split, its last
# rows and the total would stand alone at the top of a page.
WHOLE_TABLE_ROWS = 12


@register.filter
def kept_whole(table: Table) -> bool:
    """Whether a printed page should not split the table (a short table with a total row)."""
    return 0 < len(table.rows) <= WHOLE_TABLE_ROWS and table.rows[-1].kind == "total"
