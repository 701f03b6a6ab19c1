"""The rules of a quote, each driven by the POST a forged request would send.

A button the page hides must be refused the same way when its POST is sent anyway: access to
the product (duplicate, revoked or refused access), and double submits that create nothing new.
"""

from __future__ import annotations

import html

import pytest
from django.urls import reverse

from brokerdesk.audit.models import AuditEvent
from brokerdesk.catalogue import services as catalogue
from brokerdesk.catalogue.models import Integration
from brokerdesk.offices.models import Group
from brokerdesk.quotes.models import Quote
from brokerdesk.quotes.tests.conftest import ACTIVITY, LEGAL
from tests.factories import InsurerStaffFactory

TOKEN = "0123456789abcdef0123456789abcdef"


def _text(response) -> str:
    return html.unescape(response.content.decode())


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def _revoke(group, product, reason="Contrat résilié") -> Integration:
    integration = Integration.objects.get(group=group, product=product)
    victor = InsurerStaffFactory(user__email="victor@vivium.be", insurer=product.insurer).user
    catalogue.revoke(integration=integration, reason=reason, decided_by=victor)
    return integration


# Dupliquer: only into a group with an accepted access


@pytest.mark.django_db
def test_duplicate_into_a_group_without_access_is_refused_like_the_hidden_button(
    client, alice, accepted, fill
):
    client.force_login(alice)
    client.post(reverse("switch_group"), {"group": accepted.pk})
    pk = fill(client)  # in Antwerpen, which has the access
    default = Group.objects.get(office=alice.membership.office, name="Default")
    client.post(reverse("switch_group"), {"group": default.pk})  # no access to the product

    page = _text(client.get(reverse("quote", args=[pk])))
    assert reverse("quote_duplicate", args=[pk]) not in page  # the button is gone

    response = client.post(reverse("quote_duplicate", args=[pk]), follow=True)
    assert Quote.objects.count() == 1  # the forged POST makes nothing
    assert response.redirect_chain[-1][0] == reverse("quote", args=[pk])
    assert any("pas d'accès accepté" in m for m in _messages(response))


@pytest.mark.django_db
def test_duplicate_into_a_group_with_access_works(client, bob, fill):
    client.force_login(bob)
    pk = fill(client)
    assert reverse("quote_duplicate", args=[pk]) in client.get(reverse("quote", args=[pk])).text
    client.post(reverse("quote_duplicate", args=[pk]))
    assert Quote.objects.count() == 2


# A revoked or refused access freezes the group's quotes on the product


@pytest.fixture
def frozen(client, bob, product, accepted, fill):
    """Bob's issued quote, then the insurer revokes the group's access."""
    client.force_login(bob)
    pk = fill(client)
    client.post(reverse("quote_offer", args=[pk]), {"language": "fr"})
    _revoke(accepted, product)
    return Quote.objects.get(pk=pk)


@pytest.mark.django_db
def test_a_revoked_access_freezes_the_quote_but_keeps_it_readable(client, frozen):
    page = client.get(reverse("quote", args=[frozen.pk]))
    text = _text(page)
    assert page.status_code == 200 and 'id="locked"' in text
    assert "a révoqué l'accès de ce sous-compte" in text
    assert reverse("quote_offer", args=[frozen.pk]) not in text  # no new offer
    assert "Recalculer" not in text
    assert client.get(reverse("quote_pdf", args=[frozen.pk])).status_code == 200
    step = _text(client.get(reverse("quote_step", args=[frozen.pk, "legal"])))
    assert "a révoqué l'accès" in step and "<fieldset disabled>" in step
    assert "Étape suivante" not in step


@pytest.mark.django_db
def test_forged_posts_on_a_frozen_quote_change_nothing(client, frozen):
    before = Quote.objects.get(pk=frozen.pk)
    events = AuditEvent.objects.count()

    response = client.post(
        reverse("quote_step", args=[frozen.pk, "legal"]),
        {**LEGAL, "workers_headcount": "7"},
        follow=True,
    )
    assert any("a révoqué l'accès" in m for m in _messages(response))
    client.post(reverse("quote_offer", args=[frozen.pk]), {"language": "nl"})
    client.post(reverse("quote", args=[frozen.pk]), {"payment_frequency": "monthly"})
    draft = client.post(reverse("quote_draft", args=[frozen.pk, "legal"]), {"x": "1"})
    assert draft.status_code == 404

    after = Quote.objects.get(pk=frozen.pk)
    assert (after.answers, after.offer, after.issued_at, after.status, after.drafts) == (
        before.answers,
        before.offer,
        before.issued_at,
        before.status,
        before.drafts,
    )
    assert AuditEvent.objects.count() == events


