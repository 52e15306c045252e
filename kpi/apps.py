from django.apps import AppConfig


class KpiConfig(AppConfig):
    name = "kpi"
    verbose_name = "Målekart"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from horeport.computed import rules_autodiscover
        from kpi import (
            bulk,  # noqa: F401  fills horeport.bulk's registry
            contributions,  # noqa: F401  fills horeport.contributions' registries
            figures,  # noqa: F401  fills horeport.figures' registry
            plausibility,  # noqa: F401  fills horeport.plausibility's registry
        )
        from kpi.selectors import malekart_models
        from kpi.tasks import malekart_warm_after_commit

        # The dashboard is kept under a version that every write changes (kpi/views.py); after a
        # write, a task builds it again so that the next view finds it kept. The models are the
        # ones that version reads, among them every model a computed indicator's rule reads:
        # another app's figures, whose rules are discovered here since that app is not ready yet.
        rules_autodiscover()
        for model in malekart_models():
            label = model._meta.label
            post_save.connect(malekart_warm_after_commit, sender=model, dispatch_uid=f"malekart-warm-{label}")
            post_delete.connect(malekart_warm_after_commit, sender=model, dispatch_uid=f"malekart-warm-delete-{label}")
