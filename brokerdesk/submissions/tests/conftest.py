"""A priced quote of Bob's group, a referred one, and the people around them: Victor works
for the product's insurer (Vivium), Olga for another; Dirk is a broker of Bob's office in
another group; Charlie administers another office."""

from __future__ import annotations

import io
import zipfile

import pytest

from brokerdesk.quotes import services as quote_services

PRICED = {
    "activity": {"client_name": "Dupuis", "activity_code": "47.110", "insurance_year": 2026},
    "covers": {},
    "claims": {"history_known": False},
    "legal": {"workers_headcount": 2, "workers_wages": "80000"},
}
# A fatal claim: the engine refers the quote to the insurer.
REFERRED = {
    **PRICED,
    "activity": {**PRICED["activity"], "client_name": "Risquée"},
    "claims": {"history_known": True, "years": 3, "fatal": 1},
}


def priced_quote(group, product, by, answers=PRICED):
    quote = quote_services.create_quote(
        group=group, product=product, created_by=by, answers=answers
    )
    quote.steps_done = ["activity", "covers", "claims", "legal"]
    quote.save()
    return quote_services.finish(quote=quote, by=by)


@pytest.fixture
def quote(accepted, product, bob):
    return priced_quote(accepted, product, bob)


@pytest.fixture
def referred(accepted, product, bob):
    quote = priced_quote(accepted, product, bob, REFERRED)
    assert quote.referred
    return quote


@pytest.fixture
def victor(make_staff, product):
    return make_staff("victor@vivium.be", product.insurer.name)


@pytest.fixture
def olga(make_staff):
    return make_staff("olga@other.be", "Other Insurer")


@pytest.fixture
def dirk(make_user, alice):
    return make_user("dirk@example.be", office=alice.membership.office, groups=["Default"])


def pdf_bytes() -> bytes:
    return b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def png_bytes() -> bytes:
    from brokerdesk.offices.tests.test_groups import image_bytes

    return image_bytes()


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()
