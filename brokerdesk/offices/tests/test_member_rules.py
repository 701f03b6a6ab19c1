"""Member status changes follow the member's current status, whatever is posted.

Each rule is driven by the POST a forged request would send: the page hides the button, the
service refuses the same thing with the office locked.
"""

from __future__ import annotations

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from brokerdesk.audit.models import AuditEvent
from brokerdesk.offices.models import Membership
from conftest import PASSWORD
from tests.factories import invitation

NEW_PASSWORD = {"new_password1": "nina-secret-77", "new_password2": "nina-secret-77"}


@pytest.fixture
def nina(alice):
    """Nina is invited to Alice's office and has not accepted yet; (membership, token)."""
    pending = invitation(by=alice, groups=list(alice.membership.groups.all()))
    token = "nina-token-for-the-test"
    pending.token_hash = pending.hash_token(token)
    pending.save()
    return pending.membership, token


def status(client, membership, action, **extra):
    return client.post(
        reverse("member_status", args=[membership.pk]), {"action": action, **extra}, follow=True
    )


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


@pytest.mark.django_db
def test_an_invited_member_is_not_deactivated_by_a_forged_post(client, alice, nina):
    membership, _token = nina
    client.force_login(alice)
    page = client.get(reverse("member", args=[membership.pk])).content.decode()
    assert 'value="deactivate"' not in page and 'value="reactivate"' not in page

    response = status(client, membership, "deactivate")
    assert any("révoquez l'invitation" in m for m in messages_of(response))
    membership.refresh_from_db()
    assert membership.status == Membership.Status.INVITED
    assert not AuditEvent.objects.filter(action="member.deactivated").exists()
    # A forged "reactivate" does not activate the invitee either.
    status(client, membership, "reactivate")
    membership.refresh_from_db()
    assert membership.status == Membership.Status.INVITED
    assert not membership.user.is_active


@pytest.mark.django_db
def test_an_invitation_no_longer_activates_someone_deactivated(client, alice, nina):
    membership, token = nina
    # The state an earlier version let a crafted POST make: deactivated, invitation still there.
    Membership.objects.filter(pk=membership.pk).update(status=Membership.Status.DEACTIVATED)
    assert client.get(reverse("accept_invitation", args=[token])).status_code == 404
    response = client.post(reverse("accept_invitation", args=[token]), NEW_PASSWORD)
    assert response.status_code == 404
    membership.refresh_from_db()
    assert membership.status == Membership.Status.DEACTIVATED
    assert not membership.user.is_active
    # Nor can the administrator resend or revoke it (revoking would delete the account).
    client.force_login(alice)
    client.post(reverse("invitation_revoke", args=[membership.invitation.pk]))
    client.post(reverse("invitation_resend", args=[membership.invitation.pk]))
    membership.refresh_from_db()
    assert membership.user.pk is not None
    assert not AuditEvent.objects.filter(action__startswith="member.invitation").exists()


@pytest.mark.django_db
def test_an_active_member_is_not_reactivated_and_a_deactivated_one_not_deactivated(
    client, alice, bob
):
    client.force_login(alice)
    response = status(client, bob.membership, "reactivate")
    assert any("Seul un compte désactivé" in m for m in messages_of(response))
    status(client, bob.membership, "deactivate")
    response = status(client, bob.membership, "deactivate")  # a double click
    assert any("Seul un compte actif" in m for m in messages_of(response))
    assert AuditEvent.objects.filter(action="member.deactivated").count() == 1
    assert not AuditEvent.objects.filter(action="member.reactivated").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["", "delete", "activate", "DEACTIVATE"])
def test_an_unknown_status_action_is_a_bad_request(client, alice, bob, action):
    client.force_login(alice)
    response = client.post(reverse("member_status", args=[bob.membership.pk]), {"action": action})
    assert response.status_code == 400
    bob.membership.refresh_from_db()
    assert bob.membership.status == Membership.Status.ACTIVE


@pytest.mark.django_db
def test_deactivation_deletes_the_sessions_so_reactivation_revives_no_cookie(client, alice, bob):
    laptop, phone = Client(), Client()
    for device in (laptop, phone):
        assert (
            device.post(
                reverse("login"), {"username": "bob@example.be", "password": PASSWORD}
            ).status_code
            == 302
        )
    others = Client()
    others.force_login(alice)  # Alice's own session stays
    assert Session.objects.count() == 2 + 1

    client.force_login(alice)
    status(client, bob.membership, "deactivate")
    assert Session.objects.count() == 2  # Alice's two sessions only
    status(client, bob.membership, "reactivate")
    for device in (laptop, phone):
        response = device.get(reverse("quotes"))
        assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert others.get(reverse("quotes")).status_code == 200
