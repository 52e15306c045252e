from django.apps import AppConfig


class EconomyConfig(AppConfig):
    name = "economy"
    verbose_name = "Økonomi"

    def ready(self):
        # The named rules (horeport.computed) and the home page's contributions (horeport.contributions).
        from economy import computed, contributions, figures  # noqa: F401
