"""The scoping layer: the only way views obtain offices, groups and memberships.

Anything outside the actor's scope answers 404, exactly like something that does not exist.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from brokerdesk.accounts.models import User
from brokerdesk.offices.models import Group, Membership


def membership_for(user: User) -> Membership | None:
    """The user's active membership of a broker office, if any."""
    if not user.is_authenticated:
        return None
    membership = (
        Membership.objects.select_related("office", "current_group")
        .filter(user=user, status=Membership.Status.ACTIVE)
        .first()
    )
    return membership


def require_membership(user: User) -> Membership:
    membership = membership_for(user)
    if membership is None:
        raise Http404
    return membership


def switchable_groups(membership: Membership) -> QuerySet[Group]:
    """The groups a user may act in: all of the office's for administrators, else their own."""
    if membership.is_admin:
        return membership.office.groups.all()
    return membership.groups.filter(office=membership.office)


def current_group(membership: Membership) -> Group | None:
    """The sub-account chosen in the top bar, if still allowed; otherwise the first allowed."""
    groups = switchable_groups(membership)
    chosen = membership.current_group
    if chosen is not None and groups.filter(pk=chosen.pk).exists():
        return chosen
    return groups.first()


def get_switchable_group_or_404(membership: Membership, group_id: int) -> Group:
    group = switchable_groups(membership).filter(pk=group_id).first()
    if group is None:
        raise Http404
    return group
