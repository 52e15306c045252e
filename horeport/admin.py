from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from horeport.models import PeriodLock, ServiceUnit, SiteSettings


@admin.register(ServiceUnit)
class ServiceUnitAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name", "active", "sort_order"]


@admin.register(SiteSettings)
class SiteSettingsAdmin(SimpleHistoryAdmin):
    list_display = ["municipality_name", "department_name"]

    def has_add_permission(self, request):
        return not SiteSettings.objects.exists()  # one row (SiteSettings.current); a second collides on PostgreSQL


@admin.register(PeriodLock)
class PeriodLockAdmin(admin.ModelAdmin):
    list_display = ["period", "reason", "locked_at", "locked_by", "unlocked_at", "unlocked_by"]
    readonly_fields = ["locked_at", "locked_by", "unlocked_at", "unlocked_by", "unlock_reason"]

    def has_delete_permission(self, request, obj=None):
        return False