@pytest.mark.django_db
def test_a_frozen_quote_cannot_be_duplicated_into_its_own_group(client, frozen):
    client.post(reverse("quote_duplicate", args=[frozen.pk]))
    assert Quote.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("status", "words"),
    [("refused", "a refusé l'accès"), ("requested", "attend la décision")],
)
def test_a_refused_or_pending_access_freezes_too(
    client, bob, accepted, product, fill, status, words
):
    client.force_login(bob)
    pk = fill(client)
    Integration.objects.filter(group=accepted, product=product).update(status=status)
    assert words in _text(client.get(reverse("quote", args=[pk])))
    client.post(reverse("quote_step", args=[pk, "legal"]), {**LEGAL, "workers_headcount": "7"})
    assert Quote.objects.get(pk=pk).answers["legal"]["workers_headcount"] == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("nl", "heeft de toegang van deze deelaccount"),
        ("en", "withdrew this sub-account's access"),
    ],
)
def test_the_frozen_banner_speaks_the_users_language(client, bob, frozen, language, words):
    bob.language = language
    bob.save()
    assert words in _text(client.get(reverse("quote", args=[frozen.pk])))


@pytest.mark.django_db
def test_access_accepted_again_thaws_the_quote(client, frozen, product, accepted):
    Integration.objects.filter(group=accepted, product=product).update(status="accepted")
    legal = {**LEGAL, "workers_headcount": "7"}
    client.post(reverse("quote_step", args=[frozen.pk, "legal"]), legal)
    assert Quote.objects.get(pk=frozen.pk).answers["legal"]["workers_headcount"] == 7


# Double submits create nothing new


@pytest.mark.django_db
def test_step_one_posted_twice_creates_one_quote(client, bob, accepted):
    client.force_login(bob)
    page = client.get(reverse("quote_new", args=["TPE-KMO"])).content.decode()
    assert 'name="form_token"' in page
    data = {**ACTIVITY, "form_token": TOKEN}
    first = client.post(reverse("quote_new", args=["TPE-KMO"]), data)
    second = client.post(reverse("quote_new", args=["TPE-KMO"]), data)
    assert Quote.objects.count() == 1
    assert first.status_code == second.status_code == 302 and first.url == second.url
    assert AuditEvent.objects.filter(action="quote.created").count() == 1
    # A new form (a new token) is a new quote.
    client.post(reverse("quote_new", args=["TPE-KMO"]), {**ACTIVITY, "form_token": "f" * 32})
    assert Quote.objects.count() == 2


@pytest.mark.django_db
def test_duplicate_posted_twice_creates_one_copy(client, bob, fill):
    client.force_login(bob)
    pk = fill(client)
    first = client.post(reverse("quote_duplicate", args=[pk]), {"form_token": TOKEN})
    second = client.post(reverse("quote_duplicate", args=[pk]), {"form_token": TOKEN})
    assert Quote.objects.count() == 2 and first.url == second.url
    assert AuditEvent.objects.filter(action="quote.duplicated").count() == 1


@pytest.mark.django_db
def test_the_same_offer_issued_twice_is_one_offer(client, bob, fill):
    client.force_login(bob)
    pk = fill(client)
    client.post(reverse("quote_offer", args=[pk]), {"language": "fr"})
    issued_at = Quote.objects.get(pk=pk).issued_at
    client.post(reverse("quote_offer", args=[pk]), {"language": "fr"})
    assert Quote.objects.get(pk=pk).issued_at == issued_at
    assert AuditEvent.objects.filter(action="quote.offer_issued").count() == 1
    # Another language is another offer.
    client.post(reverse("quote_offer", args=[pk]), {"language": "nl"})
    assert AuditEvent.objects.filter(action="quote.offer_issued").count() == 2


@pytest.mark.django_db
def test_archiving_twice_records_once(client, bob, fill):
    client.force_login(bob)
    pk = fill(client)
    client.post(reverse("quote_archive", args=[pk]))
    client.post(reverse("quote_archive", args=[pk]))
    assert AuditEvent.objects.filter(action="quote.archived").count() == 1


@pytest.mark.django_db(transaction=True)
def test_step_one_posted_at_once_creates_one_quote(bob, accepted, product):
    # Real threads with their own connections on PostgreSQL; SQLite serialises writers anyway.
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection, connections

    from brokerdesk.quotes import services

    workers = 8 if connection.vendor == "postgresql" else 1

    def create(n: int) -> int:
        try:
            return services.start_quote(
                group=accepted,
                product=product,
                created_by=bob,
                answers={"activity": {"client_name": "Dupuis"}},
                form_token=TOKEN,
            ).pk
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=workers) as pool:
        made = set(pool.map(create, range(8)))
    assert len(made) == 1 and Quote.objects.count() == 1
