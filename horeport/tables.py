"""A register's table: sorting and paging it from the address, whatever the address says; its
date column and status tag."""

from __future__ import annotations

import django_tables2 as tables
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import QuerySet
from django.utils.html import format_html
from django_tables2 import RequestConfig
from django_tables2.rows import BoundRows

from horeport.formatting import DASH, nb_date

# An empty cell in a register's table, every register alike: the dash the reports use, and words for a
# screen reader (which reads a lone dash as nothing or as "tankestrek"). Each table's Meta.default.
MISSING = format_html('<span aria-hidden="true">{}</span><span class="ds-sr-only">ikke registrert</span>', DASH)

# Fields that tell every row apart: an order ending with one of them is total.
_UNIQUE_LAST = {"reference", "pk", "id"}


class DateColumn(tables.Column):
    """A date as the product writes it (31.12.2016)."""

    def render(self, value):
        return nb_date(value)


def status_tag(text: str, colour: str) -> str:
    """A row's status as a coloured tag (info, warning, success, neutral)."""
    return format_html('<span class="ds-tag" data-color="{}" data-size="sm">{}</span>', colour, text)


class DeepPagePaginator(Paginator):
    """Reads a page past the middle from the other end: the last page of 300 000 rows is the
    first 50 of the reversed order (an index read backwards), not 299 950 rows skipped.

    Only where the order is total (it ends with a unique field), so that both ends cut the rows
    into the same pages; otherwise, and for pages before the middle, as Django's paginator."""

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        queryset = self._queryset()
        if bottom <= self.count // 2 or queryset is None or not _total_order(queryset):
            return super().page(number)
        top = min(bottom + self.per_page, self.count)
        records = list(queryset.reverse()[self.count - top : self.count - bottom])
        records.reverse()
        if isinstance(self.object_list, BoundRows):
            rows = self.object_list
            records = BoundRows(data=records, table=rows.table, pinned_data=rows.pinned_data)
        return self._get_page(records, number, self)

    def _queryset(self) -> QuerySet | None:
        """The queryset under django-tables2's rows (BoundRows → TableQuerysetData → QuerySet)."""
        data = self.object_list
        while not isinstance(data, QuerySet) and hasattr(data, "data"):
            data = data.data
        return data if isinstance(data, QuerySet) else None


def _tie_broken(table) -> None:
    """Rows that sort alike (the same severity) keep one order: the primary key decides between
    them, so that pages never repeat or skip a row (PostgreSQL gives ties in any order)."""
    queryset = getattr(table.data, "data", None)
    if not isinstance(queryset, QuerySet) or _total_order(queryset):
        return
    query = queryset.query
    order = list(query.order_by or (query.get_meta().ordering if query.default_ordering else ()))
    descending = bool(order) and isinstance(order[-1], str) and order[-1].startswith("-")
    table.data.data = queryset.order_by(*order, "-pk" if descending else "pk")


def _total_order(queryset: QuerySet) -> bool:
    order = queryset.query.order_by or (queryset.query.get_meta().ordering if queryset.query.default_ordering else ())
    if not order or not isinstance(order[-1], str):
        return False
    return order[-1].lstrip("-") in _UNIQUE_LAST


def table_configure(request, table, *, per_page: int | None) -> None:
    """Sort the table as the address asks and show the page it names (`per_page` rows a page; None
    for every row). A page that is not a number shows the first page, one past the end the last;
    the page size is the view's own, not the address's."""
    RequestConfig(request, paginate=False).configure(table)
    _tie_broken(table)
    if per_page is None:
        return
    try:
        table.paginate(DeepPagePaginator, page=request.GET.get(table.prefixed_page_field, 1), per_page=per_page)
    except PageNotAnInteger:
        table.paginate(DeepPagePaginator, page=1, per_page=per_page)
    except EmptyPage:
        table.paginate(DeepPagePaginator, page=table.paginator.num_pages, per_page=per_page)
