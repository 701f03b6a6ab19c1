from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from django.urls import reverse

from brokerdesk.audit.models import AuditEvent
from brokerdesk.notifications.models import OutboxMessage
from brokerdesk.offers.models import OfferLink, OfferVersion
from brokerdesk.offers.tests.conftest import LATER, plain_text
from brokerdesk.quotes.models import Quote
from conftest import mail_link, mail_text

ACCEPT = {"name": "Marie Dupuis", "function": "Gérante", "agree": "on"}


def send(client, pk, email="marie@dupuis.be", language="fr"):
    response = client.post(reverse("offer_send", args=[pk]), {"email": email, "language": language})
    assert response.status_code == 302, response.content.decode()[:2000]


def pdf_attachment(message) -> bytes:
    (part,) = [p for p in message.iter_attachments() if p.get_content_type() == "application/pdf"]
    return part.get_content()


@pytest.mark.django_db(transaction=True)
def test_the_client_receives_the_offer_and_accepts_it(client, bob, issued, deliver_mail):
    page = client.get(reverse("quote", args=[issued])).content.decode()
    assert reverse("offer_send", args=[issued]) in page and "Envoyer au client" in page
    form = client.get(reverse("offer_send", args=[issued]))
    assert form.status_code == 200
    send(client, issued, language="nl")  # the client reads Dutch: a Dutch offer is issued
    version = OfferVersion.objects.get(quote_id=issued, superseded_at__isnull=True)
    assert version.number == 2 and version.language == "nl"
    outbox = OutboxMessage.objects.get(template="offer_sent")
    assert outbox.attachments[0]["name"] == version.pdf.name

    (mail,) = deliver_mail()
    assert mail["To"] == "marie@dupuis.be" and mail["Reply-To"] == bob.email
    attached = pdf_attachment(mail)
    assert hashlib.sha256(attached).hexdigest() == version.sha256
    link = mail_link(mail)
    token = link.split("/")[2]
    assert OfferLink.objects.filter(token_hash=hashlib.sha256(token.encode()).hexdigest()).exists()
    assert mail_text(mail).startswith("Goedendag")  # the e-mail in the client's language

    client.logout()
    public = client.get(link)
    text = public.content.decode()
    assert public.status_code == 200 and public["X-Robots-Tag"] == "noindex, nofollow"
    assert public["Referrer-Policy"] == "same-origin"
    assert 'lang="nl"' in text and "Boulangerie Dupuis" in text
    assert reverse("quotes") not in text and "bd-chat" not in text  # nothing of the office
    assert client.get(link + "offer.pdf").content == attached

    accepted = client.post(link, ACCEPT, REMOTE_ADDR="203.0.113.9")
    assert accepted.status_code == 302
    version.refresh_from_db()
    quote = Quote.objects.get(pk=issued)
    assert quote.status == Quote.Status.ACCEPTED
    assert version.accepted_ip == "203.0.113.9" and version.accepted_name == "Marie Dupuis"
    assert version.accepted_function == "Gérante" and version.accepted_at is not None
    sealed = version.sealed_pdf.open("rb").read()
    assert hashlib.sha256(sealed).hexdigest() == version.sealed_sha256
    assert hashlib.sha256(version.pdf.open("rb").read()).hexdigest() == version.sha256
    sealed_text = plain_text(sealed)
    assert version.sha256 in sealed_text.replace(" ", "") and "Marie Dupuis" in sealed_text
    assert "203.0.113.9" in sealed_text
    event = AuditEvent.objects.get(action="offer.accepted")
    assert event.data["sha256"] == version.sha256 and event.data["ip"] == "203.0.113.9"
    assert event.data["name"] == "Marie Dupuis" and event.data["function"] == "Gérante"
    assert client.get(link + "offer.pdf").content == sealed

    # Accepted: the page says so, with no form; a second acceptance is refused.
    after = client.get(link).content.decode()
    assert "Marie Dupuis" in after and 'name="agree"' not in after
    assert client.post(link, ACCEPT).status_code == 409
    assert AuditEvent.objects.filter(action="offer.accepted").count() == 1

    # The broker is told by e-mail, and sees the acceptance on the quote.
    told = [m for m in deliver_mail() if m["To"] == bob.email]
    assert len(told) == 1 and "Marie Dupuis" in mail_text(told[0])
    client.force_login(bob)
    page = client.get(reverse("quote", args=[issued])).content.decode()
    assert "Acceptée par le client" in page
    assert client.get(reverse("offer_accepted_pdf", args=[issued, 2])).content == sealed


