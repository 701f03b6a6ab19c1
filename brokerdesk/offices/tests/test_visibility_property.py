"""The scoping layer against a simple model of the rule, on random offices."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from brokerdesk.access.offices import membership_for, switchable_groups, visible_members
from brokerdesk.offices.models import Membership
from tests.factories import MembershipFactory, offices_with_groups

STATUSES = [s.value for s in Membership.Status]

people = st.lists(
    st.tuples(
        st.integers(0, 1),  # office
        st.booleans(),  # is_admin
        st.sampled_from(STATUSES),
        st.sets(st.integers(0, 3), max_size=3),  # groups (by index within the office)
    ),
    min_size=1,
    max_size=7,
)


class VisibilityTests(TestCase):
    @settings(max_examples=60, deadline=None)
    @given(people)
    def test_members_and_groups_match_the_rule(self, spec):
        offices, groups = offices_with_groups(2, 4)
        members = []
        for office, is_admin, status, group_ids in spec:
            m = MembershipFactory(
                office=offices[office],
                is_admin=is_admin,
                status=status,
                groups=[groups[(office, g)] for g in group_ids],
            )
            members.append((m, office, is_admin, status, group_ids))

        for actor, office, is_admin, status, group_ids in members:
            if status != Membership.Status.ACTIVE:
                assert membership_for(actor.user) is None
                continue
            expected = {
                other.pk
                for other, o, _a, s, gids in members
                if o == office
                and (
                    is_admin
                    or other.pk == actor.pk
                    or (s == Membership.Status.ACTIVE and gids & group_ids)
                )
            }
            assert set(visible_members(actor).values_list("pk", flat=True)) == expected
            expected_groups = {
                groups[(office, g)].pk for g in (range(4) if is_admin else group_ids)
            }
            assert set(switchable_groups(actor).values_list("pk", flat=True)) == (expected_groups)
