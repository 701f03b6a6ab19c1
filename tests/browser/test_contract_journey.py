"""Issue 16, the whole way from a price to a policy: a broker prices, sends the offer, the
client accepts it from the e-mail's link, the broker submits it, the insurer accepts it with
a policy number, and the broker sees "Accepté par la compagnie" in "Demandes" and the bell."""

from __future__ import annotations

import pytest
from django.test import Client
from playwright.sync_api import Page, expect

from brokerdesk.quotes.models import Quote
from brokerdesk.quotes.tests.conftest import fill  # noqa: F401  (the wizard, filled)
from conftest import mail_link
from tests.browser.conftest import log_in_as
from tests.browser.test_accounts_journeys import shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_from_a_price_to_a_policy(
    page: Page,
    browser,
    live_server,
    bob,
    accepted,
    product,
    make_staff,
    fill,  # noqa: F811
    deliver_mail,
):
    victor = make_staff("victor@vivium.be", product.insurer.name)
    client = Client()
    client.force_login(bob)
    pk = fill(client)  # priced through the wizard's own pages
    reference = Quote.objects.get(pk=pk).reference
    base = live_server.url

    # The broker issues the offer and sends it to the client.
    log_in_as(page, base, bob)
    page.goto(f"{base}/requests/{pk}/")
    page.get_by_role("button", name="Générer l'offre").click()
    expect(page.get_by_text("L'offre est émise.")).to_be_visible()
    page.get_by_role("link", name="Envoyer au client").click()
    page.get_by_label("E-mail du client").fill("marie@dupuis.be")
    page.get_by_role("button", name="Envoyer au client").click()
    expect(page.get_by_text("L'offre est envoyée à marie@dupuis.be.")).to_be_visible()

    # The client accepts from the link of the e-mail, without an account.
    (mail,) = deliver_mail()
    visitor = browser.new_page()
    visitor.goto(f"{base}{mail_link(mail)}")
    visitor.get_by_label("Nom et prénom").fill("Marie Dupuis")
    visitor.get_by_label("Fonction").fill("Gérante")
    visitor.get_by_label("J'ai lu l'offre et je l'accepte").check()
    visitor.get_by_role("button", name="Accepter l'offre").click()
    expect(visitor.get_by_text("Offre acceptée le")).to_be_visible()
    visitor.close()

    # The broker is told, and submits the accepted offer to the insurer.
    page.goto(f"{base}/requests/{pk}/")
    expect(page.locator("body")).to_contain_text("Acceptée par le client")
    page.get_by_role("link", name="Soumettre à la compagnie").click()
    page.get_by_role("button", name="Soumettre à la compagnie").click()
    expect(page.get_by_text("La demande est soumise à la compagnie.")).to_be_visible()

    # The insurer reads the proposition with the client's acceptance, and accepts it.
    page.context.clear_cookies()
    log_in_as(page, base, victor)
    page.goto(f"{base}/backoffice/")
    page.get_by_role("link", name="Propositions").click()
    page.get_by_role("link", name=reference).click()
    acceptance = page.locator("#acceptance")
    expect(acceptance).to_contain_text("Marie Dupuis, Gérante")
    expect(acceptance.get_by_role("link", name="PDF signé")).to_be_visible()
    page.get_by_label("Numéro de police").fill("POL-2027-042")
    page.get_by_role("button", name="Accepter").click()
    expect(page.get_by_text("La proposition est acceptée.")).to_be_visible()
    shot(page, "contract-insurer-accepted")

    # The broker sees the policy in "Demandes", and the news under the bell.
    page.context.clear_cookies()
    log_in_as(page, base, bob)
    page.goto(f"{base}/requests/")
    row = page.get_by_role("row").filter(has_text=reference)
    expect(row).to_contain_text("Accepté par la compagnie")
    expect(row).to_contain_text("police n° POL-2027-042")
    shot(page, "contract-broker-list")
    page.goto(f"{base}/notifications/")
    expect(page.get_by_text(f"La compagnie a accepté la demande {reference}")).to_be_visible()
    expect(page.get_by_text(f"a accepté l'offre {reference}")).to_be_visible()
