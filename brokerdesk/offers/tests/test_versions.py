from __future__ import annotations

import hashlib
from datetime import date

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from brokerdesk.audit.models import AuditEvent
from brokerdesk.offers.models import OfferVersion
from brokerdesk.offers.pdf import add_months
from brokerdesk.offers.tests.conftest import LATER, START, plain_text
from brokerdesk.quotes.models import Quote
from brokerdesk.quotes.tests.conftest import LEGAL


def french(day) -> str:
    from django.utils import translation
    from django.utils.formats import date_format

    with translation.override("fr"):
        return date_format(day, "j F Y")


@pytest.mark.django_db
def test_the_offer_reads_as_an_offer_a_client_can_sign(client, issued):
    quote = Quote.objects.get(pk=issued)
    version = quote.offers.get()
    text = plain_text(client.get(reverse("offer_pdf", args=[issued, 1])).content)
    for expected in (
        # the broker
        "Meir 10",
        "Numéro FSMA : 0112233445",
        # the insurer and its documents
        "P&V Assurances SC",
        "Rue Royale 151, 1210 Bruxelles",
        "agréée sous le numéro 0058",
        "https://vivium.example/cg-at.pdf",
        "https://vivium.example/ipid-at.pdf",
        # the client
        "Boulangerie Dupuis",
        "0403019261",
        # start and duration
        f"Prise d'effet le {french(START)}",
        f"jusqu'au {french(add_months(START, 12))}",
        "reconduite tacitement",
        # covers, insured sums, limits, waiting periods
        "Délai de carence",
        "plafonnées à",
        "Jean Dupuis",
        "100 000,00",
        "150 000,00",
        "30 jours pour l'indemnité journalière",
        # premium and validity
        "Total par an",
        "Échéances",
        "Valable jusqu'au",
        # the signature block
        "Lu et approuvé",
        "Fait à",
        "Signature",
        f"{quote.reference} · version 1",
    ):
        assert expected in text, expected
    assert quote.start_date == START
    assert quote.status == Quote.Status.ISSUED and quote.issued_at == version.issued_at


@pytest.mark.django_db
def test_a_version_is_stored_with_its_hash_and_served_as_stored(client, bob, issued):
    version = OfferVersion.objects.get(quote_id=issued)
    stored = default_storage.open(version.pdf.name).read()
    assert hashlib.sha256(stored).hexdigest() == version.sha256
    assert version.issued_by == bob and version.language == "fr" and version.number == 1
    served = client.get(reverse("offer_pdf", args=[issued, 1]))
    assert served.content == stored and served["Content-Type"] == "application/pdf"
    assert client.get(reverse("quote_pdf", args=[issued])).content == stored
    assert AuditEvent.objects.filter(action="offer.version_issued").count() == 1


@pytest.mark.django_db
def test_issuing_the_same_offer_twice_keeps_one_version(client, issued):
    client.post(
        reverse("quote_offer", args=[issued]), {"language": "fr", "start_date": START.isoformat()}
    )
    assert OfferVersion.objects.filter(quote_id=issued).count() == 1


@pytest.mark.django_db
def test_a_new_start_date_or_language_is_a_new_version(client, issued):
    first = OfferVersion.objects.get(quote_id=issued)
    client.post(
        reverse("quote_offer", args=[issued]), {"language": "fr", "start_date": LATER.isoformat()}
    )
    client.post(
        reverse("quote_offer", args=[issued]), {"language": "nl", "start_date": LATER.isoformat()}
    )
    versions = list(OfferVersion.objects.filter(quote_id=issued).order_by("number"))
    assert [v.number for v in versions] == [1, 2, 3]
    assert [v.superseded_at is None for v in versions] == [False, False, True]
    assert versions[2].language == "nl"
    quote = Quote.objects.get(pk=issued)
    assert quote.issued_at == versions[2].issued_at and quote.status == Quote.Status.ISSUED
    # The first version is still served exactly as it was issued.
    assert client.get(reverse("offer_pdf", args=[issued, 1])).content == first.pdf.open().read()


@pytest.mark.django_db
def test_editing_an_issued_quote_never_serves_a_stale_offer(client, issued):
    client.post(reverse("quote_step", args=[issued, "legal"]), {**LEGAL, "workers_headcount": "4"})
    version = OfferVersion.objects.get(quote_id=issued)
    assert version.superseded_at is not None
    assert client.get(reverse("quote_pdf", args=[issued])).status_code == 404
    page = client.get(reverse("quote", args=[issued])).content.decode()
    assert "Remplacée" in page
    assert reverse("offer_send", args=[issued]) not in page
    assert "Télécharger l'offre (PDF)" not in page
    assert client.get(reverse("offer_send", args=[issued])).status_code == 404
    # The replaced version stays downloadable from the list, as it was.
    assert client.get(reverse("offer_pdf", args=[issued, 1])).status_code == 200
    client.post(reverse("quote_offer", args=[issued]), {"language": "fr"})
    assert OfferVersion.objects.get(quote_id=issued, superseded_at__isnull=True).number == 2


