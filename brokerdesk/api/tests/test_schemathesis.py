"""Schemathesis against the API's own OpenAPI schema, with an administrator's and a broker's
token: no 5xx, no answer that breaks the schema, and never a trace of another office.

On PostgreSQL (CI) each of the 20 operations gets 30 examples, each sent with two tokens
(the back-office's with an insurer's token and a broker's): 1,200 requests, plus the probes
of `ignored_auth` without a token. SQLite runs 8 examples, for a quick local check.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, connection
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ignored_auth,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from brokerdesk.api.main import api
from brokerdesk.catalogue import services as catalogue
from brokerdesk.clients import services as clients
from brokerdesk.quotes import services as quote_services
from tests.factories import (
    InsurerStaffFactory,
    IntegrationFactory,
    ProductFactory,
    api_token,
    member,
)

EXAMPLES = 30 if connection.vendor == "postgresql" else 8
APP = get_wsgi_application()
schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1/"))
schema.app = APP  # requests go through the whole Django stack, in the test's transaction
# Hypothesis' fuzzing only: the coverage phase's thousands of boundary cases take minutes.
schema.config.phases.coverage.enabled = False
ANSWERS = {
    "activity": {
        "client_name": "Dupuis",
        "activity": "47.110",
        "activity_code": "47.110",
        "insurance_year": 2026,
    },
    "covers": {},
    "claims": {"history_known": False},
    "legal": {"workers_headcount": 2, "workers_wages": "80000"},
}
SECRET_CLIENT = "Zyxwvut Other Office"  # the other office's client: never in an answer
# No 5xx, no answer outside the schema (status, type, body, headers), no call that works
# without its token. The checks on what a request should be (negative_data_rejection,
# positive_data_acceptance) are left out: the schema gives types, the forms give the rules.
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
    ignored_auth,
]


@pytest.fixture
def keep_connection():
    """As Django's test client does: a request must not close the connection that holds the
    test's transaction, neither when it starts nor when it ends."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def fuzz_world(db, settings, keep_connection):
    settings.API_RATE_LIMITS = {"token": (10**6, 60), "address": (10**6, 60)}
    product = ProductFactory()
    alice = member("alice@example.be", is_admin=True, groups=["Default", "Antwerpen"])
    bob = member("bob@example.be", office=alice.membership.office, groups=["Antwerpen"])
    charlie = member("charlie@other.be", is_admin=True)
    quotes, their_clients = [], []
    for user in (alice, charlie):
        group = user.membership.current_group
        IntegrationFactory(group=group, product=product)
        name = SECRET_CLIENT if user == charlie else "Dupuis"
        quote = quote_services.create_quote(
            group=group,
            product=product,
            created_by=user,
            answers={**ANSWERS, "activity": {**ANSWERS["activity"], "client_name": name}},
        )
        quote.steps_done = ["activity", "covers", "claims", "legal"]
        quote.client = clients.create_client(
            office_id=group.office_id, fields={"name": name}, by=user
        )[0]
        quote.save()
        their_clients.append(quote.client_id)
        quotes.append(quote_services.issue_offer(quote=quote, language="fr", by=user).pk)
    # Requests to decide: one of Alice's office (to accept, refuse or revoke), one of Charlie's.
    for user in (alice, charlie):
        catalogue.request_integration(
            group=user.membership.office.groups.exclude(pk=user.membership.current_group_id).first()
            or user.membership.current_group,
            product=ProductFactory(code="OTHER", insurer=product.insurer),
            producer_number="12345" + str(user.pk % 10),
            requested_by=user,
        )
    victor = InsurerStaffFactory(user__email="victor@vivium.be", insurer=product.insurer).user
    return {
        "tokens": [api_token(alice), api_token(bob)],
        "staff": api_token(victor),
        "quotes": quotes,
        "clients": their_clients,
    }


def _aim(case, world):
    """Half the quote and client ids are real ones (ours, or the other office's): the
    operations then run for real, and the other office's must answer 404."""
    for name, real in (("quote_id", world["quotes"]), ("client_id", world["clients"])):
        found = case.path_parameters.get(name) if case.path_parameters else None
        if isinstance(found, int) and found % 2 == 0:
            case.path_parameters[name] = real[found % 4 // 2]


@pytest.mark.fuzz
@schema.parametrize()
@hypothesis_settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_against_its_schema(case, fuzz_world):
    _aim(case, fuzz_world)
    tokens = fuzz_world["tokens"]
    if case.path.startswith("/api/v1/backoffice/"):  # the insurer's, and a broker's (403)
        tokens = [fuzz_world["staff"], tokens[0]]
    for secret in tokens:
        # The WSGI client does not inflate gzip as an HTTP client would: ask for none.
        headers = {"Authorization": f"Bearer {secret}", "Accept-Encoding": "identity"}
        response = case.call_and_validate(headers=headers, checks=CHECKS)
        assert response.status_code < 500
        if secret != fuzz_world["staff"]:  # an insurer sees every office's quotes on its products
            assert SECRET_CLIENT.encode() not in response.content
