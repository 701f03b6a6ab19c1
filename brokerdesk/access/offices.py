"""Who the broker is, and the groups, members and invitations of their office."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from brokerdesk.accounts.models import User
from brokerdesk.offices.models import Group, Invitation, Membership


def membership_for(user: User) -> Membership | None:
    """The user's active membership of a broker office, if any (looked up once a request)."""
    if not user.is_authenticated:
        return None
    if not hasattr(user, "_active_membership"):
        user._active_membership = (
            Membership.objects.select_related("office")
            .filter(user=user, status=Membership.Status.ACTIVE)
            .first()
        )
        if user._active_membership is not None:  # the request's user, not a copy read again
            user._active_membership.user = user
    return user._active_membership


def require_membership(user: User) -> Membership:
    membership = membership_for(user)
    if membership is None:
        raise Http404
    return membership


def require_admin(user: User) -> Membership:
    """Office management is for administrators; to anyone else it does not exist."""
    return _admin(require_membership(user))


def _admin(membership: Membership) -> Membership:
    if not membership.is_admin:
        raise Http404
    return membership


def switchable_groups(membership: Membership) -> QuerySet[Group]:
    """The groups a user may act in: all of the office's for administrators, else their own."""
    if membership.is_admin:
        return membership.office.groups.all()
    return membership.groups.filter(office=membership.office)


def request_groups(request: HttpRequest) -> list[Group]:
    """The groups the request's user may act in, read once a request: the top bar's switcher
    lists them and the current sub-account is one of them."""
    if not hasattr(request, "_switchable_groups"):
        membership = membership_for(request.user)
        groups = list(switchable_groups(membership)) if membership else []
        for group in groups:  # group_quotes() need not ask the database again
            group._switchable_by = membership.pk
        request._switchable_groups = groups
    return request._switchable_groups


def request_group(request: HttpRequest) -> Group | None:
    """The sub-account chosen in the top bar if the user may still act in it, else the first
    they may; found once a request among the switcher's groups (the same query)."""
    if not hasattr(request, "_current_group"):
        groups = request_groups(request)
        membership = membership_for(request.user)
        chosen = membership.current_group_id if membership else None
        request._current_group = next(
            (group for group in groups if group.pk == chosen), groups[0] if groups else None
        )
    return request._current_group


def get_switchable_group_or_404(membership: Membership, group_id: int) -> Group:
    return get_object_or_404(switchable_groups(membership), pk=group_id)


def office_groups(membership: Membership) -> QuerySet[Group]:
    """Every group of the member's office (administrators manage them all)."""
    return Group.objects.filter(office=membership.office)


def get_office_group_or_404(membership: Membership, group_id: int) -> Group:
    """A group of the member's own office, whichever (its logo, for instance)."""
    return get_object_or_404(office_groups(membership), pk=group_id)


def get_group_or_404(admin: Membership, group_id: int) -> Group:
    """A group an administrator manages."""
    return get_office_group_or_404(_admin(admin), group_id)


def visible_members(membership: Membership) -> QuerySet[Membership]:
    """Administrators see everyone in their office; others the colleagues of their groups."""
    members = Membership.objects.filter(office=membership.office).select_related("user")
    if membership.is_admin:
        return members
    shared = membership.groups.values("pk")
    return members.filter(
        Q(pk=membership.pk) | Q(groups__in=shared, status=Membership.Status.ACTIVE)
    ).distinct()


def get_member_or_404(admin: Membership, membership_id: int) -> Membership:
    """A member of the office, as an administrator manages them."""
    return get_object_or_404(visible_members(_admin(admin)), pk=membership_id)


def get_invitation_or_404(admin: Membership, invitation_id: int) -> Invitation:
    invitations = Invitation.objects.filter(membership__office=_admin(admin).office).select_related(
        "membership__user", "membership__office"
    )
    return get_object_or_404(invitations, pk=invitation_id)


def invitation_for_token(token: str) -> Invitation | None:
    """The pending invitation a token opens, whoever asks (the invitee has no login yet)."""
    return (
        Invitation.objects.select_related("membership__user", "membership__office")
        .filter(token_hash=Invitation.hash_token(token))
        .first()
    )
