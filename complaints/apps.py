from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "complaints"
    verbose_name = "Klagesaker"

    def ready(self):
        from complaints import contributions  # noqa: F401  fills horeport.contributions' registries
