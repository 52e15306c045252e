from django.apps import AppConfig, apps
from django.conf import settings
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate


class HoreportConfig(AppConfig):
    name = "horeport"
    verbose_name = "Felles"

    def ready(self):
        from horeport import bulk  # noqa: F401  its notices join horeport.contributions' registry
        from horeport.roles import roles_sync

        # After every migrate (and after a test flush), once all apps' permissions exist.
        post_migrate.connect(roles_sync, dispatch_uid="horeport.roles_sync")
        guard_free_text()


def free_text_fields():
    """Every free-text field of the project's own models (not Django's or a library's)."""
    from django.db import models

    from horeport.fields import PeriodField

    for config in apps.get_app_configs():
        if not str(config.path).startswith(str(settings.BASE_DIR)) or "site-packages" in str(config.path):
            continue
        for model in config.get_models():
            for field in model._meta.concrete_fields:
                if (
                    isinstance(field, models.CharField | models.TextField)
                    and not isinstance(field, PeriodField)
                    and not field.choices
                ):
                    yield model, field


def guard_free_text():
    """No personal data: every free-text field refuses a fødselsnummer, with the message next to
    the field in every model form, the admin and the imports (each runs the model's validators);
    TrackedModel's save refuses it on every other path.

    The validator joins the field's computed `validators`, not its declared ones, so that the
    migrations do not change with it.
    """
    from horeport.validators import validate_no_national_id

    for _, field in free_text_fields():
        if validate_no_national_id not in field.validators:
            field.__dict__["validators"] = [*field.validators, validate_no_national_id]


class HoreportAdminConfig(admin_apps.AdminConfig):
    """Django's admin with the site of horeport/admin_site.py (administrators only)."""

    default = False  # named in INSTALLED_APPS in place of django.contrib.admin
    default_site = "horeport.admin_site.AdminSite"
