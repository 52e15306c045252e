"""Report sections of the complaint register (see horeport/sections.py).

complaints.by_type: the seed's table "Klager som er sendt til Fylkesmannen": complaints sent in the
period per case type and outcome (as registered by the cut-off), a totals row, pending counted.
complaints.open: complaints open at the period's end (or the cut-off), per case type and by age.
"""

from __future__ import annotations

from complaints import selectors
from complaints.authority import authority_name, authority_name_for
from complaints.models import Decision
from horeport.formatting import nb_date, nb_number
from horeport.periods import Period
from horeport.sections import Cell, Column, Row, Section, SectionOptions, Table, report_section, suppress_small_numbers

# The seed's columns always show; the other decisions only where they occur.
ALWAYS_SHOWN = (Decision.STADFESTET, Decision.DELVIS_OMGJORT, Decision.OMGJORT)
PENDING_LABEL = "Ikke avgjort"


def _totals_row(rows: list[Row], width: int, label: str = "Totalt") -> Row:
    sums = [sum(row.cells[i].value or 0 for row in rows) for i in range(width)]
    return Row(label, [Cell.integer(value) for value in sums], kind="total", key="total")


def sent_table(*, period: Period, cutoff=None) -> Table:
    """Complaints sent in the period per case type and outcome, with a totals row (not suppressed)."""
    authority = authority_name_for(period)
    counted = selectors.sent_outcomes_by_type(period=period, cutoff=cutoff)
    decisions = [d for d in Decision if d in ALWAYS_SHOWN or any(row.counts.get(d.value) for row in counted)]
    columns = [
        Column("Antall", is_total=True),
        *(Column(decision.label) for decision in decisions),
        Column(PENDING_LABEL),
    ]
    rows = [
        Row(
            row.case_type.name_on(period.end),
            [
                Cell.integer(row.total),
                *(Cell.integer(row.counts.get(d.value, 0)) for d in decisions),
                Cell.integer(row.counts.get(selectors.PENDING, 0)),
            ],
            key=f"casetype-{row.case_type.pk}",
        )  # fmt: skip
        for row in counted
    ]
    cutoff_day = min(period.end, cutoff) if cutoff else period.end
    return Table(
        title=f"Klager som er sendt til {authority}",
        columns=columns,
        rows=[*rows, _totals_row(rows, len(columns))],
        row_header="Sakstype",
        register_counts=True,
        notes=[
            f"En klage telles i perioden den ble sendt til {authority}. Utfallet er vedtaket slik det var "
            f"registrert per {nb_date(cutoff or period.end)}; klager uten vedtak da telles som «{PENDING_LABEL}».",
        ]
        + ([] if cutoff_day == period.end else [f"Bare klager sendt til og med {nb_date(cutoff_day)} er med."]),
    )


def received_table(*, period: Period, cutoff=None) -> Table:
    """Complaints received in the period per case type, and what had become of them by the cut-off."""
    authority = authority_name_for(period)
    counted = selectors.received_by_type(period=period, cutoff=cutoff)
    keys = ("reversed", "sent", "in_municipality")
    rows = [
        Row(
            row.case_type.name_on(period.end),
            [Cell.integer(row.total), *(Cell.integer(row.counts.get(key, 0)) for key in keys)],
            key=f"casetype-{row.case_type.pk}",
        )  # fmt: skip
        for row in counted
    ]
    columns = [Column("Mottatt", is_total=True), Column("Omgjort av kommunen"), Column(f"Sendt til {authority}"),
               Column("Under behandling i kommunen")]  # fmt: skip
    return Table(
        title="Klager mottatt i perioden",
        columns=columns,
        rows=[*rows, _totals_row(rows, len(columns))],
        row_header="Sakstype",
        register_counts=True,
        notes=[f"En klage telles i perioden den ble mottatt. Status per {nb_date(cutoff or period.end)}."],
    )


@report_section(
    "complaints.by_type", "Klagesaker per sakstype og utfall",
    sheet_title="Klagesaker per type og utfall",
    description="Klager sendt til Fylkesmannen/Statsforvalteren i perioden, per sakstype og utfall, med totalrad; "
    "klager uten vedtak telles som ikke avgjort.",
)  # fmt: skip
def by_type(*, period: Period, options: SectionOptions) -> Section:
    authority = authority_name_for(period)
    section = Section(period, small_numbers=options.small_numbers)
    table = sent_table(period=period, cutoff=options.cutoff)
    totals = table.rows[-1].cells
    if not totals[0].value:
        section.notes.append(f"Ingen klager ble sendt til {authority} i {period.label}.")
        return section
    if not options.small_numbers:
        pending = totals[-1].value
        section.paragraphs.append(
            f"I {period.label} ble {nb_number(totals[0].value)} klager sendt til {authority}. "
            f"Per {nb_date(options.cutoff_for(period))} var {nb_number(totals[0].value - pending)} avgjort "
            f"og {nb_number(pending)} ikke avgjort."
        )
    section.tables.append(suppress_small_numbers(table, options.small_numbers))
    return section


def open_tables(*, on) -> list[Table]:
    """Open complaints at the end of a day: per case type, and by time since received."""
    authority = authority_name(on)
    found = selectors.open_complaints(on=on)
    columns = [Column("I kommunen"), Column(f"Hos {authority}"), Column("Totalt", is_total=True)]

    def cells(counts):
        return [Cell.integer(counts.in_municipality), Cell.integer(counts.at_authority), Cell.integer(counts.total)]

    type_rows = [Row(case_type.name_on(on), cells(counts), key=f"casetype-{case_type.pk}")
                 for case_type, counts in found.by_type]  # fmt: skip
    age_rows = [Row(label, cells(counts)) for label, counts in found.by_age]
    note = ("«I kommunen»: mottatt, ikke omgjort og ikke sendt videre. "
            f"«Hos {authority}»: sendt, vedtak ikke registrert.")  # fmt: skip
    return [
        Table(f"Åpne klagesaker per {nb_date(on)}", columns, [*type_rows, _totals_row(type_rows, 3)],
              row_header="Sakstype", register_counts=True, notes=[note]),
        Table("Åpne klagesaker etter tid siden mottatt", columns, [*age_rows, _totals_row(age_rows, 3)],
              row_header="Tid siden mottatt", register_counts=True),
    ]  # fmt: skip


@report_section(
    "complaints.open", "Åpne klagesaker",
    description="Klager som ikke er avgjort ved periodens slutt: i kommunen eller hos Fylkesmannen/Statsforvalteren.",
)  # fmt: skip
def open_cases(*, period: Period, options: SectionOptions) -> Section:
    on = options.cutoff_for(period)
    section = Section(period, small_numbers=options.small_numbers)
    tables = open_tables(on=on)
    total = tables[0].rows[-1].cells[-1].value
    if not total:
        section.notes.append(f"Ingen klagesaker var åpne per {nb_date(on)}.")
        return section
    if not options.small_numbers:
        section.paragraphs.append(f"Per {nb_date(on)} var {nb_number(total)} klagesaker ikke avgjort.")
    section.tables += [suppress_small_numbers(table, options.small_numbers) for table in tables]
    return section
