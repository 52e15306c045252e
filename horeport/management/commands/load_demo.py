import importlib
import importlib.util

from django.core.management.base import BaseCommand
from django.db import transaction

from horeport.roles import PROJECT_APPS


class Command(BaseCommand):
    help = "Load the source documents' figures as demo data (idempotent: run it as often as you like)."

    def handle(self, *args, **options):
        with transaction.atomic():
            for app in PROJECT_APPS:
                # Each app that has demo data keeps it in `<app>/demo.py`, with a `load()`.
                if importlib.util.find_spec(f"{app}.demo") is None:
                    continue
                module = importlib.import_module(f"{app}.demo")
                module.load()
                self.stdout.write(f"  {app}: demodata lastet")
        self.stdout.write(self.style.SUCCESS("Demodata er lastet."))
