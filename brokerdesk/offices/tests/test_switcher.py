from __future__ import annotations

import pytest
from django.urls import reverse

from brokerdesk.offices.models import Group


def switch(client, group):
    return client.post(reverse("switch_group"), {"group": group.pk, "next": reverse("quotes")})


@pytest.mark.django_db
def test_the_top_bar_shows_the_current_sub_account_and_the_users_groups(client, bob):
    client.force_login(bob)
    html = client.get(reverse("quotes")).content.decode()
    assert "Deelaccount:" in html  # Bob reads Dutch
    assert "Antwerpen" in html
    assert "Default" not in html  # not one of Bob's groups


@pytest.mark.django_db
def test_an_administrator_can_switch_to_any_group_of_the_office(client, alice, bob):
    office = alice.membership.office
    extra = Group.objects.create(office=office, name="Liège")
    client.force_login(alice)
    assert switch(client, extra).status_code == 302
    alice.membership.refresh_from_db()
    assert alice.membership.current_group == extra
    assert "<strong>Liège</strong>" in client.get(reverse("quotes")).content.decode()


@pytest.mark.django_db
def test_a_broker_cannot_switch_to_a_group_of_their_office_they_are_not_in(client, alice, bob):
    default = Group.objects.get(office=alice.membership.office, name="Default")
    client.force_login(bob)
    assert switch(client, default).status_code == 404
    bob.membership.refresh_from_db()
    assert bob.membership.current_group.name == "Antwerpen"


@pytest.mark.django_db
def test_nobody_can_switch_to_another_offices_group(client, alice, charlie):
    theirs = charlie.membership.current_group
    client.force_login(alice)
    assert switch(client, theirs).status_code == 404


@pytest.mark.django_db
def test_a_remembered_group_the_user_left_is_no_longer_used(client, bob):
    membership = bob.membership
    antwerpen = membership.current_group
    other = Group.objects.create(office=membership.office, name="Gent")
    membership.groups.add(other)
    membership.groups.remove(antwerpen)
    client.force_login(bob)
    assert "<strong>Gent</strong>" in client.get(reverse("quotes")).content.decode()


@pytest.mark.django_db
def test_the_switcher_ignores_a_foreign_next_url(client, alice):
    client.force_login(alice)
    group = alice.membership.current_group
    response = client.post(
        reverse("switch_group"), {"group": group.pk, "next": "https://evil.example/"}
    )
    assert response.url == reverse("quotes")


@pytest.mark.django_db
def test_the_account_page_shows_the_office_details(client, alice):
    office = alice.membership.office
    office.enterprise_number, office.phone = "0403019261", "+3222171111"
    office.save()
    client.force_login(alice)
    html = client.get(reverse("account")).content.decode()
    assert "BE0403019261" in html and "02 217 11 11" in html
