"""One account behind every door; deep links from an insurer's extranet; safe `next` targets;
e-mails that come from the door they were caused on."""

from __future__ import annotations

import pytest
from django.urls import reverse

from brokerdesk.offices.tests.test_signup import COMPANY, PERSONAL
from conftest import PASSWORD, mail_text
from tests.factories import InsurerFactory, InsurerSiteFactory, ProductFactory, QuoteFactory

VIVIUM, AG = "vivium.localhost", "ag.localhost"


@pytest.fixture
def doors(db, product):
    """Vivium's site, and a second insurer's site with its own product."""
    ag_product = ProductFactory(
        code="AG-RC", insurer=InsurerFactory(name="AG", reference_prefix="AG")
    )
    return (
        InsurerSiteFactory(insurer=product.insurer),
        InsurerSiteFactory(insurer=ag_product.insurer, host=AG, display_name="AG"),
    )


def log_in(client, host: str, email: str, password: str = PASSWORD, next_url: str = ""):
    url = reverse("login") + (f"?next={next_url}" if next_url else "")
    data = {"username": email, "password": password, "next": next_url}
    return client.post(url, data, HTTP_HOST=host)


@pytest.mark.django_db
def test_an_office_signed_up_on_one_door_works_behind_another(client, doors, product):
    from django.test import Client

    response = client.post(
        reverse("signup"), {**PERSONAL, **COMPANY, "action": "create"}, HTTP_HOST=VIVIUM
    )
    assert response.status_code == 302
    user = response.wsgi_request.user
    group = user.membership.current_group
    quote = QuoteFactory(group=group, product=product, created_by=user)

    other = Client()
    assert log_in(other, AG, PERSONAL["p-email"], PERSONAL["p-password1"]).status_code == 302
    page = other.get(reverse("quotes"), HTTP_HOST=AG).content.decode()
    assert quote.reference in page
    assert "Cazelles Courtage" in other.get(reverse("account"), HTTP_HOST=AG).content.decode()
    groups = other.get(reverse("groups"), HTTP_HOST=AG).content.decode()
    assert group.name in groups
    assert other.get(reverse("quote", args=[quote.pk]), HTTP_HOST=AG).status_code == 200


@pytest.mark.django_db
def test_a_site_never_widens_what_a_broker_sees(client, doors, product, alice, bob, charlie):
    """Charlie, on Vivium's own door, still sees nothing of Alice's office's Vivium quotes."""
    quote = QuoteFactory(group=bob.membership.current_group, product=product, created_by=bob)
    for host in ("testserver", VIVIUM, AG):
        client.force_login(charlie)
        assert client.get(reverse("quote", args=[quote.pk]), HTTP_HOST=host).status_code == 404
        ref = reverse("quote_reference", args=[quote.reference])
        assert client.get(ref, HTTP_HOST=host).status_code == 404
        assert quote.reference not in client.get(reverse("quotes"), HTTP_HOST=host).content.decode()
        client.force_login(bob)
        assert quote.reference in client.get(reverse("quotes"), HTTP_HOST=host).content.decode()


# Deep links


@pytest.fixture
def bobs_quote(accepted, product, bob):
    return QuoteFactory(group=accepted, product=product, created_by=bob)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("link", "lands_on"),
    [
        (lambda q: reverse("product", args=[q.product.code]), None),
        (lambda q: reverse("quote_new", args=[q.product.code]), None),
        (
            lambda q: reverse("quote_reference", args=[q.reference.lower()]),
            lambda q: reverse("quote", args=[q.pk]),
        ),
    ],
    ids=["product", "new", "reference"],
)
def test_a_deep_link_leads_through_login_to_its_page(client, doors, bobs_quote, link, lands_on):
    url = link(bobs_quote)
    to_login = client.get(url, HTTP_HOST=VIVIUM)
    assert to_login.url == f"{reverse('login')}?next={url}"
    response = log_in(client, VIVIUM, "bob@example.be", next_url=url)
    assert response.url == url
    page = client.get(url, HTTP_HOST=VIVIUM, follow=True)
    assert page.status_code == 200
    if lands_on:
        assert page.redirect_chain[-1][0] == lands_on(bobs_quote)
        assert bobs_quote.reference in page.content.decode()


