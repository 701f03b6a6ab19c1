"""Reading members and groups for the pages, over querysets the scoping layer gave."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from brokerdesk.lib.belgium import normalise_enterprise_number
from brokerdesk.offices.models import Group, Membership, Office

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


def duplicate_offices() -> dict[str, list[Office]]:
    """Offices sharing an enterprise number (compared in its normalised 10-digit form), for
    the operator only (a management command), to merge or correct: the number is unique from
    now on, but older sign-ups may share one. Each office carries its numbers of members,
    administrators and quotes."""
    by_number: dict[str, list[Office]] = defaultdict(list)
    offices = (
        Office.objects.exclude(enterprise_number="")
        .annotate(
            member_count=Count("memberships", distinct=True),
            admin_count=Count(
                "memberships",
                filter=Q(memberships__is_admin=True, memberships__status="active"),
                distinct=True,
            ),
            quote_count=Count("quotes", distinct=True),
        )
        .order_by("created_at", "pk")
    )
    for office in offices:
        number = normalise_enterprise_number(office.enterprise_number) or office.enterprise_number
        by_number[number].append(office)
    return {number: found for number, found in sorted(by_number.items()) if len(found) > 1}
