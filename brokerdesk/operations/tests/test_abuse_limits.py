"""Abuse limits (README, "Abuse limits"): per client address and per typed address, on every
public or mail-sending endpoint, answered with our 429 page in the user's language."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from brokerdesk.notifications.models import OutboxMessage
from brokerdesk.offices.models import Invitation
from brokerdesk.offices.tests.test_signup import COMPANY, PERSONAL


@pytest.fixture
def limits(settings):
    """Set small limits for one scope: `limits("signup", ip="4/h", target="2/h")`."""

    def set_limits(scope: str, **kinds: str) -> None:
        settings.ABUSE_LIMITS = {**settings.ABUSE_LIMITS, scope: kinds}

    return set_limits


def forgot(client, email, ip="10.0.0.1"):
    return client.post(reverse("forgot_password"), {"email": email}, REMOTE_ADDR=ip)


@pytest.mark.django_db
def test_password_reset_is_limited_per_address_whatever_its_spelling(client, alice, limits):
    limits("password_reset", ip="100/h", target="3/h")
    for spelling in ("alice@example.be", "ALICE@example.be", " Alice@Example.be "):
        assert forgot(client, spelling).status_code == 302
    refused = forgot(client, "alice@example.be", ip="10.0.0.2")
    assert refused.status_code == 429
    assert "Trop de demandes" in refused.content.decode()
    assert OutboxMessage.objects.filter(template="password_reset").count() == 3
    # Another address is not affected.
    assert forgot(client, "bob@example.be").status_code == 302


@pytest.mark.django_db
def test_password_reset_is_limited_per_client_address(client, limits):
    limits("password_reset", ip="3/h", target="100/h")
    for n in range(3):
        assert forgot(client, f"nobody{n}@example.be").status_code == 302
    assert forgot(client, "nobody9@example.be").status_code == 429
    assert forgot(client, "nobody9@example.be", ip="10.0.0.2").status_code == 302


@pytest.mark.django_db
def test_behind_a_proxy_the_limit_counts_the_address_the_proxy_saw(client, settings, limits):
    settings.TRUSTED_PROXIES = 1
    limits("password_reset", ip="2/h", target="100/h")

    def attempt(n: int, forwarded: str):
        return client.post(
            reverse("forgot_password"),
            {"email": f"x{n}@example.be"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=forwarded,
        )

    # The part the client wrote itself (left of the proxy's entry) changes nothing.
    assert attempt(1, "1.1.1.1, 203.0.113.9").status_code == 302
    assert attempt(2, "2.2.2.2, 203.0.113.9").status_code == 302
    assert attempt(3, "3.3.3.3, 203.0.113.9").status_code == 429
    assert attempt(4, "203.0.113.10").status_code == 302


@pytest.mark.django_db
def test_the_429_page_is_in_the_users_language(client, limits):
    limits("password_reset", ip="1/h")
    forgot(client, "a@example.be")
    client.cookies["django_language"] = "nl"
    refused = forgot(client, "b@example.be")
    assert refused.status_code == 429
    html = refused.content.decode()
    assert "Te veel aanvragen" in html and "Trop de demandes" not in html


def signup(client, email, ip="10.0.0.1"):
    client.logout()
    data = {**PERSONAL, **COMPANY, "p-email": email, "action": "create"}
    return client.post(reverse("signup"), data, REMOTE_ADDR=ip)


@pytest.mark.django_db
def test_signup_is_limited_per_address_and_per_client(client, limits):
    limits("signup", ip="4/h", target="2/h")
    assert signup(client, "clementine@example.be").status_code == 302
    assert signup(client, "Clementine@example.be").status_code == 200  # taken: a field message
    assert signup(client, "clementine@example.be").status_code == 429
    assert signup(client, "other@example.be").status_code in (200, 302)
    assert signup(client, "third@example.be").status_code == 429
    assert signup(client, "third@example.be", ip="10.0.0.2").status_code in (200, 302)


@pytest.mark.django_db
def test_invitations_sent_and_resent_to_one_address_are_limited(client, alice, limits):
    limits("invitation", ip="100/h", target="2/h")
    client.force_login(alice)
    data = {
        "first_name": "Nina",
        "last_name": "Claes",
        "email": "nina@example.be",
        "language": "nl",
        "role": "intermediary",
        "groups": [alice.membership.office.groups.first().pk],
    }
    assert client.post(reverse("invite"), data).status_code == 302
    invitation = Invitation.objects.get()
    assert client.post(reverse("invitation_resend", args=[invitation.pk])).status_code == 302
    refused = client.post(reverse("invitation_resend", args=[invitation.pk]))
    assert refused.status_code == 429
    assert OutboxMessage.objects.filter(template="invitation").count() == 2


@pytest.mark.django_db
def test_invitations_are_limited_per_client_address(client, alice, limits):
    limits("invitation", ip="2/h", target="100/h")
    client.force_login(alice)
    for n in range(3):
        response = client.post(
            reverse("invite"),
            {
                "first_name": "Nina",
                "last_name": f"Claes{n}",
                "email": f"nina{n}@example.be",
                "language": "nl",
                "role": "intermediary",
                "groups": [alice.membership.office.groups.first().pk],
            },
        )
    assert response.status_code == 429
    assert Invitation.objects.count() == 2


@pytest.mark.django_db
def test_chat_questions_are_limited_per_client_address(client, limits):
    limits("chat", ip="2/10m")
    ask = lambda: client.post(  # noqa: E731
        reverse("help_chat"), {"question": "mot de passe"}, headers={"HX-Request": "true"}
    )
    assert ask().status_code == 200
    assert ask().status_code == 200
    refused = ask()
    assert refused.status_code == 429
    # A notice for the chat panel, not a whole page inside it.
    assert "Vous avez fait trop de demandes" in refused.content.decode()
    assert "<html" not in refused.content.decode()
    # Reading the conversation is not limited.
    assert client.get(reverse("help_chat")).status_code == 200


def escalate(client, email, ip="10.0.0.1"):
    data = {"email": email, "message": "Aide", "page": "/", "key": str(uuid.uuid4())}
    return client.post(reverse("help_escalate"), data, REMOTE_ADDR=ip)


@pytest.mark.django_db
def test_escalation_is_limited_per_typed_address(client, limits):
    limits("escalation", ip="100/h", target="2/h")
    assert escalate(client, "victim@example.be").status_code == 302
    assert escalate(client, "VICTIM@example.be", ip="10.0.0.2").status_code == 302
    assert escalate(client, "victim@example.be", ip="10.0.0.3").status_code == 429
    assert escalate(client, "other@example.be").status_code == 302


@pytest.mark.django_db
def test_escalation_is_limited_per_client_address(client, limits):
    limits("escalation", ip="2/h", target="100/h")
    assert escalate(client, "a@example.be").status_code == 302
    assert escalate(client, "b@example.be").status_code == 302
    assert escalate(client, "c@example.be").status_code == 429
    assert escalate(client, "c@example.be", ip="10.0.0.2").status_code == 302


def test_the_default_limits_are_well_formed(settings):
    from brokerdesk.lib.limits import parse

    for kinds in settings.ABUSE_LIMITS.values():
        for rate in kinds.values():
            count, seconds = parse(rate)
            assert count > 0 and seconds > 0
    assert parse("30/10m") == (30, 600)
