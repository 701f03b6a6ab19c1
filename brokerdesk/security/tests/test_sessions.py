"""Sessions (README, "Sessions"): the list in the profile, ending one or all others, an
administrator ending a member's, and the idle timeout and absolute lifetime."""

from __future__ import annotations

import time

import pytest
from django.test import Client
from django.urls import reverse

from brokerdesk.audit.models import AuditEvent
from brokerdesk.security.models import UserSession
from conftest import PASSWORD

FIREFOX_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"
SAFARI_IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1"
)


def browser(email: str, user_agent: str, ip: str) -> Client:
    """A browser that logged in with the password."""
    client = Client(HTTP_USER_AGENT=user_agent, REMOTE_ADDR=ip)
    response = client.post(reverse("login"), {"username": email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("quotes")).status_code == 200
    return client


def logged_in(client: Client) -> bool:
    return client.get(reverse("quotes")).status_code == 200


@pytest.mark.django_db
def test_the_profile_lists_the_users_sessions(alice):
    office = browser("alice@example.be", FIREFOX_WINDOWS, "192.0.2.10")
    phone = browser("alice@example.be", SAFARI_IPHONE, "198.51.100.7")
    html = office.get(reverse("profile")).content.decode()
    assert "Firefox sur Windows" in html and "Safari sur iPhone" in html
    assert "192.0.2.10" in html and "198.51.100.7" in html
    assert html.count("Cette session") == 1
    assert logged_in(phone)


@pytest.mark.django_db
def test_a_user_ends_one_session_or_all_the_others(alice):
    office = browser("alice@example.be", FIREFOX_WINDOWS, "192.0.2.10")
    phone = browser("alice@example.be", SAFARI_IPHONE, "198.51.100.7")
    laptop = browser("alice@example.be", FIREFOX_WINDOWS, "192.0.2.11")
    phone_row = UserSession.objects.get(ip="198.51.100.7")
    response = office.post(reverse("session_end", args=[phone_row.pk]))
    assert response.status_code == 302
    assert not logged_in(phone) and logged_in(laptop) and logged_in(office)

    office.post(reverse("sessions_end_others"))
    assert not logged_in(laptop) and logged_in(office)
    assert list(UserSession.objects.values_list("ip", flat=True)) == ["192.0.2.10"]
    assert AuditEvent.objects.filter(action="user.sessions_ended", actor=alice).count() == 2


@pytest.mark.django_db
def test_nobody_ends_someone_elses_session_from_the_profile(alice, bob):
    bobs = browser("bob@example.be", FIREFOX_WINDOWS, "192.0.2.20")
    alices = browser("alice@example.be", FIREFOX_WINDOWS, "192.0.2.10")
    row = UserSession.objects.get(user=bob)
    assert alices.post(reverse("session_end", args=[row.pk])).status_code == 404
    assert logged_in(bobs)


@pytest.mark.django_db
def test_an_administrator_ends_a_members_sessions(alice, bob, charlie):
    bobs = browser("bob@example.be", FIREFOX_WINDOWS, "192.0.2.20")
    bobs_phone = browser("bob@example.be", SAFARI_IPHONE, "192.0.2.21")
    # Another office's administrator and a broker cannot.
    charlies = browser("charlie@other.be", FIREFOX_WINDOWS, "192.0.2.30")
    url = reverse("member_sessions_end", args=[bob.membership.pk])
    assert charlies.post(url).status_code == 404
    alices_url = reverse("member_sessions_end", args=[alice.membership.pk])
    assert bobs.post(alices_url).status_code == 404
    assert logged_in(bobs)

    alices = browser("alice@example.be", FIREFOX_WINDOWS, "192.0.2.10")
    assert alices.get(reverse("member", args=[bob.membership.pk])).status_code == 200
    assert alices.post(url).status_code == 302
    assert not logged_in(bobs) and not logged_in(bobs_phone) and logged_in(alices)
    assert AuditEvent.objects.filter(
        action="user.sessions_ended", actor=alice, target_id=str(bob.pk)
    ).exists()


def move_clock(client: Client, **seconds_ago: float) -> None:
    session = client.session
    now = time.time()
    for key, ago in seconds_ago.items():
        session[f"session_{key}_at"] = now - ago
    session.save()


@pytest.mark.django_db
def test_an_idle_session_ends(alice, settings):
    assert settings.SESSION_IDLE_SECONDS == 2 * 3600
    client = browser("alice@example.be", FIREFOX_WINDOWS, "192.0.2.10")
    move_clock(client, started=3600, seen=3600)
    assert logged_in(client)  # an hour idle: still there
    move_clock(client, started=3 * 3600, seen=2 * 3600 + 60)
    response = client.get(reverse("quotes"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert not logged_in(client)
    assert not UserSession.objects.exists()


@pytest.mark.django_db
def test_a_busy_session_ends_at_its_absolute_lifetime(alice, settings):
    assert settings.SESSION_ABSOLUTE_SECONDS == 12 * 3600
    client = browser("alice@example.be", FIREFOX_WINDOWS, "192.0.2.10")
    move_clock(client, started=12 * 3600 - 60, seen=10)
    assert logged_in(client)
    move_clock(client, started=12 * 3600 + 60, seen=10)
    response = client.get(reverse("quotes"))
    assert response.url.startswith(reverse("login"))
    assert "Votre session a expiré" in client.get(response.url).content.decode()


@pytest.mark.django_db
def test_the_timeouts_are_settings(alice, settings):
    settings.SESSION_IDLE_SECONDS = 60
    client = browser("alice@example.be", FIREFOX_WINDOWS, "192.0.2.10")
    move_clock(client, seen=120)
    assert not logged_in(client)
