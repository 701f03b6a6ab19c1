"""Issue 16: a broker issues and sends the offer; the client accepts it from the e-mail."""

from __future__ import annotations

import pytest
from django.test import Client
from playwright.sync_api import Page, expect

from brokerdesk.offers.tests.conftest import START
from brokerdesk.quotes.tests.conftest import fill  # noqa: F401  (the wizard, filled)
from conftest import PASSWORD, mail_link
from tests.browser.test_accounts_journeys import log_in, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_client_accepts_the_offer_sent_by_the_broker(
    page: Page,
    browser,
    live_server,
    bob,
    accepted,
    fill,  # noqa: F811
    deliver_mail,
    settings,
    tmp_path,
):
    settings.MEDIA_ROOT = tmp_path / "media"
    client = Client()
    client.force_login(bob)
    pk = fill(client)  # priced through the wizard's own pages

    log_in(page, live_server.url, "bob@example.be", PASSWORD)
    page.goto(f"{live_server.url}/requests/{pk}/")
    page.get_by_label("Date de prise d'effet").fill(START.isoformat())
    page.get_by_role("button", name="Générer l'offre").click()
    expect(page.get_by_text("L'offre est émise.")).to_be_visible()
    expect(page.get_by_role("heading", name="Offres émises")).to_be_visible()
    page.get_by_role("link", name="Envoyer au client").click()
    page.get_by_label("E-mail du client").fill("marie@dupuis.be")
    page.get_by_label("Langue du client").select_option("fr")
    shot(page, "offer-send")
    page.get_by_role("button", name="Envoyer au client").click()
    expect(page.get_by_text("L'offre est envoyée à marie@dupuis.be.")).to_be_visible()

    (mail,) = deliver_mail()
    assert any(p.get_content_type() == "application/pdf" for p in mail.iter_attachments())
    link = mail_link(mail)

    # The client, in a browser of its own, without an account.
    visitor = browser.new_page()
    visitor.goto(f"{live_server.url}{link}")
    expect(visitor.get_by_role("heading", name="Votre offre d'assurance")).to_be_visible()
    expect(visitor.get_by_role("link", name="Demandes")).to_have_count(0)
    visitor.get_by_role("button", name="Accepter l'offre").click()
    expect(visitor.get_by_text("Cochez la case pour accepter l'offre.")).to_be_visible()
    visitor.get_by_label("Nom et prénom").fill("Marie Dupuis")
    visitor.get_by_label("Fonction").fill("Gérante")
    visitor.get_by_label("J'ai lu l'offre et je l'accepte").check()
    shot(visitor, "offer-public")
    visitor.get_by_role("button", name="Accepter l'offre").click()
    expect(visitor.get_by_text("Offre acceptée le")).to_be_visible()
    expect(visitor.get_by_role("button", name="Accepter l'offre")).to_have_count(0)
    visitor.close()

    page.reload()
    expect(page.locator("body")).to_contain_text("Acceptée par le client")
    expect(page.get_by_role("link", name="PDF signé")).to_be_visible()
    shot(page, "offer-accepted")
