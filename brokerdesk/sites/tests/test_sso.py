"""Single sign-on against a real OpenID Connect provider started on loopback (tests/oidc.py):
the whole code flow over HTTP, with the provider's own signed tokens."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import pytest
import requests
from django.urls import reverse

from brokerdesk.accounts.models import User
from brokerdesk.audit.models import AuditEvent
from brokerdesk.sites.models import SsoIdentity
from tests.factories import InsurerSiteFactory, IntegrationFactory

VIVIUM = "vivium.localhost"
CLIENT = {"client_id": "brokerdesk-vivium", "client_secret": "vivium-s3cret"}


@pytest.fixture
def sso_site(db, product, oidc_provider):
    oidc_provider.setup(clients=[{**CLIENT, "redirect_uris": [f"http://{VIVIUM}/sso/callback/"]}])
    return InsurerSiteFactory(
        insurer=product.insurer,
        oidc_issuer=oidc_provider.issuer,
        oidc_client_id=CLIENT["client_id"],
        oidc_client_secret=CLIENT["client_secret"],
    )


def person(provider, email: str, **claims) -> None:
    provider.setup(
        people=[
            {
                "email": email,
                "password": "provider-pass-1",
                "given_name": "Nina",
                "family_name": "Claes",
                **claims,
            }
        ]
    )


def sign_in(client, email: str, next_url: str = ""):
    """From "Se connecter avec VIVIUM" through the provider's own login form and back."""
    start = reverse("sso_start") + (f"?next={next_url}" if next_url else "")
    url = client.get(start, HTTP_HOST=VIVIUM).url
    http = requests.Session()
    while not url.startswith(f"http://{VIVIUM}/"):
        response = http.get(url, allow_redirects=False, timeout=10)
        if response.status_code == 200:  # the provider's login form
            data = {
                "username": email,
                "password": "provider-pass-1",
                "csrfmiddlewaretoken": http.cookies["csrftoken"],
            }
            response = http.post(response.url, data=data, allow_redirects=False, timeout=10)
        assert response.status_code == 302, response.text
        url = urljoin(response.url, response.headers["Location"])
    callback = urlsplit(url)
    return client.get(f"{callback.path}?{callback.query}", HTTP_HOST=VIVIUM)


def logged_in_as(client):
    return client.get(reverse("profile"), HTTP_HOST=VIVIUM).wsgi_request.user


@pytest.mark.django_db
def test_the_login_page_offers_the_insurers_sign_on_only_on_its_site(client, sso_site):
    assert (
        "Se connecter avec VIVIUM"
        in client.get(reverse("login"), HTTP_HOST=VIVIUM).content.decode()
    )
    assert "Se connecter avec" not in client.get(reverse("login")).content.decode()
    assert client.get(reverse("sso_start")).status_code == 404
    sso_site.oidc_issuer = ""
    sso_site.save()
    assert (
        "Se connecter avec" not in client.get(reverse("login"), HTTP_HOST=VIVIUM).content.decode()
    )
    assert client.get(reverse("sso_start"), HTTP_HOST=VIVIUM).status_code == 404


@pytest.mark.django_db
def test_a_verified_address_logs_into_the_existing_account(client, sso_site, alice, oidc_provider):
    person(oidc_provider, "ALICE@example.be", producer_number="654321")
    response = sign_in(client, "ALICE@example.be")
    assert response.status_code == 302
    assert response.url == reverse("home")
    assert logged_in_as(client) == alice
    identity = SsoIdentity.objects.get(user=alice, site=sso_site)
    assert identity.producer_number == "654321"
    assert AuditEvent.objects.filter(action="sso.sign_in", actor=alice).exists()


@pytest.mark.django_db
def test_the_sign_on_keeps_a_deep_link_and_refuses_other_hosts(
    client, sso_site, alice, oidc_provider
):
    person(oidc_provider, "alice@example.be")
    assert sign_in(client, "alice@example.be", next_url="/requests/").url == "/requests/"
    client.logout()
    assert sign_in(client, "alice@example.be", next_url="https://evil.example/").url == "/"
    client.logout()
    assert sign_in(client, "alice@example.be", next_url="//evil.example/x").url == "/"


