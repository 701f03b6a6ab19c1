"""Tenant isolation through every door: what a person reaches over HTTP is the visibility
rule (DESIGN.md §2), whether they come through the generic host, an insurer's own host, or an
insurer's path prefix; a site only changes what comes first."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import (
    InsurerFactory,
    InsurerSiteFactory,
    InsurerStaffFactory,
    ProductFactory,
    QuoteFactory,
    member,
)

DOORS = [("testserver", ""), ("vivium.localhost", ""), ("ag.localhost", ""), ("testserver", "/pv")]


@pytest.fixture
def world(db):
    vivium = ProductFactory()
    ag = ProductFactory(code="AG-RC", insurer=InsurerFactory(name="AG", reference_prefix="AG"))
    InsurerSiteFactory(insurer=vivium.insurer)
    InsurerSiteFactory(insurer=ag.insurer, host="ag.localhost", display_name="AG")
    InsurerSiteFactory(insurer=vivium.insurer, host="", path_prefix="pv")
    admin_a = member("admin@a.be", is_admin=True, groups=["Default", "North", "South"])
    office_a = admin_a.membership.office
    north = member("north@a.be", office=office_a, groups=["North"])
    south = member("south@a.be", office=office_a, groups=["South"])
    admin_b = member("admin@b.be", is_admin=True, groups=["Default"])
    people = {
        "admin_a": admin_a,
        "north": north,
        "south": south,
        "admin_b": admin_b,
        "vivium_staff": InsurerStaffFactory(insurer=vivium.insurer).user,
        "ag_staff": InsurerStaffFactory(insurer=ag.insurer).user,
    }
    groups = {g.name: g for g in office_a.groups.all()}
    quotes = {
        "north_vivium": QuoteFactory(
            group=groups["North"], product=vivium, created_by=north, client_name="Zeppelin Nord"
        ),
        "south_ag": QuoteFactory(
            group=groups["South"], product=ag, created_by=south, client_name="Zeppelin Sud"
        ),
        "b_vivium": QuoteFactory(
            group=admin_b.membership.current_group,
            product=vivium,
            created_by=admin_b,
            client_name="Zeppelin Bee",
        ),
    }
    rule = {  # the visibility rule, written out
        "admin_a": {"north_vivium", "south_ag"},
        "north": {"north_vivium"},
        "south": {"south_ag"},
        "admin_b": {"b_vivium"},
        "vivium_staff": {"north_vivium", "b_vivium"},
        "ag_staff": {"south_ag"},
    }
    return people, quotes, rule


@pytest.mark.django_db
@pytest.mark.parametrize(("host", "prefix"), DOORS, ids=["generic", "vivium", "ag", "prefix"])
def test_every_door_shows_exactly_what_the_rule_allows(client, world, host, prefix):
    people, quotes, rule = world
    for name, user in people.items():
        client.force_login(user)
        found = client.get(f"{prefix}{reverse('search')}?q=zeppelin", HTTP_HOST=host)
        listed = found.content.decode()
        assert {q for q, quote in quotes.items() if quote.client_name in listed} == rule[name]
        for key, quote in quotes.items():
            detail = client.get(f"{prefix}{reverse('quote', args=[quote.pk])}", HTTP_HOST=host)
            by_reference = client.get(
                f"{prefix}{reverse('quote_reference', args=[quote.reference])}", HTTP_HOST=host
            )
            if key in rule[name]:
                assert detail.status_code == 200, (name, key)
                assert by_reference.status_code == 302, (name, key)
            else:
                assert detail.status_code == by_reference.status_code == 404, (name, key)
