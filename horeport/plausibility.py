"""Plausibility on entry: a figure far from its own history is questioned when it is entered.

The rule (`implausible`, docs/rules.md "Plausibility"): a value outside the minimum–maximum an
administrator set for the figure is questioned; a figure without such limits is questioned when it
is more than the site's percentage (by default 50 %) above or below the same period last year.
Without last year's figure (or where it was 0) there is nothing to compare with, and no question.

The user either corrects the value or confirms it («Tallet er riktig»); a confirmed figure is
saved and recorded as a `FlaggedFigure`, listed on the reporting status until someone marks it
checked.

Each domain app declares its figures in its own `plausibility.py` (imported by its
`AppConfig.ready`): a `Figures` subclass registered with `@register` says which rows and fields
are checked, how to find the same figure last year (one query for a whole grid), what the figure
is called and where it is entered. Forms on `TrackedModelForm` and grids on `horeport.grids` then
check without code of their own; `check` answers for one value (the bulk import's preview).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q

from horeport.calculations import change
from horeport.formatting import nb_as_stored, nb_percent
from horeport.periods import Period

CONFIRM_FIELD = "riktig"  # the checkbox «Tallet er riktig», one per questioned cell


# -- the rule ---------------------------------------------------------------------------------


def implausible(value, previous, *, percent, minimum=None, maximum=None) -> str | None:
    """Why a value is implausible, in the user's words; None where it is plausible.

    Limits set for the figure replace the comparison with last year."""
    value = Decimal(value)
    if minimum is not None or maximum is not None:
        if maximum is not None and value > maximum:
            return f"{nb_as_stored(value)} er over den høyeste rimelige verdien for tallet ({nb_as_stored(maximum)})."
        if minimum is not None and value < minimum:
            return f"{nb_as_stored(value)} er under den laveste rimelige verdien for tallet ({nb_as_stored(minimum)})."
        return None
    relative = change(previous, value).relative
    if relative is None or abs(relative) <= percent:
        return None
    direction = "over" if relative > 0 else "under"
    return (
        f"{nb_as_stored(value)} er {nb_percent(abs(relative), 0)} {direction} samme periode i fjor "
        f"({nb_as_stored(previous)})."
    )


# -- what the apps declare --------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """One figure's place: which figure (an indicator, a housing type's measure…), period and unit."""

    kind: str  # the `Figures.key`: "kpi.result"
    figure_id: int
    measure: str  # the field, where a row holds several figures ("waitlist"); "" otherwise
    period: Period
    unit_id: int | None = None

    @property
    def last_year(self) -> Cell:
        return Cell(self.kind, self.figure_id, self.measure, self.period.same_period_last_year(), self.unit_id)


class Figures:
    """What an app declares about one kind of figure. Subclass, set the attributes, `@register`."""

    key: str = ""  # "kpi.result"
    label: str = ""  # "Indikatorresultat", shown where figures of all kinds are listed
    row_model = None  # the TrackedModel a form saves (Result)
    figure_model = None  # what a limit is set for (Indicator)
    fields: tuple[str, ...] = ("value",)  # the row's fields that are figures

    def cell(self, row, field: str) -> Cell:
        raise NotImplementedError

    def cell_for(self, figure, measure: str, period: Period, unit=None) -> Cell:
        """The cell of a figure (an `figure_model` instance) without a row: the bulk import's check."""
        return Cell(self.key, figure.pk, measure, period, getattr(unit, "pk", unit))

    def previous(self, cells: list[Cell]) -> dict[Cell, Decimal]:
        """The stored value of each cell, looked up in one query for all of them."""
        raise NotImplementedError

    def name(self, row, field: str) -> str:
        """What the figure is called: "S.3.1 Andel miljøsertifiserte virksomheter"."""
        raise NotImplementedError

    def url(self, row) -> str:
        """Where the figure is entered or corrected."""
        raise NotImplementedError

    def choices(self) -> list[tuple[int, str, str]]:
        """Every figure a limit may be set for: (figure id, measure, name)."""
        raise NotImplementedError


_REGISTRY: dict[str, Figures] = {}


def register(cls: type[Figures]) -> type[Figures]:
    _REGISTRY[cls.key] = cls()
    return cls


def kinds() -> list[Figures]:
    return list(_REGISTRY.values())


def kind_of(key: str) -> Figures | None:
    return _REGISTRY.get(key)


def kind_for_row(model) -> Figures | None:
    return next((kind for kind in _REGISTRY.values() if kind.row_model is model), None)


def kind_for_figure(figure) -> Figures | None:
    return next((kind for kind in _REGISTRY.values() if isinstance(figure, kind.figure_model)), None)


# -- checking ---------------------------------------------------------------------------------


@dataclass
class Warning:
    """A questioned value: why, and whether the user has confirmed it."""

    cell: Cell
    value: Decimal
    previous: Decimal | None
    reason: str
    token: str = ""  # the checkbox's value: the cell's field and the value confirmed
    confirmed: bool = False


def warnings_for(values: dict[Cell, Decimal]) -> dict[Cell, Warning]:
    """The questioned values among many (a grid's cells): the same few queries for any number."""
    from horeport.models import FigureLimit, SiteSettings

    if not values:
        return {}
    cells = list(values)
    previous: dict[Cell, Decimal] = {}
    for key in {cell.kind for cell in cells}:
        wanted = [cell.last_year for cell in cells if cell.kind == key]
        previous.update(_REGISTRY[key].previous(wanted))
    limits = {
        (limit.kind, limit.figure_id, limit.measure): limit
        for limit in FigureLimit.objects.filter(_any(Q(kind=cell.kind, figure_id=cell.figure_id) for cell in cells))
    }
    percent = SiteSettings.current().plausibility_percent
    found = {}
    for cell, value in values.items():
        limit = limits.get((cell.kind, cell.figure_id, cell.measure))
        before = previous.get(cell.last_year)
        reason = implausible(
            value, before, percent=percent,
            minimum=limit.minimum if limit else None, maximum=limit.maximum if limit else None,
        )  # fmt: skip
        if reason:
            found[cell] = Warning(cell, value, before, reason)
    return found


