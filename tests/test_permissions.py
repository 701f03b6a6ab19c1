"""The permission matrix: every URL of the portal for every persona.

Alice administers office A; Bob is a broker of A in the group Antwerpen only; Charlie
administers office B; Victor works for the insurer Vivium, Olga for another insurer. Anything
of A that Charlie (or Bob, for management pages) tries to reach answers 404, exactly like
something that does not exist.

The whole matrix runs twice: on the generic host and on Vivium's insurer site, which changes
nobody's rights (only its own logo, colours and sign-on pages exist there and nowhere else).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from brokerdesk.accounts.models import AccessToken, User
from brokerdesk.api.main import api
from brokerdesk.catalogue import services as catalogue
from brokerdesk.catalogue.models import Integration, Product
from brokerdesk.clients import services as clients
from brokerdesk.clients.models import Client
from brokerdesk.documents import services as documents
from brokerdesk.documents.models import Document
from brokerdesk.lib.uploads import PDF
from brokerdesk.notifications import kinds
from brokerdesk.notifications.inbox import notify
from brokerdesk.notifications.models import (
    Notification,
    OutboxMessage,
    WebhookDelivery,
    WebhookEndpoint,
)
from brokerdesk.offers import services as offer_services
from brokerdesk.offers.models import OfferLink
from brokerdesk.offices import services as offices
from brokerdesk.offices.models import Group, Invitation, Membership
from brokerdesk.offices.tests.test_groups import image_bytes
from brokerdesk.operations.models import CspReport
from brokerdesk.quotes import services as quote_services
from brokerdesk.quotes.models import Quote
from brokerdesk.security.models import UserSession
from brokerdesk.submissions.models import Attachment
from brokerdesk.submissions.models import Message as SubmissionMessage
from brokerdesk.submissions.models import Thread as SubmissionThread
from brokerdesk.tariffs.models import TariffVersion
from rating.tariff import TARIFF_DIR
from tests.factories import (
    InsurerSiteFactory,
    InsurerStaffFactory,
    ProductFactory,
    api_token,
    invitation,
    member,
)

PERSONAS = (ANON, ALICE, BOB, CHARLIE, VICTOR, OLGA) = (
    "anonymous", "alice", "bob", "charlie", "victor", "olga"
)  # fmt: skip
PRICED_ANSWERS = {
    "activity": {"client_name": "Dupuis", "activity_code": "47.110", "insurance_year": 2026},
    "covers": {},
    "claims": {"history_known": False},
    "legal": {"workers_headcount": 2, "workers_wages": "80000"},
}
# API tokens that no longer work: expired, revoked, and of a user since deactivated.
API_PERSONAS = (*PERSONAS, EXPIRED, REVOKED, DEACTIVATED) = (
    *PERSONAS, "expired", "revoked", "deactivated"
)  # fmt: skip
DIRK = "dirk"  # a broker of Alice's office in the group Default only: Bob's quotes are not his
LOGIN = 302  # an anonymous visitor is sent to the login page
GENERIC, INSURER_SITE = "testserver", "vivium.localhost"
OFFER_TOKEN = "matrix-offer-link"  # the client's link to the quote's offer


@dataclass
class World:
    dirk: Any
    quote: Quote
    alice: Any
    bob: Any
    charlie: Any
    victor: Any
    olga: Any
    antwerpen: Group
    default: Group
    leuven: Group  # empty: the one group Alice may delete
    invitation: Any
    product: Product
    integration: Integration
    tariff: TariffVersion  # uploaded by Vivium, not activated
    token: AccessToken  # Bob's API token
    secrets: dict[str, str]  # an API token of every persona, with every scope it may have
    webhook: WebhookEndpoint  # Alice's office's, with the deliveries of the quote's events

    bob_session: UserSession  # Bob signed in on another browser
    # Issue 16: the quote's client (Alice's), a document Bob put on the quote, Bob's inbox.
    client: Client
    document: Document
    notification: Notification


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory) -> World:
    """Built once for the whole matrix, in a transaction rolled back after it: each case runs
    in a savepoint of that transaction, so whatever a POST changes is undone before the next."""
    media = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        yield _build_world()
        transaction.set_rollback(True)


def _build_world() -> World:
    product = ProductFactory()
    alice = member("alice@example.be", is_admin=True, groups=["Default", "Antwerpen"])
    office = alice.membership.office
    bob = member("bob@example.be", office=office, groups=["Antwerpen"], first_name="Bob")
    dirk = member("dirk@example.be", office=office, groups=["Default"], first_name="Dirk")
    charlie = member("charlie@other.be", is_admin=True, first_name="Charlie")
    antwerpen = Group.objects.get(office=office, name="Antwerpen")
    antwerpen.logo.save("logo.png", ContentFile(image_bytes()))
    site = InsurerSiteFactory(insurer=product.insurer, host=INSURER_SITE)  # without sign-on
    site.logo.save("site.png", ContentFile(image_bytes()))
    pending = invitation(by=alice, groups=[antwerpen])
    victor = InsurerStaffFactory(user__email="victor@vivium.be", insurer=product.insurer).user
    olga = InsurerStaffFactory(user__email="olga@other.be", insurer__name="Other Insurer").user
    tariff = TariffVersion.objects.create(
        product=product,
        version="TPE-AT-2027.1",
        source=(TARIFF_DIR / "TPE-AT-2026.1.toml").read_text(),
        uploaded_by=victor,
    )
    integration = catalogue.request_integration(
        group=antwerpen, product=product, producer_number="123456", requested_by=alice
    )
    Integration.objects.filter(pk=integration.pk).update(status="accepted")
    webhook = offices.add_webhook(
        office=office, url="https://bms.example.be/hook", events=["offer.issued"], by=alice
    )
    quote = quote_services.create_quote(
        group=antwerpen, product=product, created_by=bob, answers=PRICED_ANSWERS
    )
    quote.steps_done = ["activity", "covers", "claims", "legal"]
    quote.client = clients.create_client(office_id=office.pk, fields={"name": "Dupuis"}, by=bob)[0]
    quote.save()
    version = offer_services.issue_offer(quote=quote, language="fr", by=bob)
    quote = version.quote
    OfferLink.objects.create(
        version=version,
        token_hash=offer_services.token_hash(OFFER_TOKEN),
        email="client@dupuis.be",
        language="fr",
        sent_by=bob,
    )
    secret = api_token(bob, name="Bob's BMS")
    secrets = {
        name: api_token(user)
        for name, user in [
            (ALICE, alice),
            (CHARLIE, charlie),
            (VICTOR, victor),
            (OLGA, olga),
            (DIRK, dirk),
        ]
    }
    secrets[BOB] = secret
    secrets[EXPIRED] = api_token(bob, name="old", expires_at=timezone.now())
    secrets[REVOKED] = api_token(bob, name="revoked", revoked_at=timezone.now())
    erin = member("erin@example.be", office=office, groups=["Antwerpen"], first_name="Erin")
    secrets[DEACTIVATED] = api_token(erin)
    offices.deactivate_member(membership=erin.membership, by=alice)
    client = quote.client
    document = documents.add_document(
        owner=quote, kind="claims_history", upload=_pdf(), file_type=PDF, by=bob
    )
    (notification,) = notify([bob], kinds.INSURER_REFUSED, url="/requests/", reference="R")
    return World(
        client=client,
        document=document,
        notification=notification,
        webhook=webhook,
        secrets=secrets,
        token=AccessToken.objects.get(user=bob, name="Bob's BMS"),
        dirk=dirk,
        quote=quote,
        alice=alice,
        bob=bob,
        charlie=charlie,
        victor=victor,
        olga=olga,
        antwerpen=antwerpen,
        default=Group.objects.get(office=office, name="Default"),
        leuven=Group.objects.create(office=office, name="Leuven"),
        invitation=pending,
        product=product,
        integration=integration,
        tariff=tariff,
        bob_session=UserSession.objects.create(
            session_key="matrix-bob-elsewhere", user=bob, last_seen=timezone.now()
        ),
    )


def _pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("attestation.pdf", b"%PDF-1.4\n%%EOF\n")


def _upload(key):
    return lambda w: ({"pk": getattr(w, key).pk}, {"kind": "other", "file": _pdf()})


def _bob_elsewhere(w: World) -> bool:
    return UserSession.objects.filter(pk=w.bob_session.pk).exists()


def row(name, method, build, *statuses, dirk=None, effect=None, by=(), on_site=None):
    """Dirk gets what Bob gets, unless the URL is about Bob's group. For a POST, `effect`
    reads what it changes in the database, and `by` are the personas whose POST changes it:
    for everyone else it stays as it was. `on_site` are the statuses on the insurer site when
    they differ there (pages of the site itself)."""
    expected = dict(zip(PERSONAS, statuses, strict=True))
    expected[DIRK] = expected[BOB] if dirk is None else dirk
    site = dict(zip(PERSONAS, on_site, strict=True)) if on_site else dict(expected)
    site.setdefault(DIRK, site[BOB])
    return (name, method, build, {GENERIC: expected, INSURER_SITE: site}, (effect, set(by)))


def _quote(w):
    return Quote.objects.get(pk=w.quote.pk)


def _groups_of(user):
    return set(Membership.objects.get(user=user).groups.values_list("name", flat=True))


def quote_pk(w):
    return ({"pk": w.quote.pk}, {})


def _submitted(w, data):
    """The world's quote submitted to Vivium (undone with the case's savepoint)."""
    Quote.objects.filter(pk=w.quote.pk).update(status=Quote.Status.SUBMITTED)
    return ({"pk": w.quote.pk}, data)


def _referred(w, data):
    """The world's quote referred to Vivium by the engine, not answered yet."""
    Quote.objects.filter(pk=w.quote.pk).update(referred=True, referral="")
    return ({"pk": w.quote.pk}, data)


