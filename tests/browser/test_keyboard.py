"""The portal with the keyboard alone: a focus ring everywhere, a top bar that Tab and
Shift+Tab cross freely, a search dialog that gives focus back, and htmx results that say
how many they are."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from brokerdesk.accounts.models import User
from tests.browser.conftest import log_in_as
from tests.browser.test_accounts_journeys import shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# What the focused element looks like: its name, and whether its ring stands out from the
# bar (a solid outline of at least 2 px, not of the bar's own colour).
FOCUSED = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const bar = getComputedStyle(document.querySelector(".bd-topbar")).backgroundColor;
  return {
    id: el.id,
    text: (el.innerText || el.value || el.placeholder || "").trim().replace(/\\s+/g, " "),
    inBar: !!el.closest(".bd-topbar"),
    ring: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2
      && style.outlineColor !== bar,
  };
}"""


def test_tab_and_shift_tab_cross_the_top_bar_with_a_visible_ring(page: Page, live_server, portal):
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in_as(page, live_server.url, portal.world.alice)
    page.goto(f"{live_server.url}/requests/")
    page.locator("body").focus()

    forward = []
    for _ in range(14):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if forward and not focused["inBar"]:
            break
        if focused["inBar"]:
            forward.append(focused)
    names = [f["id"] or f["text"] for f in forward]
    assert names[1:6] == ["Demandes", "Clients", "Produits", "Utilisateurs", "Compte"], names
    assert {"top-search", "switcher", "usermenu"} <= set(names), names
    assert all(f["ring"] for f in forward), forward
    # Passing through the search box does not open the search dialog.
    expect(page.get_by_role("dialog", name="Rechercher")).to_be_hidden()

    backward = []
    page.locator("#usermenu").focus()
    for _ in range(len(forward)):
        backward.append(page.evaluate(FOCUSED))
        page.keyboard.press("Shift+Tab")
    assert [f["id"] or f["text"] for f in reversed(backward)] == names
    expect(page.get_by_role("dialog", name="Rechercher")).to_be_hidden()

    page.locator("#bd-chat-toggle").focus()
    assert page.evaluate(FOCUSED)["ring"]
    shot(page, "keyboard-aide-focus")


def test_the_search_dialog_counts_its_results_and_gives_focus_back(page: Page, live_server, portal):
    log_in_as(page, live_server.url, portal.world.alice)
    page.goto(f"{live_server.url}/requests/")
    search = page.get_by_role("searchbox", name="Rechercher").first
    search.focus()
    page.keyboard.type("Dupuis")
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Rechercher")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("status")).to_have_text("2 résultats")
    expect(dialog.get_by_role("link", name="PV_TPE-KMO_DUPUIS_0001")).to_be_visible()
    shot(page, "keyboard-search-dialog")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(page.locator("#top-search")).to_be_focused()


def test_filtered_lists_announce_how_many_they_show(page: Page, live_server, portal):
    w, base = portal.world, live_server.url
    log_in_as(page, base, w.alice)

    page.goto(f"{base}/users/")
    page.get_by_placeholder("Nom ou e-mail").fill("bob@")
    expect(page.get_by_role("status")).to_have_text("1 résultat")
    expect(page.get_by_role("link", name="Dirk Martin")).to_be_hidden()

    page.goto(f"{base}/search/")
    page.get_by_role("main").get_by_role("searchbox").fill("nobody-like-this")
    expect(page.get_by_role("main").get_by_role("status")).to_have_text("Aucun résultat")

    page.goto(f"{base}/account/groups/{w.antwerpen.pk}/")
    page.get_by_text("+ Ajouter un utilisateur existant").click()
    page.get_by_placeholder("Nom ou e-mail").fill("dirk")
    expect(page.locator("#picker-count")).to_have_text("1 résultat")
    expect(page.locator("#picker-count")).to_have_attribute("role", "status")

    page.context.clear_cookies()
    log_in_as(page, base, w.victor)
    page.goto(f"{base}/backoffice/")
    page.get_by_label("Statut").select_option("refused")
    expect(page.get_by_role("status")).to_have_text("Aucun résultat")
    page.goto(f"{base}/backoffice/quotes/")
    page.get_by_role("searchbox").fill("Dupuis")
    expect(page.get_by_role("status")).to_have_text("2 résultats")


