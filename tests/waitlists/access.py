import datetime

from horeport.periods import Period
from tests.access import ADMINS, EDITORS, EVERYONE, Case
from waitlists.models import HousingCase, HousingType, PrivateHousingFigure, PrivateHousingKeyFigure, WaitlistFigure


def cases():
    housing_type = HousingType.objects.create(name="Bolig med service")
    figure = WaitlistFigure.objects.create(housing_type=housing_type, period=Period.parse("2016"), waitlist=14)
    case = HousingCase.objects.create(
        reference="2016/17", housing_type=housing_type, decided_on=datetime.date(2016, 3, 1)
    )
    key_figure = PrivateHousingKeyFigure.objects.create(name="Antall boliger utleid")
    private = PrivateHousingFigure.objects.create(key_figure=key_figure, period=Period.parse("2016"), value=60)
    return [
        Case("waitlists:index", EVERYONE),
        Case("waitlists:type_list", EVERYONE),
        Case("waitlists:type_create", ADMINS),
        Case("waitlists:type_detail", EVERYONE, kwargs={"pk": housing_type.pk}),
        Case("waitlists:type_update", ADMINS, kwargs={"pk": housing_type.pk}),
        Case("waitlists:figure_create", EDITORS),
        Case("waitlists:month_entry", EDITORS, query="periode=2016-12"),
        Case("waitlists:figure_update", EDITORS, kwargs={"pk": figure.pk}),
        Case("waitlists:figure_delete", EDITORS, kwargs={"pk": figure.pk}),
        Case("waitlists:figure_history", EVERYONE, kwargs={"pk": figure.pk}),
        Case("waitlists:case_list", EVERYONE),
        Case("waitlists:case_create", EDITORS),
        Case("waitlists:case_update", EDITORS, kwargs={"pk": case.pk}),
        Case("waitlists:case_delete", EDITORS, kwargs={"pk": case.pk}),
        Case("waitlists:case_history", EVERYONE, kwargs={"pk": case.pk}),
        Case("waitlists:private_housing", EVERYONE),
        Case("waitlists:private_figure_create", EDITORS),
        Case("waitlists:private_figure_update", EDITORS, kwargs={"pk": private.pk}),
        Case("waitlists:private_figure_delete", EDITORS, kwargs={"pk": private.pk}),
        Case("waitlists:private_figure_history", EVERYONE, kwargs={"pk": private.pk}),
        Case("waitlists:key_figure_list", EVERYONE),
        Case("waitlists:key_figure_create", ADMINS),
        Case("waitlists:key_figure_update", ADMINS, kwargs={"pk": key_figure.pk}),
    ]
