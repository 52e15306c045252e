from horeport.periods import Period
from tests.access import ADMINS, EDITORS, EVERYONE, Case
from volumes.models import AgeGroups, Service, VolumeFigure


def cases():
    service = Service.objects.create(name="BPA", slug="bpa", age_groups=AgeGroups.THREE, report_table="bpa")
    figure = VolumeFigure.objects.create(service=service, period=Period.parse("2016"), users_under_18=6)
    return [
        Case("volumes:index", EVERYONE),
        Case("volumes:service", EVERYONE, kwargs={"slug": service.slug}),
        Case("volumes:grid", EDITORS, kwargs={"slug": service.slug, "year": 2017}),
        Case("volumes:figure_history", EVERYONE, kwargs={"pk": figure.pk}),
        Case("volumes:service_list", ADMINS),
        Case("volumes:service_create", ADMINS),
        Case("volumes:service_update", ADMINS, kwargs={"pk": service.pk}),
    ]
