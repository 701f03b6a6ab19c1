from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from brokerdesk.quotes import services
from brokerdesk.quotes.models import Quote
from brokerdesk.quotes.services import reference_for


def test_references_spell_the_client_in_capitals_without_accents(product):
    assert reference_for(product, "Café Élysée & Fils", 7) == "PV_TPE-KMO_CAFE-ELYSEE-FILS_0007"
    assert reference_for(product, "   ", 12) == "PV_TPE-KMO_CLIENT_0012"
    assert reference_for(product, "Dupuis", 12345) == "PV_TPE-KMO_DUPUIS_12345"


@pytest.mark.django_db(transaction=True)
def test_quotes_created_at_once_get_distinct_consecutive_references(alice, charlie, product):
    # Real threads with their own connections on PostgreSQL; SQLite serialises writers anyway.
    workers = 8 if connection.vendor == "postgresql" else 1
    groups = [alice.membership.current_group, charlie.membership.current_group]
    people = {groups[0].pk: alice, groups[1].pk: charlie}

    def create(n: int) -> str:
        group = groups[n % 2]
        try:
            quote = services.create_quote(
                group=group,
                product=product,
                created_by=people[group.pk],
                answers={"activity": {"client_name": f"Client {n}"}},
            )
            return quote.reference
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=workers) as pool:
        references = list(pool.map(create, range(24)))

    assert len(set(references)) == 24
    for office in (alice.membership.office, charlie.membership.office):
        numbers = sorted(Quote.objects.filter(office=office).values_list("number", flat=True))
        assert numbers == list(range(1, 13))  # per office, no gap, no duplicate
