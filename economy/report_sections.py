"""The economy's report section: per budget area and in total, the frame, its adjustments, the
revised budget, the accounts, the difference and the budget use (forbruksprosent)."""

from __future__ import annotations

from economy.calculations import millions
from economy.selectors import EconomyLine, Overview, economy_overview
from horeport.formatting import nb_number
from horeport.periods import Kind, Period
from horeport.sections import Cell, Column, Row, Section, SectionOptions, Table, report_section


def _amount(value, *, signed: bool = False) -> Cell:
    return Cell.decimal(millions(value), 1, signed=signed)


def columns(period: Period) -> list[Column]:
    """The year shows the difference; a tertial's accounts are part of the year's, so it shows only the use."""
    shown = [
        Column("Oppr. ramme"), Column("Justeringer"), Column("Justert ramme"),
        Column("Regnskap" if period.kind is Kind.YEAR else f"Regnskap pr. {period.end:%d.%m.}"),
    ]  # fmt: skip
    if period.kind is Kind.YEAR:
        shown += [Column("Avvik"), Column("Avvik %")]
    return [*shown, Column("Forbruks­prosent")]


def line_cells(line: EconomyLine) -> list[Cell]:
    cells = [_amount(line.frame), _amount(line.adjusted_by, signed=True), _amount(line.revised), _amount(line.accounts)]
    if line.period.kind is Kind.YEAR:
        cells += [_amount(line.difference, signed=True), Cell.percent(line.difference_percent, 1, signed=True)]
    return [*cells, Cell.decimal(line.use, 1)]


def overview_table(overview: Overview) -> Table:
    period = overview.period
    table = Table(f"Økonomi {period.label}, mill. kr", columns(period), row_header="Budsjettområde")
    for line in overview.lines:
        if not line.is_empty:
            table.rows.append(Row(line.name, line_cells(line), key=line.key))
    if len(table.rows) > 1 and overview.total.frame is not None:
        table.rows.append(Row(overview.total.name, line_cells(overview.total), kind="total", key="total"))
    if table.rows:
        table.notes += overview.notes
        table.notes.append(
            "Beløp i mill. kr. Oppr. ramme: rammen vedtatt for året. Justert ramme = oppr. ramme + justeringer "
            "fra tertialbehandlingene"
            + (f" til og med {period.label}" if period.kind is not Kind.YEAR else "")
            + ". Forbruksprosent = regnskap / justert ramme × 100."
            + (" Avvik = regnskap − justert ramme: positivt er merforbruk, negativt mindreforbruk."
               if period.kind is Kind.YEAR else
               f" Regnskapet er akkumulert fra 1. januar; etter {period.label} er forventet forbruk "
               f"omtrent {nb_number(period.index * 100 / 3, 1)} %.")
        )  # fmt: skip
    return table


def summary_sentence(total: EconomyLine) -> str:
    """The annual reports' sentence, computed: "… et merforbruk på 14,9 mill. kr av en samlet ramme …"."""
    if total.period.kind is not Kind.YEAR or total.difference is None:
        return ""
    word = "merforbruk" if total.difference > 0 else "mindreforbruk"
    text = (
        f"Regnskapet for {total.period.label} viser et {word} på {nb_number(millions(abs(total.difference)), 1)} "
        f"mill. kr av en samlet ramme på {nb_number(millions(total.revised), 1)} mill. kr. Dette utgjør en "
        f"forbruksprosent på {nb_number(total.use, 1)}."
    )
    if total.adjusted_by:
        text += (
            f" Inkludert i rammen ligger budsjettjusteringer fra tertialbehandlingene på til sammen "
            f"{nb_number(millions(total.adjusted_by), 1)} mill. kr."
        )
    if total.difference == 0:
        text = text.replace(f"et {word} på 0,0 mill. kr", "verken mer- eller mindreforbruk")
    return text


@report_section(
    "economy.overview", "Økonomi", period_kinds=(Kind.YEAR, Kind.TERTIAL),
    description="Ramme, justeringer fra tertialbehandlingene, regnskap, avvik og forbruksprosent per "
    "budsjettområde og samlet.",
)  # fmt: skip
def overview(*, period: Period, options: SectionOptions) -> Section:
    data = economy_overview(period=period)
    table = overview_table(data)
    section = Section(period)
    if table.rows:
        section.tables.append(table)
        sentence = summary_sentence(data.total)
        if sentence:
            section.paragraphs.append(sentence)
    else:
        section.notes.append(f"Ingen økonomitall er registrert for {period.label}.")
    return section
