"""The shared core's demo data: loading it twice changes nothing."""

import pytest

from horeport import demo
from horeport.models import ServiceUnit, SiteSettings

pytestmark = pytest.mark.django_db


def test_loading_the_core_demo_twice_saves_nothing_the_second_time():
    demo.load()
    counts = ServiceUnit.history.count(), SiteSettings.history.count()
    demo.load()
    assert (ServiceUnit.history.count(), SiteSettings.history.count()) == counts
    assert ServiceUnit.objects.count() == len(demo.read_fixture("horeport.toml")["units"])
    assert SiteSettings.current().municipality_name == demo.read_fixture("horeport.toml")["site"]["municipality_name"]
