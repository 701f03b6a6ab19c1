"""Two-factor login in Chromium: an administrator is asked to set up an authenticator at the
next login, scans (here: reads) the key, confirms with a code, keeps the recovery codes, and
logs in again with a code computed in the test as the phone would."""

from __future__ import annotations

import re
import time
from base64 import b32decode

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import Page, expect

from brokerdesk.audit.models import AuditEvent
from conftest import PASSWORD
from tests.browser.test_accounts_journeys import log_in, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def phone_code(secret: str, offset: int = 0) -> str:
    """The six digits an authenticator app with this key shows (now, or `offset` s later)."""
    totp = TOTP(b32decode(secret.replace(" ", "")))
    totp.time = time.time() + offset
    return f"{totp.token():06d}"


def test_an_administrator_enrols_then_logs_in_with_a_code(page: Page, live_server, alice, settings):
    settings.MFA_ENFORCED = True
    log_in(page, live_server.url, "alice@example.be", PASSWORD)
    expect(page.get_by_role("heading", name="Activer la double authentification")).to_be_visible()
    expect(page.get_by_text("Votre rôle demande une double authentification")).to_be_visible()
    expect(page.get_by_role("img", name="Code QR à scanner avec votre application")).to_be_visible()
    # Nothing else opens before it is done.
    page.goto(f"{live_server.url}/requests/")
    expect(page.get_by_role("heading", name="Activer la double authentification")).to_be_visible()
    shot(page, "two-factor-enrol")

    secret = page.locator("#totp-secret").inner_text()
    page.get_by_label("Code", exact=True).fill("000000")
    page.get_by_role("button", name="Activer").click()
    expect(page.get_by_text("Ce code n'est pas valable. Réessayez.")).to_be_visible()
    # django-otp makes the next attempt wait after a failure: let the wait pass.
    page.wait_for_timeout(1100)
    page.get_by_label("Code", exact=True).fill(phone_code(secret))
    page.get_by_role("button", name="Activer").click()

    expect(page.get_by_text("La double authentification est activée.")).to_be_visible()
    codes = page.locator("#recovery-codes li").all_inner_texts()
    assert len(codes) == 10 and all(re.fullmatch(r"\w{4}-\w{4}-\w{4}", c) for c in codes)
    shot(page, "two-factor-recovery-codes")
    page.get_by_role("link", name="J'ai noté mes codes").click()
    expect(page.get_by_role("heading", name=re.compile(r"Demandes \(\d+\)"))).to_be_visible()

    # The next login asks for the code; the one just used is refused, the next one passes.
    page.context.clear_cookies()
    log_in(page, live_server.url, "alice@example.be", PASSWORD)
    expect(page.get_by_role("heading", name="Double authentification")).to_be_visible()
    page.get_by_label("Code", exact=True).fill(phone_code(secret, offset=30))
    page.get_by_role("button", name="Vérifier").click()
    expect(page.get_by_role("heading", name=re.compile(r"Demandes \(\d+\)"))).to_be_visible()

    actions = list(AuditEvent.objects.filter(actor=alice).values_list("action", flat=True))
    assert {"user.mfa_enrolled", "user.mfa_verified", "user.mfa_failed"} <= set(actions)


def test_a_recovery_code_replaces_a_lost_phone_in_dutch(page: Page, live_server, bob, settings):
    """Bob (Dutch, a broker) chose it himself; his phone is gone, a recovery code lets him in
    and he sets up a new app."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from brokerdesk.security.services import new_recovery_codes

    settings.MFA_ENFORCED = True
    TOTPDevice.objects.create(user=bob, name="authenticator", confirmed=True)
    [code, *_] = new_recovery_codes(user=bob)
    log_in(page, live_server.url, "bob@example.be", PASSWORD)
    expect(page.get_by_role("heading", name="Tweestapsverificatie")).to_be_visible()
    page.get_by_label("Code", exact=True).fill(code.lower())
    page.get_by_role("button", name="Controleren").click()
    expect(page.get_by_role("heading", name=re.compile(r"Aanvragen|Demandes"))).to_be_visible()

    page.goto(f"{live_server.url}/profile/")
    page.get_by_role("link", name="Beheren").click()
    expect(page.get_by_text("U hebt nog 9 herstelcodes.")).to_be_visible()
    page.get_by_role("link", name="Andere app").click()
    secret = page.locator("#totp-secret").inner_text()
    page.get_by_label("Code", exact=True).fill(phone_code(secret))
    page.get_by_role("button", name="Activeren").click()
    expect(page.get_by_text("Tweestapsverificatie is ingeschakeld.")).to_be_visible()
    assert TOTPDevice.objects.filter(user=bob, confirmed=True).count() == 1
