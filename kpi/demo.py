"""Demo data of the målekart, key figures and strategy status, from fixtures/kpi/*.toml.

Idempotent: a row is saved only when it is missing or differs from the fixture, so running
`load_demo` twice changes nothing (no new versions, no new history).
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from horeport.demo import read_fixture, upsert
from horeport.periods import Period
from kpi.bands import Condition
from kpi.models import (
    Band,
    Indicator,
    KeyFigure,
    KeyFigureValue,
    Measure,
    MeasureStatus,
    Perspective,
    Result,
    Strategy,
    StrategyScope,
    ThemePlan,
)


def _condition_fields(prefix: str, text: str) -> dict:
    condition = Condition.parse(text)
    return {
        f"{prefix}_lower": condition.lower,
        f"{prefix}_lower_inclusive": condition.lower_inclusive,
        f"{prefix}_upper": condition.upper,
        f"{prefix}_upper_inclusive": condition.upper_inclusive,
    }


@transaction.atomic
def load() -> None:
    malekart_load()
    key_figures_load()
    strategy_load()


def _scale(data: dict, item: dict) -> dict:
    """A score's scale: the indicator's own, else the målekart's (`score_scale`); none for other units."""
    if item["unit"] != "score":
        return {"scale_min": None, "scale_max": None}
    scale = item.get("scale", data["score_scale"])
    return {"scale_min": Decimal(str(scale["min"])), "scale_max": Decimal(str(scale["max"]))}


def malekart_load() -> None:
    data = read_fixture("kpi/malekart.toml")
    perspectives = {}
    for order, item in enumerate(data["perspectives"], start=1):
        perspectives[item["code"]] = upsert(
            Perspective,
            {"code": item["code"]},
            {"name": item["name"], "scorecard": item["scorecard"], "sort_order": order * 10},
        )
    for order, item in enumerate(data["indicators"], start=1):
        indicator = upsert(
            Indicator,
            {"code": item["code"]},
            {
                "perspective": perspectives[item["perspective"]],
                "name": item["name"],
                "unit": item["unit"],
                "decimals": item["decimals"],
                "frequency": item.get("frequency", "year"),
                "introduced_year": item.get("introduced_year"),
                **_scale(data, item),
                "sort_order": order * 10,
            },
        )
        band = item["band"]
        upsert(
            Band,
            {"indicator": indicator, "valid_from": band["valid_from"]},
            {
                **_condition_fields("green", band["green"]),
                **_condition_fields("red", band["red"]),
                "green_text": band.get("green_text", ""),
                "yellow_text": band.get("yellow_text", ""),
                "red_text": band.get("red_text", ""),
            },
        )
        for period, value in item.get("results", {}).items():
            upsert(Result, {"indicator": indicator, "period": Period.parse(period), "unit": None},
                    {"value": Decimal(value)})  # fmt: skip


def key_figures_load() -> None:
    data = read_fixture("kpi/key_figures.toml")
    for order, item in enumerate(data["key_figures"], start=1):
        figure = upsert(
            KeyFigure,
            {"name": item["name"]},
            {
                "unit": item.get("unit", ""),
                "decimals": item.get("decimals", 0),
                "frequency": item.get("frequency", "year"),
                "description": item.get("description", ""),
                "sort_order": order * 10,
            },
        )
        for value in item.get("values", []):
            upsert(
                KeyFigureValue,
                {"key_figure": figure, "period": Period.parse(value["period"])},
                {"value": Decimal(value["value"]), "comment": value.get("comment", "")},
            )


def strategy_load() -> None:
    data = read_fixture("kpi/strategy.toml")
    strategies = {
        number: upsert(Strategy, {"scope": StrategyScope.DEPARTMENT, "number": number}, {"name": name})
        for number, name in enumerate(data["strategies"], start=1)
    }
    for number, name in enumerate(data["municipality_strategies"], start=1):
        upsert(Strategy, {"scope": StrategyScope.MUNICIPALITY, "number": number}, {"name": name})
    plans = {}
    for order, item in enumerate(data["theme_plans"], start=1):
        plans[item["name"]] = upsert(
            ThemePlan,
            {"name": item["name"]},
            {
                "first_year": item.get("first_year"),
                "last_year": item.get("last_year"),
                "adopted": item.get("adopted", ""),
                "description": item.get("description", ""),
                "sort_order": order * 10,
            },
        )
    for order, item in enumerate(data["measures"], start=1):
        measure = upsert(
            Measure,
            {"name": item["name"]},
            {
                "theme_plan": plans[item["theme_plan"]] if "theme_plan" in item else None,
                "strategy": strategies[item["strategy"]] if "strategy" in item else None,
                "decision": item.get("decision", ""),
                "description": item.get("description", ""),
                "sort_order": order * 10,
            },
        )
        for status in item.get("statuses", []):
            upsert(
                MeasureStatus,
                {"measure": measure, "period": Period.parse(status["period"])},
                {"status": status["status"], "comment": status.get("comment", "")},
            )
