"""Entry grids: many rows of one period on one form, saved all together or not at all.

Each row is a `RowForm` for one `TrackedModel` row (stored or not yet) and carries its version.
A `Grid` refuses the whole save when its period is locked or any row is stale or invalid, with
the messages next to the rows; it saves in one transaction, and a race after validation (someone
saved or locked meanwhile) becomes a message, never a server error.
"""

from __future__ import annotations

from collections import Counter

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction

from horeport.forms import TrackedModelForm
from horeport.models import PeriodLock, StaleEditError, stale_message


class RowForm(TrackedModelForm):
    """One row of an entry grid.

    A row whose `blank_fields` are all empty stores nothing, and deletes what was stored. The
    model's checks apply only to a row that will be saved. A row someone else has saved since the
    grid was opened is refused, also when there was no row when it was opened.
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

    def _post_clean(self):
        if self.is_blank or not self.has_changed():
            return  # nothing will be saved: the model's checks are for what is saved
        super()._post_clean()

    def _update_errors(self, errors):
        # The model's checks may name fields the row does not show (its period): show them as the
        # row's own errors.
        if hasattr(errors, "error_dict"):
            moved: dict[str, list] = {}
            for name, messages in errors.error_dict.items():
                moved.setdefault(name if name in self.fields else NON_FIELD_ERRORS, []).extend(messages)
            errors = ValidationError(moved)
        super()._update_errors(errors)


class Grid:
    """The rows of one period: `rows` pairs each object (an indicator, a housing type…) with its
    row form. With the period's `lock` the rows are shown read-only and the grid is refused."""

    def __init__(self, rows: list[tuple[object, RowForm]], *, lock: PeriodLock | None = None):
        self.rows = rows
        self.lock = lock
        self.errors: list[str] = []  # what belongs to no row: the lock, a race
        self.saved: list[tuple[object, str]] = []  # (object, "created", "changed" or "deleted")
        if lock is not None:
            for form in self.forms:
                for field in form.fields.values():
                    field.disabled = True

    @property
    def forms(self) -> list[RowForm]:
        return [form for _, form in self.rows]

    @property
    def invalid_rows(self) -> int:
        return sum(1 for form in self.forms if form.is_bound and form.errors)

    def is_valid(self) -> bool:
        self.errors = []
        if self.lock is not None:
            self.errors.append(self.lock.message)
            return False
        checked = [form.is_valid() for form in self.forms]  # every row, so that every row gets its messages
        return all(checked)

    @transaction.atomic
    def save(self) -> None:
        """Save the new and changed rows and delete the emptied ones. Raises StaleEditError or
        PeriodLockedError from a race after validation; the transaction then stores nothing."""
        saved = []
        for item, form in self.rows:
            instance = form.instance
            if form.is_blank:
                if instance.pk:
                    current = type(instance)._base_manager.filter(pk=instance.pk, version=instance.version)
                    if not current.select_for_update().exists():
                        raise StaleEditError(instance)
                    instance.delete()
                    saved.append((item, "deleted"))
            elif form.has_changed():
                action = "changed" if instance.pk else "created"
                form.save()
                saved.append((item, action))
        self.saved = saved

    def save_if_valid(self) -> bool:
        """Validate and save; a race after validation becomes the grid's message. True if saved."""
        if not self.is_valid():
            return False
        try:
            self.save()
        except ValidationError as error:  # stale or locked since the rows were checked
            self.errors.append(" ".join(error.messages) + " Ingenting er lagret.")
        except IntegrityError:  # someone stored the same row at the same moment
            self.errors.append("Noen andre lagret samtidig. Ingenting er lagret; last inn siden på nytt og prøv igjen.")
        else:
            return True
        return False

    @property
    def summary(self) -> str:
        """What the save did: "2 nye, 1 slettet", or "ingen endringer"."""
        counts = Counter(action for _, action in self.saved)
        words = (("created", "nye"), ("changed", "endret"), ("deleted", "slettet"))
        return ", ".join(f"{counts[action]} {word}" for action, word in words if counts[action]) or "ingen endringer"
