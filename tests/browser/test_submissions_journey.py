"""Issue 16, items 4 and 5: a broker asks the insurer's opinion on a referred quote with an
attachment, the insurer accepts with a loading, the broker sees the loaded premium; a broker
submits a priced quote, the insurer accepts with a policy number, the broker sees it in
"Demandes"."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from brokerdesk.quotes.models import Quote
from brokerdesk.submissions.tests.conftest import REFERRED, pdf_bytes, priced_quote
from tests.browser.conftest import log_in_as
from tests.browser.test_accounts_journeys import shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def as_user(page: Page, base: str, user) -> None:
    page.context.clear_cookies()
    log_in_as(page, base, user)


def test_referral_dialogue_with_an_attachment_and_a_loading(
    page: Page, live_server, bob, accepted, product, make_staff, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    victor = make_staff("victor@vivium.be", product.insurer.name)
    quote = priced_quote(accepted, product, bob, REFERRED)
    base = live_server.url

    as_user(page, base, bob)
    page.goto(f"{base}/requests/{quote.pk}/")
    expect(page.locator("#referral-blocks")).to_be_visible()
    expect(page.get_by_role("button", name="Générer l'offre")).to_have_count(0)
    page.get_by_role("link", name="Demander l'avis de la compagnie").click()
    page.get_by_label("Message").fill("Un accident mortel en 2024 : voir le rapport.")
    attachment = tmp_path / "rapport.pdf"
    attachment.write_bytes(pdf_bytes())
    page.get_by_label("Pièces jointes").set_input_files(str(attachment))
    page.get_by_role("button", name="Envoyer le message").click()
    expect(page.get_by_text("Le message est envoyé.")).to_be_visible()
    expect(page.get_by_role("link", name="rapport.pdf")).to_be_visible()
    shot(page, "referral-thread")

    as_user(page, base, victor)
    page.goto(f"{base}/backoffice/")
    page.get_by_role("link", name="Demandes d'avis").click()
    page.get_by_role("link", name=quote.reference).click()
    expect(page.get_by_text("Un accident mortel en 2024")).to_be_visible()
    page.get_by_label("Accepter avec une surprime").check()
    page.get_by_label("Surprime (%)").fill("10")
    page.get_by_role("button", name="Transmettre la réponse").click()
    expect(page.get_by_text("La réponse est transmise au courtier.")).to_be_visible()
    shot(page, "referral-decided")

    loaded = Quote.objects.get(pk=quote.pk).total_annual
    assert loaded > quote.total_annual
    as_user(page, base, bob)
    page.goto(f"{base}/requests/{quote.pk}/")
    expect(page.get_by_text("Surprime de la compagnie")).to_be_visible()
    euros = f"{loaded:,.2f}".replace(",", " ").replace(".", ",")
    expect(page.locator("#total-annual")).to_contain_text(re.compile(euros.replace(" ", r"\s")))
    expect(page.get_by_role("button", name="Générer l'offre")).to_be_visible()


def test_submission_accepted_with_a_policy_number(
    page: Page, live_server, bob, accepted, product, make_staff
):
    victor = make_staff("victor@vivium.be", product.insurer.name)
    quote = priced_quote(accepted, product, bob)
    base = live_server.url

    as_user(page, base, bob)
    page.goto(f"{base}/requests/{quote.pk}/")
    page.get_by_role("link", name="Soumettre à la compagnie").click()
    page.get_by_role("button", name="Soumettre à la compagnie").click()
    expect(page.get_by_text("La demande est soumise à la compagnie.")).to_be_visible()

    as_user(page, base, victor)
    page.goto(f"{base}/backoffice/")
    page.get_by_role("link", name="Propositions").click()
    page.get_by_role("link", name=quote.reference).click()
    page.get_by_role("button", name="Accepter").click()  # without the number first
    expect(page.get_by_text("Indiquez le numéro de police.")).to_be_visible()
    page.get_by_label("Numéro de police").fill("POL-2026-001")
    page.get_by_role("button", name="Accepter").click()
    expect(page.get_by_text("La proposition est acceptée.")).to_be_visible()
    shot(page, "proposition-accepted")

    as_user(page, base, bob)
    page.goto(f"{base}/requests/")
    row = page.get_by_role("row").filter(has_text=quote.reference)
    expect(row).to_contain_text("Accepté par la compagnie")
    expect(row).to_contain_text("police n° POL-2026-001")
    page.goto(f"{base}/requests/?status=insurer_accepted")  # the list's status filter
    expect(page.get_by_role("row").filter(has_text=quote.reference)).to_be_visible()
