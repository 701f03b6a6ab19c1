from __future__ import annotations

from datetime import timedelta
from unittest.mock import patch

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from brokerdesk.access.quotes import visible_quotes
from brokerdesk.backoffice import views as backoffice_views
from brokerdesk.offices.models import Group
from brokerdesk.quotes import search as search_module
from brokerdesk.quotes import services
from brokerdesk.quotes import views as quote_views
from brokerdesk.quotes.models import Quote
from brokerdesk.quotes.search import search
from tests.factories import QuoteFactory

ACTIVITY = {
    "activity_code": "47.110",
    "activity": "47.110 Commerce de détail",
    "street": "Rue de la Loi",
    "postal_code": "1000",
    "city": "Bruxelles",
    "insurance_year": 2026,
    "enterprise_number": "0403019261",
}


def make_quote(user, group, product, **activity):
    return QuoteFactory(
        created_by=user,
        group=group,
        product=product,
        client_name=activity.pop("client_name", "Boulangerie Dupuis"),
        activity={**ACTIVITY, **activity},
    )


def refs(response) -> list[str]:
    return [q.reference for q in response.context["results"]]


@pytest.fixture
def quotes(alice, bob, charlie, product):
    antwerpen = bob.membership.current_group
    default = Group.objects.get(office=alice.membership.office, name="Default")
    return {
        "dupuis": make_quote(bob, antwerpen, product),
        "liege": make_quote(
            alice,
            default,
            product,
            client_name="Façades Liégeoises",
            street="Place Saint-Lambert",
            postal_code="4000",
            city="Liège",
        ),
        "other": make_quote(
            charlie,
            charlie.membership.current_group,
            product,
            client_name="Boulangerie Dupuis Concurrent",
        ),
    }


@pytest.mark.django_db
def test_it_finds_parts_of_words_without_accents_or_case(client, alice, quotes):
    client.force_login(alice)
    assert refs(client.get(reverse("search"), {"q": "FACADE"})) == [quotes["liege"].reference]
    assert refs(client.get(reverse("search"), {"q": "liegeois"})) == [quotes["liege"].reference]
    assert refs(client.get(reverse("search"), {"q": "lambert 4000"})) == [quotes["liege"].reference]


@pytest.mark.parametrize(
    "query",
    [
        "dupuis",
        "BOULANG",
        "0403019261",
        "rue de la loi",
        "1000",
        "47.110",
        "commerce detail",
        "PV_TPE-KMO_BOULANGERIE",
        "bob@example",
        "peeters",
        "niet-gespecialiseerde",
    ],
)
@pytest.mark.django_db
def test_it_searches_every_answer_of_the_quote(client, bob, quotes, query):
    client.force_login(bob)
    assert refs(client.get(reverse("search"), {"q": query})) == [quotes["dupuis"].reference]


@pytest.mark.django_db
def test_brokers_only_find_their_groups_and_never_other_offices(client, alice, bob, quotes):
    client.force_login(bob)
    assert refs(client.get(reverse("search"), {"q": "liege"})) == []
    client.force_login(alice)  # the administrator sees the whole office, not Charlie's
    found = refs(client.get(reverse("search"), {"q": "boulangerie"}))
    assert found == [quotes["dupuis"].reference]


@pytest.mark.django_db
def test_the_index_follows_every_save(client, bob, accepted, quotes):
    quote = quotes["dupuis"]
    services.save_step(
        quote=quote,
        step="activity",
        data={**quote.answers["activity"], "street": "Avenue Louise"},
        by=bob,
    )
    visible = Quote.objects.filter(pk=quote.pk)
    assert list(search(visible, "louise")) == [Quote.objects.get(pk=quote.pk)]
    assert list(search(visible, "rue de la loi")) == []
    quote.delete()
    assert list(search(Quote.objects.all(), "louise")) == []


@pytest.mark.django_db
def test_short_words_and_empty_queries(client, bob, quotes):
    client.force_login(bob)
    assert refs(client.get(reverse("search"), {"q": "du"})) == [quotes["dupuis"].reference]
    assert refs(client.get(reverse("search"), {"q": "   "})) == []
    assert client.get(reverse("search"), {"q": '"); DROP TABLE x; --'}).status_code == 200