def _attachment(w):
    """A PDF joined to a message on the world's quote; its one small file is reused."""
    name = "attachments/permission-matrix.pdf"
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(b"%PDF-1.4\n%%EOF\n"))
    thread = SubmissionThread.objects.create(
        quote=w.quote, opened_by=w.bob, last_message_at=timezone.now()
    )
    message = SubmissionMessage.objects.create(thread=thread, author=w.bob, body="x")
    return Attachment.objects.create(
        message=message, file=name, name="a.pdf", content_type="application/pdf", size=15
    )


def client_pk(w):
    return ({"pk": w.quote.client_id}, {})


def product_code(w):
    return ({"code": w.product.code}, {})


# url name, method, how to build its args and data, then the expected status for
# anonymous, Alice, Bob, Charlie, Victor (Vivium staff) and Olga (another insurer's staff)
# fmt: off
MATRIX = [
    row("home", "get", None, LOGIN, 302, 302, 302, 302, 302),
    row("login", "get", None, 200, 302, 302, 302, 302, 302),
    row("logout", "post", None, 302, 302, 302, 302, 302, 302),
    row("signup", "get", None, 200, 302, 302, 302, 302, 302),
    row("terms", "get", None, 200, 200, 200, 200, 200, 200),
    row("privacy", "get", None, 200, 200, 200, 200, 200, 200),
    row("healthz", "get", None, 200, 200, 200, 200, 200, 200),
    row("csp_report", "post", lambda w: ({}, {}), 400, 400, 400, 400, 400, 400,
        effect=lambda w: CspReport.objects.count()),
    row("forgot_password", "get", None, 200, 200, 200, 200, 200, 200),
    row("password_reset_sent", "get", None, 200, 200, 200, 200, 200, 200),
    row("password_reset_confirm", "get", lambda w: ({"uidb64": "MQ", "token": "bad"}, {}),
        200, 200, 200, 200, 200, 200),
    row("password_reset_complete", "get", None, 302, 302, 302, 302, 302, 302),
    row("profile", "get", None, LOGIN, 200, 200, 200, 200, 200),
    row("my_data", "get", None, LOGIN, 200, 200, 200, 200, 200),
    # Two-factor login: nobody here has an authenticator, so the code page sends them on.
    row("mfa_verify", "get", None, LOGIN, 302, 302, 302, 302, 302),
    row("mfa_setup", "get", None, LOGIN, 200, 200, 200, 200, 200),
    # API tokens: one's own only; an office's administrator sees and revokes its users'.
    row("tokens", "get", None, LOGIN, 200, 200, 200, 200, 200),
    row("token_revoke", "post", lambda w: ({"pk": w.token.pk}, {}),
        LOGIN, 404, 302, 404, 404, 404, dirk=404,
        effect=lambda w: AccessToken.objects.get(pk=w.token.pk).revoked_at, by=[BOB]),
    row("office_tokens", "get", None, LOGIN, 200, 404, 200, 404, 404),
    row("office_token_revoke", "post", lambda w: ({"pk": w.token.pk}, {}),
        LOGIN, 302, 404, 404, 404, 404,
        effect=lambda w: AccessToken.objects.get(pk=w.token.pk).revoked_at, by=[ALICE]),

    # Sessions: one's own only; an administrator ends a member's.
    row("session_end", "post", lambda w: ({"pk": w.bob_session.pk}, {}),
        LOGIN, 404, 302, 404, 404, 404, dirk=404,
        effect=_bob_elsewhere, by=[BOB]),
    row("sessions_end_others", "post", None, LOGIN, 302, 302, 302, 302, 302,
        effect=_bob_elsewhere, by=[BOB]),
    row("member_sessions_end", "post", lambda w: ({"pk": w.bob.membership.pk}, {}),
        LOGIN, 302, 404, 404, 404, 404, effect=_bob_elsewhere, by=[ALICE]),
    # Webhooks: an office's administrators only, on their own office's.
    row("webhooks", "get", None, LOGIN, 200, 404, 200, 404, 404),
    row("webhook_delete", "post", lambda w: ({"pk": w.webhook.pk}, {}),
        LOGIN, 302, 404, 404, 404, 404,
        effect=lambda w: WebhookEndpoint.objects.filter(pk=w.webhook.pk).exists(), by=[ALICE]),
    row("webhook_resend", "post",
        lambda w: ({"pk": WebhookDelivery.objects.get(endpoint=w.webhook).pk}, {}),
        LOGIN, 302, 404, 404, 404, 404,
        effect=lambda w: WebhookDelivery.objects.count(), by=[ALICE]),
    row("confirm_email", "get", lambda w: ({"token": "forged"}, {}),
        400, 400, 400, 400, 400, 400),
    row("set_language", "post", lambda w: ({}, {"language": "nl"}),
        302, 302, 302, 302, 302, 302),
    row("city", "get", None, 200, 200, 200, 200, 200, 200),
    row("quotes", "get", None, LOGIN, 200, 200, 200, 200, 200),
    row("quote_new", "get", product_code, LOGIN, 403, 200, 403, 404, 404, dirk=403),
    row("quote_new_draft", "post", product_code, LOGIN, 204, 204, 204, 404, 404),
    row("quote", "get", quote_pk, LOGIN, 200, 200, 404, 200, 404, dirk=404),
    # A deep link by reference: the same visibility rule as the quote itself.
    row("quote_reference", "get", lambda w: ({"reference": w.quote.reference}, {}),
        LOGIN, 302, 302, 404, 302, 404, dirk=404),
    row("quote_step", "get", lambda w: ({"pk": w.quote.pk, "slug": "activity"}, {}),
        LOGIN, 200, 200, 404, 404, 404, dirk=404),
    row("quote_draft", "post", lambda w: ({"pk": w.quote.pk, "slug": "legal"}, {}),
        LOGIN, 200, 200, 404, 404, 404, dirk=404,
        effect=lambda w: _quote(w).drafts, by=[ALICE, BOB]),
    # Issued in French already: the same offer again changes nothing, a Dutch one does.
    row("quote_offer", "post", lambda w: ({"pk": w.quote.pk}, {"language": "nl"}),
        LOGIN, 302, 302, 404, 404, 404, dirk=404,
        effect=lambda w: _quote(w).issued_at, by=[ALICE, BOB]),
    row("quote_pdf", "get", quote_pk, LOGIN, 200, 200, 404, 200, 404, dirk=404),
    # Issue 16: the offers issued, their sending, and the client's public link.
    row("offer_pdf", "get", lambda w: ({"pk": w.quote.pk, "number": 1}, {}),
        LOGIN, 200, 200, 404, 200, 404, dirk=404),
    row("offer_accepted_pdf", "get", lambda w: ({"pk": w.quote.pk, "number": 1}, {}),
        LOGIN, 404, 404, 404, 404, 404, dirk=404),  # not accepted yet
    row("offer_send", "get", quote_pk, LOGIN, 200, 200, 404, 404, 404, dirk=404),
    row("offer_send", "post", lambda w: ({"pk": w.quote.pk},
                                         {"email": "client@dupuis.be", "language": "fr"}),
        LOGIN, 302, 302, 404, 404, 404, dirk=404,
        effect=lambda w: OutboxMessage.objects.filter(template="offer_sent").count(),
        by=[ALICE, BOB]),
    # Whoever holds the link, signed in or not, and nobody else (a wrong token: 404).
    row("offer_public", "get", lambda w: ({"token": OFFER_TOKEN}, {}),
        200, 200, 200, 200, 200, 200),
    row("offer_public", "post", lambda w: ({"token": OFFER_TOKEN},
                                           {"name": "Marie", "function": "Gérante",
                                            "agree": "on"}),
        302, 302, 302, 302, 302, 302,
        effect=lambda w: _quote(w).status, by=[*PERSONAS, DIRK]),
    row("offer_public_pdf", "get", lambda w: ({"token": OFFER_TOKEN}, {}),
        200, 200, 200, 200, 200, 200),
    # Alice works in Default, which has no access to the product: nothing is copied there.
    row("quote_duplicate", "post", quote_pk, LOGIN, 302, 302, 404, 404, 404, dirk=404,
        effect=lambda w: Quote.objects.count(), by=[BOB]),
    row("quote_archive", "get", quote_pk, LOGIN, 200, 200, 404, 404, 404, dirk=404),
    row("quote_archive", "post", quote_pk, LOGIN, 302, 302, 404, 404, 404, dirk=404,
        effect=lambda w: _quote(w).status, by=[ALICE, BOB]),
    row("quote_retariff", "post", quote_pk, LOGIN, 302, 302, 404, 404, 404, dirk=404,
        effect=lambda w: _quote(w).tariff_version),
    # The world's quote is not archived: restoring it changes nothing, for anyone.
    row("quote_restore", "post", quote_pk, LOGIN, 302, 302, 404, 404, 404, dirk=404,
        effect=lambda w: _quote(w).status),
    # Issue 16: the way to the insurer (brokerdesk/submissions).
    row("quote_submit", "get", quote_pk, LOGIN, 200, 200, 404, 404, 404, dirk=404),
    row("quote_submit", "post", quote_pk, LOGIN, 302, 302, 404, 404, 404, dirk=404,
        effect=lambda w: _quote(w).status, by=[ALICE, BOB]),
    row("quote_thread", "get", quote_pk, LOGIN, 200, 200, 404, 200, 404, dirk=404),
    row("quote_thread", "post", lambda w: _submitted(w, {"body": "Une question"}),
        LOGIN, 302, 302, 404, 302, 404, dirk=404,
        effect=lambda w: SubmissionMessage.objects.count(), by=[ALICE, BOB, VICTOR]),
    row("attachment", "get", lambda w: ({"pk": _attachment(w).pk}, {}),
        LOGIN, 200, 200, 404, 200, 404, dirk=404),
    # Documents (issue 16): a quote's follow the quote; the client's, the client (Bob sees one
    # of its quotes; insurer staff see no clients). Only the office's members upload; Bob
    # deletes what he uploaded, Alice as administrator.
    row("quote_documents", "get", quote_pk, LOGIN, 200, 200, 404, 404, 404, dirk=404),
    row("quote_documents", "post", _upload("quote"), LOGIN, 302, 302, 404, 404, 404, dirk=404,
        effect=lambda w: Document.objects.count(), by=[ALICE, BOB]),
    row("client_documents", "get", lambda w: ({"pk": w.client.pk}, {}),
        LOGIN, 200, 200, 404, 404, 404, dirk=404),
    row("client_documents", "post", _upload("client"), LOGIN, 302, 302, 404, 404, 404, dirk=404,
        effect=lambda w: Document.objects.count(), by=[ALICE, BOB]),
    row("document", "get", lambda w: ({"pk": w.document.pk}, {}),
        LOGIN, 200, 200, 404, 200, 404, dirk=404),
    row("document_delete", "post", lambda w: ({"pk": w.document.pk}, {}),
        LOGIN, 302, 302, 404, 404, 404, dirk=404,
        effect=lambda w: Document.objects.filter(pk=w.document.pk).exists(), by=[ALICE, BOB]),
    # Notifications: one's own only.
    row("notifications", "get", None, LOGIN, 200, 200, 200, 200, 200),
    row("notifications_read", "post", None, LOGIN, 302, 302, 302, 302, 302,
        effect=lambda w: Notification.objects.get(pk=w.notification.pk).read_at, by=[BOB]),
    row("notification_open", "post", lambda w: ({"pk": w.notification.pk}, {}),
        LOGIN, 404, 302, 404, 404, 404, dirk=404,
        effect=lambda w: Notification.objects.get(pk=w.notification.pk).read_at, by=[BOB]),
    row("activities", "get", None, LOGIN, 200, 200, 200, 200, 200),
    # Clients: an office's people only; a client is seen by whoever sees one of its quotes.
    row("clients", "get", None, LOGIN, 200, 200, 200, 404, 404),
    row("client", "get", client_pk, LOGIN, 200, 200, 404, 404, 404, dirk=404),
    row("client_edit", "get", client_pk, LOGIN, 200, 200, 404, 404, 404, dirk=404),
    row("client_edit", "post", lambda w: ({"pk": w.quote.client_id},
                                          {"contact_name": "Anne", "language": "nl"}),
        LOGIN, 302, 302, 404, 404, 404, dirk=404,
        effect=lambda w: Client.objects.get(pk=w.quote.client_id).contact_name, by=[ALICE, BOB]),
    row("client_suggestions", "get",
        lambda w: ({}, {"product": w.product.code, "client_name": "Du"}),
        LOGIN, 200, 200, 200, 404, 404),
    row("quotes_export", "get", lambda w: ({"kind": "csv"}, {}), LOGIN, 200, 200, 200, 404, 404),
    row("quotes_export", "get", lambda w: ({"kind": "xlsx"}, {}), LOGIN, 200, 200, 200, 404, 404),
    row("search", "get", None, LOGIN, 200, 200, 200, 200, 200),
    row("products", "get", None, LOGIN, 200, 200, 200, 200, 200),
    row("product", "get", product_code, LOGIN, 200, 200, 200, 404, 404),
    row("backoffice", "get", None, LOGIN, 404, 404, 404, 200, 200),
    row("backoffice_quotes", "get", None, LOGIN, 404, 404, 404, 200, 200),
    row("backoffice_propositions", "get", None, LOGIN, 404, 404, 404, 200, 200),
    row("backoffice_opinions", "get", None, LOGIN, 404, 404, 404, 200, 200),
    row("backoffice_proposition", "get", quote_pk, LOGIN, 404, 404, 404, 200, 404),
    row("backoffice_proposition_decide", "post",
        lambda w: _submitted(w, {"action": "accept", "policy_number": "POL-1"}),
        LOGIN, 404, 404, 404, 302, 404,
        effect=lambda w: _quote(w).status, by=[VICTOR]),
    row("backoffice_referral", "post", lambda w: _referred(w, {"answer": "accept"}),
        LOGIN, 404, 404, 404, 302, 404,
        effect=lambda w: _quote(w).referral, by=[VICTOR]),
    row("tariffs", "get", None, LOGIN, 404, 404, 404, 200, 200),
    row("tariff", "get", lambda w: ({"pk": w.tariff.pk}, {}), LOGIN, 404, 404, 404, 200, 404),
    row("tariff_source", "get", lambda w: ({"pk": w.tariff.pk}, {}),
        LOGIN, 404, 404, 404, 200, 404),
    row("tariff_activate", "post",
        lambda w: ({"pk": w.tariff.pk}, {"effective_from": timezone.localdate().isoformat()}),
        LOGIN, 404, 404, 404, 302, 404,
        effect=lambda w: TariffVersion.objects.get(pk=w.tariff.pk).effective_from, by=[VICTOR]),
    row("tariff_delete", "post", lambda w: ({"pk": w.tariff.pk}, {}),
        LOGIN, 404, 404, 404, 302, 404,
        effect=lambda w: TariffVersion.objects.filter(pk=w.tariff.pk).exists(), by=[VICTOR]),
    row("backoffice_decide", "post", lambda w: ({"pk": w.integration.pk}, {"action": "revoke",
                                                                          "reason": "Fin"}),
        LOGIN, 404, 404, 404, 302, 404,
        effect=lambda w: Integration.objects.get(pk=w.integration.pk).status, by=[VICTOR]),
    row("users", "get", None, LOGIN, 200, 200, 200, 404, 404),
    # Bob works in Antwerpen already: only Alice's choice changes.
    row("switch_group", "post", lambda w: ({}, {"group": w.antwerpen.pk}),
        LOGIN, 302, 302, 404, 404, 404, dirk=404,
        effect=lambda w: Membership.objects.filter(current_group=w.antwerpen).count(), by=[ALICE]),
    row("accept_invitation", "get", lambda w: ({"token": "not-a-token"}, {}),
        404, 404, 404, 404, 404, 404),
    row("account", "get", None, LOGIN, 200, 404, 200, 404, 404),
    row("office_edit", "get", None, LOGIN, 200, 404, 200, 404, 404),
    # Charlie's POST changes his own office, never Alice's.
    row("office_second_factor", "post", lambda w: ({}, {"require_mfa": "on"}),
        LOGIN, 302, 404, 302, 404, 404,
        effect=lambda w: w.alice.membership.office.__class__.objects.get(
            pk=w.alice.membership.office_id).require_mfa, by=[ALICE]),
    row("invite", "get", None, LOGIN, 200, 404, 200, 404, 404),
    row("invitation_resend", "post", lambda w: ({"pk": w.invitation.pk}, {}),
        LOGIN, 302, 404, 404, 404, 404,
        effect=lambda w: Invitation.objects.get(pk=w.invitation.pk).token_hash, by=[ALICE]),
    row("invitation_revoke", "post", lambda w: ({"pk": w.invitation.pk}, {}),
        LOGIN, 302, 404, 404, 404, 404,
        effect=lambda w: Invitation.objects.filter(pk=w.invitation.pk).exists(), by=[ALICE]),
    row("member", "get", lambda w: ({"pk": w.bob.membership.pk}, {}),
        LOGIN, 200, 404, 404, 404, 404),
    row("member_update", "post", lambda w: ({"pk": w.bob.membership.pk},
                                            {"role": "intermediary",
                                             "groups": [w.antwerpen.pk, w.default.pk]}),
        LOGIN, 302, 404, 404, 404, 404, effect=lambda w: _groups_of(w.bob), by=[ALICE]),
    # Bob is active: Alice's erasure is refused (a message), everyone else gets a 404.
    row("member_erase", "post", lambda w: ({"pk": w.bob.membership.pk}, {}),
        LOGIN, 302, 404, 404, 404, 404, effect=lambda w: User.objects.get(pk=w.bob.pk).email),
    row("member_status", "post", lambda w: ({"pk": w.bob.membership.pk},
                                            {"action": "deactivate"}),
        LOGIN, 302, 404, 404, 404, 404,
        effect=lambda w: Membership.objects.get(user=w.bob).status, by=[ALICE]),
    row("member_add_group", "post", lambda w: ({"pk": w.bob.membership.pk},
                                               {"group": w.default.pk}),
        LOGIN, 302, 404, 404, 404, 404, effect=lambda w: _groups_of(w.bob), by=[ALICE]),
    row("member_remove_group", "post", lambda w: ({"pk": w.alice.membership.pk,
                                                   "group_pk": w.antwerpen.pk}, {}),
        LOGIN, 302, 404, 404, 404, 404, effect=lambda w: _groups_of(w.alice), by=[ALICE]),
    row("groups", "get", None, LOGIN, 200, 404, 200, 404, 404),
    row("group_create", "get", None, LOGIN, 200, 404, 200, 404, 404),
    row("group", "get", lambda w: ({"pk": w.antwerpen.pk}, {}), LOGIN, 200, 404, 404, 404, 404),
    row("group_edit", "get", lambda w: ({"pk": w.antwerpen.pk}, {}),
        LOGIN, 200, 404, 404, 404, 404),
    row("group_delete", "post", lambda w: ({"pk": w.leuven.pk}, {}),
        LOGIN, 302, 404, 404, 404, 404,
        effect=lambda w: Group.objects.filter(pk=w.leuven.pk).exists(), by=[ALICE]),
    row("group_add_member", "post", lambda w: ({"pk": w.default.pk},
                                               {"member": w.bob.membership.pk}),
        LOGIN, 302, 404, 404, 404, 404, effect=lambda w: _groups_of(w.bob), by=[ALICE]),
    row("group_logo", "get", lambda w: ({"pk": w.antwerpen.pk}, {}),
        LOGIN, 200, 200, 404, 404, 404),
    # The help centre and its chat are open to everyone, logged in or not.
    row("help", "get", None, 200, 200, 200, 200, 200, 200),
    row("help_article", "get", lambda w: ({"slug": "profil"}, {}), 200, 200, 200, 200, 200, 200),
    row("help_chat", "post", lambda w: ({}, {"question": "mot de passe"}),
        200, 200, 200, 200, 200, 200),
    row("help_chat_reset", "post", None, 302, 302, 302, 302, 302, 302),
    row("help_escalate", "get", None, 200, 200, 200, 200, 200, 200),
    row("help_escalated", "get", lambda w: ({"pk": 1}, {}), 200, 200, 200, 200, 200, 200),
    row("help_escalation_sent", "get", None, 200, 200, 200, 200, 200, 200),
    # A link that no pending ticket has: the same answer for everyone.
    row("help_escalation_confirm", "get", lambda w: ({"token": "forged"}, {}),
        400, 400, 400, 400, 400, 400),
    # An insurer site's own public pages; its sign-on is not configured here (see test_sso).
    row("site_logo", "get", None, 404, 404, 404, 404, 404, 404,
        on_site=(200, 200, 200, 200, 200, 200)),
    row("site_css", "get", None, 404, 404, 404, 404, 404, 404,
        on_site=(200, 200, 200, 200, 200, 200)),
    row("sso_start", "get", None, 404, 404, 404, 404, 404, 404),
    row("sso_callback", "get", None, 404, 404, 404, 404, 404, 404),
]
# fmt: on

