from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from brokerdesk.notifications.models import OutboxMessage
from conftest import PASSWORD, mail_link

PROFILE = {
    "first_name": "Alice",
    "last_name": "Martin",
    "email": "alice@example.be",
    "language": "fr",
    "save_profile": "",
}


@pytest.mark.django_db
def test_it_shows_the_manuals_labels(client, alice):
    client.force_login(alice)
    html = client.get(reverse("profile")).content.decode()
    for text in (
        "Paramètres du profil",
        "Prénom",
        "Nom",
        "E-mail",
        "Langue",
        "Enregistrer",
        "Changer le mot de passe",
        "Ancien mot de passe",
        "Nouveau mot de passe",
        "Confirmer le nouveau mot de passe",
        "Mettre à jour le mot de passe",
    ):
        assert text in html


@pytest.mark.django_db
def test_it_saves_names_and_language_and_switches_the_interface(client, alice):
    client.force_login(alice)
    response = client.post(
        reverse("profile"), {**PROFILE, "first_name": "Alicia", "language": "nl"}
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert (alice.first_name, alice.language) == ("Alicia", "nl")
    html = client.get(reverse("profile")).content.decode()
    assert 'lang="nl"' in html


@pytest.mark.django_db(transaction=True)  # the worker closes its connection
def test_a_new_email_takes_effect_only_after_confirmation(client, alice, deliver_mail):
    client.force_login(alice)
    client.post(reverse("profile"), {**PROFILE, "email": "alice.new@example.be"})
    alice.refresh_from_db()
    assert alice.email == "alice@example.be"
    assert alice.pending_email == "alice.new@example.be"

    messages = {m["To"]: m for m in deliver_mail()}
    assert set(messages) == {"alice.new@example.be", "alice@example.be"}  # the old one is told
    link = mail_link(messages["alice.new@example.be"])

    # Opening the link (as a mail scanner would) changes nothing; the button does.
    assert client.get(link).status_code == 200
    alice.refresh_from_db()
    assert alice.email == "alice@example.be"
    assert client.post(link).status_code == 302
    alice.refresh_from_db()
    assert (alice.email, alice.pending_email) == ("alice.new@example.be", "")
    # and the link is spent
    assert client.post(link).status_code == 400


@pytest.mark.django_db
def test_it_refuses_an_email_used_by_someone_else(client, alice, charlie):
    client.force_login(alice)
    response = client.post(reverse("profile"), {**PROFILE, "email": "Charlie@Other.be"})
    assert response.status_code == 200
    assert "déjà utilisée" in response.context["profile_form"].errors["email"][0]
    assert not OutboxMessage.objects.exists()


@pytest.mark.django_db
def test_a_tampered_email_link_is_refused(client, alice):
    response = client.get(reverse("confirm_email", kwargs={"token": "forged:token"}))
    assert response.status_code == 400


@pytest.mark.django_db
def test_changing_the_password_ends_the_other_sessions(client, alice):
    other = Client()
    other.force_login(alice)
    client.force_login(alice)
    response = client.post(
        reverse("profile"),
        {
            "old_password": PASSWORD,
            "new_password1": "nouveau-secret-77",
            "new_password2": "nouveau-secret-77",
            "change_password": "",
        },
    )
    assert response.status_code == 302
    assert client.get(reverse("profile")).status_code == 200  # this session goes on
    assert other.get(reverse("profile")).status_code == 302  # the other one is logged out
    told = OutboxMessage.objects.get()
    assert (told.to, told.template) == ("alice@example.be", "password_changed")


@pytest.mark.django_db
def test_a_wrong_old_password_is_refused_next_to_the_field(client, alice):
    client.force_login(alice)
    response = client.post(
        reverse("profile"),
        {
            "old_password": "wrong",
            "new_password1": "nouveau-secret-77",
            "new_password2": "nouveau-secret-77",
            "change_password": "",
        },
    )
    assert "old_password" in response.context["password_form"].errors
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


@pytest.mark.django_db
def test_profile_changes_are_in_the_audit_log(client, alice):
    from brokerdesk.audit.models import AuditEvent

    client.force_login(alice)
    client.post(reverse("profile"), {**PROFILE, "email": "alice.new@example.be"})
    actions = set(AuditEvent.objects.filter(actor=alice).values_list("action", flat=True))
    assert actions == {"user.profile_updated", "user.email_change_requested"}
