"""The README's curl session, call for call: its quote.json is priced, its offer is a PDF,
and it is submitted to the insurer."""

from __future__ import annotations

import json
import re

from django.conf import settings

from brokerdesk.accounts.models import AccessToken
from conftest import pdf_text
from tests.factories import api_token


def readme_quote() -> dict:
    readme = (settings.BASE_DIR / "README.md").read_text()
    block = re.search(r"cat > quote\.json <<'JSON'\n(.*?)\nJSON\n", readme, re.S)
    return json.loads(block.group(1))


def test_the_readme_session(client, bob, accepted):
    secret = api_token(bob, scopes=["read", "quotes:write", "offers:write"])
    auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    created = client.post(
        "/api/v1/quotes",
        readme_quote(),
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="dupuis-2026",
        **auth,
    )
    assert created.status_code == 201, created.content
    quote = created.json()
    assert quote["status"] == "priced"
    priced = client.post(
        f"/api/v1/quotes/{quote['id']}/price",
        {"payment_frequency": "quarterly"},
        content_type="application/json",
        **auth,
    )
    assert priced.status_code == 200
    issued = client.post(
        f"/api/v1/quotes/{quote['id']}/offer",
        {"language": "fr"},
        content_type="application/json",
        **auth,
    )
    assert issued.json()["status"] == "issued"
    pdf = client.get(f"/api/v1/quotes/{quote['id']}/offer.pdf", **auth)
    assert pdf.status_code == 200 and "Boulangerie Dupuis" in pdf_text(pdf.content)
    submitted = client.post(
        f"/api/v1/quotes/{quote['id']}/submit", HTTP_IDEMPOTENCY_KEY="dupuis-2026-submit", **auth
    )
    assert submitted.json()["status"] == "submitted"
    assert AccessToken.objects.get().last_used_at is not None
