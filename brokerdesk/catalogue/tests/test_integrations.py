from __future__ import annotations

from html import unescape

import pytest
from django.urls import reverse

from brokerdesk.audit.models import AuditEvent
from brokerdesk.catalogue.models import Integration
from brokerdesk.notifications.models import OutboxMessage
from brokerdesk.offices.models import Group


def ask(client, product, number="123456"):
    return client.post(
        reverse("product", args=[product.code]),
        {"action": "request", "request-producer_number": number},
        follow=True,
    )


@pytest.fixture
def victor(make_staff):
    return make_staff("victor@vivium.be", "Vivium")


@pytest.mark.django_db
def test_an_admin_requests_access_for_the_current_sub_account(client, alice, product, victor):
    client.force_login(alice)
    page = client.get(reverse("product", args=[product.code])).content.decode()
    assert "Numéro de producteur Vivium" in page and "Créer une intégration" in page
    assert "4 à 6 chiffres" in page and 'inputmode="numeric"' in page

    response = ask(client, product, " 123 456 ")
    html = unescape(response.content.decode())
    assert "Une demande d'accès est envoyée à la compagnie" in html
    integration = Integration.objects.get()
    assert (integration.group, integration.producer_number, integration.status) == (
        alice.membership.current_group,
        "123456",
        "requested",
    )
    assert integration.requested_by == alice
    assert list(OutboxMessage.objects.values_list("to", flat=True)) == ["victor@vivium.be"]
    assert AuditEvent.objects.get().action == "integration.requested"
    assert "Demande en attente" in client.get(reverse("products")).content.decode()


@pytest.mark.parametrize("number", ["7964", "66799", "66 802", "123456"])
@pytest.mark.django_db
def test_vivium_producer_numbers_have_4_to_6_digits_as_in_the_manual(
    client, alice, product, number
):
    client.force_login(alice)
    ask(client, product, number)
    assert Integration.objects.get().producer_number == number.replace(" ", "")


@pytest.mark.parametrize("number", ["12345A", "123", "1234567"])
@pytest.mark.django_db
def test_a_malformed_producer_number_is_refused_with_the_insurers_format(
    client, alice, product, number
):
    client.force_login(alice)
    response = ask(client, product, number)
    error = response.context["request_form"].errors["producer_number"][0]
    assert error == "Format attendu pour un numéro de producteur Vivium : 4 à 6 chiffres."
    assert f'value="{number}"' in response.content.decode()
    assert not Integration.objects.exists()
    alice.language = "nl"
    alice.save()
    response = ask(client, product, number)
    assert "4 tot 6 cijfers" in response.context["request_form"].errors["producer_number"][0]


@pytest.mark.django_db
def test_a_product_may_have_its_own_producer_number_format(client, alice, product):
    product.producer_number_pattern = "[A-Z]{2}[0-9]{4}"
    product.producer_number_description_fr = "2 lettres puis 4 chiffres"
    product.save()
    client.force_login(alice)
    page = client.get(reverse("product", args=[product.code])).content.decode()
    assert "2 lettres puis 4 chiffres" in page and 'inputmode="numeric"' not in page
    response = ask(client, product, "7964")
    assert (
        "2 lettres puis 4 chiffres" in response.context["request_form"].errors["producer_number"][0]
    )
    ask(client, product, "ab1234")
    assert Integration.objects.get().producer_number == "AB1234"


@pytest.mark.django_db
def test_a_producer_number_is_unique_per_product_across_the_platform(
    client, alice, charlie, product
):
    client.force_login(alice)
    ask(client, product)
    client.force_login(charlie)
    response = ask(client, product)
    assert "déjà utilisé" in response.context["request_form"].errors["producer_number"][0]
    assert Integration.objects.count() == 1


@pytest.mark.django_db
def test_a_pending_request_cannot_be_made_twice(client, alice, product):
    client.force_login(alice)
    ask(client, product)
    response = ask(client, product, "654321")
    assert "déjà une demande" in response.content.decode()
    assert list(Integration.objects.values_list("producer_number", flat=True)) == ["123456"]


