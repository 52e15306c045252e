from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from complaints.models import CaseType, CaseTypeName, Complaint
from horeport.admin import TrackedAdmin


class CaseTypeNameInline(admin.TabularInline):
    model = CaseTypeName
    extra = 0


@admin.register(CaseType)
class CaseTypeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "sort_order", "active"]
    inlines = [CaseTypeNameInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("names")


@admin.register(Complaint)
class ComplaintAdmin(TrackedAdmin):
    list_display = ["reference", "case_type", "unit", "received_on", "reversed_on", "sent_on", "decision", "decided_on"]
    list_filter = ["case_type", "decision"]
    list_select_related = ["case_type", "unit"]
    search_fields = ["reference", "note"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("case_type__names")
