"""Issue 16, items 6 and 7 in the browser: a broker puts a document on a quote and
downloads it back; an access decision lights the bell of the office's administrator."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from brokerdesk.catalogue import services as catalogue
from tests.browser.conftest import log_in_as
from tests.browser.test_accounts_journeys import shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def test_a_broker_uploads_a_document_on_a_quote_and_downloads_it(page: Page, live_server, portal):
    w, base = portal.world, live_server.url
    log_in_as(page, base, w.bob)
    page.goto(f"{base}/requests/{w.quote.pk}/")
    section = page.get_by_role("region", name="Documents")
    # Content that is no document, under a PDF's name: refused next to the field.
    section.get_by_label("Type de document").select_option(label="Police précédente")
    section.get_by_label("Fichier").set_input_files(
        {"name": "police.pdf", "mimeType": "application/pdf", "buffer": b"<html></html>"}
    )
    section.get_by_role("button", name="Déposer").click()
    expect(page.get_by_text("son contenu n'est ni un PDF")).to_be_visible()
    page.get_by_label("Fichier").set_input_files(
        {"name": "attestation 2025.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_label("Type de document").select_option(label="Attestation de sinistralité")
    page.get_by_role("button", name="Déposer").click()
    expect(page.get_by_text("Le document attestation 2025.pdf est déposé.")).to_be_visible()
    section = page.get_by_role("region", name="Documents")
    row = section.get_by_role("row", name="attestation 2025.pdf")
    expect(row).to_contain_text("Attestation de sinistralité")
    expect(row).to_contain_text("Bob")
    shot(page, "quote-documents")
    with page.expect_download() as download:
        row.get_by_role("link", name="attestation 2025.pdf").click()
    assert download.value.suggested_filename == "attestation 2025.pdf"
    with open(download.value.path(), "rb") as file:
        assert file.read() == PDF


def test_an_access_decision_lights_the_bell(page: Page, browser, live_server, portal):
    w, base = portal.world, live_server.url
    catalogue.request_integration(
        group=w.default, product=w.product, producer_number="654321", requested_by=w.alice
    )
    log_in_as(page, base, w.alice)
    page.goto(f"{base}/requests/")
    expect(page.locator("#bell-count")).to_have_count(0)

    staff = browser.new_page(locale="fr-BE")
    log_in_as(staff, base, w.victor)
    staff.goto(f"{base}/backoffice/")
    staff.get_by_role("row", name="654321").get_by_role("button", name="Accepter").click()
    expect(staff.get_by_text("La demande est acceptée.")).to_be_visible()

    page.reload()
    bell = page.locator("#bell")
    expect(bell).to_contain_text("1")
    shot(page, "bell")
    bell.click()
    expect(page.get_by_role("heading", name="Notifications")).to_be_visible()
    note = page.get_by_role("button", name="L'accès au produit TPE Tool est accordé")
    expect(note).to_contain_text("au sous-compte Default")
    note.click()
    expect(page).to_have_url(f"{base}/products/{w.product.code}/")
    expect(page.locator("#bell-count")).to_have_count(0)
