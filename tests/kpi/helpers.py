"""Small builders for the målekart tests."""

from __future__ import annotations

import html
import re
from decimal import Decimal

from horeport.periods import Period
from kpi.bands import Condition
from kpi.models import Band, Indicator, Perspective, Result


def perspective(code="S.3", name="Natur, kulturmiljø og samfunnssikkerhet", scorecard="gjennomgaende"):
    return Perspective.objects.get_or_create(code=code, defaults={"name": name, "scorecard": scorecard})[0]


def indicator(
    code="S.3.1",
    *,
    green=">= 95",
    red="< 60",
    valid_from=2014,
    unit="percent",
    decimals=2,
    frequency="year",
    introduced_year=None,
    perspective_code="S.3",
    scorecard="gjennomgaende",
    **extra,
):
    """An indicator with one band (conditions written as in the fixtures: ">= 95", "< 60")."""
    texts = {key: extra.pop(key) for key in ("green_text", "yellow_text", "red_text") if key in extra}
    if unit == "score":  # the målekart's user surveys answer on a scale from 0 to 6
        extra.setdefault("scale_min", Decimal(0))
        extra.setdefault("scale_max", Decimal(6))
    item = Indicator.objects.create(
        perspective=perspective(perspective_code, scorecard=scorecard),
        code=code,
        name=extra.pop("name", code),
        unit=unit,
        decimals=decimals,
        frequency=frequency,
        introduced_year=introduced_year,
        **extra,
    )
    if green and red:
        band(item, green=green, red=red, valid_from=valid_from, **texts)
    return item


def band(item, *, green, red, valid_from=2014, **texts):
    g, r = Condition.parse(green), Condition.parse(red)
    return Band.objects.create(
        indicator=item,
        valid_from=valid_from,
        green_lower=g.lower,
        green_lower_inclusive=g.lower_inclusive,
        green_upper=g.upper,
        green_upper_inclusive=g.upper_inclusive,
        red_lower=r.lower,
        red_lower_inclusive=r.lower_inclusive,
        red_upper=r.upper,
        red_upper_inclusive=r.upper_inclusive,
        **texts,
    )


def result(item, period, value, unit=None, **extra):
    return Result.objects.create(indicator=item, period=Period.parse(period), value=Decimal(value), unit=unit, **extra)


def row_html(html: str, code: str) -> str:
    """The <tr> of an indicator in a page (`data-indicator="<code>"`)."""
    match = re.search(rf'<tr data-indicator="{re.escape(code)}"[^>]*>(.*?)</tr>', html, re.S)
    assert match, f"no row for {code}"
    return match.group(1)


def status_of(html: str, code: str) -> str:
    """The `data-status` of an indicator's status cell."""
    match = re.search(r'<td data-status="(\w+)"', row_html(html, code))
    assert match, f"no status cell for {code}"
    return match.group(1)


def text_of(fragment: str) -> str:
    """The visible text of an HTML fragment, spaces collapsed."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", fragment)).replace("\xa0", " ")
    return re.sub(r"\s+", " ", text).strip()


def query_count(client, url, params=None) -> int:
    """How many queries a page takes (after one warm-up request of the session)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url, params or {})
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(context.captured_queries)
