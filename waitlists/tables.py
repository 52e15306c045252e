import django_tables2 as tables
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from horeport.formatting import nb_date, nb_number
from horeport.tables import MISSING, DateColumn
from waitlists.models import HousingCase


class HousingCaseTable(tables.Table):
    reference = tables.Column("Saksreferanse")
    housing_type = tables.Column("Boligtype", order_by=("housing_type__order", "housing_type__name"))
    decided_on = DateColumn(verbose_name="Vedtak")
    moved_in_on = DateColumn(verbose_name="Innflytting")
    status = tables.Column("Status", empty_values=(), order_by=("moved_in_on", "closed_on"))
    days = tables.Column(
        "Dager", empty_values=(), orderable=False, attrs={"td": {"class": "num"}, "th": {"class": "num"}}
    )
    actions = tables.Column("", empty_values=(), orderable=False)

    class Meta:
        model = HousingCase
        fields = ["reference", "housing_type", "decided_on", "moved_in_on", "status", "days", "actions"]
        order_by = "-decided_on"
        empty_text = "Ingen saker passer med filteret."
        default = MISSING

    def __init__(self, *args, can_edit=False, **kwargs):
        self.can_edit = can_edit
        self.today = timezone.localdate()
        super().__init__(*args, **kwargs)

    def render_status(self, record):
        if record.moved_in_on:
            return "Innflyttet"
        if record.closed_on:
            return format_html(
                'Avsluttet {}<br><span class="note">{}</span>',
                nb_date(record.closed_on),
                record.get_closed_reason_display(),
            )
        return "Venter"

    def render_days(self, record):
        """Days from decision to move-in; for a waiting case, days waited so far."""
        if record.moved_in_on:
            return nb_number((record.moved_in_on - record.decided_on).days)
        if record.closed_on:
            return MISSING
        return format_html('{}<span class="note">så langt</span>', nb_number((self.today - record.decided_on).days))

    def render_actions(self, record):
        history = format_html(
            '<a class="ds-link" href="{}">Historikk<span class="ds-sr-only"> for sak {}</span></a>',
            reverse("waitlists:case_history", args=[record.pk]), record.reference,
        )  # fmt: skip
        if not self.can_edit:
            return history
        edit = format_html(
            '<a class="ds-link" href="{}">Endre<span class="ds-sr-only"> sak {}</span></a>',
            reverse("waitlists:case_update", args=[record.pk]), record.reference,
        )  # fmt: skip
        return format_html("{} · {}", edit, history)