def _any(conditions) -> Q:
    combined = Q(pk__in=[])
    for condition in conditions:
        combined |= condition
    return combined


def check(value, *, figure, period: Period, unit=None, measure: str = "") -> Warning | None:
    """Is one value plausible for a figure (an Indicator, a KeyFigure, a Service's or a HousingType's
    measure: its field, "users_over_18", "waitlist") in a period, for a unit (results only)? The
    question to show, or None. For the bulk import's preview."""
    kind = kind_for_figure(figure)
    if kind is None or value is None:
        return None
    if len(kind.fields) > 1 and measure not in kind.fields:
        raise ValueError(f"{type(figure).__name__} has several figures: name one of {', '.join(kind.fields)}")
    cell = kind.cell_for(figure, measure, period, unit)
    return warnings_for({cell: Decimal(value)}).get(cell)


# -- forms and grids --------------------------------------------------------------------------


def form_cells(form) -> dict[str, tuple[Cell, Decimal | None]]:
    """A valid form's changed figures, by field (None where emptied): only a changed value is questioned."""
    kind = kind_for_row(type(form.instance))
    if kind is None or form.errors:
        return {}
    changed = set(form.changed_data)
    cells = {}
    for field in kind.fields:
        if field in form.fields and field in changed and not form.fields[field].disabled:
            value = form.cleaned_data.get(field)
            cells[field] = (kind.cell(form.instance, field), None if value is None else Decimal(value))
    return cells


def forms_check(forms: list) -> bool:
    """Question the implausible values of the forms that will save, all in one look-up; each
    form's `warnings` holds its questions by field. True when every question is confirmed."""
    found = {form: form_cells(form) for form in forms}
    values = {cell: value for cells in found.values() for cell, value in cells.values() if value is not None}
    warnings = warnings_for(values)
    settled = True
    for form, cells in found.items():
        form.warnings = {}
        confirmed = _confirmed(form.data) if form.is_bound else set()
        for field, (cell, _) in cells.items():
            warning = warnings.get(cell)
            if warning is None:
                continue
            warning.token = f"{form.add_prefix(field)}={warning.value.normalize()}"
            warning.confirmed = warning.token in confirmed
            form.warnings[field] = warning
            settled = settled and warning.confirmed
    return settled


def _confirmed(data) -> set[str]:
    """The ticked «Tallet er riktig» boxes of a POST (or a plain dict, as tests and commands post)."""
    if hasattr(data, "getlist"):
        return set(data.getlist(CONFIRM_FIELD))
    ticked = data.get(CONFIRM_FIELD, ())
    return {ticked} if isinstance(ticked, str) else set(ticked)


def forms_record(forms: list, *, user) -> list:
    """After the forms' rows are saved: record their confirmed questions (`figures_record`)."""
    saved = [(form.instance, field) for form in forms for field in form_cells(form)]
    questioned = [
        (form.instance, field, warning) for form in forms for field, warning in getattr(form, "warnings", {}).items()
    ]
    return figures_record(saved, questioned, user=user)


def rows_check(changed: list[tuple]) -> list[Warning | None]:
    """The question about each (row, field)'s new value, in order, in one look-up: what an import's
    preview shows beside a cell and its confirmation records (the rows need not be saved yet)."""
    cells = []
    for row, field in changed:
        kind = kind_for_row(type(row))
        value = getattr(row, field)
        cells.append(kind.cell(row, field) if kind is not None and field in kind.fields and value is not None else None)
    values = {cell: Decimal(getattr(row, field)) for (row, field), cell in zip(changed, cells, strict=True) if cell}
    warnings = warnings_for(values)
    return [warnings.get(cell) if cell else None for cell in cells]


def figures_record(saved: list[tuple], questioned: list[tuple], *, user) -> list:
    """After rows are saved: record the confirmed questions ((row, field, warning)), and let go of
    the unchecked flags of the saved cells ((row, field)) that now hold another value (corrected or
    emptied). One query each."""
    from horeport.models import FlaggedFigure

    saved_cells = set()
    for row, field in saved:
        kind = kind_for_row(type(row))
        if kind is not None and field in kind.fields:
            saved_cells.add(kind.cell(row, field))
    if saved_cells:
        stale = [
            flag.pk
            for flag in FlaggedFigure.objects.unchecked().filter(kind__in={c.kind for c in saved_cells})
            if flag.cell in saved_cells
        ]
        if stale:
            FlaggedFigure.objects.filter(pk__in=stale).delete()
    flags = []
    for row, field, warning in questioned:
        kind, cell = kind_for_row(type(row)), warning.cell
        flags.append(FlaggedFigure(
            kind=cell.kind, figure_id=cell.figure_id, measure=cell.measure, period=cell.period,
            unit_id=cell.unit_id, name=kind.name(row, field)[:300], url=kind.url(row),
            value=warning.value, previous=warning.previous, reason=warning.reason, entered_by=user,
        ))  # fmt: skip
    return FlaggedFigure.objects.bulk_create(flags) if flags else []
