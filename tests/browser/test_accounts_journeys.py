"""Browser journeys in Debian's Chromium: sign-up, login, profile language, forgotten password."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from brokerdesk.accounts.models import User
from conftest import mail_link

SHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True)


def log_in(page: Page, base: str, email: str, password: str) -> None:
    page.goto(f"{base}/login/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Connexion").click()


def test_a_new_office_signs_up_logs_out_and_in_again(page: Page, live_server):
    page.goto(f"{live_server.url}/login/")
    page.get_by_role("link", name="Créer un compte").click()

    page.get_by_label("Prénom").fill("Clémentine")
    page.get_by_label("Nom", exact=True).fill("Cazelles")
    page.get_by_label("E-mail").fill("clementine@cazelles.be")
    page.get_by_label("Mot de passe", exact=True).fill("zebra-lune-42")
    page.get_by_label("Confirmer le mot de passe").fill("zebra-lune-42")
    page.get_by_label("J'accepte les conditions").check()
    shot(page, "signup-personal")
    page.get_by_role("button", name="Suivant").click()

    page.get_by_label("Nom commercial (de la société)").fill("Cazelles Courtage")
    page.get_by_label("Numéro d'entreprise").fill("BE0403019262")
    page.get_by_label("Code postal").fill("1050")
    expect(page.get_by_label("Ville")).to_have_value("Ixelles")  # proposed from the postal code
    page.get_by_label("Numéro de téléphone").fill("0470 12 34 56")
    page.get_by_role("button", name="Créer un compte").click()

    expect(page.get_by_text("BE0123456789")).to_be_visible()
    expect(page.get_by_label("Nom commercial (de la société)")).to_have_value("Cazelles Courtage")
    shot(page, "signup-wrong-enterprise-number")
    # "Précédent" keeps what was typed on both steps.
    page.get_by_role("button", name="Précédent").click()
    expect(page.get_by_label("Prénom")).to_have_value("Clémentine")
    page.get_by_role("button", name="Suivant").click()
    expect(page.get_by_label("Numéro d'entreprise")).to_have_value("BE0403019262")
    page.get_by_label("Numéro d'entreprise").fill("0403.019.261")
    page.get_by_role("button", name="Créer un compte").click()

    expect(page.get_by_role("heading", name="Demandes (0)")).to_be_visible()
    expect(page.get_by_text("Sous-compte:")).to_be_visible()
    shot(page, "signed-up")
    office = User.objects.get(email="clementine@cazelles.be").membership.office
    assert office.enterprise_number == "0403019261"

    page.get_by_role("button", name="Clémentine CAZELLES").click()
    page.get_by_role("button", name="Déconnexion").click()
    expect(page.get_by_role("heading", name="Connexion")).to_be_visible()
    log_in(page, live_server.url, "Clementine@Cazelles.be", "zebra-lune-42")
    expect(page.get_by_role("heading", name="Demandes (0)")).to_be_visible()


def test_switching_the_profile_language_changes_the_interface(page: Page, live_server, alice):
    log_in(page, live_server.url, "alice@example.be", "zebra-lune-42")
    page.get_by_role("button", name="Alice MARTIN").click()
    page.get_by_role("link", name="Profil").click()
    expect(page.get_by_role("heading", name="Paramètres du profil")).to_be_visible()
    page.get_by_label("Langue").select_option("nl")
    page.get_by_role("button", name="Enregistrer").click()

    expect(page.get_by_role("heading", name="Profielinstellingen")).to_be_visible()
    expect(page.get_by_role("link", name="Aanvragen")).to_be_visible()
    expect(page.get_by_text("Uw profiel is opgeslagen.")).to_be_visible()
    shot(page, "profile-nl")
    page.get_by_label("Taal").select_option("en")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("link", name="Requests")).to_be_visible()


def test_a_forgotten_password_is_reset_with_the_emailed_link(
    page: Page, live_server, alice, deliver_mail
):
    page.goto(f"{live_server.url}/login/")
    page.get_by_role("link", name="Mot de passe oublié ?").click()
    page.get_by_label("E-mail").fill("alice@example.be")
    page.get_by_role("button", name="Envoyer le lien").click()
    expect(page.get_by_role("heading", name="Vérifiez vos e-mails")).to_be_visible()

    [message] = deliver_mail()
    page.goto(live_server.url + mail_link(message))
    page.get_by_label("Nouveau mot de passe", exact=True).fill("nouveau-secret-77")
    page.get_by_label("Confirmer le nouveau mot de passe").fill("nouveau-secret-77")
    page.get_by_role("button", name="Enregistrer le mot de passe").click()
    expect(page.get_by_text("Votre mot de passe a été modifié")).to_be_visible()

    log_in(page, live_server.url, "alice@example.be", "nouveau-secret-77")
    expect(page.get_by_role("heading", name="Demandes (0)")).to_be_visible()


def test_the_shell_fits_a_phone(page: Page, live_server, alice):
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server.url, "alice@example.be", "zebra-lune-42")
    page.get_by_role("button", name="Menu").click()
    for name in ("Demandes", "Clients", "Produits", "Utilisateurs", "Compte"):
        expect(page.get_by_role("link", name=name, exact=True)).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    shot(page, "phone-menu")
