from django.apps import AppConfig


class WaitlistsConfig(AppConfig):
    name = "waitlists"
    verbose_name = "Boliger"

    def ready(self):
        from waitlists import (
            bulk,  # noqa: F401  fills horeport.bulk's registry
            contributions,  # noqa: F401  fills horeport.contributions' registries
            plausibility,  # noqa: F401  fills horeport.plausibility's registry
        )
