"""Sorting and paging a register's table from the address, whatever the address says."""

from __future__ import annotations

from django.core.paginator import EmptyPage, PageNotAnInteger
from django_tables2 import RequestConfig


def table_configure(request, table, *, per_page: int | None) -> None:
    """Sort the table as the address asks and show the page it names (`per_page` rows a page; None
    for every row). A page that is not a number shows the first page, one past the end the last;
    the page size is the view's own, not the address's."""
    RequestConfig(request, paginate=False).configure(table)
    if per_page is None:
        return
    try:
        table.paginate(page=request.GET.get(table.prefixed_page_field, 1), per_page=per_page)
    except PageNotAnInteger:
        table.paginate(page=1, per_page=per_page)
    except EmptyPage:
        table.paginate(page=table.paginator.num_pages, per_page=per_page)
