from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from brokerdesk.accounts.models import User
from brokerdesk.notifications.models import OutboxMessage
from brokerdesk.offices.models import Group, Invitation, Membership
from conftest import mail_link, mail_text


def invite(client, **changes):
    data = {
        "first_name": "Nina",
        "last_name": "Claes",
        "email": "nina@example.be",
        "language": "nl",
        "role": "intermediary",
        **changes,
    }
    return client.post(reverse("invite"), data)


@pytest.fixture
def admin_client(client, alice):
    client.force_login(alice)
    return client


def antwerpen(alice) -> Group:
    return Group.objects.get(office=alice.membership.office, name="Antwerpen")


@pytest.mark.django_db
def test_it_creates_an_invited_member_who_cannot_log_in_yet(admin_client, alice):
    response = invite(admin_client, groups=[antwerpen(alice).pk])
    assert response.status_code == 302
    user = User.objects.get(email="nina@example.be")
    assert not user.is_active and not user.has_usable_password()
    membership = user.membership
    assert membership.status == Membership.Status.INVITED
    assert membership.office == alice.membership.office
    assert [g.name for g in membership.groups.all()] == ["Antwerpen"]
    invitation = membership.invitation
    assert invitation.invited_by == alice
    assert timedelta(days=6, hours=23) < invitation.expires_at - timezone.now() <= timedelta(days=7)
    assert OutboxMessage.objects.get().to == "nina@example.be"


@pytest.mark.django_db
def test_with_only_default_the_form_shows_the_sub_account(client, make_user):
    solo = make_user("solo@example.be", is_admin=True)
    client.force_login(solo)
    html = client.get(reverse("invite")).content.decode()
    assert "Sous-compte" in html and "<strong>Default</strong>" in html
    invite(client, groups=[solo.membership.current_group.pk])
    assert User.objects.get(email="nina@example.be").membership.groups.get().name == "Default"


@pytest.mark.django_db
def test_the_form_has_the_manuals_fields(admin_client):
    html = admin_client.get(reverse("invite")).content.decode()
    for text in (
        "Prénom",
        "Nom",
        "E-mail",
        "Langue",
        "Rôle",
        "Intermédiaire",
        "Est administrateur",
        "Inviter",
    ):
        assert text in html


@pytest.mark.django_db
def test_it_refuses_an_address_used_anywhere_on_the_platform(admin_client, alice, charlie):
    response = invite(admin_client, email="CHARLIE@other.be", groups=[antwerpen(alice).pk])
    assert response.status_code == 200
    assert "déjà utilisée" in response.context["form"].errors["email"][0]
    assert 'value="CHARLIE@other.be"' in response.content.decode()
    assert not OutboxMessage.objects.exists()


@pytest.mark.django_db
def test_it_requires_a_group_and_keeps_the_input(admin_client):
    response = invite(admin_client)
    assert "groups" in response.context["form"].errors
    assert 'value="Nina"' in response.content.decode()


@pytest.mark.django_db
def test_a_group_of_another_office_cannot_be_chosen(admin_client, charlie):
    response = invite(admin_client, groups=[charlie.membership.current_group.pk])
    assert "groups" in response.context["form"].errors
    assert not User.objects.filter(email="nina@example.be").exists()


@pytest.mark.django_db
def test_a_preset_group_comes_from_the_group_page(admin_client, alice):
    group = antwerpen(alice)
    response = admin_client.get(reverse("invite") + f"?group={group.pk}")
    assert response.context["form"].initial["groups"] == [group]


