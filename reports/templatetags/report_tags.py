"""Small helpers for rendering the neutral section value in templates."""

from django import template

from horeport.sections import Cell, Row, Table

register = template.Library()


@register.filter
def padded_cells(row: Row, table: Table) -> list[Cell]:
    """The row's cells, with empty ones added where a row is shorter than the table."""
    missing = len(table.columns) - len(row.cells)
    return [*row.cells, *([Cell.text(None)] * missing)] if missing > 0 else row.cells


@register.filter
def groups_cover_row_header(table: Table) -> bool:
    """Whether the upper header groups span the row-label column too."""
    return sum(group.span for group in table.header_groups) == len(table.columns) + 1