CASES = [
    pytest.param(host, name, method, build, persona, status, effect, id=f"{host}-{name}-{persona}")
    for name, method, build, by_host, effect in MATRIX
    for host, expected in by_host.items()
    for persona, status in expected.items()
]
# What these POSTs change lives in the session or a cookie, not in a row.
SESSION_ONLY = {"logout", "set_language", "quote_new_draft", "help_chat", "help_chat_reset"}


@pytest.mark.parametrize(("host", "name", "method", "build", "persona", "status", "effect"), CASES)
@pytest.mark.django_db
def test_the_matrix(client, world, host, name, method, build, persona, status, effect):
    if persona != ANON:
        client.force_login(getattr(world, persona))
    kwargs, data = build(world) if build else ({}, {})
    read, changed_by = effect
    before = read(world) if read else None
    response = getattr(client, method)(reverse(name, kwargs=kwargs), data, HTTP_HOST=host)
    assert response.status_code == status
    if read:
        assert (read(world) != before) == (persona in changed_by), (before, read(world))
    if persona == ANON and status == LOGIN and name not in PUBLIC_REDIRECTS:
        assert response.url.startswith(reverse("login"))


def test_every_post_checks_what_it_changes():
    unchecked = {row[0] for row in MATRIX if row[1] == "post" and row[4][0] is None}
    assert unchecked == SESSION_ONLY


