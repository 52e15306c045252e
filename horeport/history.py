"""The change history of a figure or register entry, as people read it: who, when, before, after."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models
from django.shortcuts import render
from django.utils import timezone

from horeport.formatting import nb_as_stored, nb_date, nb_number
from horeport.periods import Period

ACTIONS = {"+": "Opprettet", "~": "Endret", "-": "Slettet"}
HIDDEN_FIELDS = {"id", "version"}


@dataclass
class HistoryEntry:
    when: object
    who: str
    action: str
    reason: str
    changes: list[tuple[str, str, str]] = field(default_factory=list)


def _display(model_field: models.Field | None, value) -> str:
    if value is None or value == "":
        return "–"
    if model_field is not None and model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Ja" if value else "Nei"
    if isinstance(value, Decimal):
        return nb_as_stored(value)
    if isinstance(value, int):
        return nb_number(value)
    if isinstance(value, Period):
        return value.label
    if hasattr(value, "year") and hasattr(value, "day") and not hasattr(value, "hour"):
        return nb_date(value)
    return str(value)


def history_rows(obj) -> list[HistoryEntry]:
    """Every recorded version of `obj`, newest first, each with the fields it changed."""
    records = list(obj.history.order_by("-history_date", "-history_id").select_related("history_user"))
    model = type(obj)
    own_labels = getattr(obj, "field_labels", {})  # a model may name its fields by its own data
    entries = []
    for index, record in enumerate(records):
        user = record.history_user
        who = (user.get_full_name() or user.get_username()) if user else "System"
        entry = HistoryEntry(
            when=timezone.localtime(record.history_date),
            who=who,
            action=ACTIONS.get(record.history_type, record.history_type),
            reason=record.history_change_reason or "",
        )
        older = records[index + 1] if index + 1 < len(records) else None
        if older is not None and record.history_type == "~":
            delta = record.diff_against(older, foreign_keys_are_objs=True)
            for change in delta.changes:
                if change.field in HIDDEN_FIELDS:
                    continue
                model_field = _field(model, change.field)
                label = own_labels.get(change.field) or _label(model_field, change.field)
                entry.changes.append((label, _display(model_field, change.old), _display(model_field, change.new)))
        elif record.history_type == "+":
            for model_field in model._meta.concrete_fields:
                if model_field.attname in HIDDEN_FIELDS or model_field.name in HIDDEN_FIELDS:
                    continue
                value = getattr(record, model_field.name, None)
                if value not in (None, ""):
                    label = own_labels.get(model_field.name) or _label(model_field, model_field.name)
                    entry.changes.append((label, "", _display(model_field, value)))
        entries.append(entry)
    return entries


def _field(model, name):
    try:
        return model._meta.get_field(name)
    except Exception:  # noqa: BLE001 - a field that no longer exists
        return None


def _label(model_field, name) -> str:
    label = getattr(model_field, "verbose_name", name) if model_field is not None else name
    return str(label)[:1].upper() + str(label)[1:]


def history_page(request, obj, *, back_url: str, title: str | None = None):
    """Render the shared history page for one object."""
    return render(
        request,
        "horeport/history.html",
        {"object": obj, "entries": history_rows(obj), "back_url": back_url, "title": title or str(obj)},
    )
