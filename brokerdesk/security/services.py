"""Two-factor login: enrolment of an authenticator app (TOTP, django-otp), recovery codes,
and the check of a code at login; each step audited."""

from __future__ import annotations

import secrets
from base64 import b32encode, b64encode
from io import BytesIO

import qrcode
import qrcode.image.svg
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django_otp.plugins.otp_totp.models import TOTPDevice

from brokerdesk.accounts.models import User
from brokerdesk.audit.log import record
from brokerdesk.security.models import RecoveryCode

SESSION_KEY = "second_factor_user"
RECOVERY_CODES = 10
# 12 characters of Crockford-like base32 without look-alikes: 60 bits, read out easily.
RECOVERY_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"


def has_second_factor(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def is_verified(request: HttpRequest) -> bool:
    """This session passed the second factor (or came through an insurer's sign-on)."""
    from brokerdesk.security.policy import SSO_BACKEND

    session = request.session
    return session.get(SESSION_KEY) == request.user.pk or (
        session.get("_auth_user_backend") == SSO_BACKEND
    )


def mark_verified(request: HttpRequest) -> None:
    request.session[SESSION_KEY] = request.user.pk


def pending_device(user: User) -> TOTPDevice:
    """The authenticator being set up: one, kept until confirmed by a first code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


def secret_of(device: TOTPDevice) -> str:
    """The key as the apps ask for it when typed by hand: base32, in groups of four."""
    text = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// address as an SVG QR code in a data: address (the CSP allows data:
    images; nothing is stored or fetched, and no markup is inserted into the page)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    out = BytesIO()
    image.save(out)
    return "data:image/svg+xml;base64," + b64encode(out.getvalue()).decode()


def _clean(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def _hash(code: str) -> str:
    return salted_hmac("brokerdesk.recovery-code", _clean(code)).hexdigest()


@transaction.atomic
def confirm_enrolment(*, user: User, device: TOTPDevice, code: str) -> list[str] | None:
    """The first code from the app confirms it; returns the new recovery codes (shown once)."""
    if not device.verify_token(_clean(code)):
        record("user.mfa_failed", actor=user, target=user, step="enrol")
        return None
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    record("user.mfa_enrolled", actor=user, target=user)
    return _new_recovery_codes(user)


@transaction.atomic
def new_recovery_codes(*, user: User) -> list[str]:
    codes = _new_recovery_codes(user)
    record("user.mfa_recovery_codes_renewed", actor=user, target=user)
    return codes


def _new_recovery_codes(user: User) -> list[str]:
    RecoveryCode.objects.filter(user=user).delete()
    codes = [
        "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(12)) for _ in range(RECOVERY_CODES)
    ]
    RecoveryCode.objects.bulk_create(RecoveryCode(user=user, code_hash=_hash(c)) for c in codes)
    return [f"{c[:4]}-{c[4:8]}-{c[8:]}" for c in codes]


def recovery_codes_left(user: User) -> int:
    return RecoveryCode.objects.filter(user=user, used_at__isnull=True).count()


def verify(*, user: User, code: str) -> str | None:
    """Check a login code: the app's six digits, or an unused recovery code. Returns which
    kind passed, or None. Each device counts its own failures and makes the user wait longer
    after each (django-otp's throttling); every attempt is audited."""
    cleaned = _clean(code)
    with transaction.atomic():
        if cleaned.isdigit():
            device = (
                TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True).first()
            )
            if device is not None and device.verify_token(cleaned):
                record("user.mfa_verified", actor=user, target=user, method="totp")
                return "totp"
        elif cleaned:
            used = RecoveryCode.objects.filter(
                user=user, code_hash=_hash(cleaned), used_at__isnull=True
            ).update(used_at=timezone.now())
            if used:
                record("user.mfa_verified", actor=user, target=user, method="recovery_code")
                return "recovery_code"
    record("user.mfa_failed", actor=user, target=user, step="login")
    return None


def throttled(user: User) -> bool:
    """The device refuses codes for now, after repeated failures."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device is not None and not device.verify_is_allowed()[0]


@transaction.atomic
def disable(*, user: User, by: User) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    RecoveryCode.objects.filter(user=user).delete()
    record("user.mfa_disabled", actor=by, target=user)