@pytest.mark.django_db
def test_the_dialog_gets_the_results_table_only(client, bob, quotes):
    client.force_login(bob)
    response = client.get(reverse("search"), {"q": "dupuis"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert quotes["dupuis"].reference in html and "<nav" not in html


@pytest.mark.django_db
def test_insurer_staff_search_the_quotes_on_their_products(client, make_staff, quotes):
    victor = make_staff("victor@vivium.be", "Vivium")
    olga = make_staff("olga@other.be", "Other")
    client.force_login(victor)
    page = client.get(reverse("backoffice_quotes"), {"q": "boulangerie"}).context["page"]
    assert {q.reference for q in page} == {quotes["dupuis"].reference, quotes["other"].reference}
    client.force_login(olga)
    assert len(client.get(reverse("backoffice_quotes"), {"q": "boulangerie"}).context["page"]) == 0


@pytest.mark.django_db
def test_the_most_recently_updated_come_first(bob, product):
    group = bob.membership.current_group
    older, newer, newest = (
        make_quote(bob, group, product, client_name=f"Boulangerie {n}") for n in range(3)
    )
    now = timezone.now()
    for quote, days in ((older, 3), (newer, 2), (newest, 1)):
        Quote.objects.filter(pk=quote.pk).update(updated_at=now - timedelta(days=days))
    Quote.objects.filter(pk=older.pk).update(updated_at=now)  # worked on again today
    found = list(search(Quote.objects.filter(group=group), "boulangerie"))
    assert found == [older, newest, newer]


@pytest.mark.parametrize("candidates", [0, 1, 2000])
@pytest.mark.django_db
def test_rare_and_common_words_find_the_same(bob, product, quotes, candidates):
    """On SQLite the FTS index narrows the search when a word is rare in the whole table
    (at most FTS_CANDIDATES matches) and the walk by date does without it otherwise: both
    must find exactly the matching visible quotes."""
    group = bob.membership.current_group
    make_quote(bob, group, product, client_name="Brasserie Dupont")
    visible = Quote.objects.filter(group=group)
    with patch.object(search_module, "FTS_CANDIDATES", candidates):
        assert [q.client_name for q in search(visible, "dupuis boulang")] == ["Boulangerie Dupuis"]
        assert [q.client_name for q in search(visible, "brasserie")] == ["Brasserie Dupont"]
        assert len(search(visible, "bruxelles")) == 2
        assert list(search(visible, "mueller")) == []


@pytest.mark.django_db
def test_an_administrators_search_walks_the_office_by_date(alice, quotes):
    """Newest first lets the database stop at the page's 50 quotes, read from the office's
    date index rather than every quote of the office sorted afterwards."""
    sql, params = search(visible_quotes(alice), "boulangerie")[:50].query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Three quotes: the planner would rightly read the table; ask what it can do.
            cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_sort = off")
            cursor.execute(f"EXPLAIN {sql}", params)
        else:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    assert "quote_office_updated" in plan
    assert "TEMP B-TREE FOR ORDER BY" not in plan and "Sort" not in plan


@pytest.mark.django_db
def test_the_back_office_counts_a_common_words_matches_up_to_a_limit(
    client, make_staff, quotes, bob, product
):
    """An insurer's search of a common word among a million quotes counted every match (a
    second a page): beyond SEARCH_COUNTED it says "more than" and pages through that many."""
    make_quote(bob, bob.membership.current_group, product, client_name="Boulangerie Wouters")
    client.force_login(make_staff("victor@vivium.be", "Vivium"))
    url = reverse("backoffice_quotes")
    with patch.object(backoffice_views, "SEARCH_COUNTED", 2):
        response = client.get(url, {"q": "boulangerie"})
        assert "Plus de 2 résultats" in response.content.decode()
        assert len(response.context["page"]) == 2
        response = client.get(url, {"q": "wouters"})
    assert "1 résultat" in response.content.decode()
    assert "Plus de" not in response.content.decode()


@pytest.mark.django_db
def test_the_search_says_when_there_are_more_than_it_shows(client, bob, quotes, product):
    make_quote(bob, bob.membership.current_group, product, client_name="Boulangerie Wouters")
    client.force_login(bob)
    with patch.object(quote_views, "SHOWN", 1):
        response = client.get(reverse("search"), {"q": "boulangerie"})
        assert refs(response) == [Quote.objects.get(client_name="Boulangerie Wouters").reference]
        assert "Meer dan 1 resultaten" in response.content.decode()  # Bob reads Dutch
        response = client.get(reverse("search"), {"q": "wouters"})
    assert "1 resultaat" in response.content.decode()
    assert "Meer dan" not in response.content.decode()