@pytest.mark.django_db
def test_an_unknown_person_is_sent_to_sign_up_pre_filled(client, sso_site, oidc_provider):
    person(oidc_provider, "nina@claes.be", given_name="Nina", family_name="Claes")
    response = sign_in(client, "nina@claes.be")
    assert response.url == reverse("signup")
    assert not logged_in_as(client).is_authenticated
    assert not User.objects.filter(email="nina@claes.be").exists()  # nobody got an office
    page = client.get(reverse("signup"), HTTP_HOST=VIVIUM).content.decode()
    assert 'value="nina@claes.be"' in page
    assert 'value="Nina"' in page
    assert 'value="Claes"' in page
    assert "Aucun compte n&#x27;utilise encore l&#x27;adresse nina@claes.be" in page


@pytest.mark.django_db
def test_an_unverified_address_never_links_to_an_account(client, sso_site, alice, oidc_provider):
    person(oidc_provider, "alice@example.be", email_verified=False)
    response = sign_in(client, "alice@example.be")
    assert response.url == reverse("login")
    assert not logged_in_as(client).is_authenticated
    page = client.get(reverse("login"), HTTP_HOST=VIVIUM).content.decode()
    assert "VIVIUM ne confirme pas votre adresse e-mail" in page
    assert not SsoIdentity.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("flaw", ["wrong_audience", "expired"])
def test_a_token_for_another_audience_or_expired_is_refused(
    client, sso_site, alice, oidc_provider, flaw, caplog
):
    person(oidc_provider, "alice@example.be", flaw=flaw)
    response = sign_in(client, "alice@example.be")
    assert response.url == reverse("login")
    assert not logged_in_as(client).is_authenticated
    page = client.get(reverse("login"), HTTP_HOST=VIVIUM).content.decode()
    assert "La connexion avec VIVIUM n&#x27;a pas abouti." in page
    reason = {"wrong_audience": "Audience doesn't match", "expired": "Signature has expired"}
    assert reason[flaw] in caplog.text
    person(oidc_provider, "alice@example.be", flaw="")  # the same person, a sound token
    assert sign_in(client, "alice@example.be").url == reverse("home")


@pytest.mark.django_db
def test_a_callback_is_used_once_and_needs_its_state(client, sso_site, alice, oidc_provider):
    person(oidc_provider, "alice@example.be")
    first = sign_in(client, "alice@example.be")
    replay = client.get(
        first.wsgi_request.get_full_path(), HTTP_HOST=VIVIUM
    )  # the same code and state again
    assert replay.url == reverse("login")
    client.logout()
    forged = client.get(reverse("sso_callback") + "?code=x&state=forged", HTTP_HOST=VIVIUM)
    assert forged.url == reverse("login")
    assert not logged_in_as(client).is_authenticated
    error = client.get(reverse("sso_callback") + "?error=access_denied", HTTP_HOST=VIVIUM)
    assert error.url == reverse("login")


@pytest.mark.django_db
def test_an_unreachable_provider_is_a_message_not_an_error(client, sso_site):
    sso_site.oidc_issuer = "http://127.0.0.1:9/o"  # nothing listens there
    sso_site.save()
    response = client.get(reverse("sso_start"), HTTP_HOST=VIVIUM)
    assert response.url == reverse("login")


@pytest.mark.django_db
def test_staff_see_the_producer_number_the_provider_asserted(
    client, sso_site, alice, oidc_provider, product, make_staff
):
    IntegrationFactory(
        group=alice.membership.current_group,
        product=product,
        producer_number="111111",
        requested_by=alice,
        status="requested",
    )
    person(oidc_provider, "alice@example.be", producer_number="222222")
    sign_in(client, "alice@example.be")
    client.force_login(make_staff("victor@vivium.be", "Vivium"))
    page = client.get(reverse("backoffice")).content.decode()
    assert "Selon votre connexion unique : 222222" in page
    assert "différent" in page
    # Another insurer's staff never see what Vivium's provider said.
    client.force_login(make_staff("olga@other.be", "Other"))
    assert "222222" not in client.get(reverse("backoffice")).content.decode()
