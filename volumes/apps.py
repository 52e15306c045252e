from django.apps import AppConfig


class VolumesConfig(AppConfig):
    name = "volumes"
    verbose_name = "Tjenester"

    def ready(self):
        from volumes import (
            bulk,  # noqa: F401  fills horeport.bulk's registry
            contributions,  # noqa: F401  fills horeport.contributions' registries
            plausibility,  # noqa: F401  fills horeport.plausibility's registry
        )
