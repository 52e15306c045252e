"""The register's list: sortable columns, one page at a time."""

from __future__ import annotations

import django_tables2 as tables
from django.db.models import F
from django.urls import reverse
from django.utils.html import format_html

from complaints.models import Complaint, Status
from horeport.tables import MISSING, DateColumn, status_tag

STATUS_TAG_COLORS = {
    Status.IN_MUNICIPALITY: "info",
    Status.PENDING: "warning",
    Status.REVERSED: "success",
    Status.DECIDED: "neutral",
}


class ComplaintTable(tables.Table):
    reference = tables.Column(verbose_name="Saksreferanse")
    case_type = tables.Column(verbose_name="Sakstype", order_by=("case_type__sort_order", "case_type__name"))
    unit = tables.Column(verbose_name="Virksomhet", order_by=("unit__sort_order", "unit__name"))
    received_on = DateColumn(verbose_name="Mottatt", attrs={"td": {"class": "num"}})
    sent_on = DateColumn(verbose_name="Sendt videre", attrs={"td": {"class": "num"}})
    decided_on = DateColumn(verbose_name="Avgjort", attrs={"td": {"class": "num"}})
    status = tables.Column(verbose_name="Status og utfall", accessor="pk",
                           order_by=("reversed_on", "decision", "sent_on"))  # fmt: skip

    class Meta:
        model = Complaint
        fields = ["reference", "case_type", "unit", "received_on", "sent_on", "decided_on", "status"]
        attrs = {
            "class": "ds-table complaint-table", "data-border": "true", "aria-describedby": "complaint-count",
            "th": {"scope": "col"},
        }  # fmt: skip
        order_by = ("-received_on",)
        empty_text = "Ingen klager passer med filtrene. Fjern et filter, eller registrer en ny klage."
        per_page = 25
        default = MISSING

    # Dates not yet set go last whichever way a date column is sorted (SQLite and PostgreSQL
    # would otherwise disagree about where NULL belongs).
    def _order_date(self, queryset, is_descending, name):
        field = F(name).desc(nulls_last=True) if is_descending else F(name).asc(nulls_last=True)
        return queryset.order_by(field, "-pk" if is_descending else "pk"), True

    def order_sent_on(self, queryset, is_descending):
        return self._order_date(queryset, is_descending, "sent_on")

    def order_decided_on(self, queryset, is_descending):
        return self._order_date(queryset, is_descending, "decided_on")

    def render_reference(self, record):
        url = reverse("complaints:detail", args=[record.pk])
        return format_html('<a class="ds-link" href="{}">{}</a>', url, record.reference)

    def render_case_type(self, record):
        # The name that applied when the complaint was received (Omsorgslønn in 2016).
        return record.case_type.name_on(record.received_on)

    def render_status(self, record):
        return status_tag(record.status_label, STATUS_TAG_COLORS[record.status])

    def value_status(self, record):
        return record.status_label
