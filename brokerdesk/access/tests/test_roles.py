"""Helpers that name a role check it: what an administrator manages does not exist for a
broker, even in the same office (the permission matrix checks the same through the URLs)."""

from __future__ import annotations

import pytest
from django.http import Http404

from brokerdesk.access.offices import (
    get_group_or_404,
    get_invitation_or_404,
    get_member_or_404,
    get_office_group_or_404,
)
from tests.factories import invitation as make_invitation


@pytest.mark.django_db
def test_administrator_helpers_refuse_a_broker_of_the_same_office(alice, bob):
    group = bob.membership.current_group
    invitation = make_invitation(by=alice, groups=[group])
    assert get_group_or_404(alice.membership, group.pk) == group
    assert get_member_or_404(alice.membership, bob.membership.pk) == bob.membership
    assert get_invitation_or_404(alice.membership, invitation.pk) == invitation
    for reach, pk in (
        (get_group_or_404, group.pk),
        (get_member_or_404, alice.membership.pk),
        (get_invitation_or_404, invitation.pk),
    ):
        with pytest.raises(Http404):
            reach(bob.membership, pk)
    # Any member of the office may read its groups (their logos, for instance).
    assert get_office_group_or_404(bob.membership, group.pk) == group


@pytest.mark.django_db
def test_nobody_reaches_another_offices_group(alice, charlie):
    other = charlie.membership.current_group
    with pytest.raises(Http404):
        get_office_group_or_404(alice.membership, other.pk)
