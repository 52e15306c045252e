"""Named rules that compute an indicator's result from stored figures instead of it being entered.

An app registers a rule in its own `computed.py` (imported by its `AppConfig.ready`, and by
`rules_autodiscover` for an app that needs the whole registry before then), so that the
målekart can compute "economy.budget_deviation" without importing the app that owns the figures:

    @computed_rule("economy.budget_deviation", "Avvik i forhold til budsjett (økonomi)",
                   depends_on=("economy.BudgetFrame", "economy.AccountsFigure"))
    def budget_deviation(*, period: Period, unit: ServiceUnit | None) -> Decimal | None: ...

A rule is a function of a period and a service unit (None: the whole department) that returns
the result, unrounded, or None where the stored figures do not give one. `depends_on` names the
models whose changes change its results (the målekart's kept copy is renewed by them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.apps import apps


@dataclass(frozen=True)
class ComputedRule:
    key: str
    title: str
    function: Callable[..., Decimal | None]
    depends_on: tuple[str, ...] = ()  # "app_label.Model"
    description: str = ""


COMPUTED_RULES: dict[str, ComputedRule] = {}


def computed_rule(key: str, title: str, *, depends_on: tuple[str, ...] = (), description: str = ""):
    """Register a rule under a stable key ("app.name")."""

    def register(function):
        COMPUTED_RULES[key] = ComputedRule(key, title, function, tuple(depends_on), description)
        return function

    return register


def rule_choices() -> list[tuple[str, str]]:
    """The registered rules as choices for a form (a model field's callable choices)."""
    return sorted(((rule.key, rule.title) for rule in COMPUTED_RULES.values()), key=lambda choice: choice[1])


def rule_title(key: str) -> str:
    rule = COMPUTED_RULES.get(key)
    return rule.title if rule else key


def compute(key: str, *, period, unit=None) -> Decimal | None:
    """The rule's result for a period and unit; None for a rule no app has registered."""
    rule = COMPUTED_RULES.get(key)
    return None if rule is None else rule.function(period=period, unit=unit)


def rules_autodiscover() -> dict[str, ComputedRule]:
    """Import every installed app's `computed` module, so that the registry is whole even before
    the app that owns a rule has run its `AppConfig.ready` (the målekart's, which comes first)."""
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("computed")
    return COMPUTED_RULES


def dependency_models() -> list:
    """Every model a registered rule depends on."""
    names = dict.fromkeys(name for rule in COMPUTED_RULES.values() for name in rule.depends_on)
    return [apps.get_model(name) for name in names]
