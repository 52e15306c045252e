from django.apps import AppConfig


class KpiConfig(AppConfig):
    name = "kpi"
    verbose_name = "Målekart"

    def ready(self):
        from kpi import (
            bulk,  # noqa: F401  fills horeport.bulk's registry
            contributions,  # noqa: F401  fills horeport.contributions' registries
            plausibility,  # noqa: F401  fills horeport.plausibility's registry
        )
