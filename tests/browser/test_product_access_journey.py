"""An office asks Vivium for access to the Tool TPE; Vivium accepts; the group may price."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from conftest import PASSWORD, mail_text
from tests.browser.test_accounts_journeys import log_in, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_access_is_requested_accepted_and_opens_new_quotes_for_that_group_only(
    page: Page, browser, live_server, alice, make_staff, deliver_mail
):
    make_staff("victor@vivium.be", "Vivium")
    log_in(page, live_server.url, "alice@example.be", PASSWORD)
    expect(page.locator("#switcher")).to_contain_text("Default")
    page.get_by_role("link", name="Produits").click()
    page.get_by_role("link", name="TPE Tool").click()
    access = page.get_by_role("region", name="Accès du sous-compte Default")
    access.get_by_label("Numéro de producteur Vivium").fill("123")
    page.get_by_role("button", name="Créer une intégration").click()
    expect(page.get_by_text("Format attendu pour un numéro de producteur Vivium")).to_be_visible()
    access.get_by_label("Numéro de producteur Vivium").fill("66799")  # the manual's own
    page.get_by_role("button", name="Créer une intégration").click()
    expect(page.get_by_text("Une demande d'accès est envoyée à la compagnie.")).to_be_visible()
    expect(page.get_by_text("Demande en attente")).to_be_visible()
    shot(page, "product-requested")

    staff = browser.new_page(locale="fr-BE")
    log_in(staff, live_server.url, "victor@vivium.be", PASSWORD)
    expect(staff.get_by_role("heading", name="Demandes d'accès")).to_be_visible()
    row = staff.get_by_role("row", name="66799")
    expect(row).to_contain_text("Default")
    shot(staff, "backoffice-requests")
    row.get_by_role("button", name="Accepter").click()
    expect(staff.get_by_text("La demande est acceptée.")).to_be_visible()

    to_alice = [m for m in deliver_mail() if m["To"] == "alice@example.be"]
    assert len(to_alice) == 1 and "TPE Tool" in mail_text(to_alice[0])

    page.get_by_role("link", name="Demandes").click()
    new_quote = page.get_by_role("link", name="+ Nouveau")
    expect(new_quote).to_have_attribute("href", "/requests/new/TPE-KMO/")
    new_quote.click()
    expect(page.get_by_role("heading", name="Activité")).to_be_visible()  # the wizard opens

    # In the other group, "+ Nouveau" leads to the product's screen that says why.
    page.locator("#switcher").click()
    page.get_by_role("button", name="Antwerpen").click()
    expect(page.get_by_text("Pas encore d'accès à ce produit")).to_be_visible()
    page.get_by_role("navigation", name="Menu principal").get_by_role(
        "link", name="Demandes"
    ).click()
    page.get_by_role("link", name="+ Nouveau").click()
    expect(page.get_by_text("Pas encore d'accès à ce produit")).to_be_visible()
    expect(page.get_by_role("link", name="Ouvrir la page du produit TPE Tool")).to_be_visible()
