from complaints.models import CaseType, Complaint
from tests.access import ADMINS, EDITORS, EVERYONE, Case
from tests.complaints.helpers import make_complaint


def cases():
    case_type = CaseType.objects.create(name="Vederlag", sort_order=10)
    spare = CaseType.objects.create(name="Ubrukt sakstype", sort_order=20)
    complaint = make_complaint("16/00101", case_type, "2016-02-01", sent="2016-02-20")
    doomed = make_complaint("16/00102", case_type, "2016-03-01")
    assert Complaint.objects.count() == 2
    return [
        Case("complaints:index", EVERYONE),
        Case("complaints:export", EVERYONE),
        Case("complaints:create", EDITORS),
        Case("complaints:detail", EVERYONE, kwargs={"pk": complaint.pk}),
        Case("complaints:update", EDITORS, kwargs={"pk": complaint.pk}),
        Case("complaints:delete", EDITORS, kwargs={"pk": doomed.pk}),
        Case("complaints:history", EVERYONE, kwargs={"pk": complaint.pk}),
        Case("complaints:statistics", EVERYONE, query="periode=2016"),
        Case("complaints:casetype_list", EVERYONE),
        Case("complaints:casetype_create", ADMINS),
        Case("complaints:casetype_update", ADMINS, kwargs={"pk": case_type.pk}),
        Case("complaints:casetype_delete", ADMINS, method="post", kwargs={"pk": spare.pk}),
    ]
