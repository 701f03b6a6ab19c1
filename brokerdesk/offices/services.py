"""Office workflows: sign-up, invitations, members, groups and the office's own details."""

from __future__ import annotations

import secrets
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, ProtectedError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from brokerdesk.accounts.models import User
from brokerdesk.accounts.services import create_user, end_sessions
from brokerdesk.audit.log import record
from brokerdesk.lib.belgium import normalise_enterprise_number
from brokerdesk.lib.locks import lock_name
from brokerdesk.lib.rules import RuleBroken
from brokerdesk.notifications import webhooks
from brokerdesk.notifications.delivery import queue
from brokerdesk.notifications.models import WebhookDelivery, WebhookEndpoint
from brokerdesk.offices import rules
from brokerdesk.offices.models import Group, Invitation, Membership, Office


class LastAdministrator(RuleBroken):
    message = _("Le bureau doit garder au moins un administrateur actif.")


class GroupNameTaken(RuleBroken):
    message = _("Donnez un nom différent à chaque groupe pour pouvoir les distinguer.")


class InvitationInvalid(RuleBroken):
    message = _(
        "Cette invitation n'est plus valable : elle a expiré, a été révoquée ou déjà utilisée."
    )


class OfficeExists(RuleBroken):
    """Who the office and its administrators are is not said: anyone can type a number."""

    message = _(
        "Un bureau est déjà inscrit sur la plateforme avec ce numéro d'entreprise. Pour le "
        "rejoindre, demandez à l'un de ses administrateurs de vous inviter (menu "
        "« Utilisateurs », « Inviter un nouvel utilisateur »). Si vous ne savez pas qui "
        "l'administre, le support peut transmettre votre demande."
    )


LAST_GROUP_OF_OFFICE = _("Le dernier groupe du bureau ne peut pas être supprimé.")
GROUP_HAS_QUOTES = _("Ce groupe contient des demandes : il ne peut pas être supprimé.")
LAST_GROUP_OF_MEMBER = _("Un intermédiaire doit appartenir à au moins un groupe.")
ONLY_GROUP_OF_MEMBER = _("C'est le seul groupe de %(name)s : ajoutez-le d'abord à un autre groupe.")


def _claim_enterprise_number(company: dict[str, Any], office: Office | None = None) -> None:
    """One office per enterprise number (normalised to its 10 digits), checked with the number
    locked until the transaction ends, so two sign-ups at once cannot both pass."""
    typed = company.get("enterprise_number") or ""
    if not typed:
        return
    number = normalise_enterprise_number(typed) or typed
    company["enterprise_number"] = number
    lock_name(f"office-enterprise-number:{number}")
    others = Office.objects.filter(enterprise_number=number)
    if office is not None:
        others = others.exclude(pk=office.pk)
    if others.exists():
        raise OfficeExists


