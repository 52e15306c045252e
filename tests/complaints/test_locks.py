"""Locks: a complaint's place in time is its received, reversed, sent and decided dates.

Staff may record in 2017 the decision on a complaint of 2016 while 2016 is locked, but may not
change anything 2016 counted.
"""

import pytest

from complaints.models import Complaint
from complaints.report_sections import sent_table
from horeport.models import PeriodLockedError, period_lock
from horeport.periods import Period
from tests.complaints.helpers import day, make_case_type, make_complaint

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent_2016(vederlag):
    return make_complaint("16/01400", vederlag, "2016-11-02", sent="2016-11-20")


def lock(period="2016"):
    return period_lock(period=Period.parse(period), reason="Årsrapport 2016, versjon 1")


def cells(table):
    return [(row.header, [cell.value for cell in row.cells]) for row in table.rows]


def test_a_complaint_received_in_a_locked_year_cannot_be_added(vederlag):
    lock()
    with pytest.raises(PeriodLockedError) as error:
        make_complaint("16/09999", vederlag, "2016-12-30")
    assert "Perioden 2016 er låst (Årsrapport 2016, versjon 1" in error.value.messages[0]
    assert not Complaint.objects.exists()


def test_the_decision_of_a_2016_complaint_can_be_recorded_in_2017_while_2016_is_locked(sent_2016):
    before = cells(sent_table(period=Period.parse("2016")))
    lock()
    complaint = Complaint.objects.get(pk=sent_2016.pk)
    complaint.decision, complaint.decided_on = "stadfestet", day("2017-02-14")
    complaint.save()
    assert Complaint.objects.get(pk=sent_2016.pk).decision == "stadfestet"
    # What 2016 counted is unchanged: on 31.12.2016 the complaint was still pending.
    assert cells(sent_table(period=Period.parse("2016"))) == before
    assert cells(sent_table(period=Period.parse("2016"), cutoff=day("2017-03-01"))) != before


def test_a_decision_dated_inside_the_locked_year_is_refused(sent_2016):
    lock()
    complaint = Complaint.objects.get(pk=sent_2016.pk)
    complaint.decision, complaint.decided_on = "stadfestet", day("2016-12-28")
    with pytest.raises(PeriodLockedError):
        complaint.save()
    assert Complaint.objects.get(pk=sent_2016.pk).decision == ""


def test_a_decision_recorded_in_2017_can_be_corrected_in_2017_but_not_moved_into_2016(sent_2016):
    lock()
    complaint = Complaint.objects.get(pk=sent_2016.pk)
    complaint.decision, complaint.decided_on = "stadfestet", day("2017-02-14")
    complaint.save()
    complaint.decision = "omgjort"
    complaint.save()
    complaint.decided_on = day("2016-12-30")
    with pytest.raises(PeriodLockedError):
        complaint.save()
    assert Complaint.objects.get(pk=sent_2016.pk).decided_on == day("2017-02-14")


def test_a_complaint_received_in_december_can_be_sent_in_january(vederlag):
    complaint = make_complaint("16/01500", vederlag, "2016-12-12")
    lock()
    complaint.sent_on = day("2017-01-09")
    complaint.save()
    complaint.sent_on = day("2016-12-30")
    with pytest.raises(PeriodLockedError):
        complaint.save()


def test_what_2016_counted_cannot_change(sent_2016):
    lock()
    complaint = Complaint.objects.get(pk=sent_2016.pk)
    complaint.case_type = make_case_type("BPA")
    with pytest.raises(PeriodLockedError):
        complaint.save()
    complaint = Complaint.objects.get(pk=sent_2016.pk)
    complaint.received_on = day("2017-01-02")
    with pytest.raises(PeriodLockedError):
        complaint.save()
    with pytest.raises(PeriodLockedError):
        Complaint.objects.get(pk=sent_2016.pk).delete()
    assert Complaint.objects.get(pk=sent_2016.pk).case_type.name == "Vederlag"


def test_changing_the_case_type_is_refused_even_when_only_the_decision_is_in_the_locked_year(vederlag):
    complaint = make_complaint("15/00100", vederlag, "2015-11-02", sent="2015-11-20", decision="avvist",
                               decided="2016-02-01")  # fmt: skip
    lock()
    complaint.case_type = make_case_type("BPA")
    with pytest.raises(PeriodLockedError):
        complaint.save()


def test_a_note_that_no_count_shows_can_be_corrected(sent_2016):
    lock()
    complaint = Complaint.objects.get(pk=sent_2016.pk)
    complaint.note = "Purret hos Fylkesmannen"
    complaint.save()
    assert Complaint.objects.get(pk=sent_2016.pk).note == "Purret hos Fylkesmannen"


def test_the_open_complaints_a_locked_month_counted_cannot_change(vederlag):
    # Received in October (not locked), open on 30.11.2016 when November's report locked November.
    complaint = make_complaint("16/01300", vederlag, "2016-10-05")
    period_lock(period=Period.parse("2016-11"), reason="Rapport til direktør, november 2016")
    complaint.case_type = make_case_type("BPA")
    with pytest.raises(PeriodLockedError) as error:
        complaint.save()
    assert "november 2016" in error.value.messages[0]
    complaint = Complaint.objects.get(pk=complaint.pk)
    complaint.reversed_on = day("2016-10-20")  # would no longer have been open on 30.11
    with pytest.raises(PeriodLockedError):
        complaint.save()
    complaint.reversed_on = day("2016-12-05")  # after November: what November counted stands
    complaint.save()
    with pytest.raises(PeriodLockedError):
        make_complaint("16/01301", vederlag, "2016-10-10")  # would have been open on 30.11 too
