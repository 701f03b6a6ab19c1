"""The production smoke: the demo portal deployed as the README says, used in Chromium.

Any 5xx answer or browser console error fails it.
"""

from __future__ import annotations

import gzip
import re
import urllib.request

import pytest
from playwright.sync_api import Page, expect

from conftest import pdf_text
from tests.production.deployment import INSECURE, demo_code, wait_until

pytestmark = pytest.mark.production


@pytest.fixture
def watched(page: Page):
    """The page, with every server error and console error it meets collected."""
    problems: list[str] = []
    page.on("response", lambda r: r.status >= 500 and problems.append(f"{r.status} {r.url}"))
    page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    yield page
    assert problems == []


def test_an_administrator_prices_issues_finds_and_invites(watched: Page, deployment, mailbox):
    page = watched
    page.goto(f"{deployment.url}/login/")
    page.get_by_label("E-mail").fill("admin@demo.brokerdesk.be")
    page.get_by_label("Mot de passe").fill("demo-brokerdesk")
    page.get_by_role("button", name="Connexion").click()
    # The administrator's second factor: the demo authenticator key of the README.
    page.get_by_label("Code", exact=True).fill(demo_code())
    page.get_by_role("button", name="Vérifier").click()
    expect(page.get_by_role("heading", name=re.compile(r"Demandes \(\d+\)"))).to_be_visible()

    # Bruxelles may price the Tool TPE: switch to it, then "+ Nouveau".
    page.get_by_role("button", name=re.compile("Sous-compte")).click()
    page.get_by_role("button", name="Bruxelles").click()
    page.get_by_role("link", name="+ Nouveau").click()

    page.get_by_label("Nom / raison sociale").fill("Boulangerie Élisabeth")
    page.get_by_label("Activité exercée").fill(
        "10.712 Fabrication artisanale de pain et de pâtisserie fraîche"
    )
    page.get_by_label("Numéro d'entreprise").fill("0403.019.261")
    page.get_by_label("Code postal").fill("4000")
    expect(page.get_by_label("Ville")).to_have_value("Liège")
    page.get_by_role("button", name="Étape suivante").click()
    expect(page.get_by_role("heading", name="Choix des couvertures")).to_be_visible()
    page.get_by_role("button", name="Étape suivante").click()
    expect(page.get_by_role("heading", name="Historique sinistre")).to_be_visible()
    page.get_by_role("button", name="Étape suivante").click()
    expect(page.get_by_role("heading", name="Garantie légale")).to_be_visible()
    page.get_by_label("Ouvriers — Nombre").fill("3")
    page.get_by_label("Ouvriers — Salaires bruts annuels (€)").fill("105000")
    expect(page.locator("#preview")).to_contain_text("€")
    page.get_by_role("button", name="Étape suivante").click()

    expect(page.locator("#total-annual")).to_contain_text("€")
    reference = re.search(r"PV_TPE-KMO_BOULANGERIE-ELISABETH_\d{4}", page.content()).group(0)
    page.get_by_role("button", name="Générer l'offre").click()
    expect(page.get_by_text("L'offre est émise.")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger l'offre (PDF)").click(modifiers=["Alt"])
    assert reference in pdf_text(download.value.path().read_bytes())

    page.get_by_placeholder("Rechercher ...").click()
    dialog = page.get_by_role("dialog", name="Rechercher")
    dialog.get_by_placeholder("Tapez pour rechercher un élément").fill("elisab")
    expect(dialog.get_by_role("link", name=reference)).to_be_visible()
    page.keyboard.press("Escape")

    # An invitation, delivered by the worker through a real SMTP server.
    page.goto(f"{deployment.url}/account/invite/")
    page.get_by_label("Prénom").fill("Julie")
    page.get_by_label("Nom", exact=True).fill("Gérard")
    page.get_by_label("E-mail").fill("julie.gerard@example.be")
    page.get_by_role("checkbox", name="Bruxelles").check()
    page.get_by_role("button", name="Inviter").click()
    expect(page.get_by_text("Une invitation a été envoyée")).to_be_visible()
    [invitation] = wait_until(
        lambda: [m for m in mailbox.messages if m.rcpt_tos == ["julie.gerard@example.be"]],
        what="the invitation e-mail",
    )
    assert b"https://portal.example.be/invitation/" in invitation.content


def fetch(url: str, **headers: str):
    request = urllib.request.Request(url, headers=headers)
    return urllib.request.urlopen(request, context=INSECURE, timeout=10)


def test_responses_carry_the_production_headers(deployment):
    login = fetch(f"{deployment.url}/login/", **{"Accept-Encoding": "gzip"})
    assert login.headers["Content-Encoding"] == "gzip"
    html = gzip.decompress(login.read()).decode()
    headers = login.headers
    assert headers["Strict-Transport-Security"] == ("max-age=31536000; includeSubDomains; preload")
    csp = headers["Content-Security-Policy"]
    assert "object-src 'none'" in csp and "'unsafe-inline'" not in csp
    assert "report-uri /csp-report/" in csp
    assert headers["Reporting-Endpoints"] == 'csp="/csp-report/"'
    assert "camera=()" in headers["Permissions-Policy"]
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    cookies = headers.get_all("Set-Cookie")
    assert cookies and all("Secure" in c and "SameSite=Lax" in c for c in cookies)
    assert re.fullmatch(r"[0-9a-f]{32}", headers["X-Request-ID"])  # nginx's id

    # Static files have hashed names and are cached for ever.
    css = re.search(r'href="(/static/vendor/bootstrap\.min\.[0-9a-f]{12}\.css)"', html).group(1)
    static = fetch(f"{deployment.url}{css}", **{"Accept-Encoding": "gzip"})
    assert "immutable" in static.headers["Cache-Control"]
    assert static.headers["Content-Encoding"] == "gzip"

    health = fetch(f"{deployment.url}/healthz")
    assert health.status == 200 and b'"database": "ok"' in health.read()


def test_plain_http_is_sent_to_https(deployment):
    """Straight to gunicorn, without the proxy's X-Forwarded-Proto: a redirect, not a page."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as answer:
        opener.open(f"{deployment.web}/login/", timeout=10)
    assert answer.value.code == 301
    assert answer.value.headers["Location"].startswith("https://")
