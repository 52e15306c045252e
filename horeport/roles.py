"""The three roles of docs/domain.md and the permissions each holds.

The groups are created by a migration; their permissions are brought up to date after every
`migrate` (and after a test flush), so a model added to any app gets the right permissions
without a migration of its own:

- Leder: view everything; download published reports.
- Registrator: view everything; add, change and delete figures and register entries
  (every model with `registrator_may_edit = True`), which includes report commentary.
- Administrator: every permission of the project's apps, users and groups, and the failed
  sign-ins recorded by django-axes.
"""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth.models import Group, Permission

REGISTRATOR = "Registrator"
LEDER = "Leder"
ADMINISTRATOR = "Administrator"
ROLES = (REGISTRATOR, LEDER, ADMINISTRATOR)

ROLE_DESCRIPTIONS = {
    REGISTRATOR: "Registrerer og retter tall og registeroppføringer, skriver kommentarer til rapporter.",
    LEDER: "Følger målekart, tall, registre og rapporter; laster ned publiserte rapporter.",
    ADMINISTRATOR: "Alt over, og forvalter indikatorer, tjenester, kategorier, virksomheter, "
    "brukere; publiserer rapporter og låser opp perioder.",
}

PROJECT_APPS = ("horeport", "kpi", "waitlists", "volumes", "deviations", "complaints", "economy", "reports")
# Permissions that go to a role beyond the pattern above ("app_label.codename").
EXTRA_PERMISSIONS = {
    # A figure questioned as implausible is checked by someone other than who entered it.
    LEDER: {"reports.download_publishedreport", "horeport.check_flaggedfigure"},
    REGISTRATOR: {"reports.preview_report"},
    # Failed sign-ins (django-axes) in Django's admin: look at them, and delete to lift a lockout.
    ADMINISTRATOR: {"axes.view_accessattempt", "axes.delete_accessattempt", "axes.view_accesslog",
                    "axes.view_accessfailurelog",
                    # The background tasks' queue (django-tasks-db), to look at.
                    "django_tasks_database.view_dbtaskresult"},
}  # fmt: skip


def role_permissions() -> dict[str, set[str]]:
    """For each role, the permissions it should hold, as "app_label.codename"."""
    view, edit, everything = set(), set(), set()
    for model in apps.get_models():
        meta = model._meta
        if meta.app_label not in PROJECT_APPS or meta.label.split(".")[1].startswith("Historical"):
            continue
        perms = {f"{meta.app_label}.{codename}" for codename, _ in _model_perms(model)}
        everything |= perms
        view.add(f"{meta.app_label}.view_{meta.model_name}")
        if getattr(model, "registrator_may_edit", False):
            edit |= {f"{meta.app_label}.{action}_{meta.model_name}" for action in ("add", "change", "delete")}
    for model_name in ("user", "group"):
        everything |= {f"auth.{action}_{model_name}" for action in ("add", "change", "delete", "view")}
    return {
        LEDER: view | EXTRA_PERMISSIONS[LEDER],
        REGISTRATOR: view | edit | EXTRA_PERMISSIONS[REGISTRATOR],
        ADMINISTRATOR: everything.union(*EXTRA_PERMISSIONS.values()),
    }


def _model_perms(model):
    meta = model._meta
    yield from ((f"{action}_{meta.model_name}", "") for action in meta.default_permissions)
    yield from meta.permissions


def roles_sync(**kwargs) -> None:
    """Create the groups if missing and give each exactly its permissions."""
    wanted = role_permissions()
    by_key = {
        f"{p.content_type.app_label}.{p.codename}": p
        for p in Permission.objects.select_related("content_type").filter(
            content_type__app_label__in=(*PROJECT_APPS, "auth", "axes", "django_tasks_database")
        )
    }
    for role, keys in wanted.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.set([by_key[key] for key in keys if key in by_key])


def role_of(user) -> str | None:
    """The user's role name for display: the highest of the groups the user is in."""
    if not user.is_authenticated:
        return None
    if user.is_superuser:
        return ADMINISTRATOR
    names = {g.name for g in user.groups.all()}
    for role in (ADMINISTRATOR, REGISTRATOR, LEDER):
        if role in names:
            return role
    return None