def test_enter_on_the_company_step_creates_the_account(page: Page, live_server):
    page.goto(f"{live_server.url}/signup/")
    page.get_by_label("Prénom").fill("Clémentine")
    page.get_by_label("Nom", exact=True).fill("Cazelles")
    page.get_by_label("E-mail").fill("clementine@cazelles.be")
    page.get_by_label("Mot de passe", exact=True).fill("zebra-lune-42")
    page.get_by_label("Confirmer le mot de passe").fill("zebra-lune-42")
    page.get_by_label("J'accepte les conditions").check()
    page.keyboard.press("Enter")

    # Refused: the title says so and focus is on the first field to correct.
    name = page.get_by_label("Nom commercial (de la société)")
    page.get_by_label("Code postal").fill("1050")
    page.get_by_label("Code postal").press("Enter")
    expect(page).to_have_title(re.compile(r"^Erreur :"))
    expect(name).to_be_focused()
    shot(page, "keyboard-signup-error")

    name.fill("Cazelles Courtage")
    page.get_by_label("Numéro d'entreprise").fill("0403.019.261")
    page.get_by_label("Numéro de téléphone").fill("0470 12 34 56")
    page.get_by_label("Numéro de téléphone").press("Enter")
    expect(page.get_by_role("heading", name="Demandes (0)")).to_be_visible()
    assert User.objects.filter(email="clementine@cazelles.be").exists()


def test_a_refused_login_puts_its_message_first(page: Page, live_server, alice):
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("E-mail").fill("alice@example.be")
    page.get_by_label("Mot de passe").fill("not-her-password")
    page.get_by_label("Mot de passe").press("Enter")
    expect(page).to_have_title(re.compile(r"^Erreur :"))
    expect(page.get_by_role("alert")).to_be_focused()


def test_arrow_keys_in_the_language_list_do_not_reload_the_page(page: Page, live_server):
    page.goto(f"{live_server.url}/login/")
    language = page.get_by_label("Langue")
    language.focus()
    page.keyboard.press("ArrowDown")
    page.wait_for_timeout(300)
    expect(page.get_by_role("heading", name="Connexion", exact=True)).to_be_visible()
    expect(language).to_be_focused()
    expect(page.get_by_role("button", name="Changer")).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.get_by_label("Taal")).to_have_value("nl")


def test_the_chat_appends_each_turn_and_keeps_focus_on_the_question(page: Page, live_server, alice):
    log_in_as(page, live_server.url, alice)
    page.goto(f"{live_server.url}/requests/")
    page.get_by_role("button", name="Aide").press("Enter")
    dialog = page.get_by_role("dialog", name="Une question ?")
    question = dialog.get_by_label("Votre question")
    expect(question).to_be_focused()
    page.keyboard.type("Quel est le format de la référence ?")
    page.keyboard.press("Enter")
    log = dialog.get_by_role("log")
    expect(log).to_contain_text("PV_TPE-KMO_<CLIENT>_<NNNN>")
    expect(log.get_by_role("button")).to_have_count(0)  # suggestions live outside the log

    dialog.locator("#bd-chat-suggestions").get_by_role("button").first.click()
    expect(log.locator(".bd-chat-q")).to_have_count(2)
    expect(question).to_be_focused()
    page.keyboard.type("Hoe nodig ik een collega uit?")
    page.keyboard.press("Enter")
    expect(log.locator(".bd-chat-q")).to_have_count(3)
    expect(log.locator(".bd-chat-a").last).to_contain_text("Dit zegt de hulp:")
    expect(log).to_contain_text("Bonjour", use_inner_text=True)
    assert log.inner_text().count("Quel est le format") == 1
    shot(page, "keyboard-chat")