@pytest.mark.django_db(transaction=True)  # the worker closes its connection
def test_the_invitee_sets_a_password_and_lands_logged_in(client, admin_client, alice, deliver_mail):
    invite(admin_client, groups=[antwerpen(alice).pk])
    [message] = deliver_mail()
    assert alice.membership.office.name in mail_text(message)
    assert "Bonjour" not in mail_text(message)  # Nina reads Dutch
    link = mail_link(message)

    client.logout()
    page = client.get(link)
    assert page.status_code == 200
    assert alice.membership.office.name in page.content.decode()
    # Opening the link (mail scanners do) consumes nothing.
    assert Invitation.objects.exists()

    response = client.post(
        link, {"new_password1": "nina-secret-77", "new_password2": "nina-secret-77"}
    )
    assert response.status_code == 302
    nina = User.objects.get(email="nina@example.be")
    assert nina.is_active and nina.check_password("nina-secret-77")
    assert nina.membership.status == Membership.Status.ACTIVE
    assert client.session["_auth_user_id"] == str(nina.pk)
    assert not Invitation.objects.exists()
    # single use
    assert client.get(link).status_code == 404


@pytest.mark.django_db
def test_an_expired_invitation_is_refused(client, admin_client, alice):
    invite(admin_client, groups=[antwerpen(alice).pk])
    Invitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    from brokerdesk.offices import services

    with pytest.raises(services.InvitationInvalid):
        services.accept_invitation(token="whatever", password="x")
    message = OutboxMessage.objects.get()
    link = mail_link_from_outbox(message)
    assert client.get(link).status_code == 404
    assert (
        client.post(
            link, {"new_password1": "nina-secret-77", "new_password2": "nina-secret-77"}
        ).status_code
        == 404
    )
    assert User.objects.get(email="nina@example.be").membership.status == "invited"


def mail_link_from_outbox(message: OutboxMessage) -> str:
    import re

    return re.search(r"(/invitation/[^/\s]+/)", message.body_text).group(1)


@pytest.mark.django_db
def test_only_a_hash_of_the_token_is_stored(admin_client, alice):
    invite(admin_client, groups=[antwerpen(alice).pk])
    link = mail_link_from_outbox(OutboxMessage.objects.get())
    token = link.split("/")[2]
    invitation = Invitation.objects.get()
    assert token not in invitation.token_hash
    assert invitation.token_hash == Invitation.hash_token(token)
    assert len(token) >= 40


@pytest.mark.django_db
def test_resending_gives_a_new_token_and_expiry(admin_client, alice):
    invite(admin_client, groups=[antwerpen(alice).pk])
    invitation = Invitation.objects.get()
    Invitation.objects.update(expires_at=timezone.now() + timedelta(days=1))
    old_link = mail_link_from_outbox(OutboxMessage.objects.get())
    response = admin_client.post(reverse("invitation_resend", args=[invitation.pk]))
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.expires_at > timezone.now() + timedelta(days=6)
    new_link = mail_link_from_outbox(OutboxMessage.objects.order_by("-created_at").first())
    assert new_link != old_link
    assert admin_client.get(old_link).status_code == 404


@pytest.mark.django_db
def test_revoking_removes_the_invited_user_and_frees_the_address(admin_client, alice):
    invite(admin_client, groups=[antwerpen(alice).pk])
    invitation = Invitation.objects.get()
    link = mail_link_from_outbox(OutboxMessage.objects.get())
    admin_client.post(reverse("invitation_revoke", args=[invitation.pk]))
    assert not User.objects.filter(email="nina@example.be").exists()
    assert admin_client.get(link).status_code == 404
    assert invite(admin_client, groups=[antwerpen(alice).pk]).status_code == 302


@pytest.mark.django_db
def test_the_users_list_shows_the_invitations_expiry(admin_client, alice):
    invite(admin_client, groups=[antwerpen(alice).pk])
    html = admin_client.get(reverse("users")).content.decode()
    assert "Invité" in html and "Expire le" in html and "Renvoyer" in html


@pytest.mark.django_db
def test_invitations_of_another_office_cannot_be_touched(client, alice, charlie):
    client.force_login(alice)
    invite(client, groups=[antwerpen(alice).pk])
    invitation = Invitation.objects.get()
    client.force_login(charlie)
    assert client.post(reverse("invitation_resend", args=[invitation.pk])).status_code == 404
    assert client.post(reverse("invitation_revoke", args=[invitation.pk])).status_code == 404
    assert User.objects.filter(email="nina@example.be").exists()
