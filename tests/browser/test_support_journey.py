"""The help chat, with the keyboard: a question, an answer from the articles, then a person."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from brokerdesk.support.models import Ticket
from conftest import PASSWORD, mail_text
from tests.browser.test_accounts_journeys import log_in, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_from_a_question_to_a_support_ticket(
    page: Page, live_server, alice, deliver_mail, settings
):
    settings.SUPPORT_EMAIL = "support@brokerdesk.test"
    log_in(page, live_server.url, "alice@example.be", PASSWORD)
    toggle = page.get_by_role("button", name="Aide")
    toggle.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Une question ?")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_label("Votre question")).to_be_focused()
    page.keyboard.type("Comment inviter un collègue ?")
    page.keyboard.press("Enter")
    log = dialog.get_by_role("log")
    expect(log).to_contain_text("Comment inviter un collègue ?")
    expect(log.get_by_role("link").first).to_have_attribute("href", "/help/inviter-collaborateurs/")
    shot(page, "chat-answer")

    dialog.get_by_role("link", name="Ce n'est pas résolu").click()
    expect(page.get_by_label("Conversation avec l'assistant")).to_contain_text(
        "Comment inviter un collègue ?"
    )
    page.get_by_role("main").get_by_label("Votre question").fill(
        "L'invitation n'arrive pas chez mon collègue."
    )
    page.get_by_role("button", name="Envoyer au support").click()
    expect(page.get_by_role("heading", name="Message envoyé")).to_be_visible()

    ticket = Ticket.objects.get()
    assert ticket.office == alice.membership.office.name and ticket.page == "/requests/"
    mails = {m["To"]: m for m in deliver_mail()}
    assert set(mails) == {"support@brokerdesk.test", "alice@example.be"}
    assert "L'invitation n'arrive pas" in mail_text(mails["support@brokerdesk.test"])
    assert mails["support@brokerdesk.test"]["Reply-To"] == "alice@example.be"

    # Under "Aide", Alice finds her message and where it stands.
    page.goto(f"{live_server.url}/help/")
    mine = page.get_by_role("region", name="Vos messages au support")
    expect(mine).to_contain_text("L'invitation n'arrive pas chez mon collègue.")
    expect(mine).to_contain_text("Ouvert")
    shot(page, "support-my-tickets")
