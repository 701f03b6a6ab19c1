"""Webhooks end to end: registered by an administrator, delivered by the worker to a receiver
on loopback, signed with the endpoint's secret, and every event delivered once to a receiver
that was down when they happened."""

from __future__ import annotations

import hashlib
import hmac
import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.urls import reverse

from brokerdesk.api.tests.test_api import DOCUMENT
from brokerdesk.notifications.models import WebhookDelivery, WebhookEndpoint
from tests.factories import api_token


class Receiver:
    """A webhook receiver on 127.0.0.1 that keeps what it was sent."""

    def __init__(self, port: int) -> None:
        received = self.received = []

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                received.append((dict(self.headers), body))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def port():
    return free_port()


@pytest.fixture
def endpoint(client, alice, port, settings):
    settings.WEBHOOKS_ALLOW_LOOPBACK = True
    client.force_login(alice)
    page = client.post(
        reverse("webhooks"),
        {"url": f"http://127.0.0.1:{port}/hook", "events": ["quote.priced", "offer.issued"]},
    )
    assert page.status_code == 302
    client.logout()
    return WebhookEndpoint.objects.get()


def price_and_issue(client, bob):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {api_token(bob)}"}
    body = {"product": "TPE-KMO", "answers": DOCUMENT}
    quote = client.post("/api/v1/quotes", body, content_type="application/json", **auth).json()
    client.post(
        f"/api/v1/quotes/{quote['id']}/offer",
        {"language": "fr"},
        content_type="application/json",
        **auth,
    )
    return quote


def verify(endpoint, headers, body) -> dict:
    fields = dict(part.split("=", 1) for part in headers["Brokerdesk-Signature"].split(","))
    signed = f"{fields['t']}.".encode() + body
    expected = hmac.new(endpoint.secret.encode(), signed, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(fields["v1"], expected)
    assert abs(time.time() - int(fields["t"])) < 300  # recent: not a replay
    return json.loads(body)


@pytest.mark.django_db(transaction=True)  # the worker closes its connection
def test_events_are_delivered_signed(client, bob, accepted, endpoint, port, deliver_mail):
    receiver = Receiver(port)
    try:
        quote = price_and_issue(client, bob)
        deliver_mail()
    finally:
        receiver.stop()
    events = [verify(endpoint, headers, body) for headers, body in receiver.received]
    assert sorted(e["event"] for e in events) == ["offer.issued", "quote.priced"]
    assert {e["data"]["id"] for e in events} == {quote["id"]}
    assert all(d.status == "sent" for d in WebhookDelivery.objects.all())


@pytest.mark.django_db(transaction=True)  # the worker closes its connection
def test_a_receiver_that_was_down_gets_every_event_once(
    client, bob, accepted, endpoint, port, deliver_mail, settings
):
    settings.OUTBOX_RETRY_DELAYS = [2, 2]
    price_and_issue(client, bob)
    deliver_mail()  # nobody listens: both fail, and wait for their retry
    assert [d.status for d in WebhookDelivery.objects.all()] == ["pending", "pending"]
    assert all(d.attempts == 1 and d.last_error for d in WebhookDelivery.objects.all())
    receiver = Receiver(port)
    try:
        time.sleep(2.1)
        deliver_mail()
    finally:
        receiver.stop()
    events = [verify(endpoint, h, b)["event"] for h, b in receiver.received]
    assert sorted(events) == ["offer.issued", "quote.priced"]


def test_resend_from_the_list(client, alice, bob, accepted, endpoint, port, deliver_mail):
    price_and_issue(client, bob)
    delivery = WebhookDelivery.objects.get(event="quote.priced")
    client.force_login(alice)
    assert client.post(reverse("webhook_resend", args=[delivery.pk])).status_code == 302
    page = client.get(reverse("webhooks")).content.decode()
    assert page.count("quote.priced") >= 3  # the list shows the first and the resent one
    assert WebhookDelivery.objects.filter(event="quote.priced").count() == 2


def test_only_https_addresses(client, alice, settings):
    settings.WEBHOOKS_ALLOW_LOOPBACK = False
    client.force_login(alice)
    page = client.post(
        reverse("webhooks"), {"url": "http://127.0.0.1:9/x", "events": ["quote.priced"]}
    )
    assert page.status_code == 400 and not WebhookEndpoint.objects.exists()
