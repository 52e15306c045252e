from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from horeport.admin import TrackedAdmin
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


class BandInline(admin.TabularInline):
    model = Band
    extra = 0


@admin.register(Perspective)
class PerspectiveAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "scorecard", "sort_order"]
    list_filter = ["scorecard"]


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "perspective", "unit", "frequency", "introduced_year", "retired_year"]
    list_filter = ["perspective__scorecard", "frequency", "unit"]
    search_fields = ["code", "name"]
    inlines = [BandInline]


@admin.register(Result)
class ResultAdmin(TrackedAdmin):
    list_display = ["indicator", "period", "unit", "value"]
    list_filter = ["indicator__perspective__scorecard", "unit"]
    list_select_related = ["indicator", "unit"]


@admin.register(KeyFigure)
class KeyFigureAdmin(SimpleHistoryAdmin):
    list_display = ["name", "unit", "frequency", "sum_of_units", "active"]


@admin.register(KeyFigureValue)
class KeyFigureValueAdmin(TrackedAdmin):
    list_display = ["key_figure", "period", "unit", "value"]
    list_filter = ["unit"]
    list_select_related = ["key_figure", "unit"]


@admin.register(Strategy)
class StrategyAdmin(SimpleHistoryAdmin):
    list_display = ["number", "name"]


@admin.register(ThemePlan)
class ThemePlanAdmin(SimpleHistoryAdmin):
    list_display = ["name", "strategy", "first_year", "last_year"]


@admin.register(Measure)
class MeasureAdmin(SimpleHistoryAdmin):
    list_display = ["name", "theme_plan", "strategy", "active"]
    list_filter = ["theme_plan", "strategy", "active"]


@admin.register(MeasureStatus)
class MeasureStatusAdmin(TrackedAdmin):
    list_display = ["measure", "period", "status"]
    list_select_related = ["measure"]
