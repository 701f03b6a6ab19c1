"""Our own error pages, in the user's language, never a second failure."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from brokerdesk.operations.models import CspReport


@pytest.mark.django_db
def test_an_unknown_page_is_our_404_in_the_users_language(client, bob):
    client.force_login(bob)  # Bob works in Dutch
    response = client.get("/nowhere/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Pagina niet gevonden" in html and 'lang="nl"' in html


@pytest.mark.django_db
def test_an_anonymous_404_is_in_french(client):
    response = client.get("/help/no-such-article/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/login/", "/signup/", "/password/forgot/", "/help/chat/"])
def test_a_body_in_a_charset_django_cannot_read_is_a_400(client, path):
    response = client.generic(
        "POST",
        path,
        "username=a&password=b".encode("utf-16"),
        content_type="application/x-www-form-urlencoded; charset=utf-16",
    )
    assert response.status_code in (400, 403)
    assert "Requête incorrecte" in response.content.decode() or "La page a expiré" in (
        response.content.decode()
    )


@pytest.mark.django_db
def test_an_expired_form_explains_itself(alice):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = client.post(reverse("group_create"), {"name": "Liège"})
    assert response.status_code == 403
    assert "La page a expiré" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.urls("brokerdesk.operations.tests.urls_failing")
def test_a_failure_is_our_500_with_a_reference_for_support(client):
    client.raise_request_exception = False
    response = client.post("/fail/", {"email": "a@example.be"}, HTTP_X_REQUEST_ID="req-42")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Erreur du serveur" in html and "req-42" in html


@pytest.mark.django_db
def test_pages_deny_unused_browser_features(client):
    response = client.get(reverse("login"))
    assert "camera=()" in response["Permissions-Policy"]
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "report-uri /csp-report/" in response["Content-Security-Policy"]
    assert "report-to csp" in response["Content-Security-Policy"]
    assert response["Reporting-Endpoints"] == 'csp="/csp-report/"'


@pytest.mark.django_db
def test_csp_violations_are_stored_in_both_report_formats(client):
    legacy = {
        "csp-report": {
            "document-uri": "https://portal.example.be/requests/?q=Dupuis",
            "blocked-uri": "inline",
            "effective-directive": "script-src-elem",
            "line-number": 12,
        }
    }
    response = client.post(
        reverse("csp_report"), json.dumps(legacy), content_type="application/csp-report"
    )
    assert response.status_code == 204
    modern = [
        {"type": "csp-violation", "body": {"documentURL": "https://p/x", "blockedURL": "eval",
                                           "effectiveDirective": "script-src"}},
        {"type": "deprecation", "body": {}},
    ]  # fmt: skip
    response = client.post(
        reverse("csp_report"), json.dumps(modern), content_type="application/reports+json"
    )
    assert response.status_code == 204
    first, second = CspReport.objects.order_by("id")
    assert first.document_uri == "https://portal.example.be/requests/"  # no query string
    assert (first.directive, first.line_number) == ("script-src-elem", 12)
    assert (second.blocked_uri, second.directive) == ("eval", "script-src")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body",
    [b"", b"not json", b"[" * 5000 + b"]" * 5000, b'{"csp-report": 1}', b'"x"', b"x" * 20000],
)
def test_junk_reports_are_refused_without_error(client, body):
    response = client.generic("POST", reverse("csp_report"), body, content_type="application/json")
    assert response.status_code == 400
    assert not CspReport.objects.exists()
