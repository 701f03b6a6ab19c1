from __future__ import annotations

import gzip
import json
import logging
from datetime import datetime, timedelta
from logging.config import DictConfigurator

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from brokerdesk.notifications.models import OutboxMessage
from conftest import PASSWORD


@pytest.mark.django_db
def test_logged_in_pages_are_never_cached_and_are_compressed(client, alice):
    client.force_login(alice)
    response = client.get(reverse("quotes"), HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert set(response["Cache-Control"].split(", ")) >= {"private", "no-store"}
    assert response["Content-Encoding"] == "gzip"
    assert "Demandes" in gzip.decompress(response.content).decode()


@pytest.mark.django_db
def test_public_pages_are_compressed_too(client):
    response = client.get(reverse("login"), HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"


@pytest.mark.django_db
def test_health_is_ok_without_login_and_without_data(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "outbox": "ok",
        "oldest_undelivered_email_seconds": 0,
    }


@pytest.mark.django_db
def test_health_fails_when_an_email_waits_past_its_time(client):
    due = timezone.now() - timedelta(seconds=settings.OUTBOX_STUCK_AFTER + 60)
    OutboxMessage.objects.create(
        template="t", to="a@example.be", language="fr", subject="s", next_attempt_at=due
    )
    OutboxMessage.objects.update(created_at=due)
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    body = response.json()
    assert body["outbox"] == "stuck" and body["database"] == "ok"
    assert body["oldest_undelivered_email_seconds"] >= settings.OUTBOX_STUCK_AFTER


@pytest.mark.django_db
def test_a_retry_scheduled_later_is_not_stuck(client):
    OutboxMessage.objects.create(
        template="t",
        to="a@example.be",
        language="fr",
        subject="s",
        next_attempt_at=timezone.now() + timedelta(hours=6),
    )
    assert client.get(reverse("healthz")).status_code == 200


def json_lines(records) -> list[dict]:
    formatter = DictConfigurator({}).configure_formatter(
        dict(settings.LOGGING["formatters"]["json"])
    )
    return [json.loads(formatter.format(record)) for record in records]


@pytest.mark.django_db
def test_each_request_is_one_json_log_line_with_ids_only(client, alice, caplog):
    client.force_login(alice)
    with caplog.at_level(logging.INFO, logger="brokerdesk.requests"):
        response = client.get(reverse("quotes"), HTTP_X_REQUEST_ID="lb-1234")
    assert response["X-Request-ID"] == "lb-1234"
    records = [r for r in caplog.records if r.name == "brokerdesk.requests"]
    [line] = json_lines(records)
    assert line["method"] == "GET" and line["path"] == "/requests/" and line["status"] == 200
    assert line["user_id"] == alice.pk
    assert line["office_id"] == alice.membership.office_id
    assert line["request_id"] == "lb-1234"
    assert line["duration_ms"] >= 0
    assert "alice@example.be" not in json.dumps(line)
    # An unambiguous instant: ISO 8601 with its offset, whatever the server's time zone.
    logged = datetime.fromisoformat(line["time"])
    assert logged.utcoffset() == timedelta(0)
    assert abs(timezone.now() - logged) < timedelta(minutes=1)


@pytest.mark.django_db
def test_a_forged_request_id_is_replaced(client, caplog):
    with caplog.at_level(logging.INFO, logger="brokerdesk.requests"):
        response = client.get(reverse("login"), HTTP_X_REQUEST_ID='x"\n{"status": 200}')
    rid = response["X-Request-ID"]
    assert len(rid) == 32 and rid.isalnum()
    assert caplog.records[-1].request_id == rid


@pytest.mark.django_db
def test_secret_links_are_logged_by_their_route(client, caplog):
    with caplog.at_level(logging.INFO, logger="brokerdesk.requests"):
        client.get("/invitation/s3cr3t-t0ken/")
    [line] = json_lines([r for r in caplog.records if r.name == "brokerdesk.requests"])
    assert "s3cr3t" not in json.dumps(line)
    assert line["path"] == "/invitation/<str:token>/"


@pytest.mark.django_db
def test_behind_a_proxy_login_throttling_keys_on_the_client_not_the_proxy(client, alice, settings):
    """Requests as the TLS-terminating proxy sends them: it connects from its own address
    and appends the client's to X-Forwarded-For (after anything the client wrote)."""
    settings.TRUSTED_PROXIES = 1

    def login(client_ip: str, password: str, spoofed: str = "1.2.3.4"):
        return client.post(
            reverse("login"),
            {"username": "alice@example.be", "password": password},
            REMOTE_ADDR="10.0.0.254",
            HTTP_X_FORWARDED_FOR=f"{spoofed}, {client_ip}",
            HTTP_X_FORWARDED_PROTO="https",
        )

    for n in range(settings.AXES_FAILURE_LIMIT):
        login("198.51.100.7", "wrong", spoofed=f"9.9.9.{n}")  # a new forged address each time
    assert login("198.51.100.7", PASSWORD).status_code == 429
    # Another client behind the same proxy is not locked out.
    assert login("203.0.113.9", PASSWORD).status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/login/", "/requests/", "/api/v1/quotes", "/no-such-page/"])
def test_trace_is_refused_everywhere(client, alice, path):
    client.force_login(alice)
    response = client.generic("TRACE", path, HTTP_X_SECRET="echo-me")
    assert response.status_code == 405
    assert b"echo-me" not in response.content
    assert response["Permissions-Policy"]
