from django.contrib import admin
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from economy.models import AccountsFigure, BudgetAdjustment, BudgetArea, BudgetFrame
from horeport.admin import TrackedAdmin
from horeport.fields import RowsChoiceField


@admin.register(BudgetArea)
class BudgetAreaAdmin(SimpleHistoryAdmin):
    list_display = ["name", "sort_order", "active"]
    filter_horizontal = ["units"]
    formfield_overrides = {models.ManyToManyField: {"form_class": RowsChoiceField}}


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
