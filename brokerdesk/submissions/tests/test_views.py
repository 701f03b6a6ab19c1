"""The pages: the broker's buttons and conversation, the back office's Propositions and
Demandes d'avis, attachments, and who may reach any of them (404 for anyone else)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from brokerdesk.audit.models import AuditEvent
from brokerdesk.quotes.models import Quote
from brokerdesk.submissions import services
from brokerdesk.submissions.models import Attachment, Message
from brokerdesk.submissions.tests.conftest import docx_bytes, pdf_bytes, png_bytes

Status = Quote.Status


def page(client, user, name, *args, **params):
    client.force_login(user)
    return client.get(reverse(name, args=args), params)


def text(response) -> str:
    return response.content.decode()


# Item 4


@pytest.mark.django_db
def test_the_broker_submits_from_the_quote_page_after_confirming(client, quote, bob):
    response = page(client, bob, "quote", quote.pk)
    assert "Soumettre à la compagnie" in text(response)
    response = client.get(reverse("quote_submit", args=[quote.pk]))
    assert response.status_code == 200 and "Vivium" in text(response)
    response = client.post(reverse("quote_submit", args=[quote.pk]))
    assert response.status_code == 302
    assert Quote.objects.get(pk=quote.pk).status == Status.SUBMITTED
    response = client.post(reverse("quote_submit", args=[quote.pk]))  # double submit
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="quote.submitted").count() == 1
    # Submitted: the confirmation page sends back to the quote, the button is gone.
    assert client.get(reverse("quote_submit", args=[quote.pk])).status_code == 302
    assert "Soumettre à la compagnie</a>" not in text(client.get(reverse("quote", args=[quote.pk])))


@pytest.mark.django_db
def test_propositions_list_filters_and_the_decision(client, quote, bob, victor):
    response = page(client, victor, "backoffice_propositions")
    assert "Aucune proposition n'attend votre décision." in text(response)
    services.submit(quote=quote, by=bob)
    response = page(client, victor, "backoffice_propositions")
    assert quote.reference in text(response)
    response = client.get(reverse("backoffice_propositions"), {"state": "insurer_accepted"})
    assert quote.reference not in text(response)
    response = client.get(reverse("backoffice_proposition", args=[quote.pk]))
    body = text(response)
    assert "Réponses" in body and 'id="total-annual"' in body
    # The answers as the wizard asked them, not as they are stored.
    assert "2.1 Garantie légale" in body and "Ouvriers · Nombre" in body
    assert "workers_headcount" not in body and "history_known" not in body
    # A policy number is required to accept, a reason to refuse: said next to the field.
    url = reverse("backoffice_proposition_decide", args=[quote.pk])
    response = client.post(url, {"action": "accept", "policy_number": "  "})
    assert response.status_code == 400 and "Indiquez le numéro de police." in text(response)
    response = client.post(url, {"action": "refuse", "reason": ""})
    assert response.status_code == 400 and "Indiquez le motif du refus." in text(response)
    response = client.post(url, {"action": "delete"})
    assert response.status_code == 400
    response = client.post(url, {"action": "accept", "policy_number": "\x00"})
    assert response.status_code == 400
    assert Quote.objects.get(pk=quote.pk).status == Status.SUBMITTED
    response = client.post(url, {"action": "accept", "policy_number": "POL-42"})
    assert response.status_code == 302
    quote.refresh_from_db()
    assert quote.status == Status.INSURER_ACCEPTED and quote.policy_number == "POL-42"
    response = client.get(reverse("backoffice_propositions"), {"state": "insurer_accepted"})
    assert "police n° POL-42" in text(response)


@pytest.mark.django_db
def test_demandes_shows_the_insurers_decision_and_filters_on_it(client, quote, bob, victor):
    services.submit(quote=quote, by=bob)
    services.decide(quote=quote, accept=True, by=victor, policy_number="POL-42")
    response = page(client, bob, "quotes")
    assert "Accepté par la compagnie" in text(response) and "police n° POL-42" in text(response)
    response = client.get(reverse("quotes"), {"status": "insurer_accepted"})
    assert quote.reference in text(response)
    response = client.get(reverse("quotes"), {"status": "submitted"})
    assert quote.reference not in text(response)
    assert "POL-42" in text(client.get(reverse("quote", args=[quote.pk])))


# Item 5


@pytest.mark.django_db
def test_the_result_page_says_why_no_offer_and_offers_to_ask(client, referred, bob):
    body = text(page(client, bob, "quote", referred.pk))
    assert "Demander l&#x27;avis de la compagnie" in body
    assert 'id="referral-blocks"' in body
    assert "Générer l'offre" not in body


def post_message(client, quote, body="Voir l'attestation", files=()):
    data = {"body": body, "attachments": list(files)}
    return client.post(reverse("quote_thread", args=[quote.pk]), data)


@pytest.mark.django_db
def test_the_dialogue_with_attachments_and_the_loading(
    client, referred, bob, victor, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(bob)
    files = [
        SimpleUploadedFile("attestation.pdf", pdf_bytes(), "application/pdf"),
        SimpleUploadedFile("photo.png", png_bytes(), "image/png"),
        SimpleUploadedFile("rapport.docx", docx_bytes(), "application/octet-stream"),
    ]
    response = post_message(client, referred, files=files)
    assert response.status_code == 302
    attachments = list(Attachment.objects.order_by("pk"))
    assert [a.content_type for a in attachments] == [
        "application/pdf",
        "image/png",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ]
    response = client.get(reverse("attachment", args=[attachments[0].pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf_bytes()
    assert response["Content-Disposition"].startswith("attachment")

    client.force_login(victor)
    body = text(client.get(reverse("backoffice_opinions")))
    assert referred.reference in body
    body = text(client.get(reverse("backoffice_proposition", args=[referred.pk])))
    assert "attestation.pdf" in body and "Votre avis sur ce risque" in body
    assert client.get(reverse("attachment", args=[attachments[1].pk])).status_code == 200
    url = reverse("backoffice_referral", args=[referred.pk])
    response = client.post(url, {"answer": "load"})
    assert response.status_code == 400 and "Indiquez la surprime en pour cent." in text(response)
    response = client.post(url, {"answer": "load", "loading_percent": "abc"})
    assert response.status_code == 400
    response = client.post(url, {"answer": "load", "loading_percent": "15"})
    assert response.status_code == 302
    quote = Quote.objects.get(pk=referred.pk)
    assert quote.referral == Quote.Referral.LOADED and quote.loading_percent == Decimal("15")
    response = client.post(url, {"answer": "accept"})  # answering again: a message, no change
    assert response.status_code == 302
    assert Quote.objects.get(pk=referred.pk).referral == Quote.Referral.LOADED

    client.force_login(bob)
    body = text(client.get(reverse("quote", args=[quote.pk])))
    assert "Surprime de la compagnie" in body and "surprime de 15" in body
    assert "Générer l'offre" in body


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name, content, error",
    [
        ("contrat.pdf", b"<html><script>alert(1)</script></html>", "ni un PDF"),
        ("contrat.pdf", b"MZ\x90\x00" + b"\x00" * 100, "ni un PDF"),
        ("contrat.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "ne correspond pas à son nom"),
        ("archive.docx", b"PK\x03\x04 not really a zip", "ni un PDF"),
        ("vide.pdf", b"", ""),  # Django's own message for an empty file
    ],
)
def test_a_file_is_judged_by_its_content(
    client, referred, bob, name, content, error, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(bob)
    response = post_message(
        client, referred, files=[SimpleUploadedFile(name, content, "application/pdf")]
    )
    assert response.status_code == 400
    assert error in text(response)
    assert "Voir l&#x27;attestation" in text(response)  # what was typed is kept
    assert not Message.objects.exists()


@pytest.mark.django_db
def test_too_big_too_many_and_bad_text_are_4xx(client, referred, bob, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.ATTACHMENT_MAX_BYTES = 1000
    client.force_login(bob)
    big = SimpleUploadedFile("gros.pdf", pdf_bytes() + b"0" * 1000)
    response = post_message(client, referred, files=[big])
    assert response.status_code == 400 and "dépasse" in text(response)
    many = [SimpleUploadedFile(f"f{n}.pdf", pdf_bytes()) for n in range(5)]
    response = post_message(client, referred, body="x", files=many)
    assert response.status_code in (302, 400)
    Message.objects.all().delete()
    for body in ("\x00", "x" * 100_000, "\x1b[31m"):
        response = post_message(client, referred, body=body)
        assert response.status_code == 400
    assert not Message.objects.exists()


@pytest.mark.django_db
def test_a_real_upload_over_the_request_limit_is_a_413(client, referred, bob, settings):
    settings.MAX_REQUEST_BYTES = 2000
    client.force_login(bob)
    big = SimpleUploadedFile("gros.pdf", pdf_bytes() + b"0" * 5000)
    assert post_message(client, referred, files=[big]).status_code == 413


# Isolation


@pytest.fixture
def with_attachment(referred, bob, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload = services.Upload(
        file=SimpleUploadedFile("a.pdf", pdf_bytes()),
        name="a.pdf",
        content_type="application/pdf",
        size=10,
    )
    message = services.post_message(quote=referred, by=bob, body="x", uploads=[upload])
    return message.attachments.get()


@pytest.mark.django_db
def test_outsiders_get_404_everywhere(
    client, referred, quote, bob, dirk, charlie, olga, with_attachment
):
    services.submit(quote=quote, by=bob)
    urls = [
        ("get", reverse("quote_thread", args=[referred.pk])),
        ("post", reverse("quote_thread", args=[referred.pk])),
        ("get", reverse("attachment", args=[with_attachment.pk])),
        ("get", reverse("quote_submit", args=[quote.pk])),
        ("post", reverse("quote_submit", args=[quote.pk])),
        ("get", reverse("backoffice_proposition", args=[quote.pk])),
        ("post", reverse("backoffice_proposition_decide", args=[quote.pk])),
        ("post", reverse("backoffice_referral", args=[referred.pk])),
    ]
    for outsider in (dirk, charlie, olga):
        client.force_login(outsider)
        for method, url in urls:
            data = {"body": "x", "action": "accept", "policy_number": "1", "answer": "accept"}
            response = getattr(client, method)(url, data if method == "post" else None)
            assert response.status_code == 404, (outsider.email, url, response.status_code)
    # Brokers never reach the back office, even of their own quote.
    client.force_login(bob)
    assert client.get(reverse("backoffice_propositions")).status_code == 404
    assert client.get(reverse("backoffice_proposition", args=[quote.pk])).status_code == 404
    # Olga's lists hold nothing of Vivium's.
    client.force_login(olga)
    assert quote.reference not in text(
        client.get(reverse("backoffice_propositions"), {"state": ""})
    )
    assert referred.reference not in text(
        client.get(reverse("backoffice_opinions"), {"state": "all"})
    )
    assert Quote.objects.get(pk=quote.pk).status == Status.SUBMITTED
    assert Message.objects.count() == 1
