"""Who may open which page: the rules the URL walk in tests/horeport/test_access.py checks.

Each app lists its cases in `tests/<app>/access.py` as `def cases() -> list[Case]`, creating
whatever objects its URLs need. Every named URL pattern must be covered by a case.
"""

from __future__ import annotations

from dataclasses import dataclass, field

LEDER, REGISTRATOR, ADMIN = "leder", "registrator", "administrator"
EVERYONE = frozenset({LEDER, REGISTRATOR, ADMIN})  # every signed-in role
EDITORS = frozenset({REGISTRATOR, ADMIN})
ADMINS = frozenset({ADMIN})
PUBLISHED = frozenset({LEDER, ADMIN})  # downloads of published reports
ANONYMOUS = "anonymous"


@dataclass
class Case:
    name: str  # the URL name, e.g. "kpi:dashboard"
    allowed: frozenset[str]
    kwargs: dict = field(default_factory=dict)
    method: str = "get"
    data: dict | None = None
    query: str = ""
    public: bool = False  # anonymous may open it too