@pytest.fixture
def link(client, issued):
    """A link sent for the current offer (its raw token is only in the e-mail)."""
    send(client, issued)
    from django.conf import settings

    body = OutboxMessage.objects.get(template="offer_sent").body_text
    path = body.split(settings.SITE_URL, 1)[1].split()[0]
    client.logout()
    return path


@pytest.mark.django_db
def test_an_expired_offer_cannot_be_accepted(client, issued, link):
    OfferVersion.objects.filter(quote_id=issued).update(
        issued_at=Quote.objects.get(pk=issued).issued_at - timedelta(days=31)
    )
    page = client.get(link).content.decode()
    assert "a expiré" in page and 'name="agree"' not in page
    assert client.post(link, ACCEPT).status_code == 409
    assert Quote.objects.get(pk=issued).status == Quote.Status.ISSUED


@pytest.mark.django_db
def test_a_replaced_offer_cannot_be_accepted_nor_downloaded(client, bob, issued, link):
    client.force_login(bob)
    client.post(
        reverse("quote_offer", args=[issued]), {"language": "fr", "start_date": LATER.isoformat()}
    )
    client.logout()
    page = client.get(link).content.decode()
    assert "remplacée" in page and 'name="agree"' not in page
    assert client.post(link, ACCEPT).status_code == 409
    assert client.get(link + "offer.pdf").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    "token", ["x" * 43, "a" * 5000, "%00", "..%2F..%2Fetc"], ids=["wrong", "huge", "nul", "dots"]
)
def test_a_wrong_token_is_not_found(client, issued, link, token):
    assert client.get(f"/offer/{token}/").status_code == 404
    assert client.post(f"/offer/{token}/", ACCEPT).status_code == 404
    assert client.get(f"/offer/{token}/offer.pdf").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [
        {**ACCEPT, "name": "Marie\x00"},
        {**ACCEPT, "function": "x" * 100_000},
        {**ACCEPT, "agree": ""},
        {},
    ],
    ids=["nul", "huge", "unticked", "empty"],
)
def test_crafted_acceptances_are_refused_with_a_message(client, issued, link, data):
    response = client.post(link, data)
    assert response.status_code == 400
    assert 'name="agree"' in response.content.decode()
    assert Quote.objects.get(pk=issued).status == Quote.Status.ISSUED


@pytest.mark.django_db
def test_the_public_page_is_rate_limited(client, issued, link, settings):
    settings.ABUSE_LIMITS = {**settings.ABUSE_LIMITS, "offer_page": {"ip": "3/h"}}
    assert [client.get(link).status_code for _ in range(4)] == [200, 200, 200, 429]


@pytest.mark.django_db
def test_sending_is_rate_limited_per_address(client, issued, settings):
    settings.ABUSE_LIMITS = {**settings.ABUSE_LIMITS, "offer_send": {"target": "2/h"}}
    codes = [
        client.post(
            reverse("offer_send", args=[issued]), {"email": "m@d.be", "language": "fr"}
        ).status_code
        for _ in range(3)
    ]
    assert codes == [302, 302, 429]


@pytest.mark.django_db
def test_a_bad_address_keeps_what_was_typed(client, issued):
    response = client.post(
        reverse("offer_send", args=[issued]), {"email": "not-an-address\x00", "language": "fr"}
    )
    assert response.status_code == 400
    assert OutboxMessage.objects.filter(template="offer_sent").count() == 0


@pytest.mark.django_db
def test_the_send_form_is_prefilled_with_the_client(client, issued):
    from brokerdesk.clients.models import Client

    # Step 1.1 made the client from its enterprise number; its page gave it these details.
    Client.objects.filter(quotes=issued).update(email="compta@dupuis.be", language="nl")
    page = client.get(reverse("offer_send", args=[issued])).content.decode()
    assert 'value="compta@dupuis.be"' in page and '<option value="nl" selected>' in page


@pytest.mark.django_db
def test_the_send_form_posted_twice_sends_once(client, issued):
    data = {"email": "m@d.be", "language": "fr", "form_token": "a" * 32}
    for _ in range(2):
        assert client.post(reverse("offer_send", args=[issued]), data).status_code == 302
    assert OutboxMessage.objects.filter(template="offer_sent").count() == 1
    assert OfferLink.objects.count() == 1
