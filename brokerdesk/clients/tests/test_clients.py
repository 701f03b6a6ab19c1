"""Clients: the visibility rule (isolation), one client per enterprise number, step 1.1
picking or creating the client, the client pages."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from brokerdesk.access.clients import get_client_or_404, visible_clients
from brokerdesk.audit.models import AuditEvent
from brokerdesk.clients import services
from brokerdesk.clients.models import Client
from brokerdesk.offices.models import Group
from brokerdesk.quotes import services as quote_services
from brokerdesk.quotes.models import Quote
from brokerdesk.quotes.tests.conftest import ACTIVITY
from tests.factories import InsurerStaffFactory, QuoteFactory, member

NUMBER = "0403019261"  # ACTIVITY's BE0403019261
OTHER_NUMBER = "0203201340"


def _client(office, by, name="Boulangerie Dupuis", number=""):
    fields = {"name": name, "enterprise_number": number}
    return services.create_client(office_id=office.pk, fields=fields, by=by)[0]


def _quote(group, by, client=None, name="Boulangerie Dupuis"):
    quote = QuoteFactory(group=group, created_by=by, client_name=name)
    if client is not None:
        Quote.objects.filter(pk=quote.pk).update(client=client)
    return quote


@pytest.fixture
def world(alice, bob, charlie, product):
    """Dirk is a broker of Alice's office in Default only; Charlie's office has its own."""
    office = alice.membership.office
    antwerpen = Group.objects.get(office=office, name="Antwerpen")
    default = Group.objects.get(office=office, name="Default")
    dirk = member("dirk@example.be", office=office, groups=["Default"])
    seen_by_bob = _client(office, alice, "Antwerp Client", NUMBER)
    _quote(antwerpen, alice, seen_by_bob)
    default_only = _client(office, alice, "Default Client")
    _quote(default, alice, default_only)
    made_by_bob = _client(office, bob, "Bob's Own")  # no quote yet
    charlie_office = charlie.membership.office
    charlies = _client(charlie_office, charlie, "Charlie's Client", NUMBER)
    return {
        "dirk": dirk,
        "seen_by_bob": seen_by_bob,
        "default_only": default_only,
        "made_by_bob": made_by_bob,
        "charlies": charlies,
    }


@pytest.mark.django_db
def test_visibility_follows_the_quotes(world, alice, bob, charlie, product):
    w = world
    office_clients = {w["seen_by_bob"], w["default_only"], w["made_by_bob"]}
    assert set(visible_clients(alice)) == office_clients
    assert set(visible_clients(bob)) == {w["seen_by_bob"], w["made_by_bob"]}
    assert set(visible_clients(w["dirk"])) == {w["default_only"]}
    assert set(visible_clients(charlie)) == {w["charlies"]}
    staff = InsurerStaffFactory(insurer=product.insurer).user
    assert not visible_clients(staff).exists()


@pytest.mark.django_db
def test_other_offices_and_groups_clients_answer_404(client, world, bob, charlie):
    client.force_login(bob)
    for other in (world["charlies"], world["default_only"]):
        for name in ("client", "client_edit"):
            assert client.get(reverse(name, args=[other.pk])).status_code == 404
        response = client.post(reverse("client_edit", args=[other.pk]), {"contact_name": "X"})
        assert response.status_code == 404
        page = client.get(reverse("quote_new", args=["TPE-KMO"]), {"client": other.pk})
        assert page.status_code in (403, 404)
    other = world["charlies"]
    assert Client.objects.get(pk=other.pk).contact_name == ""
    with pytest.raises(Exception) as error:
        get_client_or_404(bob, other.pk)
    assert error.type.__name__ == "Http404"
    listed = client.get(reverse("clients")).content.decode()
    assert "Antwerp Client" in listed and "Bob&#x27;s Own" in listed
    assert "Default Client" not in listed and "Charlie" not in listed.split("<main")[-1]


@pytest.mark.django_db
def test_suggestions_only_show_visible_clients(client, world, bob, accepted):
    client.force_login(bob)
    url = reverse("client_suggestions")
    html = client.get(url, {"product": "TPE-KMO", "client_name": "client"}).content.decode()
    assert "Antwerp Client" in html
    assert "Default Client" not in html and "Charlie" not in html
    # By enterprise number, however it is typed.
    html = client.get(url, {"product": "TPE-KMO", "enterprise_number": "BE0403.019"}).content
    assert b"Antwerp Client" in html and b"Charlie" not in html
    link = reverse("quote_new", args=["TPE-KMO"]) + f"?client={world['seen_by_bob'].pk}"
    assert link in html.decode()
    assert client.get(url, {"quote": "x", "client_name": "cl"}).status_code == 404


@pytest.mark.django_db
def test_suggestions_are_abuse_limited(client, bob, settings):
    settings.ABUSE_LIMITS = {**settings.ABUSE_LIMITS, "client_search": {"ip": "3/h"}}
    client.force_login(bob)
    url = reverse("client_suggestions")
    codes = [client.get(url, {"product": "P", "client_name": "ab"}).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]


@pytest.mark.django_db
def test_one_client_per_enterprise_number_per_office(alice, charlie):
    office = alice.membership.office
    first, created = services.create_client(
        office_id=office.pk, fields={"name": "A", "enterprise_number": "BE 0403.019.261"}, by=alice
    )
    assert created and first.enterprise_number == NUMBER
    again, created = services.create_client(
        office_id=office.pk, fields={"name": "B", "enterprise_number": NUMBER}, by=alice
    )
    assert again == first and not created and again.name == "A"
    # Another office has its own client of that number.
    theirs = _client(charlie.membership.office, charlie, "C", NUMBER)
    assert theirs != first
    # The database refuses a second row even if the check in the service were bypassed.
    with pytest.raises(IntegrityError), transaction.atomic():
        Client.objects.create(office=office, enterprise_number=NUMBER, name="D", created_by=alice)
    # Without a number, clients of the same name may be several.
    assert _client(office, alice, "Same") != _client(office, alice, "Same")
    with pytest.raises(services.InvalidEnterpriseNumber):
        services.create_client(
            office_id=office.pk, fields={"name": "E", "enterprise_number": "0403019262"}, by=alice
        )
    assert AuditEvent.objects.filter(action="client.created", target_id=str(first.pk)).exists()


@pytest.mark.django_db
def test_step_1_1_creates_the_client_then_finds_it(client, bob, accepted):
    client.force_login(bob)
    url = reverse("quote_new", args=["TPE-KMO"])
    assert client.post(url, ACTIVITY).status_code == 302
    first = Quote.objects.get()
    assert first.client is not None
    record = first.client
    assert (record.name, record.enterprise_number, record.activity_code) == (
        "Boulangerie Dupuis",
        NUMBER,
        "47.110",
    )
    assert (record.street, record.postal_code, record.city) == (
        "Rue de la Loi",
        "1000",
        "Bruxelles",
    )
    assert record.created_by == bob and record.office == bob.membership.office
    # The same enterprise number again: the same client, its record untouched.
    assert (
        client.post(url, {**ACTIVITY, "client_name": "Dupuis SRL", "street": "Autre"}).status_code
        == 302
    )
    second = Quote.objects.latest("pk")
    assert second.client == record
    record.refresh_from_db()
    assert (record.name, record.street) == ("Boulangerie Dupuis", "Rue de la Loi")
    assert "client" not in second.answers["activity"]
    # Without a number: a client of the name typed.
    client.post(url, {**ACTIVITY, "client_name": "Sans Numéro", "enterprise_number": ""})
    third = Quote.objects.latest("pk")
    assert third.client.name == "Sans Numéro" and third.client.enterprise_number == ""
    # Saved again, the quote keeps that client rather than making another one.
    step = reverse("quote_step", args=[third.pk, "activity"])
    data = {**ACTIVITY, "client_name": "Sans Numéro SA", "enterprise_number": "", "revision": 0}
    assert client.post(step, data).status_code == 302
    third.refresh_from_db()
    assert third.client.name == "Sans Numéro" and Client.objects.count() == 2


@pytest.mark.django_db
def test_picking_a_client_prefills_and_attaches_it(client, alice, bob, accepted):
    office = bob.membership.office
    known = services.create_client(
        office_id=office.pk,
        fields={
            "name": "Garage Martin",
            "enterprise_number": OTHER_NUMBER,
            "street": "Chaussée de Wavre",
            "number": "12",
            "postal_code": "5000",
            "city": "Namur",
            "activity_code": "43.221",
        },
        by=bob,
    )[0]
    client.force_login(bob)
    url = reverse("quote_new", args=["TPE-KMO"])
    html = client.get(url, {"client": known.pk}).content.decode()
    for text in (
        "Garage Martin",
        "BE0203201340",
        "Chaussée de Wavre",
        "Namur",
        "43.221",
        f'value="{known.pk}"',
    ):
        assert text in html, text
    assert 'id="client-picked"' in html
    # Saved with the client picked and its number: that client, nothing new.
    data = {
        "client": known.pk,
        "client_name": "Garage Martin",
        "activity": "43.221",
        "enterprise_number": "BE0203201340",
        "postal_code": "5000",
        "insurance_year": "2026",
    }
    assert client.post(url, data).status_code == 302
    quote = Quote.objects.get()
    assert quote.client == known and Client.objects.count() == 1
    # Picked, then typed over (another name, no number): not that client any more.
    data_over = {**data, "enterprise_number": "", "client_name": "Autre Garage"}
    assert client.post(url, data_over).status_code == 302
    assert Quote.objects.latest("pk").client.name == "Autre Garage"
    # Picked without a number and the name kept: that client.
    data_kept = {**data, "enterprise_number": ""}
    assert client.post(url, data_kept).status_code == 302
    assert Quote.objects.latest("pk").client == known
    # A client the user cannot see, posted by hand, is ignored (a new client is made).
    theirs = services.create_client(
        office_id=office.pk,
        fields={"name": "Alice only"},
        by=alice,
    )[0]
    data = {**data, "client": theirs.pk, "enterprise_number": "", "client_name": "Alice only"}
    assert client.post(url, data).status_code == 302
    latest = Quote.objects.latest("pk")
    assert latest.client not in (theirs, known) and latest.client.name == "Alice only"


@pytest.mark.django_db
def test_the_client_page_lists_quotes_and_offers(client, bob, accepted):
    client.force_login(bob)
    client.post(reverse("quote_new", args=["TPE-KMO"]), ACTIVITY)
    quote = Quote.objects.get()
    Quote.objects.filter(pk=quote.pk).update(status=Quote.Status.ISSUED)
    draft = QuoteFactory(group=accepted, created_by=bob, product=quote.product)
    Quote.objects.filter(pk=draft.pk).update(client=quote.client)
    html = client.get(reverse("client", args=[quote.client_id])).content.decode()
    assert quote.reference in html and draft.reference in html
    offers = html.split('id="client-offers"')[1].split("</ul>")[0]
    assert quote.reference in offers and draft.reference not in offers
    assert "Offre émise" in html and "Brouillon" in html
    new = reverse("quote_new", args=["TPE-KMO"]) + f"?client={quote.client_id}"
    assert new in html
    assert "Boulangerie Dupuis" in client.get(reverse("clients")).content.decode()
    searched = client.get(reverse("clients"), {"q": "nothing like it"}).content.decode()
    assert "Aucun client ne correspond" in searched


@pytest.mark.django_db
def test_the_client_edit_form(client, bob, accepted):
    record = _client(bob.membership.office, bob, "Garage", NUMBER)
    client.force_login(bob)
    url = reverse("client_edit", args=[record.pk])
    assert client.get(url).status_code == 200
    bad = client.post(
        url, {"contact_name": "Anne", "email": "not-mail", "phone": "12", "language": "nl"}
    )
    assert bad.status_code == 400
    html = bad.content.decode()
    assert 'value="Anne"' in html and 'id="id_email_error"' in html
    record.refresh_from_db()
    assert record.contact_name == ""
    data = {
        "contact_name": "Anne Martin",
        "email": "anne@garage.be",
        "phone": "0412 34 56 78",
        "language": "nl",
        "street": "Rue Neuve",
        "number": "1",
        "postal_code": "1000",
        "city": "",
    }
    assert client.post(url, data).status_code == 302
    record.refresh_from_db()
    assert (record.contact_name, record.email, record.phone, record.language, record.city) == (
        "Anne Martin",
        "anne@garage.be",
        "+32412345678",
        "nl",
        "Bruxelles",
    )
    assert record.enterprise_number == NUMBER and record.name == "Garage"
    event = AuditEvent.objects.get(action="client.updated", target_id=str(record.pk))
    assert "contact_name" in event.data["fields"]
    # The same again changes nothing, and records nothing.
    client.post(url, data)
    assert AuditEvent.objects.filter(action="client.updated").count() == 1
    for crafted in ("\x00", "x" * 100_000):
        response = client.post(url, {**data, "contact_name": crafted})
        assert response.status_code == 400


@pytest.mark.django_db
def test_duplicating_a_quote_keeps_its_client(bob, product, accepted):
    activity = {"client_name": "Dupuis", "enterprise_number": NUMBER}
    quote = quote_services.start_quote(
        group=accepted, product=product, created_by=bob, answers={"activity": activity}
    )
    assert quote.client.enterprise_number == NUMBER
    copy = quote_services.duplicate(quote=quote, group=accepted, by=bob)
    assert copy.client_id == quote.client_id and Client.objects.count() == 1
