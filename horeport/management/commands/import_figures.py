from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError

from horeport import bulk


class Command(BaseCommand):
    help = (
        "Import a filled template of figures (downloaded under Tall fra Excel): print the preview, every "
        "cell that would change and every cell refused; with --confirm, save it all or nothing, with history "
        "in the user's name."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The filled template (.xlsx).")
        parser.add_argument("--user", required=True, help="The user the figures are entered as (username).")
        parser.add_argument("--confirm", action="store_true", help="Save the figures; without it nothing is saved.")

    def handle(self, *args, file, user, confirm, **options):
        person = get_user_model().objects.filter(username=user, is_active=True).first()
        if person is None:
            raise CommandError(f"Ingen aktiv bruker heter «{user}».")
        if not person.has_perm("horeport.add_bulkupload"):
            raise CommandError(f"{user} har ikke lov til å registrere tall.")
        path = Path(file)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Filen kunne ikke leses: {error.strerror}.") from None
        try:
            upload = bulk.upload_read(SimpleUploadedFile(path.name, data), user=person)
        except bulk.UploadError as error:
            raise CommandError(str(error)) from None
        plan = bulk.plan_build(upload)
        bulk.preview_record(upload, plan)
        self.stdout.write(bulk.plan_text(plan))
        if plan.refused:
            raise CommandError("Ingenting er lagret: rett de avviste cellene i filen og prøv igjen.")
        if not confirm:
            self.stdout.write("Ingenting er lagret. Kjør på nytt med --confirm for å lagre.")
            return
        try:
            saved = bulk.upload_save(upload=upload, user=person)
        except bulk.UploadRefused as refused:
            raise CommandError("\n".join([str(refused), *refused.changed])) from None
        self.stdout.write(f"Lagret: {len(saved.changed)} tall endret i {len(saved.to_save)} rader.")