@pytest.mark.django_db
def test_a_reference_the_broker_may_not_see_answers_404_after_login(client, doors, bobs_quote):
    from tests.factories import member

    dirk = member("dirk@example.be", office=bobs_quote.office, groups=["Default"])
    url = reverse("quote_reference", args=[bobs_quote.reference])
    log_in(client, VIVIUM, dirk.email, next_url=url)
    assert client.get(url, HTTP_HOST=VIVIUM).status_code == 404
    missing = reverse("quote_reference", args=["PV_TPE-KMO_NOBODY_9999"])
    assert client.get(missing, HTTP_HOST=VIVIUM).status_code == 404


@pytest.mark.django_db
def test_insurer_staff_follow_a_reference_found_in_several_offices(
    client, doors, product, make_staff
):
    from tests.factories import member

    first = member("a@one.be", is_admin=True)
    second = member("b@two.be", is_admin=True)
    quotes = [
        QuoteFactory(group=u.membership.current_group, product=product, created_by=u)
        for u in (first, second)
    ]
    assert quotes[0].reference == quotes[1].reference  # per-office counters
    client.force_login(make_staff("victor@vivium.be", "Vivium"))
    response = client.get(reverse("quote_reference", args=[quotes[0].reference]), HTTP_HOST=VIVIUM)
    assert response.url == f"{reverse('backoffice_quotes')}?q={quotes[0].reference}"
    client.force_login(first)
    response = client.get(reverse("quote_reference", args=[quotes[0].reference]), HTTP_HOST=VIVIUM)
    assert response.url == reverse("quote", args=[quotes[0].pk])


@pytest.mark.django_db
@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "///evil.example/",
        "/\\evil.example/",
        "\\\\evil.example",
        "http:evil.example",
        "https://vivium.localhost.evil.example/",
        "https://evil.example/?x=vivium.localhost",
        "javascript:alert(1)",
        "https://ag.localhost/requests/",  # another door: its session is another one
        "http://vivium.localhost@evil.example/",
    ],
)
def test_next_never_leaves_the_door(client, doors, alice, target):
    response = log_in(client, VIVIUM, alice.email, next_url=target)
    assert response.status_code == 302
    assert response.url == reverse("home")


@pytest.mark.django_db
def test_next_may_name_the_door_itself(client, doors, alice):
    response = log_in(client, VIVIUM, alice.email, next_url="http://vivium.localhost/requests/")
    assert response.url == "http://vivium.localhost/requests/"


# E-mails


@pytest.mark.django_db(transaction=True)  # the worker closes its connection
def test_emails_caused_on_a_door_carry_its_name_and_address(client, doors, alice, deliver_mail):
    client.post(reverse("forgot_password"), {"email": alice.email}, HTTP_HOST=VIVIUM)
    client.post(reverse("forgot_password"), {"email": alice.email})
    branded, generic = deliver_mail()
    assert "http://vivium.localhost:8000/password/reset/" in mail_text(branded)
    html = branded.get_body(preferencelist=("html",)).get_content()
    assert "VIVIUM</p>" in html
    assert "http://127.0.0.1:8000/password/reset/" in mail_text(generic)
    assert "brokerdesk</p>" in generic.get_body(preferencelist=("html",)).get_content()


@pytest.mark.django_db(transaction=True)  # the worker closes its connection
def test_emails_from_a_prefix_door_link_under_its_prefix(client, product, alice, deliver_mail):
    InsurerSiteFactory(insurer=product.insurer, host="", path_prefix="vivium")
    client.post("/vivium/password/forgot/", {"email": alice.email})
    (message,) = deliver_mail()
    assert "http://127.0.0.1:8000/vivium/password/reset/" in mail_text(message)
