"""Account workflows: new users, password reset, profile and e-mail change."""

from __future__ import annotations

from importlib import import_module
from typing import Any

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.tokens import default_token_generator
from django.contrib.sessions.models import Session
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _

from brokerdesk.accounts.models import User
from brokerdesk.audit.log import record
from brokerdesk.lib.rules import RuleBroken
from brokerdesk.notifications.delivery import queue

EMAIL_CHANGE_SALT = "brokerdesk.email-change"
EMAIL_CHANGE_MAX_AGE = 2 * 24 * 3600


class EmailTaken(RuleBroken):
    message = _("Cette adresse e-mail est déjà utilisée sur la plateforme.")


def create_user(
    *,
    email: str,
    password: str | None,
    first_name: str,
    last_name: str,
    language: str,
    is_active: bool = True,
) -> User:
    """A new user, or EmailTaken: addresses are unique across the platform, whatever the case."""
    if User.email_taken(email):
        raise EmailTaken
    try:
        with transaction.atomic():
            return User.objects.create_user(
                email,
                password,
                first_name=first_name,
                last_name=last_name,
                language=language,
                is_active=is_active,
            )
    except IntegrityError as error:
        # Two requests with the same address at once: the unique index decides.
        raise EmailTaken from error


def end_sessions(user: User) -> int:
    """Delete every stored session of the user (each device logged out); the number ended.

    Sessions are stored in the database (or the database behind a cache): each live one is
    read to find the user's, then deleted through the session engine, cache included.
    """
    store = import_module(settings.SESSION_ENGINE).SessionStore
    owner = str(user.pk)
    keys = [
        session.session_key
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if str(session.get_decoded().get(SESSION_KEY)) == owner
    ]
    for key in keys:
        store(session_key=key).delete()
    return len(keys)


def request_password_reset(*, email: str) -> None:
    """Send a reset link if the address belongs to an active user; say nothing otherwise."""
    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None:
        return
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    link = reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    with transaction.atomic():
        queue(
            "password_reset",
            to=user.email,
            language=user.language,
            context={"user": user, "link": link},
        )


@transaction.atomic
def update_profile(
    *, user: User, first_name: str, last_name: str, language: str, email: str
) -> bool:
    """Save the profile; a new address waits for the link sent to it. True if one was sent."""
    user.first_name, user.last_name, user.language = first_name, last_name, language
    user.save(update_fields=["first_name", "last_name", "language"])
    record("user.profile_updated", actor=user, target=user, language=language)
    if email.lower() == user.email.lower():
        return False
    _request_email_change(user=user, new_email=email)
    return True


def _request_email_change(*, user: User, new_email: str) -> None:
    """Ask the new address to confirm; tell the old one. The e-mail changes on confirmation."""
    token = signing.dumps({"user": user.pk, "email": new_email}, salt=EMAIL_CHANGE_SALT)
    link = reverse("confirm_email", kwargs={"token": token})
    user.pending_email = new_email
    user.save(update_fields=["pending_email"])
    context = {"user": user, "new_email": new_email, "link": link}
    queue("email_change_confirm", to=new_email, language=user.language, context=context)
    queue("email_change_notice", to=user.email, language=user.language, context=context)
    record("user.email_change_requested", actor=user, target=user, new_email=new_email)


def user_for_email_token(token: str) -> tuple[User, str] | None:
    """The user and new address an e-mail change link is for, if it is still valid."""
    try:
        data = signing.loads(token, salt=EMAIL_CHANGE_SALT, max_age=EMAIL_CHANGE_MAX_AGE)
    except signing.BadSignature:
        return None
    user = User.objects.filter(pk=data.get("user"), is_active=True).first()
    # Only the latest request counts, and only once: confirming clears pending_email.
    if user is None or user.pending_email.lower() != str(data.get("email", "")).lower():
        return None
    return user, user.pending_email


def confirm_email_change(*, user: User, new_email: str) -> None:
    with transaction.atomic():
        if User.email_taken(new_email, exclude_pk=user.pk):
            raise EmailTaken
        old_email = user.email
        user.email = new_email
        user.pending_email = ""
        try:
            with transaction.atomic():
                user.save(update_fields=["email", "pending_email"])
        except IntegrityError as error:
            raise EmailTaken from error
        record("user.email_changed", actor=user, target=user, old=old_email, new=new_email)


def change_password(*, form: Any) -> None:
    """Save the new password and tell the user, in case it was not them."""
    with transaction.atomic():
        user = form.save()
        queue("password_changed", to=user.email, language=user.language, context={"user": user})
