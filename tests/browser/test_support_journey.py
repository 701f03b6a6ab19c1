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


def test_an_anonymous_visitor_chats_and_confirms_the_address_before_support_hears(
    page: Page, live_server, deliver_mail, settings
):
    """No session is stored for the visitor's questions, and the typed address gets a link,
    not the visitor's text, until it is confirmed."""
    from django.contrib.sessions.models import Session

    from conftest import mail_link

    settings.SUPPORT_EMAIL = "support@brokerdesk.test"
    page.goto(f"{live_server.url}/login/")
    page.get_by_role("button", name="Aide").click()
    dialog = page.get_by_role("dialog", name="Une question ?")
    dialog.get_by_label("Votre question").fill("mot de passe oublié")
    dialog.get_by_label("Votre question").press("Enter")
    log = dialog.get_by_role("log")
    expect(log).to_contain_text("mot de passe oublié")
    dialog.get_by_label("Votre question").fill("changer la langue")
    dialog.get_by_label("Votre question").press("Enter")
    # The page kept the first question and sent it back with the second.
    expect(log).to_contain_text("changer la langue")
    expect(log).to_contain_text("mot de passe oublié")
    assert not Session.objects.exists()

    page.goto(f"{live_server.url}/help/escalate/")
    page.get_by_label("Votre adresse e-mail").fill("visitor@example.be")
    page.get_by_role("main").get_by_label("Votre question").fill("Gagnez un iPhone ici")
    page.get_by_role("button", name="Envoyer au support").click()
    expect(page.get_by_role("heading", name="Confirmez votre adresse")).to_be_visible()
    [mail] = deliver_mail()
    assert mail["To"] == "visitor@example.be" and "iPhone" not in mail_text(mail)

    page.goto(f"{live_server.url}{mail_link(mail)}")
    page.get_by_role("button", name="Confirmer et envoyer au support").click()
    expect(page.get_by_role("heading", name="Message envoyé")).to_be_visible()
    recipients = sorted(m["To"] for m in deliver_mail())
    assert "support@brokerdesk.test" in recipients
    assert Ticket.objects.get().status == Ticket.Status.OPEN
