from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from horeport.admin import TrackedAdmin
from volumes.models import Service, ServiceName, VolumeFigure


class ServiceNameInline(admin.TabularInline):
    model = ServiceName
    extra = 0


@admin.register(Service)
class ServiceAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug", "age_groups", "report_table", "sort_order", "active"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ServiceNameInline]


@admin.register(VolumeFigure)
class VolumeFigureAdmin(TrackedAdmin):
    # Figures are entered in the app's grid, which checks locks, versions and the rules of entry.
    list_display = ["service", "period", "unit", "users_under_18", "users_over_18", "users", "hours_under_18",
                    "hours_over_18", "hours"]  # fmt: skip
    list_filter = ["service", "unit"]
