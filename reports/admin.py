from django.contrib import admin

from horeport.admin import ReadOnlyAdmin, TrackedAdmin
from reports.models import PublishedReport, ReportKind, ReportKindSection, SectionCommentary


class ReportKindSectionInline(admin.TabularInline):
    model = ReportKindSection
    extra = 0


@admin.register(ReportKind)
class ReportKindAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "period_kind", "small_numbers_on", "comparison_years"]
    readonly_fields = ["slug", "period_kind"]
    inlines = [ReportKindSectionInline]


@admin.register(SectionCommentary)
class SectionCommentaryAdmin(TrackedAdmin):
    list_display = ["kind", "period", "section_key"]
    list_filter = ["kind"]


@admin.register(PublishedReport)
class PublishedReportAdmin(ReadOnlyAdmin):
    """Published versions are kept as they were: they can be looked at, never changed."""

    list_display = ["title", "version", "published_at", "published_by"]
    list_filter = ["kind"]
    exclude = ["pdf", "xlsx", "sections"]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("pdf", "xlsx", "sections")
