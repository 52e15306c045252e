import pytest
from django.core.management import call_command

from horeport.models import ServiceUnit, SiteSettings


@pytest.mark.django_db
def test_roles_hold_the_permissions_of_design_md(registrator, leder, administrator):
    assert leder.has_perm("horeport.view_serviceunit")
    assert not leder.has_perm("tracked.change_figure")
    assert not leder.has_perm("horeport.change_serviceunit")
    assert registrator.has_perm("horeport.view_periodlock")
    assert not registrator.has_perm("horeport.change_periodlock")
    assert not registrator.has_perm("horeport.change_sitesettings")
    assert administrator.has_perm("horeport.change_periodlock")
    assert administrator.has_perm("horeport.change_sitesettings")
    assert administrator.has_perm("auth.add_user")


@pytest.mark.django_db
def test_load_demo_is_idempotent():
    call_command("load_demo", verbosity=0)
    units = ServiceUnit.objects.count()
    call_command("load_demo", verbosity=0)
    assert ServiceUnit.objects.count() == units > 0
    site = SiteSettings.current()
    assert (site.municipality_name, site.department_name) == ("Asker kommune", "Helse og omsorg")


@pytest.mark.django_db
def test_demo_users_get_one_role_each(capsys):
    call_command("create_demo_users", password="demo-passord-1")
    from django.contrib.auth import authenticate

    for username, role in (("registrator", "Registrator"), ("leder", "Leder"), ("admin", "Administrator")):
        user = authenticate(username=username, password="demo-passord-1")
        assert [g.name for g in user.groups.all()] == [role]
    assert "registrator" in capsys.readouterr().out
