from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from horeport.demo import DEMO_USERS, users_create


class Command(BaseCommand):
    help = "Create the demo users registrator, leder and admin (one per role) and print their passwords."

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            help="Use this password for all three instead of new random ones "
            "(at least 12 characters, not a common password).",
        )

    def handle(self, *args, **options):
        given = options.get("password")
        try:
            passwords = users_create(given)
        except ValidationError as error:
            raise CommandError("Passordet kan ikke brukes: " + " ".join(error.messages)) from None
        if given:
            self.stdout.write(self.style.SUCCESS("Demobrukere (alle har passordet som ble gitt med --password):"))
        else:
            self.stdout.write(self.style.SUCCESS("Demobrukere (nye passord ved hver kjøring):"))
        for username, password in passwords.items():
            role = DEMO_USERS[username][0]
            self.stdout.write(f"  {username:<12} {password:<18} {role}")
