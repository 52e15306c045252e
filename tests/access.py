"""Who may open which page: the rules the URL walk in tests/horeport/test_access.py checks.

Each app lists its cases in `tests/<app>/access.py` as `def cases() -> list[Case]`, creating
whatever objects its URLs need. Every named URL pattern must be covered by a case.

Django's admin is walked too, every page of every registered model (list, add, change, delete,
history), with one rule: administrators only. Its change, delete and history pages need a row of
each model: an app's `cases()` creates one where its other cases do not.
"""

from __future__ import annotations

from dataclasses import dataclass, field

LEDER, REGISTRATOR, ADMIN = "leder", "registrator", "administrator"
EVERYONE = frozenset({LEDER, REGISTRATOR, ADMIN})  # every signed-in role
EDITORS = frozenset({REGISTRATOR, ADMIN})
ADMINS = frozenset({ADMIN})
PUBLISHED = frozenset({LEDER, ADMIN})  # downloads of published reports
ANONYMOUS = "anonymous"
# What an anonymous visitor may open: the sign-in page, the health check, and the two images the
# sign-in page shows. Everything else sends to the sign-in page.
PUBLIC = frozenset({"login", "healthz", "favicon", "logo"})
# Pages of Django's admin it refuses even to administrators, and why.
ADMIN_REFUSED = {
    "admin:autocomplete": "no ModelAdmin has autocomplete_fields, so there is nothing to look up",
}


@dataclass
class Case:
    name: str  # the URL name, e.g. "kpi:dashboard"
    allowed: frozenset[str]
    kwargs: dict = field(default_factory=dict)
    args: tuple = ()
    method: str = "get"
    data: dict | None = None
    query: str = ""
    public: bool = False  # anonymous may open it too
