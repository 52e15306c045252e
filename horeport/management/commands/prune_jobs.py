"""Delete background jobs older than JOB_RESULT_DAYS days, with their files (run daily in production)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from horeport.jobs import jobs_prune


class Command(BaseCommand):
    help = "Delete background jobs (and their files) ordered more than JOB_RESULT_DAYS days ago."

    def handle(self, *args, **options):
        count = jobs_prune()
        self.stdout.write(f"{count} jobs older than {settings.JOB_RESULT_DAYS} days deleted.")
