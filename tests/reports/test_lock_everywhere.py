"""Publishing the Årsrapport 2016 locks 2016 in every app: each kind of figure and register
entry refuses a change, with a message naming the report; unlocking opens them again."""

import datetime
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.management import call_command

from complaints.models import CaseType, Complaint
from deviations.models import Category, Deviation
from economy.models import AccountsFigure, BudgetAdjustment, BudgetArea, BudgetFrame
from horeport.models import PeriodLockedError, TrackedModel
from horeport.periods import Period
from kpi.models import Indicator, KeyFigureValue, MeasureStatus, Result
from reports.models import ReportKind, SectionCommentary
from reports.services import report_publish
from volumes.models import VolumeFigure
from waitlists.models import HousingCase, HousingType, PrivateHousingFigure, WaitlistFigure

pytestmark = pytest.mark.django_db
YEAR = Period.parse("2016")
LOCK = "Årsrapport 2016, versjon 1"


def change(obj, **values):
    def attempt():
        for name, value in values.items():
            setattr(obj, name, value)
        obj.save()

    return attempt


def changes_in_2016():
    """One change per kind of figure or entry, each inside 2016."""
    in_2016 = datetime.date(2016, 6, 1)
    deviation = Deviation.objects.filter(registered_on__year=2016).first()
    complaint = Complaint.objects.filter(received_on__year=2016).first()
    area = BudgetArea.objects.get_or_create(name="Hjemmebaserte tjenester")[0]  # the demo holds no economy
    return {
        Result: change(Result(indicator=Indicator.objects.get(code="S.3.1"), period=YEAR), value=Decimal("60")),
        KeyFigureValue: change(KeyFigureValue.objects.get(period=YEAR), value=Decimal(8)),
        MeasureStatus: change(MeasureStatus.objects.filter(period=YEAR).first(), comment="Endret"),
        WaitlistFigure: change(WaitlistFigure.objects.filter(period=YEAR).first(), waitlist=99),
        HousingCase: change(
            HousingCase(reference="16/999", housing_type=HousingType.objects.first()), decided_on=in_2016
        ),
        PrivateHousingFigure: change(PrivateHousingFigure.objects.filter(period=YEAR).first(), value=1),
        VolumeFigure: change(VolumeFigure.objects.filter(period=Period.parse("2016-H1")).first(), users=1),
        Deviation: change(deviation, category=Category.objects.exclude(pk=deviation.category_id).first()),
        Complaint: change(complaint, case_type=CaseType.objects.exclude(pk=complaint.case_type_id).first()),
        BudgetFrame: change(BudgetFrame(area=area, period=YEAR), amount=Decimal(1_000_000)),
        BudgetAdjustment: change(
            BudgetAdjustment(area=area, period=Period.parse("2016-T2"), reason="2. tertial"), amount=Decimal(1)
        ),
        AccountsFigure: change(AccountsFigure(area=area, period=YEAR), amount=Decimal(1_000_000)),
        SectionCommentary: change(
            SectionCommentary(
                kind=ReportKind.objects.get(slug="annual"), period=YEAR, section_key="complaints.by_type"
            ),
            text="Kommentar",
        ),
    }


def test_every_kind_of_figure_is_covered_here():
    tracked = {m for m in apps.get_models() if issubclass(m, TrackedModel) and m._meta.app_label != "tracked"}
    covered = {
        Result, KeyFigureValue, MeasureStatus, WaitlistFigure, HousingCase, PrivateHousingFigure, VolumeFigure,
        Deviation, Complaint, SectionCommentary, BudgetFrame, BudgetAdjustment, AccountsFigure,
    }  # fmt: skip
    assert tracked == covered, "a new figure model needs a change in changes_in_2016()"


def test_publishing_locks_every_app_and_unlocking_opens_them(administrator):
    call_command("load_demo", verbosity=0)
    published = report_publish(kind=ReportKind.objects.get(slug="annual"), period=YEAR, user=administrator)
    assert published.version == 1

    for model, attempt in changes_in_2016().items():
        with pytest.raises(PeriodLockedError) as error:
            attempt()
        assert LOCK in error.value.messages[0], model.__name__

    published.lock.unlock(user=administrator, reason="Retting etter publisering")
    for model, attempt in changes_in_2016().items():
        attempt()  # no error now
        assert model.objects.exists()
