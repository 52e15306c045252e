from django.apps import AppConfig


class VolumesConfig(AppConfig):
    name = "volumes"
    verbose_name = "Tjenester"

    def ready(self):
        from volumes import bulk, contributions  # noqa: F401  fill horeport.contributions' and horeport.bulk's registries
