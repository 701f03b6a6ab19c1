from __future__ import annotations

import pytest
from django.urls import reverse

from brokerdesk.audit.models import AuditEvent
from brokerdesk.catalogue import services
from brokerdesk.catalogue.models import Integration
from brokerdesk.catalogue.rules import ReasonRequired
from brokerdesk.notifications.models import OutboxMessage


@pytest.fixture
def victor(make_staff):
    return make_staff("victor@vivium.be", "Vivium")


@pytest.fixture
def olga(make_staff):
    return make_staff("olga@other.be", "Other Insurer")


@pytest.fixture
def pending(alice, bob, product):
    bob.membership.is_admin = True  # Bob asks, so both he and Alice hear of the decision
    bob.membership.save()
    group = bob.membership.current_group
    integration = services.request_integration(
        group=group, product=product, producer_number="123456", requested_by=bob
    )
    OutboxMessage.objects.all().delete()
    return integration


def decide(client, integration, action, reason=""):
    return client.post(
        reverse("backoffice_decide", args=[integration.pk]),
        {"action": action, "reason": reason},
        follow=True,
    )


@pytest.mark.django_db
def test_staff_see_their_insurers_requests_with_filters(client, victor, olga, pending):
    client.force_login(victor)
    response = client.get(reverse("backoffice"))
    html = response.content.decode()
    for text in (
        pending.group.office.name,
        "Antwerpen",
        "123456",
        "bob@example.be",
        "Demande en attente",
        "Accepter",
        "Refuser",
    ):
        assert text in html
    assert len(client.get(reverse("backoffice"), {"status": "accepted"}).context["page"]) == 0
    assert len(client.get(reverse("backoffice"), {"q": "antw"}).context["page"]) == 1
    assert len(client.get(reverse("backoffice"), {"q": "nothing"}).context["page"]) == 0

    client.force_login(olga)
    assert len(client.get(reverse("backoffice")).context["page"]) == 0
    assert decide(client, pending, "accept").status_code == 404
    pending.refresh_from_db()
    assert pending.status == "requested"


@pytest.mark.django_db
def test_accepting_tells_the_requester_and_admins_in_their_language(client, victor, pending):
    client.force_login(victor)
    decide(client, pending, "accept")
    pending.refresh_from_db()
    assert (pending.status, pending.decided_by) == ("accepted", victor)
    mails = {m.to: m for m in OutboxMessage.objects.all()}
    assert set(mails) == {"alice@example.be", "bob@example.be"}
    assert mails["alice@example.be"].subject.startswith("Accès accepté")
    assert mails["bob@example.be"].language == "nl"
    assert "Accès accepté" not in mails["bob@example.be"].subject
    assert AuditEvent.objects.filter(action="integration.accepted", actor=victor).exists()


@pytest.mark.django_db
def test_refusing_needs_a_reason_which_is_sent(client, victor, pending):
    client.force_login(victor)
    response = decide(client, pending, "refuse")
    assert "motif" in response.content.decode().lower()
    pending.refresh_from_db()
    assert pending.status == "requested" and not OutboxMessage.objects.exists()

    decide(client, pending, "refuse", "Numéro inconnu")
    pending.refresh_from_db()
    assert (pending.status, pending.reason) == ("refused", "Numéro inconnu")
    assert all("Numéro inconnu" in m.body_text for m in OutboxMessage.objects.all())
    assert OutboxMessage.objects.count() == 2


@pytest.mark.django_db
def test_deciding_twice_changes_nothing(client, victor, pending):
    client.force_login(victor)
    decide(client, pending, "accept")
    sent = OutboxMessage.objects.count()
    response = decide(client, pending, "refuse", "Trop tard")
    assert "déjà été traitée" in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == "accepted"
    assert OutboxMessage.objects.count() == sent


@pytest.mark.django_db
def test_an_accepted_integration_can_be_revoked(client, victor, pending, product):
    client.force_login(victor)
    decide(client, pending, "accept")
    decide(client, pending, "revoke", "Fin de collaboration")
    pending.refresh_from_db()
    assert (pending.status, pending.reason) == ("revoked", "Fin de collaboration")
    assert AuditEvent.objects.filter(action="integration.revoked").exists()
    # The number is free again for a new request.
    assert not Integration.objects.filter(status__in=["requested", "accepted"]).exists()


@pytest.mark.django_db
def test_brokers_do_not_reach_the_back_office(client, alice, pending):
    client.force_login(alice)
    assert client.get(reverse("backoffice")).status_code == 404
    assert decide(client, pending, "accept").status_code == 404


@pytest.mark.django_db
def test_staff_land_on_the_back_office(client, victor):
    client.force_login(victor)
    assert client.get(reverse("home")).url == reverse("backoffice")


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["", "delete", "ACCEPT", "accept ", "refuse\x00"])
def test_an_unknown_action_is_a_bad_request_that_changes_nothing(client, victor, pending, action):
    client.force_login(victor)
    response = client.post(
        reverse("backoffice_decide", args=[pending.pk]), {"action": action, "reason": ""}
    )
    assert response.status_code == 400
    pending.refresh_from_db()
    assert (pending.status, pending.reason) == ("requested", "")
    assert not AuditEvent.objects.filter(action__startswith="integration.", actor=victor).exists()


@pytest.mark.django_db
def test_no_action_at_all_is_a_bad_request(client, victor, pending):
    client.force_login(victor)
    response = client.post(reverse("backoffice_decide", args=[pending.pk]), {"reason": "x"})
    assert response.status_code == 400
    pending.refresh_from_db()
    assert pending.status == "requested"


@pytest.mark.django_db
@pytest.mark.parametrize("reason", ["", "   ", "\n\t"])
def test_refusing_or_revoking_without_a_reason_is_refused(client, victor, pending, reason):
    client.force_login(victor)
    response = decide(client, pending, "refuse", reason)
    pending.refresh_from_db()
    assert pending.status == "requested"
    assert "Indiquez le motif" in response.content.decode()
    decide(client, pending, "accept")
    decide(client, pending, "revoke", reason)
    pending.refresh_from_db()
    assert pending.status == "accepted"


@pytest.mark.django_db
def test_the_service_itself_refuses_a_decision_without_a_reason(victor, pending):
    # The same rule for any caller of the workflow, not only the form.
    with pytest.raises(ReasonRequired):
        services.decide(integration=pending, accept=False, reason=" ", decided_by=victor)
    services.decide(integration=pending, accept=True, reason="", decided_by=victor)
    with pytest.raises(ReasonRequired):
        services.revoke(integration=pending, reason="", decided_by=victor)
    pending.refresh_from_db()
    assert pending.status == "accepted"


@pytest.mark.django_db
def test_the_buttons_follow_the_rules(client, victor, pending):
    client.force_login(victor)
    page = client.get(reverse("backoffice")).content.decode()
    assert 'value="accept"' in page and 'value="revoke"' not in page
    decide(client, pending, "accept")
    page = client.get(reverse("backoffice")).content.decode()
    assert 'value="accept"' not in page and 'value="revoke"' in page
    decide(client, pending, "revoke", "Fin")
    page = client.get(reverse("backoffice")).content.decode()
    assert 'value="accept"' not in page and 'value="revoke"' not in page
