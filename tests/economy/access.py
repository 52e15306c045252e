from economy.models import BudgetArea
from tests.access import ADMINS, EDITORS, EVERYONE, Case
from tests.economy.helpers import accounts, adjustment, frame


def cases():
    area = BudgetArea.objects.create(name="Hjemmebaserte tjenester")
    year_frame = frame(area, "2017", "349.5")
    change = adjustment(area, "2017-T2", "1.0")
    figure = accounts(area, "2017", "342.8")
    return [
        Case("economy:index", EVERYONE),
        Case("economy:index", EVERYONE, query="periode=2017-T1"),
        Case("economy:overview_xlsx", EVERYONE, query="periode=2017"),
        Case("economy:entry_choose", EDITORS, query="aar=2017"),
        Case("economy:entry", EDITORS, kwargs={"year": 2017}),
        Case("economy:adjustment_create", EDITORS, query="aar=2017"),
        Case("economy:adjustment_update", EDITORS, kwargs={"pk": change.pk}),
        Case("economy:adjustment_delete", EDITORS, kwargs={"pk": change.pk}),
        Case("economy:adjustment_history", EVERYONE, kwargs={"pk": change.pk}),
        Case("economy:frame_history", EVERYONE, kwargs={"pk": year_frame.pk}),
        Case("economy:accounts_history", EVERYONE, kwargs={"pk": figure.pk}),
        Case("economy:area_list", ADMINS),
        Case("economy:area_create", ADMINS),
        Case("economy:area_update", ADMINS, kwargs={"pk": area.pk}),
    ]
