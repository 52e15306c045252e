import django_tables2 as tables

from deviations.models import Deviation, Status
from horeport.tables import MISSING, DateColumn, status_tag

STATUS_COLOURS = {Status.REGISTERED: "info", Status.IN_PROGRESS: "warning", Status.CLOSED: "success"}


class DeviationTable(tables.Table):
    reference = tables.Column("Saksnummer", linkify=True)
    registered_on = DateColumn("Registrert", order_by=("registered_on", "reference"))
    category = tables.Column(
        "Kategori", order_by=("category__sort_order", "category__name", "registered_on", "reference")
    )
    unit = tables.Column(
        "Virksomhet",
        order_by=("unit__sort_order", "unit__name", "registered_on", "reference"),
        attrs={"td": {"class": "wrap"}},
    )
    severity = tables.Column("Alvorlighet", attrs={"td": {"class": "nowrap"}})
    status = tables.Column("Status")
    closed_on = DateColumn("Lukket")
    to_hospital = tables.Column("Til sykehus")

    class Meta:
        model = Deviation
        fields = ["reference", "registered_on", "category", "unit", "severity", "status",
                  "closed_on", "to_hospital"]  # fmt: skip
        order_by = "-registered_on"
        default = MISSING
        attrs = {"class": "ds-table deviation-table", "data-border": "true", "th": {"scope": "col"}}
        empty_text = "Ingen avvik passer til filteret. Fjern noen av valgene, eller registrer et nytt avvik."

    def render_severity(self, record):
        return record.get_severity_display()  # "3 – Alvorlig": a word, not a bare number

    def render_status(self, record):
        return status_tag(record.get_status_display(), STATUS_COLOURS.get(record.status, "neutral"))

    def render_to_hospital(self, record):
        return "Ja" if record.to_hospital else "Nei"
