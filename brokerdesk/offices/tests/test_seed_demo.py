from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from brokerdesk.accounts.models import User
from brokerdesk.catalogue.models import Integration, Product
from brokerdesk.offices.management.commands.seed_demo import DEMO_PASSWORD
from brokerdesk.offices.models import Group, Membership, Office
from brokerdesk.sites.models import InsurerSite


@pytest.mark.django_db
def test_it_creates_the_demo_world_and_can_run_twice(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # the demo logo
    settings.DEBUG = True  # as `make run` seeds it
    out = StringIO()
    call_command("seed_demo", stdout=out)
    call_command("seed_demo", stdout=StringIO())
    assert Product.objects.get(code="TPE-KMO").insurer.name == "Vivium"
    assert Office.objects.count() == 1
    assert sorted(Group.objects.values_list("name", flat=True)) == ["Bruxelles", "Default", "Gent"]
    assert Membership.objects.filter(is_admin=True).count() == 1
    assert User.objects.count() == 4
    staff = User.objects.filter(insurer_staff__insurer__name="Vivium")
    assert [user.email for user in staff] == ["backoffice@vivium.demo.brokerdesk.be"]
    statuses = dict(Integration.objects.values_list("group__name", "status"))
    assert statuses == {"Bruxelles": "accepted", "Gent": "requested"}
    assert "admin@demo.brokerdesk.be" in out.getvalue()
    site = InsurerSite.objects.get()
    assert (site.host, site.display_name, site.insurer.name) == (
        "vivium.localhost",
        "VIVIUM",
        "Vivium",
    )
    assert site.logo
    assert "http://vivium.localhost:8000" in out.getvalue()
    assert DEMO_PASSWORD in out.getvalue()


@pytest.mark.django_db
def test_the_printed_logins_work():
    call_command("seed_demo", "--public-demo", stdout=StringIO())
    client = Client()
    response = client.post(
        "/login/", {"username": "broker.gent@demo.brokerdesk.be", "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302


@pytest.mark.django_db
def test_with_debug_off_it_seeds_only_a_declared_public_demo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--public-demo"):
        call_command("seed_demo", stdout=StringIO())
    assert not User.objects.exists()
    call_command("seed_demo", "--public-demo", stdout=StringIO())
    assert User.objects.filter(email="admin@demo.brokerdesk.be").exists()