@transaction.atomic
def sign_up(*, personal: dict[str, Any], company: dict[str, Any], language: str) -> User:
    """Create the user, their office, its "Default" group and an active admin membership.

    Refused (OfficeExists) when an office has the enterprise number already: its
    administrators invite the newcomer instead.
    """
    company = dict(company)
    _claim_enterprise_number(company)
    user = create_user(
        email=personal["email"],
        password=personal["password1"],
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
    record("office.signed_up", actor=user, target=office, office=office)
    return user


def _lock(office: Office) -> Office:
    # Serialises changes to one office's administrators, so two admins demoting each other at
    # the same moment cannot leave the office without one.
    return Office.objects.select_for_update().get(pk=office.pk)


def _new_token(invitation: Invitation) -> str:
    token = secrets.token_urlsafe(32)
    invitation.token_hash = Invitation.hash_token(token)
    invitation.expires_at = timezone.now() + Invitation.VALID_FOR
    return token


def _send_invitation(invitation: Invitation, token: str) -> None:
    user = invitation.membership.user
    queue(
        "invitation",
        to=user.email,
        language=user.language,
        context={
            "user": user,
            "office": invitation.membership.office.name,
            "inviter": invitation.invited_by.get_full_name() if invitation.invited_by else "",
            "link": reverse("accept_invitation", kwargs={"token": token}),
            "expires_at": invitation.expires_at,
        },
    )


@transaction.atomic
def invite(
    *,
    office: Office,
    invited_by: User,
    first_name: str,
    last_name: str,
    email: str,
    language: str,
    role: str,
    is_admin: bool,
    groups: list[Group],
) -> Membership:
    """Create the invited user (who cannot log in yet) and e-mail them a link."""
    user = create_user(
        email=email,
        password=None,
        first_name=first_name,
        last_name=last_name,
        language=language,
        is_active=False,
    )
    membership = Membership.objects.create(
        user=user,
        office=office,
        is_admin=is_admin,
        role=role,
        status=Membership.Status.INVITED,
        current_group=groups[0] if groups else None,
    )
    membership.groups.set(groups)
    invitation = Invitation(membership=membership, invited_by=invited_by)
    token = _new_token(invitation)
    invitation.save()
    _send_invitation(invitation, token)
    record(
        "member.invited",
        actor=invited_by,
        target=membership,
        office=office,
        email=email,
        is_admin=is_admin,
        groups=[g.name for g in groups],
    )
    return membership


def _locked_invitation(invitation: Invitation) -> Invitation:
    """The invitation, its office locked; only a still invited member's is acted on (never
    the account of someone who joined, or was deactivated, with an old invitation row)."""
    _lock(invitation.membership.office)
    invitation = Invitation.objects.select_related("membership__user", "membership__office").get(
        pk=invitation.pk
    )
    rules.check_invited(invitation.membership)
    return invitation


@transaction.atomic
def resend_invitation(*, invitation: Invitation, by: User) -> None:
    """A new link with a new expiry; the previous link stops working."""
    invitation = _locked_invitation(invitation)
    token = _new_token(invitation)
    invitation.invited_by = by
    invitation.sent_at = timezone.now()
    invitation.save()
    _send_invitation(invitation, token)
    record(
        "member.invitation_resent",
        actor=by,
        target=invitation.membership,
        office=invitation.membership.office,
    )


@transaction.atomic
def revoke_invitation(*, invitation: Invitation, by: User) -> None:
    """The invited user never logged in: remove them, so the address is free again."""
    invitation = _locked_invitation(invitation)
    membership = invitation.membership
    record(
        "member.invitation_revoked",
        actor=by,
        target=membership,
        office=membership.office,
        email=membership.user.email,
    )
    membership.user.delete()


@transaction.atomic
def accept_invitation(*, token: str, password: str) -> User:
    invitation = (
        Invitation.objects.select_for_update()
        .select_related("membership__user")
        .filter(token_hash=Invitation.hash_token(token))
        .first()
    )
    if invitation is None or invitation.is_expired:
        raise InvitationInvalid
    membership = invitation.membership
    if not rules.is_pending_invitation(membership):
        # Deactivated (or anything but invited) in the meantime: the link activates no one.
        raise InvitationInvalid
    user = membership.user
    user.set_password(password)
    user.is_active = True
    user.save(update_fields=["password", "is_active"])
    membership.status = Membership.Status.ACTIVE
    membership.save(update_fields=["status"])
    invitation.delete()  # single use
    record("member.joined", actor=user, target=membership, office=membership.office)
    return user


def _other_active_admins(membership: Membership) -> bool:
    return (
        Membership.objects.filter(
            office=membership.office, is_admin=True, status=Membership.Status.ACTIVE
        )
        .exclude(pk=membership.pk)
        .exists()
    )


@transaction.atomic
def update_member(
    *, membership: Membership, is_admin: bool, role: str, groups: list[Group], by: User
) -> None:
    _lock(membership.office)
    membership.refresh_from_db()
    if membership.is_admin and not is_admin and not _other_active_admins(membership):
        raise LastAdministrator
    before = {
        "is_admin": membership.is_admin,
        "groups": sorted(g.name for g in membership.groups.all()),
    }
    membership.is_admin = is_admin
    membership.role = role
    membership.save(update_fields=["is_admin", "role"])
    membership.groups.set(groups)
    after = {"is_admin": is_admin, "groups": sorted(g.name for g in groups)}
    record(
        "member.updated",
        actor=by,
        target=membership,
        office=membership.office,
        before=before,
        after=after,
    )


@transaction.atomic
def deactivate_member(*, membership: Membership, by: User) -> None:
    """The user can no longer log in and every session ends; their quotes stay where they are.

    Only an active member is deactivated (an invited one's invitation is revoked instead).
    Their sessions are deleted, not just refused while inactive: a reactivation must not
    bring the old cookies back.
    """
    _lock(membership.office)
    membership.refresh_from_db()
    rules.check_deactivate(membership)
    if membership.is_admin and not _other_active_admins(membership):
        raise LastAdministrator
    membership.status = Membership.Status.DEACTIVATED
    membership.save(update_fields=["status"])
    # An inactive user fails authentication on their very next request, in every session.
    User.objects.filter(pk=membership.user_id).update(is_active=False)
    ended = end_sessions(membership.user)
    record(
        "member.deactivated",
        actor=by,
        target=membership,
        office=membership.office,
        sessions_ended=ended,
    )


@transaction.atomic
def reactivate_member(*, membership: Membership, by: User) -> None:
    """Only a deactivated member is reactivated; they log in again (no old session left)."""
    _lock(membership.office)
    membership.refresh_from_db()
    rules.check_reactivate(membership)
    membership.status = Membership.Status.ACTIVE
    membership.save(update_fields=["status"])
    User.objects.filter(pk=membership.user_id).update(is_active=True)
    record("member.reactivated", actor=by, target=membership, office=membership.office)


@transaction.atomic
def add_to_group(*, membership: Membership, group: Group, by: User) -> None:
    membership.groups.add(group)
    record(
        "member.group_added",
        actor=by,
        target=membership,
        office=membership.office,
        group=group.name,
    )


@transaction.atomic
def remove_from_group(*, membership: Membership, group: Group, by: User) -> None:
    if not membership.is_admin and membership.groups.exclude(pk=group.pk).count() == 0:
        raise RuleBroken(LAST_GROUP_OF_MEMBER)
    membership.groups.remove(group)
    record(
        "member.group_removed",
        actor=by,
        target=membership,
        office=membership.office,
        group=group.name,
    )


@transaction.atomic
def choose_group(*, membership: Membership, group: Group) -> None:
    """The sub-account the member works in from now on (the scoping layer allowed it)."""
    membership.current_group = group
    membership.save(update_fields=["current_group"])
    record(
        "member.group_chosen",
        actor=membership.user,
        target=membership,
        office=membership.office,
        group=group.name,
    )


@transaction.atomic
def save_group(*, office: Office, group: Group | None, data: dict[str, Any], by: User) -> Group:
    """Names are unique in the office whatever their case: checked with the office locked, so
    the same form submitted twice at once gets the form's message, never a database error."""
    _lock(office)
    action = "group.updated" if group else "group.created"
    group = group or Group(office=office)
    name = data.get("name", group.name)
    if office.groups.exclude(pk=group.pk).filter(name__iexact=name.strip()).exists():
        raise GroupNameTaken
    for field, value in data.items():
        if field == "logo" and value is None:
            continue  # no new file uploaded: keep the current logo
        setattr(group, field, value)
    try:
        with transaction.atomic():
            group.save()
    except IntegrityError as error:
        # The unique index is the last word, should anything write without the lock.
        raise GroupNameTaken from error
    record(action, actor=by, target=group, office=office, name=group.name)
    return group


@transaction.atomic
def delete_group(*, group: Group, by: User) -> None:
    _lock(group.office)
    if group.office.groups.count() <= 1:
        raise RuleBroken(LAST_GROUP_OF_OFFICE)
    if group.quotes.exists():
        raise RuleBroken(GROUP_HAS_QUOTES)
    stranded = (
        Membership.objects.filter(pk__in=group.memberships.values("pk"), is_admin=False)
        .annotate(group_count=Count("groups"))
        .filter(group_count=1)
        .select_related("user")
        .first()
    )
    if stranded is not None:
        raise RuleBroken(ONLY_GROUP_OF_MEMBER % {"name": stranded.user})
    try:
        with transaction.atomic():
            group.delete()
    except ProtectedError as error:
        # Quotes protect their group: they must stay visible to the people who made them.
        raise RuleBroken(GROUP_HAS_QUOTES) from error
    record("group.deleted", actor=by, target=group, office=group.office, name=group.name)


@transaction.atomic
def update_office(*, office: Office, data: dict[str, Any], by: User) -> None:
    data = dict(data)
    if "enterprise_number" in data:
        _claim_enterprise_number(data, office=office)
    for field, value in data.items():
        setattr(office, field, value)
    office.save()
    record("office.updated", actor=by, target=office, office=office)


def require_second_factor(*, office: Office, required: bool, by: User) -> None:
    """An administrator asks every member of the office to log in with a second factor."""
    with transaction.atomic():
        office = _lock(office)
        if office.require_mfa == required:
            return
        office.require_mfa = required
        office.save(update_fields=["require_mfa"])
        record("office.mfa_required" if required else "office.mfa_optional", actor=by,
               target=office, office=office)  # fmt: skip


# Webhooks


@transaction.atomic
def add_webhook(*, office: Office, url: str, events: list[str], by: User) -> WebhookEndpoint:
    endpoint = WebhookEndpoint.objects.create(
        office=office,
        url=url,
        events=sorted(set(events)),
        secret=webhooks.new_secret(),
        created_by=by,
    )
    record("webhook.added", actor=by, target=endpoint, office=office, url=url, events=events)
    return endpoint


@transaction.atomic
def remove_webhook(*, endpoint: WebhookEndpoint, by: User) -> None:
    record("webhook.removed", actor=by, target=endpoint, office=endpoint.office, url=endpoint.url)
    endpoint.delete()


@transaction.atomic
def resend_webhook(*, delivery: WebhookDelivery, by: User) -> WebhookDelivery:
    copy = webhooks.resend(delivery)
    record("webhook.resent", actor=by, target=copy, office=delivery.endpoint.office)
    return copy
