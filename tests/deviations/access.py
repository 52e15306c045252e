import datetime

from django.contrib.auth import get_user_model

from deviations.models import Category, Deviation, ImportBatch
from horeport.models import ServiceUnit
from tests.access import ADMINS, EDITORS, EVERYONE, Case
from tests.conftest import make_user


def _walker():
    """The user walking the URLs, if any (tests/horeport/test_access.py signs in as "walker-<role>"):
    an import is only its starter's (tests/deviations/test_import_owner.py)."""
    walker = get_user_model().objects.filter(username__startswith="walker-").first()
    return walker or make_user("tilgang-import")


def cases():
    category = Category.objects.create(name="Tilgangskategori")
    spare = Category.objects.create(name="Ubrukt kategori")
    unit = ServiceUnit.objects.create(name="Tilgangsvirksomhet")
    deviation, doomed = (
        Deviation.objects.create(
            reference=reference,
            category=category,
            unit=unit,
            occurred_on=datetime.date(2016, 3, 1),
            registered_on=datetime.date(2016, 3, 2),
            description="Fall på badet.",
        )  # fmt: skip
        for reference in ("AVV-TILGANG-1", "AVV-TILGANG-2")
    )
    batch = ImportBatch.objects.create(created_by=_walker(), filename="uttrekk.csv", checksum="0" * 64, rows=[])
    return [
        Case("deviations:index", EVERYONE),
        Case("deviations:export", EVERYONE),
        Case("deviations:detail", EVERYONE, {"pk": deviation.pk}),
        Case("deviations:history", EVERYONE, {"pk": deviation.pk}),
        Case("deviations:statistics", EVERYONE),
        Case("deviations:create", EDITORS),
        Case("deviations:update", EDITORS, {"pk": deviation.pk}),
        Case("deviations:delete", EDITORS, {"pk": doomed.pk}),
        Case("deviations:import_upload", EDITORS),
        Case("deviations:import_preview", EDITORS, {"pk": batch.pk}),
        Case("deviations:category_list", EVERYONE),
        Case("deviations:category_create", ADMINS),
        Case("deviations:category_update", ADMINS, {"pk": category.pk}),
        Case("deviations:category_delete", ADMINS, {"pk": spare.pk}, method="post"),
    ]
