from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from brokerdesk.offices.models import Group, Membership
from conftest import PASSWORD


def update(client, membership, **data):
    groups = data.pop("groups", [g.pk for g in membership.groups.all()])
    payload = {"role": "intermediary", "groups": groups, **data}
    return client.post(reverse("member_update", args=[membership.pk]), payload)


@pytest.mark.django_db
def test_an_admin_makes_a_broker_admin_and_changes_groups(client, alice, bob):
    client.force_login(alice)
    default = Group.objects.get(office=alice.membership.office, name="Default")
    response = update(client, bob.membership, is_admin="on", groups=[default.pk])
    assert response.status_code == 302
    bob.membership.refresh_from_db()
    assert bob.membership.is_admin
    assert [g.name for g in bob.membership.groups.all()] == ["Default"]


@pytest.mark.django_db
def test_the_last_active_admin_cannot_be_demoted(client, alice, bob):
    client.force_login(alice)
    response = client.post(
        reverse("member_update", args=[alice.membership.pk]),
        {"role": "intermediary", "groups": [g.pk for g in alice.membership.groups.all()]},
        follow=True,
    )
    assert "au moins un administrateur actif" in response.content.decode()
    alice.membership.refresh_from_db()
    assert alice.membership.is_admin


@pytest.mark.django_db
def test_the_last_active_admin_cannot_be_deactivated(client, alice):
    client.force_login(alice)
    response = client.post(
        reverse("member_status", args=[alice.membership.pk]), {"action": "deactivate"}, follow=True
    )
    assert "au moins un administrateur actif" in response.content.decode()
    alice.membership.refresh_from_db()
    assert alice.membership.status == Membership.Status.ACTIVE


@pytest.mark.django_db
def test_an_admin_may_step_down_when_another_admin_remains(client, alice, bob):
    bob.membership.is_admin = True
    bob.membership.save()
    client.force_login(alice)
    update(client, alice.membership)
    alice.membership.refresh_from_db()
    assert not alice.membership.is_admin


@pytest.mark.django_db
def test_deactivation_ends_the_users_sessions_at_once(client, alice, bob):
    bob_client = Client()
    bob_client.force_login(bob)
    assert bob_client.get(reverse("quotes")).status_code == 200

    client.force_login(alice)
    client.post(reverse("member_status", args=[bob.membership.pk]), {"action": "deactivate"})
    bob.membership.refresh_from_db()
    assert bob.membership.status == Membership.Status.DEACTIVATED
    assert bob_client.get(reverse("quotes")).status_code == 302  # logged out
    login = Client().post(reverse("login"), {"username": "bob@example.be", "password": PASSWORD})
    assert login.status_code == 200  # cannot log in again

    client.post(reverse("member_status", args=[bob.membership.pk]), {"action": "reactivate"})
    login = Client().post(reverse("login"), {"username": "bob@example.be", "password": PASSWORD})
    assert login.status_code == 302


@pytest.mark.django_db
def test_the_user_page_lists_groups_and_adds_and_removes_them(client, alice, bob):
    office = alice.membership.office
    default = Group.objects.get(office=office, name="Default")
    client.force_login(alice)
    html = client.get(reverse("member", args=[bob.membership.pk])).content.decode()
    for text in ("Membre des groupes :", "+ Ajouter un groupe", "Utilisateurs", "Intégrations"):
        assert text in html

    client.post(reverse("member_add_group", args=[bob.membership.pk]), {"group": default.pk})
    assert set(bob.membership.groups.values_list("name", flat=True)) == {"Antwerpen", "Default"}
    antwerpen = Group.objects.get(office=office, name="Antwerpen")
    client.post(reverse("member_remove_group", args=[bob.membership.pk, antwerpen.pk]))
    assert list(bob.membership.groups.values_list("name", flat=True)) == ["Default"]


@pytest.mark.django_db
def test_a_broker_keeps_at_least_one_group(client, alice, bob):
    antwerpen = bob.membership.groups.get()
    client.force_login(alice)
    response = client.post(
        reverse("member_remove_group", args=[bob.membership.pk, antwerpen.pk]), follow=True
    )
    assert "au moins un groupe" in response.content.decode()
    assert bob.membership.groups.count() == 1


@pytest.mark.django_db
def test_another_offices_group_cannot_be_added(client, alice, bob, charlie):
    client.force_login(alice)
    theirs = charlie.membership.current_group
    response = client.post(
        reverse("member_add_group", args=[bob.membership.pk]), {"group": theirs.pk}
    )
    assert response.status_code == 404
    assert not bob.membership.groups.filter(pk=theirs.pk).exists()


@pytest.mark.django_db
def test_brokers_cannot_manage_people(client, alice, bob):
    client.force_login(bob)
    assert client.get(reverse("member", args=[alice.membership.pk])).status_code == 404
    response = client.post(
        reverse("member_status", args=[alice.membership.pk]), {"action": "deactivate"}
    )
    assert response.status_code == 404
    alice.refresh_from_db()
    assert alice.is_active


@pytest.mark.django_db
def test_membership_changes_are_written_to_the_audit_log(client, alice, bob):
    from brokerdesk.audit.models import AuditEvent

    client.force_login(alice)
    default = Group.objects.get(office=alice.membership.office, name="Default")
    update(client, bob.membership, is_admin="on", groups=[default.pk])
    client.post(reverse("member_status", args=[bob.membership.pk]), {"action": "deactivate"})
    events = list(AuditEvent.objects.order_by("pk"))
    assert [e.action for e in events] == ["member.updated", "member.deactivated"]
    assert events[0].actor == alice and events[0].office == alice.membership.office
    assert events[0].data["before"] == {"is_admin": False, "groups": ["Antwerpen"]}
    assert events[0].data["after"] == {"is_admin": True, "groups": ["Default"]}
