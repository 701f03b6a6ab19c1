"""Account workflows: sign-up, password reset, e-mail change."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from brokerdesk.accounts.models import User
from brokerdesk.notifications.delivery import queue
from brokerdesk.offices.models import Group, Membership, Office

EMAIL_CHANGE_SALT = "brokerdesk.email-change"
EMAIL_CHANGE_MAX_AGE = 2 * 24 * 3600


class EmailTaken(Exception):
    pass


def create_account(*, personal: dict[str, Any], company: dict[str, Any], language: str) -> User:
    """Create the user, their office, its "Default" group and an active admin membership."""
    try:
        with transaction.atomic():
            if User.email_taken(personal["email"]):
                raise EmailTaken
            user = User.objects.create_user(
                personal["email"],
                personal["password1"],
                first_name=personal["first_name"],
                last_name=personal["last_name"],
                language=language,
            )
            office = Office.objects.create(**company)
            default = Group.objects.create(office=office, name=Group.DEFAULT_NAME)
            membership = Membership.objects.create(
                user=user,
                office=office,
                is_admin=True,
                status=Membership.Status.ACTIVE,
                current_group=default,
            )
            membership.groups.add(default)
    except IntegrityError as error:
        # Two sign-ups with the same address at once: the unique index decides.
        raise EmailTaken from error
    return user


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


def request_email_change(*, user: User, new_email: str) -> None:
    """Ask the new address to confirm; tell the old one. The e-mail changes on confirmation."""
    token = signing.dumps({"user": user.pk, "email": new_email}, salt=EMAIL_CHANGE_SALT)
    link = reverse("confirm_email", kwargs={"token": token})
    with transaction.atomic():
        user.pending_email = new_email
        user.save(update_fields=["pending_email"])
        context = {"user": user, "new_email": new_email, "link": link}
        queue("email_change_confirm", to=new_email, language=user.language, context=context)
        queue("email_change_notice", to=user.email, language=user.language, context=context)


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
        user.email = new_email
        user.pending_email = ""
        try:
            user.save(update_fields=["email", "pending_email"])
        except IntegrityError as error:
            raise EmailTaken from error


def change_password(*, form: Any) -> None:
    """Save the new password and tell the user, in case it was not them."""
    with transaction.atomic():
        user = form.save()
        queue("password_changed", to=user.email, language=user.language, context={"user": user})
