"""Quote visibility against a simple model of the rule, on random worlds (DESIGN.md §2)."""

from __future__ import annotations

from django.http import Http404
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from brokerdesk.access.quotes import get_quote_or_404, visible_quotes
from brokerdesk.accounts.models import User
from brokerdesk.catalogue.models import Insurer, InsurerStaff, Product
from brokerdesk.offices.models import Group, Membership, Office
from brokerdesk.quotes.models import Quote
from brokerdesk.quotes.search import search

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
        insurers = [
            Insurer.objects.create(name=f"I{i}", reference_prefix=f"I{i}") for i in range(2)
        ]
        products = [
            Product.objects.create(
                insurer=insurers[i], code=f"P{i}", name_fr="P", name_nl="P", name_en="P"
            )
            for i in range(2)
        ]
        offices = [Office.objects.create(name=f"O{i}") for i in range(2)]
        groups = {
            (o, g): Group.objects.create(office=offices[o], name=f"G{g}")
            for o in range(2)
            for g in range(3)
        }
        members = []
        for n, (office, is_admin, group_ids) in enumerate(spec):
            user = User.objects.create(email=f"u{n}@x.be", first_name="U", last_name=str(n))
            m = Membership.objects.create(user=user, office=offices[office], is_admin=is_admin)
            m.groups.set([groups[(office, g)] for g in group_ids])
            members.append((user, office, is_admin, group_ids))
        creator = User.objects.create(email="creator@x.be")
        made = []
        for n, (office, group, product) in enumerate(quote_spec):
            q = Quote.objects.create(
                office=offices[office],
                group=groups[(office, group)],
                created_by=creator,
                product=products[product],
                number=n,
                reference=f"R{n}",
                client_name="Zeppelin",
            )
            made.append((q, office, group, product))
        staff = [User.objects.create(email=f"s{i}@x.be") for i in range(2)]
        for i, user in enumerate(staff):
            InsurerStaff.objects.create(user=user, insurer=insurers[i])

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
