from decimal import Decimal

from horeport.periods import Period
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
    ThemePlan,
)
from tests.access import ADMINS, EDITORS, EVERYONE, Case


def cases():
    perspective = Perspective.objects.create(code="S.3", name="Samfunnssikkerhet")
    indicator = Indicator.objects.create(perspective=perspective, code="S.3.1", name="Miljøsertifisert", decimals=2)
    band = Band.objects.create(indicator=indicator, valid_from=2014, green_lower=Decimal(95), red_upper=Decimal(60),
                               red_upper_inclusive=False)  # fmt: skip
    result = Result.objects.create(indicator=indicator, period=Period.parse("2014"), value=Decimal("54.55"))
    figure = KeyFigure.objects.create(name="KAD-plasser", unit="plasser")
    value = KeyFigureValue.objects.create(key_figure=figure, period=Period.parse("2016"), value=Decimal(7))
    strategy = Strategy.objects.create(number=1, name="Forebygging")
    plan = ThemePlan.objects.create(name="Temaplan psykisk helse og rus", first_year=2015, last_year=2018)
    measure = Measure.objects.create(name="Fontenehus", theme_plan=plan)
    status = MeasureStatus.objects.create(measure=measure, period=Period.parse("2016"), status="implemented")
    return [
        Case("kpi:index", EVERYONE),
        Case("kpi:indicator", EVERYONE, kwargs={"pk": indicator.pk}),
        Case("kpi:result_history", EVERYONE, kwargs={"pk": result.pk}),
        Case("kpi:result_entry", EDITORS, query="periode=2014"),
        Case("kpi:key_figures", EVERYONE),
        Case("kpi:key_figure", EVERYONE, kwargs={"pk": figure.pk}),
        Case("kpi:key_figure_entry", EDITORS),
        Case("kpi:key_figure_value_history", EVERYONE, kwargs={"pk": value.pk}),
        Case("kpi:strategy", EVERYONE),
        Case("kpi:theme_plan", EVERYONE, kwargs={"pk": plan.pk}),
        Case("kpi:measure_status_entry", EDITORS),
        Case("kpi:measure_status_history", EVERYONE, kwargs={"pk": status.pk}),
        Case("kpi:manage", ADMINS),
        Case("kpi:perspective_create", ADMINS),
        Case("kpi:perspective_update", ADMINS, kwargs={"pk": perspective.pk}),
        Case("kpi:indicator_create", ADMINS),
        Case("kpi:indicator_update", ADMINS, kwargs={"pk": indicator.pk}),
        Case("kpi:band_create", ADMINS, kwargs={"pk": indicator.pk}),
        Case("kpi:band_update", ADMINS, kwargs={"pk": band.pk}),
        Case("kpi:band_delete", ADMINS, kwargs={"pk": band.pk}),
        Case("kpi:key_figure_create", ADMINS),
        Case("kpi:key_figure_update", ADMINS, kwargs={"pk": figure.pk}),
        Case("kpi:strategy_create", ADMINS),
        Case("kpi:strategy_update", ADMINS, kwargs={"pk": strategy.pk}),
        Case("kpi:theme_plan_create", ADMINS),
        Case("kpi:theme_plan_update", ADMINS, kwargs={"pk": plan.pk}),
        Case("kpi:measure_create", ADMINS),
        Case("kpi:measure_update", ADMINS, kwargs={"pk": measure.pk}),
    ]
