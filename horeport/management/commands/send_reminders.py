from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.core.management.base import BaseCommand

from horeport.reporting_status import month_end_status, reminder_text
from horeport.roles import REGISTRATOR

SUBJECT = "Påminnelse: tall som mangler i styringsdataene"


class Command(BaseCommand):
    help = (
        "Email each Registrator what is missing for the months that have ended, and what is overdue "
        "(run it daily, from cron or a scheduled task). Sends nothing when nothing is missing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Print the messages instead of sending them.")

    def handle(self, *args, **options):
        months = month_end_status()
        if not any(month.missing for month in months):
            self.stdout.write("Ingenting mangler: ingen påminnelser sendt.")
            return
        text = reminder_text(months, base_url=settings.SITE_URL.rstrip("/"))
        registrators = get_user_model().objects.filter(groups__name=REGISTRATOR, is_active=True).exclude(email="")
        sent = 0
        for user in registrators.order_by("username"):
            greeting = f"Hei {user.get_full_name() or user.get_username()},\n\n"
            if options["dry_run"]:
                self.stdout.write(f"Til: {user.email}\nEmne: {SUBJECT}\n\n{greeting}{text}\n")
            else:
                send_mail(SUBJECT, greeting + text, None, [user.email])
            sent += 1
        verb = "ville blitt sendt" if options["dry_run"] else "sendt"
        self.stdout.write(self.style.SUCCESS(f"{sent} påminnelse(r) {verb}."))
