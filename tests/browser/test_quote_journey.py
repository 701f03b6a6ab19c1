"""A broker prices a risk in the Tool TPE wizard, issues the offer and finds the quote again."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from conftest import PASSWORD, pdf_text
from tests.browser.test_accounts_journeys import log_in, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_broker_prices_issues_and_finds_a_quote(
    page: Page, browser, live_server, bob, make_user, accepted, tmp_path
):
    log_in(page, live_server.url, "bob@example.be", PASSWORD)
    expect(page.get_by_role("heading", name="Demandes (0)")).to_be_visible()
    page.get_by_role("link", name="+ Nouveau").click()

    # 1.1 Activité, first with a wrong enterprise number and an unknown activity
    page.get_by_label("Nom / raison sociale").fill("Boulangerie Élisabeth")
    activity = page.get_by_label("Activité exercée")
    activity.fill("boulangerie artisanale")
    page.get_by_label("Numéro d'entreprise").fill("BE0403019262")
    page.get_by_label("Code postal").fill("4000")
    expect(page.get_by_label("Ville")).to_have_value("Liège")
    page.get_by_role("button", name="Étape suivante").click()
    expect(page.get_by_text("structure suivante BE0123456789")).to_be_visible()
    expect(page.get_by_text("Choisissez une activité de la liste")).to_be_visible()
    expect(page.get_by_label("Nom / raison sociale")).to_have_value("Boulangerie Élisabeth")
    shot(page, "wizard-activity-errors")

    page.get_by_label("Numéro d'entreprise").fill("0403.019.261")
    activity.fill("10.712")
    choice = "10.712 Fabrication artisanale de pain et de pâtisserie fraîche"
    expect(page.locator("#activity-options option").first).to_have_attribute("value", choice)
    activity.fill(choice)
    page.get_by_role("button", name="Étape suivante").click()

    # 1.2 Choix des couvertures
    expect(page.get_by_role("heading", name="Choix des couvertures")).to_be_visible()
    page.get_by_label("Garanties extra-légales").check()
    page.get_by_role("button", name="Étape suivante").click()
    # 1.3 Historique sinistre
    expect(page.get_by_role("heading", name="Historique sinistre")).to_be_visible()
    page.get_by_role("button", name="Étape suivante").click()

    # 2.1 Garantie légale: a negative payroll first
    expect(page.get_by_role("heading", name="Garantie légale")).to_be_visible()
    page.get_by_label("Ouvriers — Nombre").fill("3")
    page.get_by_label("Ouvriers — Salaires bruts annuels (€)").fill("-100")
    page.get_by_role("button", name="Étape suivante").click()
    expect(page.get_by_text("supérieure ou égale à 0")).to_be_visible()
    expect(page.get_by_label("Ouvriers — Nombre")).to_have_value("3")
    page.get_by_label("Ouvriers — Salaires bruts annuels (€)").fill("105000")
    expect(page.locator("#preview")).to_contain_text("€")  # the live premium
    shot(page, "wizard-legal-preview")
    page.get_by_role("button", name="Étape suivante").click()

    # 2.2 Garanties extra-légales
    page.get_by_label("Incapacité temporaire à 100 %").check()
    page.get_by_role("button", name="Étape suivante").click()

    # The result
    total = page.locator("#total-annual")
    expect(total).to_contain_text("€")
    shot(page, "quote-result")
    total_text = " ".join(total.inner_text().replace("€", "").split())  # "4 829,22"
    page.get_by_label("Langue de l'offre").select_option("fr")
    page.get_by_role("button", name="Générer l'offre").click()
    expect(page.get_by_text("L'offre est émise.")).to_be_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Télécharger l'offre (PDF)").click(modifiers=["Alt"])
    pdf = tmp_path / "offer.pdf"
    download_info.value.save_as(pdf)
    text = pdf_text(pdf.read_bytes())
    assert total_text in text.replace("\u00a0", " ")

    # Search by part of the client's name, without its accent
    page.get_by_role("navigation", name="Menu principal").get_by_role(
        "link", name="Demandes"
    ).click()
    page.get_by_placeholder("Rechercher ...").click()
    dialog = page.get_by_role("dialog", name="Rechercher")
    dialog.get_by_placeholder("Tapez pour rechercher un élément").fill("elisab")
    expect(dialog.get_by_role("link", name="PV_TPE-KMO_BOULANGERIE-ELISABETH_0001")).to_be_visible()
    shot(page, "search-dialog")

    # A broker of another group of the same office finds nothing
    make_user(
        "dirk@example.be",
        office=bob.membership.office,
        groups=["Default"],
        first_name="Dirk",
        last_name="Janssens",
    )
    other = browser.new_page(locale="fr-BE")
    log_in(other, live_server.url, "dirk@example.be", PASSWORD)
    other.goto(f"{live_server.url}/search/?q=elisab")
    expect(other.get_by_text("Aucune demande ne correspond")).to_be_visible()
