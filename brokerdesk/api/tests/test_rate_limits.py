"""Rate limits per token and per client address: 429 with Retry-After, others unaffected."""

from __future__ import annotations

import pytest

from tests.factories import api_token


@pytest.fixture
def limits(settings):
    settings.API_RATE_LIMITS = {"token": (3, 60), "address": (5, 60)}


def get(client, secret, address="10.0.0.1"):
    return client.get("/api/v1/groups", HTTP_AUTHORIZATION=f"Bearer {secret}", REMOTE_ADDR=address)


def test_a_token_over_its_limit_waits(client, limits, alice, bob):
    secret = api_token(bob)
    assert [get(client, secret).status_code for _ in range(3)] == [200, 200, 200]
    refused = get(client, secret, address="10.0.0.2")  # whatever the address
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert "secondes" in refused.json()["detail"] or "seconden" in refused.json()["detail"]
    assert get(client, api_token(alice)).status_code == 200  # another token goes on


def test_an_address_over_its_limit_waits_even_with_bad_tokens(client, limits, alice, bob):
    assert [get(client, "bdk_guess").status_code for _ in range(5)] == [401] * 5
    refused = get(client, api_token(bob))
    assert refused.status_code == 429 and int(refused["Retry-After"]) >= 1
    assert get(client, api_token(alice), address="10.0.0.9").status_code == 200


def test_the_window_ends(client, limits, bob, monkeypatch):
    secret = api_token(bob)
    now = 1_800_000_000.0
    monkeypatch.setattr("brokerdesk.api.limits.now", lambda: now)
    for _ in range(3):
        get(client, secret)
    assert get(client, secret).status_code == 429
    monkeypatch.setattr("brokerdesk.api.limits.now", lambda: now + 60)
    assert get(client, secret).status_code == 200
