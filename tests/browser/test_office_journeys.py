"""Browser journeys of an office administrator: invitations, groups, the sub-account switcher."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from brokerdesk.accounts.models import User
from conftest import PASSWORD, mail_link
from tests.browser.test_accounts_journeys import log_in, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_admin_invites_a_colleague_who_joins_and_gets_a_group(
    page: Page, browser, live_server, alice, deliver_mail
):
    log_in(page, live_server.url, "alice@example.be", PASSWORD)
    page.get_by_role("link", name="Compte").click()
    page.get_by_role("link", name="Inviter un nouvel utilisateur").click()
    page.get_by_label("Prénom").fill("Nina")
    page.get_by_label("Nom", exact=True).fill("Claes")
    page.get_by_label("E-mail").fill("ALICE@example.be")  # already in use
    page.get_by_label("Antwerpen").check()
    page.get_by_role("button", name="Inviter").click()
    expect(page.get_by_text("déjà utilisée")).to_be_visible()
    expect(page.get_by_label("Prénom")).to_have_value("Nina")
    page.get_by_label("E-mail").fill("nina@example.be")
    page.get_by_label("Langue").select_option("nl")
    page.get_by_role("button", name="Inviter").click()
    expect(page.get_by_text("Une invitation a été envoyée à nina@example.be")).to_be_visible()
    expect(page.get_by_role("row", name="nina@example.be")).to_contain_text("Invité")
    shot(page, "users-with-invitation")

    nina_mail = next(m for m in deliver_mail() if m["To"] == "nina@example.be")
    invitee = browser.new_page(locale="nl-BE")
    invitee.goto(live_server.url + mail_link(nina_mail))
    expect(invitee.get_by_text(alice.membership.office.name)).to_be_visible()
    invitee.get_by_label("Nieuw wachtwoord", exact=True).fill("nina-secret-77")
    invitee.get_by_label("Nieuw wachtwoord bevestigen").fill("nina-secret-77")
    shot(invitee, "accept-invitation")
    invitee.get_by_role("button", name="Mijn account activeren").click()
    expect(invitee.get_by_text("Deelaccount:")).to_be_visible()
    assert User.objects.get(email="nina@example.be").membership.status == "active"

    # A new group, then Nina is added to it from the group page's picker.
    page.goto(f"{live_server.url}/account/groups/")
    page.get_by_role("link", name="+ Nouveau groupe").click()
    page.get_by_label("Nom", exact=True).fill("Liège")
    page.get_by_label("Code postal").fill("4000")
    expect(page.get_by_label("Ville")).to_have_value("Liège")
    page.get_by_role("button", name="Créer le groupe").click()
    expect(page.get_by_role("heading", name="Liège")).to_be_visible()
    page.get_by_text("+ Ajouter un utilisateur existant").click()
    page.get_by_label("Sélectionnez un utilisateur").fill("clae")
    expect(page.locator("#picker-list")).to_contain_text("nina@example.be")
    page.locator("#picker-list").get_by_role("button", name="Nina Claes").click()
    expect(page.get_by_role("row", name="nina@example.be")).to_be_visible()
    shot(page, "group-page")

    # Nina's switcher now offers both of her groups.
    invitee.reload()
    invitee.locator("#switcher").click()
    expect(invitee.get_by_role("button", name="Liège")).to_be_visible()
    invitee.get_by_role("button", name="Liège").click()
    expect(invitee.locator("#switcher")).to_contain_text("Liège")
