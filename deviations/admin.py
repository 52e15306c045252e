from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from deviations.models import Category, Deviation, ImportBatch
from horeport.admin import TrackedAdmin


@admin.register(Category)
class CategoryAdmin(SimpleHistoryAdmin):
    list_display = ["name", "active", "sort_order"]


@admin.register(Deviation)
class DeviationAdmin(TrackedAdmin):
    list_display = ["reference", "registered_on", "category", "unit", "status", "closed_on", "to_hospital"]
    list_filter = ["category", "status", "to_hospital"]
    list_select_related = ["category", "unit"]
    search_fields = ["reference"]
    date_hierarchy = "registered_on"


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = ["filename", "created_at", "created_by", "saved_at", "summary"]
    readonly_fields = ["created_at", "created_by", "filename", "checksum", "rows", "saved_at", "summary"]

    def has_add_permission(self, request):
        return False  # an import starts with a file, on the import page