@pytest.mark.django_db
def test_a_broker_cannot_request_access(client, bob, product):
    bob.language = "fr"
    bob.save()
    client.force_login(bob)
    page = client.get(reverse("product", args=[product.code])).content.decode()
    assert "Seul un administrateur" in page and "Créer une intégration" not in page
    response = ask(client, product)
    assert "Seul un administrateur" in response.content.decode()
    assert not Integration.objects.exists()
    response = client.post(
        reverse("product", args=[product.code]),
        {"action": "new_group", "group-name": "Gent", "group-producer_number": "999999"},
        follow=True,
    )
    assert "Seul un administrateur" in response.content.decode()
    assert not Group.objects.filter(name="Gent").exists()


@pytest.mark.django_db
def test_a_further_producer_number_gets_its_own_group(client, alice, product):
    client.force_login(alice)
    ask(client, product)
    response = client.post(
        reverse("product", args=[product.code]),
        {"action": "new_group", "group-name": "Gent", "group-producer_number": "654321"},
        follow=True,
    )
    assert response.status_code == 200
    gent = Group.objects.get(office=alice.membership.office, name="Gent")
    assert gent.integrations.get().producer_number == "654321"
    # Alice still works in her sub-account, and is told so (issue 14 item 5).
    before = alice.membership.current_group
    alice.membership.refresh_from_db()
    assert alice.membership.current_group == before != gent
    html = response.content.decode().replace("&#x27;", "'")
    assert "Le groupe « Gent » est créé" in html
    assert f"Vous travaillez toujours dans le sous-compte « {before.name} »" in html


@pytest.mark.django_db
def test_each_group_needs_a_distinct_name(client, alice, product):
    client.force_login(alice)
    response = client.post(
        reverse("product", args=[product.code]),
        {"action": "new_group", "group-name": "antwerpen", "group-producer_number": "654321"},
    )
    assert "nom différent" in response.context["group_form"].errors["name"][0]
    assert not Integration.objects.exists()


@pytest.mark.django_db
def test_a_refused_request_shows_its_reason_and_may_be_asked_again(client, alice, product):
    client.force_login(alice)
    ask(client, product)
    Integration.objects.update(status="refused", reason="Numéro inconnu chez Vivium")
    html = client.get(reverse("products")).content.decode()
    assert "Accès refusé" in html and "Numéro inconnu chez Vivium" in html
    ask(client, product, "222222")
    integration = Integration.objects.get()
    assert (integration.status, integration.producer_number, integration.reason) == (
        "requested",
        "222222",
        "",
    )


@pytest.mark.django_db
def test_new_quotes_only_in_a_group_with_accepted_access(client, alice, product):
    client.force_login(alice)
    ask(client, product)
    assert client.get(reverse("quote_new", args=[product.code])).status_code == 403
    Integration.objects.update(status="accepted")
    assert client.get(reverse("quote_new", args=[product.code])).status_code == 200
    html = client.get(reverse("quotes")).content.decode()
    assert reverse("quote_new", args=[product.code]) in html

    other = Group.objects.get(office=alice.membership.office, name="Antwerpen")
    client.post(reverse("switch_group"), {"group": other.pk})
    response = client.get(reverse("quote_new", args=[product.code]))
    assert response.status_code == 403
    assert "Demandez l'accès" in unescape(response.content.decode())
    # "+ Nouveau" still leads there, to the screen that says why (issue 14 item 5).
    new_url = reverse("quote_new", args=[product.code])
    html = client.get(reverse("quotes")).content.decode()
    assert f'btn-outline-primary btn-sm" href="{new_url}"' in html


@pytest.mark.django_db
def test_users_and_groups_tables_show_products_and_integrations(client, alice, bob, product):
    client.force_login(alice)
    ask(client, product)
    Integration.objects.update(status="accepted")
    users = client.get(reverse("users")).content.decode()
    assert 'title="TPE Tool">TT<' in users
    groups = client.get(reverse("groups")).content.decode()
    assert "123456" in groups and "Accès accepté" in groups
