"""API tokens in the profile: created and shown once, stored hashed, listed, revoked; office
administrators see and revoke their users' tokens."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from brokerdesk.accounts.models import AccessToken
from tests.factories import api_token


def test_a_token_is_shown_once_and_stored_hashed(client, bob):
    client.force_login(bob)
    page = client.post(
        reverse("tokens"), {"name": "Mon logiciel", "scopes": ["read", "quotes:write"]}
    )
    assert page.status_code == 201
    secret = re.search(r'data-testid="token-secret">(bdk_[\w-]+)<', page.content.decode()).group(1)
    token = AccessToken.objects.get(user=bob)
    assert token.secret_hash == AccessToken.hash_secret(secret) and secret not in str(
        AccessToken.objects.values().get()
    )
    assert token.scopes == ["quotes:write", "read"] and token.prefix == secret[:10]
    assert round((token.expires_at - token.created_at).total_seconds() / 86400) == 365
    listed = client.get(reverse("tokens")).content.decode()
    assert "Mon logiciel" in listed and token.prefix in listed and secret not in listed
    api = client.get("/api/v1/quotes", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert api.status_code == 200


def test_a_broker_cannot_grant_backoffice_nor_a_date_past_two_years(client, bob):
    client.force_login(bob)
    page = client.post(reverse("tokens"), {"name": "x", "scopes": ["backoffice"]})
    assert page.status_code == 400
    page = client.post(
        reverse("tokens"), {"name": "x", "scopes": ["read"], "expires_on": "2999-01-01"}
    )
    assert page.status_code == 400
    assert not AccessToken.objects.exists()


def test_revoked_by_its_owner_then_refused(client, bob):
    secret = api_token(bob)
    token = AccessToken.objects.get()
    client.force_login(bob)
    assert client.post(reverse("token_revoke", args=[token.pk])).status_code == 302
    assert client.get("/api/v1/quotes", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401


@pytest.mark.django_db
def test_an_administrator_sees_and_revokes_the_offices_tokens(client, alice, bob, charlie):
    api_token(bob, name="Bob's BMS")
    api_token(charlie, name="Charlie's BMS")
    client.force_login(alice)
    page = client.get(reverse("office_tokens")).content.decode()
    assert "Bob&#x27;s BMS" in page and "Charlie" not in page
    bobs = AccessToken.objects.get(user=bob)
    charlies = AccessToken.objects.get(user=charlie)
    assert client.post(reverse("office_token_revoke", args=[charlies.pk])).status_code == 404
    assert client.post(reverse("office_token_revoke", args=[bobs.pk])).status_code == 302
    bobs.refresh_from_db()
    charlies.refresh_from_db()
    assert bobs.revoked_by == alice and charlies.revoked_at is None
    client.force_login(bob)  # a broker manages nobody's tokens but their own
    assert client.get(reverse("office_tokens")).status_code == 404
