from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from economy.models import AccountsFigure, BudgetAdjustment, BudgetArea, BudgetFrame
from horeport.admin import TrackedAdmin


@admin.register(BudgetArea)
class BudgetAreaAdmin(SimpleHistoryAdmin):
    list_display = ["name", "sort_order", "active"]
    filter_horizontal = ["units"]


@admin.register(BudgetFrame)
class BudgetFrameAdmin(TrackedAdmin):
    list_display = ["area", "period", "amount"]
    list_filter = ["area"]


@admin.register(BudgetAdjustment)
class BudgetAdjustmentAdmin(TrackedAdmin):
    list_display = ["area", "period", "amount", "reason"]
    list_filter = ["area"]


@admin.register(AccountsFigure)
class AccountsFigureAdmin(TrackedAdmin):
    list_display = ["area", "period", "amount"]
    list_filter = ["area"]
