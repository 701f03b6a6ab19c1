"""The REST API end to end: tokens, the wizard in one document, price, offer, refusals."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from brokerdesk.accounts.models import AccessToken
from brokerdesk.quotes.models import Quote
from conftest import pdf_text
from tests.factories import api_token

DOCUMENT = {
    "activity": {"client_name": "Boulangerie Dupuis", "activity": "47.110", "postal_code": "1000"},
    "covers": {"extra_legal": False, "h24": False, "manager": False},
    "claims": {"history_known": False},
    "legal": {"workers_headcount": 2, "workers_wages": "80000"},
}


def call(client, method, path, secret=None, json=None, **headers):
    if secret:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {secret}"
    if method == "get":
        return client.get(path, **headers)
    return getattr(client, method)(path, json, content_type="application/json", **headers)


@pytest.fixture
def bob_token(accepted, bob):
    return api_token(bob)


def test_schema_and_docs_are_public(client, db):
    schema = client.get("/api/v1/openapi.json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert "/api/v1/quotes" in paths and "/api/v1/quotes/{quote_id}/offer.pdf" in paths
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200 and b"swagger-ui" in docs.content
    assert b"cdn." not in docs.content  # served from our own static files


def test_a_broker_prices_a_quote_and_downloads_its_offer(client, bob, bob_token, accepted):
    created = call(
        client, "post", "/api/v1/quotes", bob_token, {"product": "TPE-KMO", "answers": DOCUMENT}
    )
    assert created.status_code == 201, created.content
    quote = created.json()
    assert quote["status"] == "priced" and quote["missing_steps"] == []
    assert quote["group"] == accepted.pk and quote["reference"].startswith("PV_TPE-KMO_")
    assert float(quote["total_annual"]) > 0
    stored = Quote.objects.get(pk=quote["id"])
    assert stored.created_by == bob and stored.answers["activity"]["activity_code"] == "47.110"

    issued = call(
        client, "post", f"/api/v1/quotes/{quote['id']}/offer", bob_token, {"language": "nl"}
    )
    assert issued.status_code == 200 and issued.json()["status"] == "issued"
    pdf = call(client, "get", f"/api/v1/quotes/{quote['id']}/offer.pdf", bob_token)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert "Dupuis" in pdf_text(pdf.content)

    listed = call(client, "get", "/api/v1/quotes?status=issued", bob_token).json()
    assert listed["count"] == 1 and listed["results"][0]["id"] == quote["id"]
    found = call(client, "get", "/api/v1/quotes/search?q=boulangerie", bob_token).json()
    assert [row["id"] for row in found] == [quote["id"]]
    assert AccessToken.objects.get(user=bob).last_used_at is not None


def test_update_duplicate_archive(client, bob, bob_token, accepted):
    first = {"activity": DOCUMENT["activity"]}
    quote = call(
        client, "post", "/api/v1/quotes", bob_token, {"product": "TPE-KMO", "answers": first}
    ).json()
    assert quote["status"] == "draft" and "legal" in quote["missing_steps"]
    rest = {k: v for k, v in DOCUMENT.items() if k != "activity"}
    updated = call(client, "patch", f"/api/v1/quotes/{quote['id']}", bob_token, {"answers": rest})
    assert updated.status_code == 200 and updated.json()["status"] == "priced"
    priced = call(
        client,
        "post",
        f"/api/v1/quotes/{quote['id']}/price",
        bob_token,
        {"payment_frequency": "quarterly"},
    )
    assert priced.json()["answers"]["payment"] == {"payment_frequency": "quarterly"}
    copy = call(client, "post", f"/api/v1/quotes/{quote['id']}/duplicate", bob_token)
    assert copy.status_code == 201 and copy.json()["id"] != quote["id"]
    archived = call(client, "post", f"/api/v1/quotes/{quote['id']}/archive", bob_token)
    assert archived.json()["status"] == "archived"
    refused = call(client, "patch", f"/api/v1/quotes/{quote['id']}", bob_token, {"answers": rest})
    assert refused.status_code == 409 and "archivée" in refused.json()["detail"]


def test_validation_errors_name_the_field_in_the_owners_language(client, bob, accepted):
    bob.language = "nl"
    bob.save()
    secret = api_token(bob)
    document = {
        **DOCUMENT,
        "activity": {"client_name": "X", "activity": "99.999"},
        "legal": {"workers_headcount": 2},
    }
    answer = call(
        client, "post", "/api/v1/quotes", secret, {"product": "TPE-KMO", "answers": document}
    )
    assert answer.status_code == 422
    errors = {tuple(e["loc"]): e["msg"] for e in answer.json()["detail"]}
    assert ("body", "answers", "activity", "activity") in errors
    assert errors[("body", "answers", "legal", "workers_wages")] == (
        "Geef de jaarlijkse bruto loonmassa op."
    )
    typed = call(
        client,
        "post",
        "/api/v1/quotes",
        secret,
        {"product": "TPE-KMO", "answers": {"activity": {"client_name": "X"}}, "colour": "red"},
    )
    errors = {tuple(e["loc"]): e["msg"] for e in typed.json()["detail"]}
    assert typed.status_code == 422
    assert (
        errors[("body", "payload", "answers", "activity", "activity")] == "Dit veld is verplicht."
    )
    assert ("body", "payload", "colour") in errors
    assert Quote.objects.count() == 0


def test_out_of_scope_is_404_and_scopes_are_enforced(client, bob, charlie, accepted):
    bob_secret = api_token(bob)
    quote = call(
        client, "post", "/api/v1/quotes", bob_secret, {"product": "TPE-KMO", "answers": DOCUMENT}
    ).json()
    other = api_token(charlie)
    for method, path in [
        ("get", f"/api/v1/quotes/{quote['id']}"),
        ("get", f"/api/v1/quotes/{quote['id']}/offer.pdf"),
        ("post", f"/api/v1/quotes/{quote['id']}/archive"),
    ]:
        assert call(client, method, path, other).status_code == 404
    read_only = api_token(bob, scopes=["read"], name="read")
    answer = call(client, "post", f"/api/v1/quotes/{quote['id']}/archive", read_only)
    assert answer.status_code == 403 and "quotes:write" in answer.json()["detail"]
    assert Quote.objects.get(pk=quote["id"]).status == "priced"


@pytest.mark.parametrize("state", ["missing", "garbage", "revoked", "expired", "deactivated"])
def test_unusable_tokens_answer_401(client, bob, accepted, state):
    secret = api_token(bob)
    if state == "revoked":
        AccessToken.objects.update(revoked_at=timezone.now())
    if state == "expired":
        AccessToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    if state == "deactivated":
        bob.is_active = False
        bob.save()
    secret = {"missing": None, "garbage": "bdk_" + "x" * 43}.get(state, secret)
    answer = call(client, "get", "/api/v1/quotes", secret)
    assert answer.status_code == 401
    assert answer["WWW-Authenticate"].startswith("Bearer")


def test_insurer_staff_decide_access_requests(client, make_staff, alice, product):
    from brokerdesk.catalogue import services

    victor = make_staff("victor@vivium.be", product.insurer.name)
    group = alice.membership.current_group
    request = services.request_integration(
        group=group, product=product, producer_number="654321", requested_by=alice
    )
    secret = api_token(victor)
    listed = call(client, "get", "/api/v1/backoffice/requests?status=requested", secret).json()
    assert [row["id"] for row in listed["results"]] == [request.pk]
    missing = call(
        client, "post", f"/api/v1/backoffice/requests/{request.pk}/refuse", secret, {"reason": ""}
    )
    assert missing.status_code == 422 and missing.json()["detail"][0]["loc"][-1] == "reason"
    accepted = call(client, "post", f"/api/v1/backoffice/requests/{request.pk}/accept", secret)
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    again = call(client, "post", f"/api/v1/backoffice/requests/{request.pk}/accept", secret)
    assert again.status_code == 409
    # A broker's token has no back-office scope; a broker is nobody there anyway.
    assert call(client, "get", "/api/v1/backoffice/requests", api_token(alice)).status_code == 403
