"""Clients in the browser: step 1.1 suggests the office's clients as the name is typed, one
picked fills the step; the client page starts a new quote pre-filled; "Exporter" downloads."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from brokerdesk.clients import services as clients
from brokerdesk.quotes.models import Quote
from conftest import PASSWORD
from tests.browser.test_accounts_journeys import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_pick_a_client_in_step_1_1_then_start_from_its_page(page: Page, live_server, bob, accepted):
    known = clients.create_client(
        office_id=bob.membership.office_id,
        fields={
            "name": "Garage Martin",
            "enterprise_number": "0203201340",
            "street": "Chaussée de Wavre",
            "number": "12",
            "postal_code": "5000",
            "city": "Namur",
            "activity_code": "43.221",
        },
        by=bob,
    )[0]
    log_in(page, live_server.url, "bob@example.be", PASSWORD)
    page.get_by_role("link", name="+ Nouveau").click()
    page.get_by_label("Nom / raison sociale").press_sequentially("gara")
    suggestion = page.get_by_role("link", name="Garage Martin · BE0203201340 · Namur")
    expect(suggestion).to_be_visible()
    # Keyboard: the suggestion is the next stop after the name.
    page.get_by_label("Nom / raison sociale").focus()
    page.keyboard.press("Tab")
    expect(suggestion).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#client-picked")).to_be_visible()
    expect(page.get_by_label("Nom / raison sociale")).to_have_value("Garage Martin")
    expect(page.get_by_label("Numéro d'entreprise")).to_have_value("BE0203201340")
    expect(page.get_by_label("Ville")).to_have_value("Namur")
    page.get_by_role("button", name="Étape suivante").click()
    expect(page.get_by_role("heading", name="Choix des couvertures")).to_be_visible()
    assert Quote.objects.get().client_id == known.pk

    # The client's page lists the quote and starts the next one pre-filled.
    page.get_by_role("link", name="Clients").click()
    page.get_by_role("link", name="Garage Martin").click()
    expect(page.locator("#client-quotes")).to_contain_text(Quote.objects.get().reference)
    page.get_by_role("link", name="Nouvelle demande").click()
    expect(page.get_by_label("Nom / raison sociale")).to_have_value("Garage Martin")
    assert page.get_by_label("Activité exercée").input_value().startswith("43.221 ")


def test_export_the_list(page: Page, live_server, bob, accepted):
    clients.create_client(office_id=bob.membership.office_id, fields={"name": "X"}, by=bob)
    log_in(page, live_server.url, "bob@example.be", PASSWORD)
    page.get_by_role("link", name="+ Nouveau").click()
    page.get_by_label("Nom / raison sociale").fill("Librairie Dupuis")
    page.get_by_label("Activité exercée").fill("47.610")
    page.get_by_role("button", name="Étape suivante").click()
    expect(page.get_by_role("heading", name="Choix des couvertures")).to_be_visible()
    page.get_by_role("link", name="Demandes").first.click()
    page.get_by_role("button", name="Exporter").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Tableur CSV").click()
    content = Path(download.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(content), delimiter=";"))
    assert rows[0][0] == "Référence" and rows[1][1] == "Librairie Dupuis"