@pytest.mark.django_db
def test_the_start_date_defaults_to_the_first_of_next_month(client, issued):
    from django.utils import timezone

    from brokerdesk.offers.pdf import first_of_next_month

    Quote.objects.filter(pk=issued).update(start_date=None)
    page = client.get(reverse("quote", args=[issued])).content.decode()
    assert first_of_next_month(timezone.localdate()).isoformat() in page
    assert first_of_next_month(date(2026, 12, 15)) == date(2027, 1, 1)


@pytest.mark.django_db
def test_other_offices_and_groups_cannot_see_versions(client, issued, charlie, make_user, bob):
    dirk = make_user("dirk@example.be", office=bob.membership.office, groups=["Default"])
    for user in (charlie, dirk):
        client.force_login(user)
        assert client.get(reverse("offer_pdf", args=[issued, 1])).status_code == 404
        assert client.get(reverse("offer_send", args=[issued])).status_code == 404
        assert (
            client.post(
                reverse("offer_send", args=[issued]), {"email": "x@y.be", "language": "fr"}
            ).status_code
            == 404
        )
    assert client.get(reverse("offer_pdf", args=[issued, 99])).status_code == 404


@pytest.mark.django_db
def test_erasing_the_office_deletes_its_stored_offers(client, bob, issued):
    from brokerdesk.privacy.services import erase_office

    name = OfferVersion.objects.get(quote_id=issued).pdf.name
    assert default_storage.exists(name)
    erase_office(bob.membership.office)
    assert not default_storage.exists(name) and not OfferVersion.objects.exists()


@pytest.mark.django_db
def test_an_accepted_offer_is_never_replaced(client, issued):
    Quote.objects.filter(pk=issued).update(status=Quote.Status.ACCEPTED)
    page = client.get(reverse("quote", args=[issued])).content.decode()
    assert "Générer l'offre" not in page
    response = client.post(
        reverse("quote_offer", args=[issued]), {"language": "nl", "start_date": LATER.isoformat()}
    )
    assert response.status_code == 302
    assert OfferVersion.objects.get(quote_id=issued).superseded_at is None
    assert Quote.objects.get(pk=issued).status == Quote.Status.ACCEPTED


@pytest.mark.django_db
@pytest.mark.parametrize("start", ["2001-01-01", "2999-01-01", "not-a-date", "1" * 5000])
def test_a_start_date_out_of_range_is_refused_with_a_message(client, issued, start):
    response = client.post(
        reverse("quote_offer", args=[issued]), {"language": "fr", "start_date": start}, follow=True
    )
    assert response.status_code == 200
    assert OfferVersion.objects.filter(quote_id=issued).count() == 1
    assert Quote.objects.get(pk=issued).start_date == START


@pytest.mark.django_db
def test_the_answers_of_an_accepted_offer_no_longer_change(client, bob, issued):
    from brokerdesk.quotes import rules, services

    Quote.objects.filter(pk=issued).update(status=Quote.Status.ACCEPTED)
    quote = Quote.objects.get(pk=issued)
    assert rules.why_not_editable(quote, bob) == str(rules.AcceptedByClient.message)
    with pytest.raises(rules.AcceptedByClient):
        services.set_payment(quote=quote, frequency="monthly", by=bob)
    response = client.post(reverse("quote_step", args=[issued, "legal"]), LEGAL)
    assert Quote.objects.get(pk=issued).status == Quote.Status.ACCEPTED
    assert response.status_code == 302  # back to the quote, with the rule's message
    assert OfferVersion.objects.get(quote_id=issued).superseded_at is None


@pytest.mark.django_db
def test_an_offer_issued_before_versions_were_kept_still_downloads(client, bob, fill):
    from brokerdesk.quotes import services

    client.force_login(bob)
    quote = Quote.objects.get(pk=fill(client))
    services.issue_offer(quote=quote, language="fr", by=bob)  # frozen, as before issue 16
    assert not OfferVersion.objects.filter(quote=quote).exists()
    response = client.get(reverse("quote_pdf", args=[quote.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert quote.reference in plain_text(response.content)
