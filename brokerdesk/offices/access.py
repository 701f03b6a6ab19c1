"""The scoping layer: the only way views obtain offices, groups, members, invitations,
integrations and quotes.

Anything outside the actor's scope answers 404, exactly like something that does not exist.
"""

from __future__ import annotations

from typing import TypeVar

from django.db.models import Model, Q, QuerySet
from django.http import Http404, HttpRequest

from brokerdesk.accounts.models import User
from brokerdesk.catalogue.models import InsurerStaff, Integration, Product
from brokerdesk.offices.models import Group, Invitation, Membership
from brokerdesk.quotes.models import Quote

M = TypeVar("M", bound=Model)


def membership_for(user: User) -> Membership | None:
    """The user's active membership of a broker office, if any (looked up once a request)."""
    if not user.is_authenticated:
        return None
    if not hasattr(user, "_active_membership"):
        user._active_membership = (
            Membership.objects.select_related("office", "current_group", "user")
            .filter(user=user, status=Membership.Status.ACTIVE)
            .first()
        )
    return user._active_membership


def require_membership(user: User) -> Membership:
    membership = membership_for(user)
    if membership is None:
        raise Http404
    return membership


def require_admin(user: User) -> Membership:
    """Office management is for administrators; to anyone else it does not exist."""
    membership = require_membership(user)
    if not membership.is_admin:
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


def request_group(request: HttpRequest) -> Group | None:
    """The current sub-account of the request's user, checked once a request."""
    if not hasattr(request, "_current_group"):
        membership = membership_for(request.user)
        request._current_group = current_group(membership) if membership else None
    return request._current_group


def get_switchable_group_or_404(membership: Membership, group_id: int) -> Group:
    return _get_or_404(switchable_groups(membership), group_id)


def office_groups(membership: Membership) -> QuerySet[Group]:
    """Every group of the actor's office (administrators manage them all)."""
    return Group.objects.filter(office=membership.office)


def get_group_or_404(admin: Membership, group_id: int) -> Group:
    return _get_or_404(office_groups(admin), group_id)


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
    return _get_or_404(
        Membership.objects.filter(office=admin.office).select_related("user"), membership_id
    )


def get_invitation_or_404(admin: Membership, invitation_id: int) -> Invitation:
    invitations = Invitation.objects.filter(membership__office=admin.office).select_related(
        "membership__user", "membership__office"
    )
    return _get_or_404(invitations, invitation_id)


def invitation_for_token(token: str) -> Invitation | None:
    """The pending invitation a token opens, whoever asks (the invitee has no login yet)."""
    return (
        Invitation.objects.select_related("membership__user", "membership__office")
        .filter(token_hash=Invitation.hash_token(token))
        .first()
    )


def _get_or_404(queryset: QuerySet[M], pk: int) -> M:
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj


# Products and integrations


def get_product_or_404(code: str) -> Product:
    """Products are the insurers' public catalogue: every logged-in user may see them."""
    product = Product.objects.select_related("insurer").filter(code=code).first()
    if product is None:
        raise Http404
    return product


def group_integrations(group: Group) -> dict[int, Integration]:
    """The group's integrations by product id (the group itself comes from this module)."""
    return {i.product_id: i for i in group.integrations.select_related("product")}


def insurer_staff_for(user: User) -> InsurerStaff | None:
    if not user.is_authenticated:
        return None
    return InsurerStaff.objects.select_related("insurer").filter(user=user).first()


def require_insurer_staff(user: User) -> InsurerStaff:
    staff = insurer_staff_for(user)
    if staff is None:
        raise Http404
    return staff


def insurer_integrations(staff: InsurerStaff) -> QuerySet[Integration]:
    """Access requests on the staff member's own insurer's products, and no others."""
    return Integration.objects.filter(product__insurer=staff.insurer).select_related(
        "product", "group__office", "requested_by", "decided_by"
    )


def get_insurer_integration_or_404(staff: InsurerStaff, integration_id: int) -> Integration:
    return _get_or_404(insurer_integrations(staff), integration_id)


# Quotes


def visible_quotes(user: User) -> QuerySet[Quote]:
    """The visibility rule: brokers see their groups' quotes, administrators their office's,
    insurer staff the quotes made on their insurer's products; nobody another office's."""
    quotes = Quote.objects.select_related("created_by", "product__insurer", "group")
    membership = membership_for(user)
    if membership is not None:
        quotes = quotes.filter(office=membership.office)
        if membership.is_admin:
            return quotes
        return quotes.filter(group__in=membership.groups.filter(office=membership.office))
    staff = insurer_staff_for(user)
    if staff is not None:
        return quotes.filter(product__insurer=staff.insurer)
    return quotes.none()


def group_quotes(membership: Membership, group: Group) -> QuerySet[Quote]:
    """The "Demandes" list of a sub-account the user may act in.

    Such a group is one of the user's own (or any of the office's, for an administrator), so
    its quotes are exactly the visible ones in it; filtering on the group alone lets the
    database read the list straight from its (group, date) index.
    """
    allowed = get_switchable_group_or_404(membership, group.pk)
    return Quote.objects.select_related("created_by", "product__insurer", "group").filter(
        group=allowed
    )


def get_quote_or_404(user: User, quote_id: int) -> Quote:
    return _get_or_404(visible_quotes(user), quote_id)


def get_broker_quote_or_404(membership: Membership, quote_id: int) -> Quote:
    """A quote the office's user may work on (insurer staff only read)."""
    return _get_or_404(visible_quotes(membership.user), quote_id)
