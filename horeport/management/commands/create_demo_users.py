from django.core.management.base import BaseCommand

from horeport.demo import DEMO_USERS, users_create


class Command(BaseCommand):
    help = "Create the demo users registrator, leder and admin (one per role) and print their passwords."

    def add_arguments(self, parser):
        parser.add_argument("--password", help="Use this password for all three instead of new random ones.")

    def handle(self, *args, **options):
        passwords = users_create(options.get("password"))
        self.stdout.write(self.style.SUCCESS("Demobrukere (nye passord ved hver kjøring):"))
        for username, password in passwords.items():
            role = DEMO_USERS[username][0]
            self.stdout.write(f"  {username:<12} {password:<16} {role}")
