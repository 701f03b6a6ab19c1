"""Search finds a quote however its numbers and words are written, and never fails."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from brokerdesk.quotes.models import Quote
from brokerdesk.quotes.search import search
from brokerdesk.quotes.tests.test_search import ACTIVITY, refs
from tests.factories import QuoteFactory

BAKERY = {**ACTIVITY, "activity_code": "10.711", "activity": "10.711 Fabrication industrielle"}


@pytest.fixture
def bakery(bob, product):
    quote = QuoteFactory(
        created_by=bob,
        group=bob.membership.current_group,
        product=product,
        client_name="Maison Peeters",
        activity=BAKERY,
    )
    Quote.objects.filter(pk=quote.pk).update(total_annual=Decimal("5413.11"))
    quote.refresh_from_db()
    quote.save()  # the amount is indexed like every answer
    return quote


@pytest.fixture
def other(bob, product):
    """A quote that must not match: another client, activity, number and amount."""
    return QuoteFactory(
        created_by=bob,
        group=bob.membership.current_group,
        product=product,
        client_name="Garage Janssens",
        activity={**ACTIVITY, "activity_code": "95.319", "enterprise_number": "0202239951"},
    )


def found(client, query: str, language: str = "fr") -> list[str]:
    client.cookies["django_language"] = language
    return refs(client.get(reverse("search"), {"q": query}))


@pytest.mark.parametrize(
    "query",
    ["BE0403019261", "0403.019.261", "BE 0403 019 261", "0403019261", "be0403.019.261"],
)
@pytest.mark.django_db
def test_it_finds_the_enterprise_number_in_every_usual_form(client, bob, bakery, other, query):
    client.force_login(bob)
    assert found(client, query) == [bakery.reference]


@pytest.mark.parametrize("query", ["10.711", "10711"])
@pytest.mark.django_db
def test_it_finds_the_activity_code_with_or_without_its_dot(client, bob, bakery, other, query):
    client.force_login(bob)
    assert found(client, query) == [bakery.reference]


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
@pytest.mark.parametrize("query", ["bakkerij", "boulangerie", "bakker", "Boulanger"])
@pytest.mark.django_db
def test_it_finds_everyday_activity_words_whatever_the_language(
    client, bob, bakery, other, query, language
):
    client.force_login(bob)
    assert found(client, query, language) == [bakery.reference]


@pytest.mark.parametrize(
    "query",
    ["5 413,11", "5.413,11", "5413.11", "5413,11", "5,413.11", "€ 5.413,11", "5\u202f413,11\xa0€"],
)
@pytest.mark.django_db
def test_it_finds_amounts_as_they_are_displayed(client, bob, bakery, other, query):
    client.force_login(bob)
    assert found(client, query) == [bakery.reference]


@pytest.mark.django_db
def test_it_finds_client_names_with_every_latin_letter(client, bob, product):
    quote = QuoteFactory(
        created_by=bob,
        group=bob.membership.current_group,
        product=product,
        client_name="Sœurs Œnologie Ærø",
        activity=ACTIVITY,
    )
    client.force_login(bob)
    assert quote.reference.startswith("PV_TPE-KMO_SOEURS-OENOLOGIE-AERO_")
    for query in ("soeurs", "OENOLOGIE", "aero", "Sœurs"):
        assert found(client, query) == [quote.reference]


@pytest.mark.parametrize(
    "query",
    [
        "bou\x00lang",
        "x" * 60_000,
        "\x00",
        'boulangerie" OR "x',
        "NEAR(a b) * ^ : - + AND NOT ( )",
        "%_\\'",
        "%ED%A0%80",
    ],
)
@pytest.mark.django_db
def test_no_query_makes_search_fail(client, bob, bakery, query):
    client.force_login(bob)
    response = client.get(reverse("search"), {"q": query})
    assert response.status_code == 200
    response = client.get(reverse("search"), {"q": query}, headers={"HX-Request": "true"})
    assert response.status_code == 200


@pytest.mark.parametrize("query", ["\ud800", "bou\udfffla", "\x00\ud83d", "a" * 60_000])
@pytest.mark.django_db
def test_lone_surrogates_and_huge_words_are_cleaned(bob, bakery, query):
    assert list(search(Quote.objects.all(), query)) in ([], [bakery])
    assert list(search(Quote.objects.all(), f"{query} 10711")) in ([], [bakery])


@pytest.mark.django_db
def test_a_surrogate_in_the_address_bar_answers_normally(client, bob, bakery):
    client.force_login(bob)
    assert client.get(reverse("search") + "?q=%ED%A0%80%00").status_code == 200


@pytest.mark.django_db
def test_existing_quotes_are_indexed_again_without_changing_their_date(client, bob, bakery):
    # As a quote saved before search knew numbers' other spellings and everyday words.
    Quote.objects.filter(pk=bakery.pk).update(search_text="maison peeters 10.711 0403019261")
    updated_at = Quote.objects.get(pk=bakery.pk).updated_at
    client.force_login(bob)
    assert found(client, "10711") == [] and found(client, "bakkerij") == []
    call_command("reindex_quotes", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert found(client, "10711") == [bakery.reference]
    assert found(client, "bakkerij") == [bakery.reference]
    assert Quote.objects.get(pk=bakery.pk).updated_at == updated_at


@pytest.mark.django_db
def test_activity_suggestions_propose_what_a_broker_means(client, bob):
    bob.language = "fr"
    bob.save()
    client.force_login(bob)
    html = client.get(reverse("activities"), {"c-activity": "boulangerie"}).content.decode()
    options = re.findall(r'<option value="([^"]*)"(?: label="([^"]*)")?>', html)
    assert [value.split()[0] for value, _label in options[:2]] == ["10.712", "10.711"]
    value, label = options[0]
    assert value.startswith("10.712 Fabrication artisanale de pain")
    assert label == f"{value} · boulangerie"  # what the browser matches the typing against
    html = client.get(reverse("activities"), {"c-activity": "10.71"}).content.decode()
    assert 'value="10.711 Fabrication industrielle' in html and "label=" not in html
