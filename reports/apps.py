from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Rapporter"

    def ready(self):
        from horeport.sections import sections_autodiscover
        from reports import contributions  # noqa: F401  fills horeport.contributions' registries
        from reports.defaults import report_kinds_ensure

        # The default report kinds exist after every migrate (and after a test flush).
        post_migrate.connect(report_kinds_ensure, sender=self, dispatch_uid="reports.report_kinds_ensure")
        sections_autodiscover()
