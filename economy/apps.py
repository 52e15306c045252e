from django.apps import AppConfig


class EconomyConfig(AppConfig):
    name = "economy"
    verbose_name = "Økonomi"

    def ready(self):
        from economy import computed  # noqa: F401  registers the named rules (horeport.computed)
