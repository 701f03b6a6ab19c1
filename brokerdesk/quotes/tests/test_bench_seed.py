"""The benchmark's seed (bench/quotes.py) stores what the project itself would store, so that the
benchmarks measure what production indexes."""

from __future__ import annotations

import random

import pytest
from django.http import QueryDict

from bench import quotes as bench
from brokerdesk.quotes import pricing, services, wizard
from brokerdesk.quotes.models import Quote
from brokerdesk.quotes.search import search


@pytest.fixture
def seeded(db):
    bench.seed(count=60, big=20)
    return Quote.objects.select_related("product__insurer", "created_by")


@pytest.mark.django_db
def test_seeded_quotes_hold_what_the_project_computes(seeded):
    assert seeded.count() == 60
    assert seeded.filter(office__name__startswith="Bench big office").count() >= 5
    for quote in seeded:
        assert quote.reference == services.reference_for(
            quote.product, quote.client_name, quote.number
        )
        # The same words; their order may differ as PostgreSQL's jsonb reorders the answers.
        assert sorted(quote.search_text.split()) == sorted(quote.searchable_text().split())
        if "legal" in quote.answers:
            priced = pricing.compute(quote.answers)
            assert priced.breakdown is not None  # the tariff prices every seeded risk
            assert quote.breakdown == priced.breakdown
            assert quote.total_annual == priced.total
        else:
            assert quote.breakdown is None
    assert bench.is_seeded(60, 20)


@pytest.mark.django_db
def test_search_finds_seeded_quotes_by_what_only_production_indexed(seeded):
    # The activity's Dutch label: the old seed never indexed it.
    quote = seeded.filter(answers__activity__activity_code="47.110").first()
    assert quote is not None
    found = search(Quote.objects.filter(office=quote.office), "niet-gespecialiseerde")
    assert quote in found


@pytest.mark.django_db
def test_quotes_made_after_the_seed_take_the_next_numbers(seeded):
    last = seeded.order_by("-number").first()
    quote = services.create_quote(
        group=last.group,
        product=last.product,
        created_by=last.created_by,
        answers={"activity": last.answers["activity"]},
    )
    assert quote.number == last.number + 1


@pytest.mark.django_db
def test_the_wizard_accepts_what_the_load_benchmark_posts():
    for step, data in bench.form_posts(random.Random(1)):
        posted = QueryDict(mutable=True)
        for name, value in data.items():
            posted.setlist(name, value if isinstance(value, list) else [value])
        form = wizard.FORMS[step](posted)
        assert form.is_valid(), (step, form.errors)
