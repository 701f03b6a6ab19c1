"""Idempotency-Key: a repeat gets the first answer and creates nothing; concurrent repeats too."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from brokerdesk.api.models import IdempotentRequest
from brokerdesk.api.tests.test_api import DOCUMENT
from brokerdesk.quotes.models import Quote
from tests.factories import IntegrationFactory, ProductFactory, api_token, member

BODY = {"product": "TPE-KMO", "answers": DOCUMENT}


def post(client, secret, body, key):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    if key is not None:
        headers["HTTP_IDEMPOTENCY_KEY"] = key
    return client.post("/api/v1/quotes", body, content_type="application/json", **headers)


def test_a_repeat_returns_the_first_answer(client, bob, accepted):
    secret = api_token(bob)
    first = post(client, secret, BODY, "order-1")
    again = post(client, secret, BODY, "order-1")
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json() and again["Idempotent-Replayed"] == "true"
    assert Quote.objects.count() == 1
    # Another key is another request; no key, no deduplication.
    assert post(client, secret, BODY, "order-2").json()["id"] != first.json()["id"]
    assert post(client, secret, BODY, None).status_code == 201
    assert Quote.objects.count() == 3


def test_the_same_key_for_another_request_is_refused(client, bob, accepted):
    secret = api_token(bob)
    post(client, secret, BODY, "k")
    other = post(
        client, secret, {**BODY, "group": None, "answers": {"activity": DOCUMENT["activity"]}}, "k"
    )
    assert other.status_code == 422 and other.json()["detail"][0]["loc"] == [
        "header",
        "Idempotency-Key",
    ]
    assert Quote.objects.count() == 1


def test_keys_are_per_user_and_kept_24_hours(client, alice, bob, accepted):
    first = post(client, api_token(bob), BODY, "k").json()
    in_antwerpen = {**BODY, "group": accepted.pk}
    assert post(client, api_token(alice), in_antwerpen, "k").json()["id"] != first["id"]
    IdempotentRequest.objects.update(created_at=timezone.now() - timedelta(hours=25))
    assert post(client, api_token(bob, name="2"), BODY, "k").json()["id"] != first["id"]
    assert Quote.objects.count() == 3


def test_an_unauthenticated_attempt_does_not_use_the_key(client, bob, accepted):
    secret = api_token(bob)
    assert post(client, "bdk_wrong", BODY, "k").status_code == 401
    assert post(client, secret, BODY, "k").status_code == 201


@pytest.mark.django_db(transaction=True)
def test_concurrent_repeats_create_one_quote():
    """Five clients send the same request at once: real threads with their own connections on
    PostgreSQL; SQLite serialises writers anyway (then one after the other)."""
    product = ProductFactory()
    bob = member("bob@example.be", groups=["Antwerpen"])
    IntegrationFactory(group=bob.membership.current_group, product=product)
    secret = api_token(bob)
    answers = []
    if connection.vendor != "postgresql":
        answers = [post(Client(), secret, BODY, "same") for _ in range(5)]
    else:
        barrier = threading.Barrier(5)

        def send():
            try:
                barrier.wait()
                answers.append(post(Client(), secret, BODY, "same"))
            finally:
                connection.close()

        threads = [threading.Thread(target=send) for _ in range(5)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert [a.status_code for a in answers] == [201] * 5, [a.content for a in answers]
    assert len({a.json()["id"] for a in answers}) == 1
    assert Quote.objects.count() == 1
