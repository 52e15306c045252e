"""Small builders for the deviations tests (fixtures stay in conftest.py)."""

from __future__ import annotations

import datetime
import itertools

from deviations.models import Deviation, Status

_numbers = itertools.count(1)


def table_of(section, index=0):
    """{row label (with its group for indented rows): [cell texts]}"""
    rows, group = {}, ""
    for row in section.tables[index].rows:
        if row.kind == "group":
            group = row.header
            continue
        rows[f"{group} / {row.header}" if row.level else row.header] = [cell.text_value for cell in row.cells]
    return rows


def values_of(section, index=0):
    return {key: [c.value for c in row.cells] for key, row in ((r.key, r) for r in section.tables[index].rows)}


def make_deviation(category, unit, registered_on, *, closed_on=None, status=None, to_hospital=False, **extra):
    """A deviation registered on a day; closed on `closed_on` if given."""
    registered_on = _date(registered_on)
    closed_on = _date(closed_on) if closed_on else None
    values = {
        "reference": f"T-{next(_numbers):05d}",
        "category": category,
        "unit": unit,
        "occurred_on": registered_on,
        "registered_on": registered_on,
        "description": "Bruker falt på badet.",
        "status": status or (Status.CLOSED if closed_on else Status.REGISTERED),
        "closed_on": closed_on,
        "measures": "Sklisikker matte." if closed_on else "",
        "to_hospital": to_hospital,
        "counterpart": "Bærum sykehus" if to_hospital else "",
    }
    values.update(extra)
    return Deviation.objects.create(**values)


def _date(value):
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)


def form_data(category, unit, **changes):
    data = {
        "reference": "AVV-2016-00001",
        "category": category.pk,
        "unit": unit.pk,
        "occurred_on": "2016-03-01",
        "registered_on": "2016-03-02",
        "severity": "2",
        "description": "Feil dose gitt ved morgenbesøk.",
        "immediate_action": "",
        "to_hospital": "",
        "counterpart": "",
        "status": "registrert",
        "closed_on": "",
        "measures": "",
        "learning": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}
