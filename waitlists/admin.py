from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from horeport.admin import TrackedAdmin
from waitlists.models import HousingCase, HousingType, PrivateHousingFigure, PrivateHousingKeyFigure, WaitlistFigure


@admin.register(HousingType)
class HousingTypeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "order", "active", "cases_complete_from"]


@admin.register(WaitlistFigure)
class WaitlistFigureAdmin(TrackedAdmin):
    list_display = ["housing_type", "period", "waitlist", "effectuation_days", "dwellings_allocated"]
    list_filter = ["housing_type"]


@admin.register(HousingCase)
class HousingCaseAdmin(TrackedAdmin):
    list_display = ["reference", "housing_type", "decided_on", "moved_in_on", "closed_on"]
    list_filter = ["housing_type"]


@admin.register(PrivateHousingKeyFigure)
class PrivateHousingKeyFigureAdmin(SimpleHistoryAdmin):
    list_display = ["name", "order", "active"]


@admin.register(PrivateHousingFigure)
class PrivateHousingFigureAdmin(TrackedAdmin):
    list_display = ["key_figure", "period", "value", "comment"]
