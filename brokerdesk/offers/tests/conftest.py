from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from brokerdesk.offers.pdf import add_months, first_of_next_month
from brokerdesk.quotes.tests.conftest import fill  # noqa: F401  (the wizard, filled)

# The offers' start date: the default one, so the tests hold whatever day they run.
START = first_of_next_month(date.today())
LATER = add_months(START, 1)
MANAGER = {
    "covers": {"extra_legal": "on", "h24": "on", "manager": "on"},
    "extra": {
        "options": ["excess_wages", "temporary_incapacity_100"],
        "manager_name": "Jean Dupuis",
        "manager_age": "45",
        "manager_death_capital": "100000",
        "manager_permanent_capital": "150000",
        "manager_daily_allowance": "50",
    },
}


def plain_text(content: bytes) -> str:
    """The PDF's text in the order it was written (the columns of a row stay whole), on one
    line, no-break spaces read as spaces."""
    import io

    from pypdf import PdfReader

    pages = PdfReader(io.BytesIO(content)).pages
    text = " ".join(page.extract_text() for page in pages)
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def office_details(bob, product):
    """What an offer prints of the broker and the insurer."""
    office = bob.membership.office
    office.fsma_number = "0112233445"
    office.street, office.number, office.postal_code, office.city = (
        "Meir",
        "10",
        "2000",
        "Antwerpen",
    )
    office.save()
    insurer = product.insurer
    insurer.legal_name = "P&V Assurances SC"
    insurer.address = "Rue Royale 151, 1210 Bruxelles"
    insurer.licence_number = "0058"
    insurer.save()
    product.general_conditions_url = "https://vivium.example/cg-at.pdf"
    product.information_sheet_url = "https://vivium.example/ipid-at.pdf"
    product.save()
    return office


@pytest.fixture
def issued(client, bob, fill, office_details):  # noqa: F811
    """Bob's quote with the manager's cover, its offer issued in French; returns its id."""
    client.force_login(bob)
    pk = fill(client, **MANAGER)
    response = client.post(
        reverse("quote_offer", args=[pk]), {"language": "fr", "start_date": START.isoformat()}
    )
    assert response.status_code == 302
    return pk
