"""Entry grids: many rows on one form, saved all together or not at all. One engine for every app.

Each row is a `RowForm` for one `TrackedModel` row (stored or not yet) and carries its version.
A `Grid` refuses the whole save when any row is stale, locked or invalid, with the messages next
to the rows; it saves in one transaction through the rows' own save and delete (the one write
path), and a race after validation (someone saved or locked meanwhile) becomes a message, never
a server error.
"""

from __future__ import annotations

from collections import Counter

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from horeport import plausibility
from horeport.editing import REFUSED_RACE, refusal
from horeport.forms import TrackedModelForm
from horeport.models import PeriodLock, stale_message


def active_locks() -> list[PeriodLock]:
    """The active locks, read once for all the rows of a grid."""
    return list(PeriodLock.objects.active().order_by("locked_at"))


class RowForm(TrackedModelForm):
    """One row of an entry grid.

    A row whose `blank_fields` are all empty stores nothing, and deletes what was stored. The
    model's checks apply only to a row that will be saved. A row someone else has saved since the
    grid was opened is refused, also when there was no row when it was opened; a row someone has
    deleted since is refused too (it is not brought back).
    """

    blank_fields: tuple[str, ...] = ("value",)

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and cleaned.get("version") is None:
            # Opened while there was no row; someone has registered one since.
            raise ValidationError(stale_message(self.instance), code="stale")
        return cleaned

    @property
    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return all(data.get(name) in (None, "") and name not in self.errors for name in self.blank_fields)

    @property
    def will_delete(self) -> bool:
        return self.is_blank and self.instance.pk is not None

    @property
    def will_save(self) -> bool:
        return not self.is_blank and self.has_changed()

    def _post_clean(self):
        if not self.will_save:
            self.claim_opened_version()
            return  # nothing will be saved: the model's checks are for what is saved
        super()._post_clean()


class Grid:
    """The rows of a grid: `rows` pairs each object (an indicator, a housing type, a month…) with
    its row form. A row a lock holds is shown read-only and refuses a change.

    A changed figure far from its own history is questioned (horeport/plausibility.py): the grid
    is not saved until the user corrects it or ticks «Tallet er riktig» beside it; a confirmed
    figure is saved and recorded, with `user` as the one who confirmed it."""

    def __init__(self, rows: list[tuple[object, RowForm]], *, user=None):
        self.rows = rows
        self.user = user
        self.lock = next((form.lock for form in self.forms if form.lock is not None), None)
        self.errors: list[str] = []  # what belongs to no row: a race
        self.saved: list[tuple[object, str]] = []  # (object, "created", "changed" or "deleted")

    @property
    def forms(self) -> list[RowForm]:
        return [form for _, form in self.rows]

    @property
    def all_locked(self) -> bool:
        return all(form.lock is not None for form in self.forms)

    @property
    def invalid_rows(self) -> int:
        return sum(1 for form in self.forms if form.is_bound and form.errors)

    def is_valid(self) -> bool:
        self.errors = []
        checked = [form.is_valid() for form in self.forms]  # every row, so that every row gets its messages
        settled = plausibility.forms_check([form for form in self.forms if form.is_bound])
        return all(checked) and settled

    @property
    def unconfirmed(self) -> list:
        """(bound field, question) for each implausible value not yet confirmed, row by row."""
        return [item for form in self.forms for item in form.unconfirmed]

    @transaction.atomic
    def save(self) -> None:
        """Save the new and changed rows and delete the emptied ones, through each row's own save
        and delete. Raises StaleEditError or PeriodLockedError from a race after validation; the
        transaction then stores nothing."""
        saved, written = [], []
        for item, form in self.rows:
            if form.will_delete:
                form.instance.delete()
                saved.append((item, "deleted"))
            elif form.will_save:
                action = "changed" if form.instance.pk else "created"
                form.save()
                saved.append((item, action))
            else:
                continue
            written.append(form)
        plausibility.forms_record(written, user=self.user)
        self.saved = saved

    def save_if_valid(self) -> bool:
        """Validate and save; a race after validation becomes the grid's message. True if saved."""
        if not self.is_valid():
            return False
        try:
            self.save()
        except ValidationError as error:  # stale or locked since the rows were checked
            self.errors.append(refusal(error))
        except IntegrityError:  # someone stored the same row at the same moment
            self.errors.append(REFUSED_RACE)
        else:
            return True
        return False

    @property
    def summary(self) -> str:
        """What the save did: "2 nye, 1 slettet", or "ingen endringer"."""
        counts = Counter(action for _, action in self.saved)
        words = (("created", "nye"), ("changed", "endret"), ("deleted", "slettet"))
        return ", ".join(f"{counts[action]} {word}" for action, word in words if counts[action]) or "ingen endringer"
