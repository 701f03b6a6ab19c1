from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from brokerdesk.quotes.models import Quote
from tests.factories import QuoteFactory


@pytest.fixture
def many(bob, alice, product, accepted):
    """27 quotes in Bob's group Antwerpen: 25 by Bob, 2 by Alice; one old, one priced."""
    made = [
        QuoteFactory(group=accepted, product=product, created_by=bob, client_name=f"Client {n:02d}")
        for n in range(25)
    ]
    made += [
        QuoteFactory(group=accepted, product=product, created_by=alice, client_name=f"Alice {n}")
        for n in range(2)
    ]
    Quote.objects.filter(pk=made[0].pk).update(created_at=timezone.now() - timedelta(days=90))
    Quote.objects.filter(pk=made[1].pk).update(status=Quote.Status.PRICED)
    return made


def refs(response) -> list[str]:
    return [q.reference for q in response.context["page"]]


@pytest.mark.django_db
def test_the_list_counts_and_pages_the_sub_accounts_quotes(client, bob, many):
    client.force_login(bob)
    response = client.get(reverse("quotes"))
    html = response.content.decode()
    assert "Demandes (27)" in html
    for column in ("Références", "Créé le", "Intermédiaire", "Produits", "Statut"):
        assert column in html
    assert len(refs(response)) == 25
    assert len(refs(client.get(reverse("quotes"), {"page": 2}))) == 2
    assert client.get(reverse("quotes"), {"page": "999"}).status_code == 200
    # "Suivant" keeps the order and the filters of the page it is on.
    html = client.get(reverse("quotes"), {"order": "reference", "period": "30"}).content.decode()
    assert 'href="?order=reference&amp;period=30&amp;page=2">Suivant' in html


@pytest.mark.django_db
def test_order_and_filters(client, bob, alice, many):
    client.force_login(bob)
    by_reference = refs(client.get(reverse("quotes"), {"order": "reference"}))
    assert by_reference == sorted(by_reference)
    assert refs(client.get(reverse("quotes"), {"status": "priced"})) == [many[1].reference]
    by_alice = refs(client.get(reverse("quotes"), {"by": alice.pk}))
    assert sorted(by_alice) == sorted(q.reference for q in many[25:])
    recent = refs(client.get(reverse("quotes"), {"period": "30", "page": 2}))
    assert many[0].reference not in recent + refs(client.get(reverse("quotes"), {"period": "30"}))
    assert client.get(reverse("quotes"), {"status": "nonsense", "by": "x"}).status_code == 200
    # Found by schemathesis through the API: more digits than any id fits no database integer.
    assert client.get(reverse("quotes"), {"by": "9" * 30}).status_code == 200


@pytest.mark.django_db
def test_an_updated_quote_says_when(client, bob, many):
    Quote.objects.filter(pk=many[2].pk).update(updated_at=timezone.now() + timedelta(hours=2))
    client.force_login(bob)
    html = client.get(reverse("quotes"), {"order": "updated"}).content.decode()
    assert "Mis à jour le" in html


@pytest.mark.django_db
def test_another_groups_list_is_empty_for_its_own_people(client, alice, many):
    client.force_login(alice)  # administrator, current sub-account Default: none of Bob's
    assert "Demandes (0)" in client.get(reverse("quotes")).content.decode()
