import importlib
import importlib.util
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from horeport.roles import PROJECT_APPS

DEMO_PREFIX = "demo_"


def demo_module(app: str, municipality: str | None) -> str:
    """ "kpi.demo" (the default demo) or "kpi.demo_<municipality>"."""
    return f"{app}.demo" if municipality is None else f"{app}.{DEMO_PREFIX}{municipality}"


def known_municipalities() -> list[str]:
    """The municipalities some app has demo data for: a `<app>/demo_<name>.py`."""
    names = set()
    for app in PROJECT_APPS:
        for folder in importlib.util.find_spec(app).submodule_search_locations or []:
            names.update(path.stem.removeprefix(DEMO_PREFIX) for path in Path(folder).glob(f"{DEMO_PREFIX}*.py"))
    return sorted(names)


class Command(BaseCommand):
    help = (
        "Load the source documents' figures as demo data (idempotent: run it as often as you like). "
        "With --municipality, another municipality's demo instead (into an empty database)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--municipality",
            help="En annen kommunes demodata (appenes demo_<kommune>.py, <kommune> med små bokstaver). "
            "Uten: standarddemoen (appenes demo.py).",
        )

    def handle(self, *args, municipality=None, **options):
        if municipality is not None:
            municipality = municipality.strip().lower()
            known = known_municipalities()
            if municipality not in known:
                raise CommandError(
                    f"Ingen demodata for kommunen «{municipality}». Kjente: {', '.join(known) or 'ingen'}. "
                    "Uten --municipality lastes standarddemoen."
                )
        with transaction.atomic():
            for app in PROJECT_APPS:
                # Each app that has demo data keeps it in `<app>/demo.py` (or `<app>/demo_<municipality>.py`),
                # with a `load()`.
                name = demo_module(app, municipality)
                if importlib.util.find_spec(name) is None:
                    continue
                module = importlib.import_module(name)
                if not hasattr(module, "load"):
                    continue
                module.load()
                self.stdout.write(f"  {app}: demodata lastet")
        self.stdout.write(self.style.SUCCESS("Demodata er lastet."))
