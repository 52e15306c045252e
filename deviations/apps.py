from django.apps import AppConfig


class DeviationsConfig(AppConfig):
    name = "deviations"
    verbose_name = "Avvik"

    def ready(self):
        from deviations import contributions  # noqa: F401  fills horeport.contributions' registries
