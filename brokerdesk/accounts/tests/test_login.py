from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import PASSWORD


def login(client, email, password, ip="10.0.0.1"):
    return client.post(reverse("login"), {"username": email, "password": password}, REMOTE_ADDR=ip)


@pytest.mark.django_db
def test_it_logs_in_with_the_email_in_any_case(client, alice):
    response = login(client, "ALICE@example.be", PASSWORD)
    assert response.status_code == 302
    assert response.url == reverse("home")
    assert client.session["_auth_user_id"] == str(alice.pk)


@pytest.mark.django_db
def test_it_refuses_a_wrong_password_with_one_message(client, alice):
    response = login(client, "alice@example.be", "wrong-password")
    assert response.status_code == 200
    assert "E-mail ou mot de passe incorrect." in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_unknown_and_known_addresses_get_the_same_answer(client, alice):
    known = login(client, "alice@example.be", "wrong-password").content.decode()
    unknown = login(client, "nobody@example.be", "wrong-password").content.decode()
    strip = lambda html: html.replace("alice@example.be", "").replace("nobody@example.be", "")  # noqa: E731
    import re

    token = re.compile(r"[A-Za-z0-9]{64}")  # the CSRF tokens differ on every response
    assert token.sub("", strip(known)) == token.sub("", strip(unknown))


@pytest.mark.django_db
def test_it_throttles_repeated_failures_then_cools_off(client, alice, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "alice@example.be", "wrong-password")
    locked = login(client, "alice@example.be", PASSWORD)
    assert locked.status_code == 429
    assert "Trop de tentatives" in locked.content.decode()
    assert "_auth_user_id" not in client.session

    # The same user from another address is not locked out: no global lock.
    assert login(client, "alice@example.be", PASSWORD, ip="10.0.0.2").status_code == 302


@pytest.mark.django_db
def test_the_lock_ends_after_the_cool_off(client, alice, settings):
    from datetime import timedelta

    from axes.models import AccessAttempt

    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "alice@example.be", "wrong-password")
    assert login(client, "alice@example.be", PASSWORD).status_code == 429
    # Move the failures back in time beyond the cool-off period.
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(hours=1)
    )
    assert login(client, "alice@example.be", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_a_deactivated_user_cannot_log_in(client, alice):
    alice.is_active = False
    alice.save()
    assert login(client, "alice@example.be", PASSWORD).status_code == 200
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_logout_is_a_post_and_ends_the_session(client, alice):
    client.force_login(alice)
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("quotes")).status_code == 302


@pytest.mark.django_db
def test_pages_require_login(client):
    for name in ("quotes", "products", "users", "account", "profile", "search"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


@pytest.mark.django_db
def test_the_login_page_offers_sign_up_and_forgotten_password(client):
    html = client.get(reverse("login")).content.decode()
    for text in ("Connexion", "Créer un compte", "Mot de passe oublié ?", "6 caractères minimum"):
        assert text in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "spellings",
    [
        ["alice@example.be", "ALICE@example.be", " Alice@Example.be", "alice@EXAMPLE.BE "],
        ["Alice@example.be", "aLiCe@example.be", "alice@example.BE", "  ALICE@EXAMPLE.BE  "],
    ],
)
def test_no_spelling_of_an_address_gets_more_guesses(client, alice, settings, spellings):
    # Each failure under a different spelling counts against the same account.
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        login(client, spellings[attempt % len(spellings)], "wrong-password")
    for spelling in spellings:
        locked = login(client, spelling, PASSWORD)
        assert locked.status_code == 429, spelling
        assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_the_throttle_takes_the_client_address_from_the_trusted_proxy_only(client, alice, settings):
    settings.TRUSTED_PROXIES = 1
    # The client writes any X-Forwarded-For it likes; the proxy appends the real address.
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            reverse("login"),
            {"username": "alice@example.be", "password": "wrong-password"},
            REMOTE_ADDR="10.9.9.9",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{attempt}, 203.0.113.7",
        )
    forged = client.post(
        reverse("login"),
        {"username": "ALICE@example.be", "password": PASSWORD},
        REMOTE_ADDR="10.9.9.9",
        HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.7",
    )
    assert forged.status_code == 429
    other_client = client.post(
        reverse("login"),
        {"username": "alice@example.be", "password": PASSWORD},
        REMOTE_ADDR="10.9.9.9",
        HTTP_X_FORWARDED_FOR="203.0.113.8",
    )
    assert other_client.status_code == 302
