"""Reading members and groups for the pages, over querysets the scoping layer gave."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from brokerdesk.offices.models import Group, Membership

CANDIDATES_SHOWN = 20


def with_groups(members: QuerySet[Membership]) -> QuerySet[Membership]:
    """Members as the tables show them: name order, with their groups and products."""
    return (
        members.select_related("user", "invitation")
        .prefetch_related(
            Prefetch("groups", queryset=Group.objects.order_by("name")),
            "groups__integrations__product",
        )
        .order_by("user__last_name", "user__first_name")
    )


def with_integrations(groups: QuerySet[Group]) -> QuerySet[Group]:
    """Groups as the tables show them: with their member count and access to products."""
    return groups.annotate(member_count=Count("memberships", distinct=True)).prefetch_related(
        "integrations__product"
    )


def groups_without(groups: QuerySet[Group], member: Membership) -> QuerySet[Group]:
    """The groups a member is not in yet: what "+ Ajouter un groupe" offers."""
    return groups.exclude(pk__in=member.groups.all())


def filter_members(members: QuerySet[Membership], data: dict[str, Any]) -> QuerySet[Membership]:
    """The users list's filters: words of the name or e-mail, group, role and status."""
    for word in data.get("q", "").split():
        members = members.filter(
            Q(user__first_name__icontains=word)
            | Q(user__last_name__icontains=word)
            | Q(user__email__icontains=word)
        )
    if data.get("group"):
        members = members.filter(groups=data["group"])
    if data.get("role") == "admin":
        members = members.filter(is_admin=True)
    elif data.get("role"):
        members = members.filter(role=data["role"], is_admin=False)
    if data.get("status"):
        members = members.filter(status=data["status"])
    return members.distinct()


def candidates(members: QuerySet[Membership], group: Group, q: str) -> QuerySet[Membership]:
    """Whom the group's member picker offers: members not in it yet, matching the search."""
    found = filter_members(members.exclude(groups=group), {"q": q})
    return found.select_related("user").order_by("user__last_name")[:CANDIDATES_SHOWN]
