from django.apps import AppConfig
from django.db.models.signals import post_migrate


class HoreportConfig(AppConfig):
    name = "horeport"
    verbose_name = "Felles"

    def ready(self):
        from horeport.roles import roles_sync

        # After every migrate (and after a test flush), once all apps' permissions exist.
        post_migrate.connect(roles_sync, dispatch_uid="horeport.roles_sync")
