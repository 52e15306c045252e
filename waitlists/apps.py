from django.apps import AppConfig


class WaitlistsConfig(AppConfig):
    name = "waitlists"
    verbose_name = "Boliger"

    def ready(self):
        from waitlists import bulk, contributions  # noqa: F401  fill horeport.contributions' and horeport.bulk's registries