PUBLIC_REDIRECTS = {
    "logout", "password_reset_complete", "set_language", "help_chat_reset", "offer_public"
}  # fmt: skip


def _names(patterns, prefix="") -> set[str]:
    names = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.app_name == "admin":
                continue  # the Django admin has its own staff-only permissions
            if pattern.namespace == "api":
                continue  # the API's routes have their own matrix (API_MATRIX)
            names |= _names(pattern.url_patterns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(pattern.name)
    return names


def test_every_url_is_in_the_matrix():
    assert _names(get_resolver().url_patterns) == {row[0] for row in MATRIX}


# Rules: a forged POST, the one the page never offers, gets the refusal the hidden button would
# have given and changes nothing (each rule's own tests are next to its app).
# fmt: off
FORGED = [
    # An invited member is not deactivated (nor "reactivated"): their invitation is revoked.
    ("member_status", lambda w: ({"pk": w.invitation.membership.pk}, {"action": "deactivate"}),
     ALICE, 302, lambda w: Membership.objects.get(pk=w.invitation.membership.pk).status),
    ("member_status", lambda w: ({"pk": w.invitation.membership.pk}, {"action": "reactivate"}),
     ALICE, 302, lambda w: Membership.objects.get(pk=w.invitation.membership.pk).status),
    ("member_status", lambda w: ({"pk": w.bob.membership.pk}, {"action": "delete"}),
     ALICE, 400, lambda w: Membership.objects.get(user=w.bob).status),
    # Back-office decisions are a whitelist, and a revocation says why.
    ("backoffice_decide", lambda w: ({"pk": w.integration.pk}, {"action": "delete"}),
     VICTOR, 400, lambda w: Integration.objects.get(pk=w.integration.pk).status),
    ("backoffice_decide", lambda w: ({"pk": w.integration.pk}, {"action": "revoke"}),
     VICTOR, 302, lambda w: Integration.objects.get(pk=w.integration.pk).status),
    ("backoffice_decide", lambda w: ({"pk": w.integration.pk}, {"action": "accept"}),
     VICTOR, 302, lambda w: Integration.objects.get(pk=w.integration.pk).decided_at),
    # Dupliquer into a sub-account without access to the product (Alice works in Default).
    ("quote_duplicate", quote_pk, ALICE, 302, lambda w: Quote.objects.count()),
    # The same offer issued again is the same offer.
    ("quote_offer", lambda w: ({"pk": w.quote.pk}, {"language": "fr"}),
     BOB, 302, lambda w: _quote(w).issued_at),
]
# fmt: on


@pytest.mark.parametrize(
    ("name", "build", "persona", "status", "read"),
    FORGED,
    ids=[f"{row[0]}-{n}" for n, row in enumerate(FORGED)],
)
@pytest.mark.django_db
def test_a_forged_post_is_refused_and_changes_nothing(
    client, world, name, build, persona, status, read
):
    client.force_login(getattr(world, persona))
    kwargs, data = build(world)
    before = read(world)
    response = client.post(reverse(name, kwargs=kwargs), data)
    assert response.status_code == status
    assert read(world) == before


# The API: every route for every persona's token. Tokens have every scope their user may have
# (brokers: read, quotes:write, offers:write; insurer staff: read, backoffice), so a broker's
# token is refused the back-office (403) and an insurer's token every write on quotes (403).
# Anonymous calls and unusable tokens answer 401 everywhere but the schema and its page.
PUBLIC_API = {"/api/v1/openapi.json", "/api/v1/docs"}
UNUSABLE = (EXPIRED, REVOKED, DEACTIVATED)
ANSWERS = {
    "activity": {"client_name": "Dupuis", "activity": "47.110"},
    "covers": {},
    "claims": {},
    "legal": {"workers_headcount": 2, "workers_wages": "80000"},
}


def api_row(method, path, body, *statuses, dirk=None, effect=None, by=()):
    """`statuses` for Alice, Bob, Charlie, Victor and Olga; Dirk gets Bob's unless told."""
    expected = dict(zip((ALICE, BOB, CHARLIE, VICTOR, OLGA), statuses, strict=True))
    expected[DIRK] = expected[BOB] if dirk is None else dirk
    return (method, path, body, expected, (effect, set(by)))


def _integration(w):
    return Integration.objects.get(pk=w.integration.pk).status


# fmt: off
API_MATRIX = [
    api_row("get", "/api/v1/openapi.json", None, 200, 200, 200, 200, 200),
    api_row("get", "/api/v1/docs", None, 200, 200, 200, 200, 200),
    api_row("get", "/api/v1/products", None, 200, 200, 200, 200, 200),
    api_row("get", "/api/v1/groups", None, 200, 200, 200, 404, 404),
    api_row("get", "/api/v1/quotes", None, 200, 200, 200, 200, 200),
    api_row("post", "/api/v1/quotes",
            lambda w: {"product": w.product.code, "group": w.antwerpen.pk, "answers": ANSWERS},
            201, 201, 404, 403, 403, dirk=404,
            effect=lambda w: Quote.objects.count(), by=[ALICE, BOB]),
    api_row("get", "/api/v1/quotes/search?q=dupuis", None, 200, 200, 200, 200, 200),
    api_row("get", "/api/v1/quotes/{quote_id}", None, 200, 200, 404, 200, 404, dirk=404),
    api_row("patch", "/api/v1/quotes/{quote_id}",
            lambda w: {"answers": {"claims": {"history_known": True, "years": 1}}},
            200, 200, 404, 403, 403, dirk=404,
            effect=lambda w: _quote(w).answers, by=[ALICE, BOB]),
    api_row("post", "/api/v1/quotes/{quote_id}/price", lambda w: {"payment_frequency": "monthly"},
            200, 200, 404, 403, 403, dirk=404,
            effect=lambda w: _quote(w).answers, by=[ALICE, BOB]),
    api_row("post", "/api/v1/quotes/{quote_id}/duplicate", lambda w: {"group": w.antwerpen.pk},
            201, 201, 404, 403, 403, dirk=404,
            effect=lambda w: Quote.objects.count(), by=[ALICE, BOB]),
    api_row("post", "/api/v1/quotes/{quote_id}/archive", lambda w: {},
            200, 200, 404, 403, 403, dirk=404,
            effect=lambda w: _quote(w).status, by=[ALICE, BOB]),
    api_row("post", "/api/v1/quotes/{quote_id}/offer", lambda w: {"language": "nl"},
            200, 200, 404, 403, 403, dirk=404,
            effect=lambda w: _quote(w).offer_language, by=[ALICE, BOB]),
    api_row("get", "/api/v1/quotes/{quote_id}/offer.pdf", None,
            200, 200, 404, 200, 404, dirk=404),
    api_row("post", "/api/v1/quotes/{quote_id}/submit", lambda w: {},
            200, 200, 404, 403, 403, dirk=404,
            effect=lambda w: _quote(w).status, by=[ALICE, BOB]),
    # Clients: the office's (an administrator's all, a broker's those of his quotes).
    api_row("get", "/api/v1/clients?q=dupuis", None, 200, 200, 200, 404, 404),
    api_row("get", "/api/v1/clients/{client_id}", None, 200, 200, 404, 404, 404, dirk=404),
    api_row("get", "/api/v1/backoffice/requests", None, 403, 403, 403, 200, 200),
    api_row("post", "/api/v1/backoffice/requests/{request_id}/accept", lambda w: {},
            403, 403, 403, 409, 404, effect=_integration),  # accepted already
    api_row("post", "/api/v1/backoffice/requests/{request_id}/refuse",
            lambda w: {"reason": "Non"}, 403, 403, 403, 409, 404, effect=_integration),
    api_row("post", "/api/v1/backoffice/requests/{request_id}/revoke",
            lambda w: {"reason": "Fin"}, 403, 403, 403, 200, 404,
            effect=_integration, by=[VICTOR]),
    api_row("get", "/api/v1/backoffice/quotes", None, 403, 403, 403, 200, 200),
]
# fmt: on

API_CASES = [
    pytest.param(
        method, path, body, persona, expected.get(persona), effect, id=f"{method}-{path}-{persona}"
    )
    for method, path, body, expected, effect in API_MATRIX
    for persona in (*API_PERSONAS, DIRK)
]


@pytest.mark.parametrize(("method", "path", "body", "persona", "status", "effect"), API_CASES)
@pytest.mark.django_db
def test_the_api_matrix(client, world, method, path, body, persona, status, effect):
    if status is None:  # nobody who may use the API: 401, unless the page is public
        status = 200 if path in PUBLIC_API else 401
    headers = {}
    if persona != ANON:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {world.secrets[persona]}"
    url = path.format(
        quote_id=w_quote(world), request_id=world.integration.pk, client_id=world.client.pk
    )
    read, changed_by = effect
    before = read(world) if read else None
    if method == "get":
        response = client.get(url, **headers)
    else:
        data = body(world) if body else {}
        response = getattr(client, method)(url, data, content_type="application/json", **headers)
    assert response.status_code == status, response.content[:300]
    if read:
        assert (read(world) != before) == (persona in changed_by), (before, read(world))
    if status == 401:
        assert response["WWW-Authenticate"].startswith("Bearer")


def w_quote(world):
    return world.quote.pk


def test_every_api_route_is_in_the_matrix():
    schema = api.get_openapi_schema()
    routes = {(method, path) for path, item in schema["paths"].items() for method in item}
    listed = {(row[0], row[1].split("?")[0]) for row in API_MATRIX}
    assert routes == listed - {("get", p) for p in PUBLIC_API}
