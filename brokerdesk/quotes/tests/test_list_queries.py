"""What makes the "Demandes" list cheap stays right (issue 15): the same few queries whatever
it shows, and the shell's cached parts still right behind every door.

A query per row (its author, its product, its status badge...) would go unnoticed with the
handful of quotes the other tests make and cost a page of 25 rows 25 round trips more.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import IntegrationFactory, ProductFactory, QuoteFactory

# The session, the user, the membership, its groups (the switcher's and the current one), the
# count (twice when filtered: the group's total and the filtered one), the products, the
# intermediaries, the page, the bell's unread count (one indexed COUNT, at most 100 rows). The
# list may only get cheaper.
MAX_QUERIES = 10


@pytest.fixture
def people(make_user, alice, bob, accepted):
    """Six authors in Bob's group, so that every row has a different one."""
    office = alice.membership.office
    extra = [make_user(f"b{n}@example.be", office=office, groups=["Antwerpen"]) for n in range(4)]
    return [alice, bob, *extra]


@pytest.fixture
def products(accepted, product, alice):
    other = ProductFactory(code="TPE-OTHER", name_fr="Autre", name_nl="Ander", name_en="Other")
    IntegrationFactory(group=accepted, product=other, requested_by=alice)
    return [product, other]


def add_quotes(count: int, group, people, products) -> None:
    for n in range(count):
        QuoteFactory(
            group=group,
            product=products[n % len(products)],
            created_by=people[n % len(people)],
            client_name=f"Client {n:02d}",
        )


def queries(client, params: dict) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("quotes"), params)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [{}, {"order": "reference"}, {"status": "draft", "period": "30"}, {"page": "2"}],
    ids=["plain", "ordered", "filtered", "page-2"],
)
def test_the_lists_queries_do_not_grow_with_its_rows(
    client, bob, accepted, people, products, params, django_assert_max_num_queries
):
    add_quotes(5 if params.get("page") is None else 30, accepted, people, products)
    client.force_login(bob)
    client.get(reverse("quotes"))  # the session's first use may write it
    few = queries(client, params)

    add_quotes(55, accepted, people, products)
    with django_assert_max_num_queries(MAX_QUERIES):
        many = client.get(reverse("quotes"), params)
    assert len(many.context["page"]) == 25
    assert queries(client, params) == few


@pytest.mark.django_db
def test_the_cached_shell_keeps_each_doors_addresses(client, bob, product, accepted):
    """The search dialog and the chat widget are rendered once per language and door: after the
    generic portal's, a prefixed insurer site's page still links within its prefix. (Bob works
    in French here: `accepted`; in Dutch, his request would leave Dutch active for the next
    test of the worker.)"""
    from tests.factories import InsurerSiteFactory

    InsurerSiteFactory(insurer=product.insurer, host="", path_prefix="vivium")
    client.force_login(bob)
    generic = client.get(reverse("quotes")).content.decode()
    assert 'hx-get="/search/"' in generic and 'action="/help/chat/"' in generic
    prefixed = client.get("/vivium" + reverse("quotes")).content.decode()
    assert 'hx-get="/vivium/search/"' in prefixed
    assert 'action="/vivium/help/chat/"' in prefixed
    assert 'href="/vivium/help/escalate/?page=/vivium/requests/"' in prefixed
