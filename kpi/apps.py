from django.apps import AppConfig


class KpiConfig(AppConfig):
    name = "kpi"
    verbose_name = "Målekart"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from horeport.models import ServiceUnit
        from kpi import (
            bulk,  # noqa: F401  fills horeport.bulk's registry
            contributions,  # noqa: F401  fills horeport.contributions' registries
            figures,  # noqa: F401  fills horeport.figures' registry
            plausibility,  # noqa: F401  fills horeport.plausibility's registry
        )
        from kpi.models import Band, Indicator, Perspective, Result
        from kpi.tasks import malekart_warm_after_commit

        # The dashboard is kept under a version that every write changes (kpi/views.py); after a
        # write, a task builds it again so that the next view finds it kept.
        for model in (Result, Indicator, Band, Perspective, ServiceUnit):
            post_save.connect(malekart_warm_after_commit, sender=model, dispatch_uid=f"malekart-warm-{model.__name__}")
            post_delete.connect(
                malekart_warm_after_commit, sender=model, dispatch_uid=f"malekart-warm-delete-{model.__name__}"
            )
