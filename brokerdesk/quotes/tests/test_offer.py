from __future__ import annotations

import pytest
from django.urls import reverse

from brokerdesk.quotes.models import Quote
from conftest import pdf_text


@pytest.mark.django_db
def test_generating_the_offer_freezes_it_and_renders_a_pdf(client, bob, fill, tmp_path):
    client.force_login(bob)
    pk = fill(client)
    assert client.get(reverse("quote_pdf", args=[pk])).status_code == 404  # not issued yet
    client.post(reverse("quote_offer", args=[pk]), {"language": "nl"})
    quote = Quote.objects.get(pk=pk)
    assert quote.status == Quote.Status.ISSUED and quote.offer_language == "nl"
    assert quote.offer["breakdown"]["total_annual"] == str(quote.total_annual)

    response = client.get(reverse("quote_pdf", args=[pk]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert quote.reference in text
    assert "Boulangerie Dupuis" in text
    assert "3.847,92" in text  # the total, in Dutch number format
    assert "Offre" not in "\n".join(text.split("\n")[:5])  # the heading is in Dutch


@pytest.mark.django_db
def test_the_offer_never_changes_when_the_answers_or_tariff_do(client, bob, fill, tmp_path):
    client.force_login(bob)
    pk = fill(client)
    client.post(reverse("quote_offer", args=[pk]), {"language": "fr"})
    before = pdf_text(client.get(reverse("quote_pdf", args=[pk])).content)
    # A later change of the answers (or of the tariff) reprices the quote, not the offer.
    Quote.objects.filter(pk=pk).update(breakdown=None, total_annual=None)
    after = pdf_text(client.get(reverse("quote_pdf", args=[pk])).content)
    assert "3 847,92" in before and before == after
    assert "Valable jusqu" in before


@pytest.mark.django_db
def test_the_offer_carries_the_groups_branding(client, bob, fill, tmp_path, settings):
    from django.core.files.base import ContentFile

    from brokerdesk.offices.tests.test_groups import image_bytes

    settings.MEDIA_ROOT = tmp_path
    group = bob.membership.current_group
    group.street, group.number, group.postal_code, group.city = "Meir", "1", "2000", "Antwerpen"
    group.logo.save("logo.png", ContentFile(image_bytes()))
    client.force_login(bob)
    pk = fill(client)
    client.post(reverse("quote_offer", args=[pk]), {"language": "en"})
    content = client.get(reverse("quote_pdf", args=[pk])).content
    text = pdf_text(content)
    assert "Meir 1" in text and "2000 Antwerpen" in text
    assert b"/Subtype /Image" in content
