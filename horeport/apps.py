from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate


class HoreportConfig(AppConfig):
    name = "horeport"
    verbose_name = "Felles"

    def ready(self):
        from horeport.roles import roles_sync

        # After every migrate (and after a test flush), once all apps' permissions exist.
        post_migrate.connect(roles_sync, dispatch_uid="horeport.roles_sync")


class HoreportAdminConfig(admin_apps.AdminConfig):
    """Django's admin with the site of horeport/admin_site.py (administrators only)."""

    default = False  # named in INSTALLED_APPS in place of django.contrib.admin
    default_site = "horeport.admin_site.AdminSite"
