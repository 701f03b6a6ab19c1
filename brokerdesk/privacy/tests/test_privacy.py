"""Personal data: download your own, erase a departed collaborator, export and erase an office."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from brokerdesk.accounts.models import User
from brokerdesk.audit.log import record
from brokerdesk.audit.models import AuditEvent
from brokerdesk.clients.models import Client as ClientRecord
from brokerdesk.offices import services as office_services
from brokerdesk.offices.models import Membership, Office
from brokerdesk.quotes.models import Quote
from brokerdesk.support.models import Ticket
from tests.factories import QuoteFactory


@pytest.mark.django_db
def test_a_user_downloads_everything_kept_about_them(client, bob, product):
    quote = QuoteFactory(group=bob.membership.current_group, product=product, created_by=bob)
    record("quote.created", actor=bob, target=quote, office=bob.membership.office)
    client.force_login(bob)
    response = client.get(reverse("my_data"))
    assert response["Content-Disposition"].startswith('attachment; filename="brokerdesk-')
    data = json.loads(response.content)
    assert data["account"]["email"] == "bob@example.be"
    assert data["office"]["groups"] == ["Antwerpen"]
    assert [q["reference"] for q in data["quotes_created"]] == [quote.reference]
    assert data["activity"][0]["action"] == "quote.created"
    assert "Mijn gegevens downloaden" in client.get(reverse("profile")).content.decode()


@pytest.mark.django_db
def test_the_privacy_page_explains_in_three_languages(client):
    assert "Combien de temps" in client.get(reverse("privacy")).content.decode()
    client.cookies["django_language"] = "nl"
    assert "Hoe lang" in client.get(reverse("privacy")).content.decode()
    client.cookies["django_language"] = "en"
    assert "How long" in client.get(reverse("privacy")).content.decode()


def _depart(member: User, admin: User) -> Membership:
    office_services.deactivate_member(membership=member.membership, by=admin)
    return Membership.objects.get(user=member)


@pytest.mark.django_db
def test_an_administrator_erases_a_departed_collaborator_and_keeps_the_records(
    client, alice, bob, product
):
    quote = QuoteFactory(group=bob.membership.current_group, product=product, created_by=bob)
    office = alice.membership.office
    record(
        "member.invited", actor=alice, target=bob.membership, office=office, email="bob@example.be"
    )
    record("user.email_changed", actor=bob, target=bob, old="bob@example.be", new="b@example.be")
    Ticket.objects.create(
        key="6b1f3c1e-8c1a-4c1b-9a1e-0e8e2f1d2c3b",
        user=bob,
        email="bob@example.be",
        language="nl",
        message="Help Bob Peeters",
    )
    membership = _depart(bob, alice)
    client.force_login(alice)
    assert (
        "Effacer ses données personnelles"
        in client.get(reverse("member", args=[membership.pk])).content.decode()
    )

    client.post(reverse("member_erase", args=[membership.pk]))
    bob.refresh_from_db()
    assert (bob.first_name, bob.last_name, bob.has_usable_password()) == ("", "", False)
    assert bob.email.endswith("@invalid") and bob.erased_at
    assert Quote.objects.get(pk=quote.pk).created_by.get_full_name() == "Ancien collaborateur"
    dump = json.dumps(list(AuditEvent.objects.values_list("data", flat=True)))
    assert "bob@example.be" not in dump
    assert AuditEvent.objects.filter(action="member.erased", actor=alice).exists()
    ticket = Ticket.objects.get()
    assert (ticket.email, ticket.message) == ("", "—")
    # The address is free again: the person can be invited anew if they come back.
    assert not User.email_taken("bob@example.be")
    response = client.post(
        reverse("member_status", args=[membership.pk]), {"action": "reactivate"}, follow=True
    )
    assert "invitez-le à nouveau" in response.content.decode()
    assert not User.objects.get(pk=bob.pk).is_active


@pytest.mark.django_db
def test_an_active_collaborator_cannot_be_erased_even_by_a_forged_post(client, alice, bob):
    client.force_login(alice)
    response = client.post(reverse("member_erase", args=[bob.membership.pk]), follow=True)
    assert "Désactivez d&#x27;abord cet utilisateur" in response.content.decode()
    bob.refresh_from_db()
    assert bob.first_name == "Bob"


@pytest.mark.django_db
def test_only_the_offices_administrators_erase(client, alice, bob, charlie):
    membership = _depart(bob, alice)
    other = Client()
    other.force_login(charlie)
    assert other.post(reverse("member_erase", args=[membership.pk])).status_code == 404
    bob.refresh_from_db()
    assert bob.first_name == "Bob"


@pytest.mark.django_db
def test_the_operator_exports_then_erases_an_office(tmp_path, alice, bob, charlie, product):
    office = alice.membership.office
    quote = QuoteFactory(group=bob.membership.current_group, product=product, created_by=bob)
    dupuis = ClientRecord.objects.create(
        office=office, name="Dupuis SA", enterprise_number="0403019261", created_by=bob
    )
    Quote.objects.filter(pk=quote.pk).update(client=dupuis)
    out = tmp_path / "office.json"
    call_command("export_office", office.pk, output=str(out))
    data = json.loads(out.read_text())
    assert {m["account"]["email"] for m in data["members"]} == {
        "alice@example.be",
        "bob@example.be",
    }
    assert [q["reference"] for q in data["quotes"]] == [quote.reference]
    assert [(c["name"], c["enterprise_number"]) for c in data["clients"]] == [
        ("Dupuis SA", "0403019261")
    ]

    with pytest.raises(CommandError):
        call_command("erase_office", office.pk, confirm="wrong")
    call_command("erase_office", office.pk, confirm=office.enterprise_number)
    assert not Office.objects.filter(pk=office.pk).exists()
    assert not User.objects.filter(email__in=["alice@example.be", "bob@example.be"]).exists()
    assert not Quote.objects.exists()
    assert not ClientRecord.objects.exists()
    assert User.objects.filter(pk=charlie.pk).exists()  # another office is untouched
