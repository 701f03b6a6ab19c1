"""The data migration that attaches the quotes made before clients existed (0002)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from brokerdesk.clients import backfill
from brokerdesk.clients.models import Client
from brokerdesk.offices.models import Group
from brokerdesk.quotes.models import Quote
from tests.factories import QuoteFactory

NUMBER = "0403019261"


def historical_apps():
    """The models as migration 0002 sees them."""
    executor = MigrationExecutor(connection)
    return executor.loader.project_state(("clients", "0002_attach_quotes")).apps


def test_normalised_names():
    assert backfill.normalised_name("  Boulangerie  DUPUIS s.a. ") == "boulangerie dupuis s a"
    assert backfill.normalised_name("Liège-Façades") == backfill.normalised_name("liege facades")


@pytest.mark.django_db
def test_existing_quotes_get_one_client_per_number_else_per_name(alice, bob, charlie, monkeypatch):
    monkeypatch.setattr(backfill, "BATCH_SIZE", 2)  # several batches with a few quotes
    office = alice.membership.office
    antwerpen = Group.objects.get(office=office, name="Antwerpen")
    theirs = charlie.membership.current_group

    def quote(group, by, name, **activity):
        return QuoteFactory(group=group, created_by=by, client_name=name, activity=activity)

    numbered = [
        quote(antwerpen, bob, "Dupuis", enterprise_number=NUMBER, street="Rue A", city="Liège"),
        quote(antwerpen, alice, "Dupuis SA", enterprise_number=NUMBER),
    ]
    named = [quote(antwerpen, bob, "Garage Martin"), quote(antwerpen, alice, "garage  MARTIN!")]
    other_name = quote(antwerpen, bob, "Autre")
    other_office = quote(theirs, charlie, "Dupuis", enterprise_number=NUMBER)
    assert not Quote.objects.filter(client__isnull=False).exists()

    assert backfill.attach_quotes(historical_apps()) == 6

    by_pk = {q.pk: q.client for q in Quote.objects.select_related("client")}
    first = by_pk[numbered[0].pk]
    assert by_pk[numbered[1].pk] == first
    assert (first.name, first.enterprise_number, first.street, first.city) == (
        "Dupuis",
        NUMBER,
        "Rue A",
        "Liège",
    )
    assert first.created_by == bob and first.office == office
    assert by_pk[named[0].pk] == by_pk[named[1].pk] != first
    assert by_pk[named[0].pk].enterprise_number == ""
    assert by_pk[other_name.pk] not in (first, by_pk[named[0].pk])
    assert by_pk[other_office.pk].office == charlie.membership.office
    assert Client.objects.count() == 4
    # Again, or after more quotes: the clients made before are found, nothing is duplicated.
    later = quote(antwerpen, bob, "GARAGE MARTIN")
    assert backfill.attach_quotes(historical_apps()) == 1
    assert Quote.objects.get(pk=later.pk).client == by_pk[named[0].pk]
    assert Client.objects.count() == 4


@pytest.mark.django_db
def test_odd_answers_do_not_stop_the_migration(alice):
    group = alice.membership.current_group
    weird = QuoteFactory(group=group, created_by=alice, client_name="X", activity={})
    Quote.objects.filter(pk=weird.pk).update(
        answers={"activity": {"enterprise_number": 12, "street": None, "city": "y" * 500}}
    )
    listed = QuoteFactory(group=group, created_by=alice, client_name="Y")
    Quote.objects.filter(pk=listed.pk).update(answers={"activity": "not a dict"})
    assert backfill.attach_quotes(historical_apps()) == 2
    made = Quote.objects.get(pk=weird.pk).client
    assert made.enterprise_number == "" and len(made.city) == 100
