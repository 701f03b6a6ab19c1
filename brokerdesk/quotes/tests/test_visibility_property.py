"""Quote visibility against a simple model of the rule, on random worlds (DESIGN.md §2)."""

from __future__ import annotations

from django.http import Http404
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from brokerdesk.access.quotes import get_quote_or_404, visible_quotes
from brokerdesk.quotes.search import search
from tests.factories import (
    InsurerStaffFactory,
    MembershipFactory,
    ProductFactory,
    QuoteFactory,
    offices_with_groups,
)

people = st.lists(
    st.tuples(st.integers(0, 1), st.booleans(), st.sets(st.integers(0, 2), max_size=3)),
    min_size=1,
    max_size=5,
)
quotes = st.lists(st.tuples(st.integers(0, 1), st.integers(0, 2), st.integers(0, 1)), max_size=8)


class QuoteVisibilityTests(TestCase):
    @settings(max_examples=40, deadline=None)
    @given(people, quotes)
    def test_lists_details_and_search_match_the_rule(self, spec, quote_spec):
        products = [ProductFactory(code=f"P{i}", insurer__name=f"I{i}") for i in range(2)]
        offices, groups = offices_with_groups(2, 3)
        members = []
        for office, is_admin, group_ids in spec:
            m = MembershipFactory(
                office=offices[office],
                is_admin=is_admin,
                groups=[groups[(office, g)] for g in group_ids],
            )
            members.append((m.user, office, is_admin, group_ids))
        made = [
            (
                QuoteFactory(group=groups[(o, g)], product=products[p], client_name="Zeppelin"),
                o,
                g,
                p,
            )
            for o, g, p in quote_spec
        ]
        staff = [InsurerStaffFactory(insurer=product.insurer).user for product in products]

        for user, office, is_admin, group_ids in members:
            expected = {
                q.pk for q, o, g, _p in made if o == office and (is_admin or g in group_ids)
            }
            self.assert_sees(user, expected, made)
        for i, user in enumerate(staff):
            self.assert_sees(user, {q.pk for q, _o, _g, p in made if p == i}, made)

    def assert_sees(self, user, expected, made):
        visible = visible_quotes(user)
        assert set(visible.values_list("pk", flat=True)) == expected
        assert {q.pk for q in search(visible, "zeppelin")} == expected
        for q, *_rest in made:
            try:
                get_quote_or_404(user, q.pk)
                reached = True
            except Http404:  # "not yours" looks exactly like "does not exist"
                reached = False
            assert reached == (q.pk in expected)
