from django.apps import AppConfig


class TrackedConfig(AppConfig):
    name = "tests.tracked"
    label = "tracked"
