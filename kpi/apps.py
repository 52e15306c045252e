from django.apps import AppConfig


class KpiConfig(AppConfig):
    name = "kpi"
    verbose_name = "Målekart"

    def ready(self):
        from kpi import bulk, contributions  # noqa: F401  fill horeport.contributions' and horeport.bulk's registries
