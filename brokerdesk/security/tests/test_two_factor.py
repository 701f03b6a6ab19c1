"""Two-factor login (README, "Two-factor login"): who must, enrolment, codes, recovery codes,
throttling and the audit trail, through the real login."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from brokerdesk.audit.models import AuditEvent
from brokerdesk.security.models import RecoveryCode
from conftest import PASSWORD, totp_code


@pytest.fixture(autouse=True)
def enforced(settings):
    settings.MFA_ENFORCED = True


def password_login(client, email, ip="10.0.0.1"):
    data = {"username": email, "password": PASSWORD, "next": "/requests/"}
    response = client.post(reverse("login"), data, REMOTE_ADDR=ip)
    assert response.status_code == 302, response.content.decode()[:500]
    return client.get(response.url, REMOTE_ADDR=ip)


def enrol(client, user) -> list[str]:
    page = client.get(reverse("mfa_setup"))
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(reverse("mfa_setup"), {"action": "enrol", "code": totp_code(device)})
    assert response.status_code == 200
    return re.findall(r"<li>([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})</li>", response.content.decode())


def enrolled(user) -> TOTPDevice:
    """`user` with a confirmed authenticator (set up directly, for the login tests)."""
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


def fully_logged_in(client, user) -> None:
    """Logged in with both factors already (for tests of what comes after)."""
    enrolled(user)
    client.force_login(user)
    session = client.session
    session["second_factor_user"] = user.pk
    session.save()


@pytest.mark.django_db
def test_an_administrator_without_an_authenticator_is_asked_to_set_one_up(client, alice):
    page = password_login(client, "alice@example.be")
    assert page.status_code == 302 and page.url.startswith(reverse("mfa_setup"))
    # Nothing else is open until then; logging out is.
    quotes = client.get(reverse("quotes"))
    assert quotes.status_code == 302 and quotes.url.startswith(reverse("mfa_setup"))
    assert client.get(reverse("mfa_setup")).status_code == 200


@pytest.mark.django_db
def test_enrolment_confirms_with_a_first_code_and_shows_hashed_recovery_codes(client, alice):
    client.force_login(alice)
    html = client.get(reverse("mfa_setup")).content.decode()
    assert "data:image/svg+xml;base64," in html  # the QR code
    device = TOTPDevice.objects.get(user=alice)
    wrong = client.post(reverse("mfa_setup"), {"action": "enrol", "code": "000000"})
    assert "Ce code n&#x27;est pas valable" in wrong.content.decode()
    device.throttle_reset()
    codes = enrol(client, alice)
    assert len(codes) == 10
    stored = set(RecoveryCode.objects.filter(user=alice).values_list("code_hash", flat=True))
    assert (
        len(stored) == 10
        and not stored & {c.replace("-", "") for c in codes}
        and not (stored & set(codes))
    )
    assert TOTPDevice.objects.get(user=alice).confirmed
    assert client.get(reverse("quotes")).status_code == 200
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"user.mfa_enrolled", "user.mfa_failed"} <= actions


@pytest.mark.django_db
def test_login_asks_for_the_code_and_each_code_works_once(client, alice):
    device = enrolled(alice)
    page = password_login(client, "alice@example.be")
    assert page.url.startswith(reverse("mfa_verify"))
    assert client.get(reverse("quotes")).url.startswith(reverse("mfa_verify"))
    code = totp_code(device)
    response = client.post(reverse("mfa_verify"), {"code": code, "next": "/requests/"})
    assert response.status_code == 302 and response.url == "/requests/"
    assert client.get(reverse("quotes")).status_code == 200

    # The same code, in another session a moment later, is refused.
    other = client.__class__()
    password_login(other, "alice@example.be", ip="10.0.0.2")
    again = other.post(reverse("mfa_verify"), {"code": code})
    assert again.status_code == 200 and "pas valable" in again.content.decode()
    assert other.get(reverse("quotes")).status_code == 302
    assert AuditEvent.objects.filter(action="user.mfa_verified", actor=alice).count() == 1


@pytest.mark.django_db
def test_a_recovery_code_logs_in_once(client, alice):
    client.force_login(alice)
    codes = enrol(client, alice)
    client.logout()
    password_login(client, "alice@example.be")
    assert client.post(reverse("mfa_verify"), {"code": codes[0].lower()}).status_code == 302
    client.logout()
    password_login(client, "alice@example.be")
    TOTPDevice.objects.filter(user=alice).update(throttling_failure_count=0)
    assert client.post(reverse("mfa_verify"), {"code": codes[0]}).status_code == 200
    method = AuditEvent.objects.get(action="user.mfa_verified").data["method"]
    assert method == "recovery_code"


@pytest.mark.django_db
def test_wrong_codes_make_the_user_wait(client, alice):
    device = enrolled(alice)
    password_login(client, "alice@example.be")
    wrong = client.post(reverse("mfa_verify"), {"code": "123456"})
    assert wrong.status_code == 200 and "pas valable" in wrong.content.decode()
    # Each failure makes the next attempt wait longer (1 s, 2 s, 4 s...): even the right code.
    refused = client.post(reverse("mfa_verify"), {"code": totp_code(device)})
    assert refused.status_code == 429
    assert "Trop d&#x27;essais" in refused.content.decode()
    assert client.get(reverse("quotes")).status_code == 302
    assert AuditEvent.objects.filter(action="user.mfa_failed").count() == 1
    # Once the wait is over, the right code passes.
    TOTPDevice.objects.update(throttling_failure_timestamp=None)
    assert client.post(reverse("mfa_verify"), {"code": totp_code(device)}).status_code == 302


@pytest.mark.django_db
def test_codes_are_limited_per_account_whatever_the_address(client, alice, settings):
    settings.ABUSE_LIMITS = {**settings.ABUSE_LIMITS, "mfa": {"ip": "100/h", "target": "2/h"}}
    enrolled(alice)
    password_login(client, "alice@example.be")
    TOTPDevice.objects.update(throttling_failure_count=0)
    client.post(reverse("mfa_verify"), {"code": "123456"}, REMOTE_ADDR="10.0.0.5")
    TOTPDevice.objects.update(throttling_failure_count=0)
    client.post(reverse("mfa_verify"), {"code": "123456"}, REMOTE_ADDR="10.0.0.6")
    third = client.post(reverse("mfa_verify"), {"code": "123456"}, REMOTE_ADDR="10.0.0.7")
    assert third.status_code == 429


@pytest.mark.django_db
def test_a_broker_may_choose(client, bob):
    assert password_login(client, "bob@example.be").status_code == 200
    assert client.get(reverse("quotes")).status_code == 200
    enrol(client, bob)
    client.logout()
    assert password_login(client, "bob@example.be").url.startswith(reverse("mfa_verify"))


@pytest.mark.django_db
def test_an_administrator_can_require_it_for_the_whole_office(client, alice, bob):
    fully_logged_in(client, alice)
    html = client.get(reverse("account")).content.decode()
    assert "Demander la double authentification à tous les utilisateurs du bureau" in html
    client.post(reverse("office_second_factor"), {"require_mfa": "on"})
    alice.membership.office.refresh_from_db()
    assert alice.membership.office.require_mfa
    assert AuditEvent.objects.filter(action="office.mfa_required").exists()
    other = client.__class__()
    page = password_login(other, "bob@example.be")
    assert page.status_code == 302 and page.url.startswith(reverse("mfa_setup"))
    # A broker cannot change it.
    assert other.post(reverse("office_second_factor"), {}).status_code in (302, 404)
    alice.membership.office.refresh_from_db()
    assert alice.membership.office.require_mfa


@pytest.mark.django_db
def test_insurer_staff_must_set_it_up(client, make_staff):
    victor = make_staff("victor@vivium.be", "Vivium")
    client.force_login(victor)
    response = client.get(reverse("backoffice"))
    assert response.status_code == 302 and response.url.startswith(reverse("mfa_setup"))


@pytest.mark.django_db
def test_a_required_second_factor_cannot_be_turned_off_an_optional_one_can(client, alice, bob):
    client.force_login(alice)
    enrol(client, alice)
    client.post(reverse("mfa_setup"), {"action": "disable", "code": "123456"})
    assert TOTPDevice.objects.filter(user=alice).exists()

    client.force_login(bob)
    device = TOTPDevice.objects.create(user=bob, name="authenticator", confirmed=True)
    session = client.session
    session["second_factor_user"] = bob.pk
    session.save()
    client.post(reverse("mfa_setup"), {"action": "disable", "code": totp_code(device)})
    assert not TOTPDevice.objects.filter(user=bob).exists()
    assert AuditEvent.objects.filter(action="user.mfa_disabled", target_id=str(bob.pk)).exists()


@pytest.mark.django_db
def test_a_half_logged_in_user_cannot_replace_the_authenticator(client, alice):
    enrolled(alice)
    password_login(client, "alice@example.be")
    response = client.get(reverse("mfa_setup"), {"new": "1"})
    assert response.status_code == 302 and response.url == reverse("mfa_verify")
    assert client.post(reverse("mfa_setup"), {"action": "codes"}).status_code == 302
    assert not RecoveryCode.objects.exists()


@pytest.mark.django_db
def test_a_password_reset_does_not_skip_the_second_factor(client, alice, settings):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    enrolled(alice)
    uid = urlsafe_base64_encode(force_bytes(alice.pk))
    token = default_token_generator.make_token(alice)
    url = reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    form = client.get(url, follow=True)
    new = "another-long-password-42"
    client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    response = client.post(reverse("login"), {"username": "alice@example.be", "password": new})
    assert client.get(response.url).url.startswith(reverse("mfa_verify"))


@pytest.mark.django_db
def test_without_enforcement_only_those_who_set_it_up_are_asked(client, alice, settings):
    settings.MFA_ENFORCED = False
    assert password_login(client, "alice@example.be").status_code == 200
    enrolled(alice)
    client.logout()
    assert password_login(client, "alice@example.be").url.startswith(reverse("mfa_verify"))


@pytest.mark.django_db
def test_a_sign_in_through_the_insurers_provider_is_trusted(client, alice):
    enrolled(alice)
    client.force_login(alice, backend="brokerdesk.sites.sso.SiteOIDCBackend")
    assert client.get(reverse("quotes")).status_code == 200
