"""Browser journeys through an insurer's own door: its top bar, a deep link from its extranet
through the login page, and its single sign-on, in Debian's Chromium.

The portal runs on the live server; Chromium resolves vivium.localhost to the loopback address
by itself (every *.localhost name is loopback to it), so the insurer's host reaches the same
server as localhost does.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_accounts_journeys import log_in, shot
from tests.factories import InsurerSiteFactory, QuoteFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
CLIENT = {"client_id": "brokerdesk-vivium-browser", "client_secret": "browser-s3cret"}


def vivium_url(live_server) -> str:
    return f"http://vivium.localhost:{urlsplit(live_server.url).port}"


def brand(page: Page):
    return page.get_by_role("navigation", name="Menu principal").locator(".navbar-brand")


def test_the_insurer_host_shows_its_brand_and_the_generic_host_does_not(
    page: Page, live_server, product, alice
):
    InsurerSiteFactory(insurer=product.insurer, welcome_fr="Bienvenue aux courtiers Vivium.")
    vivium = vivium_url(live_server)
    page.goto(f"{vivium}/login/")
    expect(page.get_by_role("heading", name="VIVIUM")).to_be_visible()
    expect(page.get_by_text("Bienvenue aux courtiers Vivium.")).to_be_visible()
    shot(page, "insurer-site-login")
    log_in(page, vivium, "alice@example.be", "zebra-lune-42")
    expect(brand(page)).to_have_text("VIVIUM")
    # The insurer's colour is on the top bar (#00664f in the factory).
    background = brand(page).evaluate("e => getComputedStyle(e.closest('nav')).backgroundColor")
    assert background == "rgb(0, 102, 79)"
    shot(page, "insurer-site-top-bar")

    page.goto(f"{live_server.url}/login/")
    expect(page.get_by_role("heading", name="brokerdesk")).to_be_visible()
    log_in(page, live_server.url, "alice@example.be", "zebra-lune-42")
    expect(brand(page)).to_have_text("brokerdesk")


def test_a_deep_link_from_the_extranet_lands_on_the_quote_after_login(
    page: Page, live_server, product, bob, accepted
):
    InsurerSiteFactory(insurer=product.insurer)
    quote = QuoteFactory(group=accepted, product=product, created_by=bob, client_name="Elisabeth")
    vivium = vivium_url(live_server)
    page.goto(f"{vivium}/requests/reference/{quote.reference}/")
    expect(page.get_by_role("heading", name="Connexion")).to_be_visible()
    page.get_by_label("E-mail").fill("bob@example.be")
    page.get_by_label("Mot de passe").fill("zebra-lune-42")
    page.get_by_role("button", name="Connexion").click()
    expect(page).to_have_url(f"{vivium}/requests/{quote.pk}/")
    expect(page.get_by_text(quote.reference).first).to_be_visible()
    expect(brand(page)).to_have_text("VIVIUM")


def test_single_sign_on_round_trip(page: Page, live_server, product, alice, oidc_provider):
    vivium = vivium_url(live_server)
    oidc_provider.setup(
        clients=[{**CLIENT, "redirect_uris": [f"{vivium}/sso/callback/"]}],
        people=[
            {
                "email": "alice@example.be",
                "password": "provider-pass-1",
                "producer_number": "123456",
            }
        ],
    )
    InsurerSiteFactory(
        insurer=product.insurer,
        oidc_issuer=oidc_provider.issuer,
        oidc_client_id=CLIENT["client_id"],
        oidc_client_secret=CLIENT["client_secret"],
    )
    page.goto(f"{vivium}/requests/")
    page.get_by_role("link", name="Se connecter avec VIVIUM").click()
    expect(page.get_by_role("heading", name="Insurer extranet sign-in")).to_be_visible()
    page.get_by_label("Username").fill("alice@example.be")
    page.get_by_label("Password").fill("provider-pass-1")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{vivium}/requests/")
    expect(page.get_by_role("button", name="Alice MARTIN")).to_be_visible()
    expect(brand(page)).to_have_text("VIVIUM")
    shot(page, "insurer-site-sso")
