"""Error reports reach Sentry (a real HTTP receiver on loopback) without personal data."""

from __future__ import annotations

import gzip
import json
import threading
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import sentry_sdk

from brokerdesk.operations.errors import init_sentry, scrub


class Receiver(BaseHTTPRequestHandler):
    bodies: list[bytes] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        encoding = self.headers.get("Content-Encoding", "")
        if encoding == "gzip":
            body = gzip.decompress(body)
        elif encoding == "deflate":
            body = zlib.decompress(body)
        elif encoding == "br":
            import brotli

            body = brotli.decompress(body)
        Receiver.bodies.append(body)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def sentry():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    Receiver.bodies = []
    init_sentry(f"http://publickey@127.0.0.1:{server.server_port}/1", environment="test")
    yield Receiver.bodies
    sentry_sdk.get_client().close()
    sentry_sdk.init()  # no DSN: the SDK is off again for the other tests
    server.shutdown()


@pytest.mark.django_db
@pytest.mark.urls("brokerdesk.operations.tests.urls_failing")
def test_a_failure_is_reported_without_personal_data(client, alice, sentry):
    client.raise_request_exception = False
    client.force_login(alice)
    client.cookies["tracking"] = "cookie-value"
    response = client.post(
        "/fail/?email=alice%40example.be", {"email": "alice@example.be", "name": "Alice Martin"}
    )
    assert response.status_code == 500
    sentry_sdk.flush(timeout=10)

    events = [
        json.loads(line)
        for body in sentry
        for line in body.splitlines()
        if line.startswith(b"{") and b'"exception"' in line
    ]
    assert len(events) == 1
    [event] = events
    assert event["exception"]["values"][0]["value"] == "the page failed (16)"
    assert event["user"] == {"id": str(alice.pk)}
    everything = b"".join(sentry).decode()
    for secret in ("alice@example.be", "alice%40example.be", "Alice Martin", "cookie-value"):
        assert secret not in everything
    assert "sessionid" not in everything


def test_a_secret_link_in_a_report_is_replaced_by_its_route():
    event = {
        "request": {
            "url": "https://portal.example.be/invitation/s3cr3t/",
            "query_string": "next=/x/",
            "method": "GET",
            "headers": {"Cookie": "sessionid=abc", "User-Agent": "Firefox"},
            "data": {"email": "alice@example.be"},
        },
        "user": {"id": 7, "email": "alice@example.be"},
        "extra": {"sys.argv": ["gunicorn"]},
    }
    assert scrub(event) == {
        "request": {
            "url": "https://portal.example.be/invitation/<str:token>/",
            "method": "GET",
            "headers": {"User-Agent": "Firefox"},
        },
        "user": {"id": 7},
    }
