"""Insurer sites: the host and prefix doors, their brand, their hosts and origins."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from brokerdesk.lib.colours import contrast_ratio
from brokerdesk.sites.models import InsurerSite
from conftest import PASSWORD
from tests.factories import InsurerFactory, InsurerSiteFactory, ProductFactory

VIVIUM = "vivium.localhost"


@pytest.fixture
def site(db, product):
    return InsurerSiteFactory(insurer=product.insurer)


def brand_of(response) -> str:
    html = response.content.decode()
    start = html.index('class="navbar-brand')
    return html[start : html.index("</a>", start)]


@pytest.mark.django_db
def test_the_insurer_host_shows_the_insurer_in_the_top_bar(client, site, alice):
    client.force_login(alice)
    branded = client.get(reverse("quotes"), HTTP_HOST=VIVIUM)
    assert branded.status_code == 200
    assert "VIVIUM" in brand_of(branded)
    assert reverse("site_css") in branded.content.decode()
    generic = client.get(reverse("quotes"))
    assert "brokerdesk" in brand_of(generic)
    assert "VIVIUM" not in generic.content.decode()


@pytest.mark.django_db
def test_login_and_signup_pages_show_the_insurer_and_its_welcome(client, site):
    site.welcome_fr = "Bienvenue chez Vivium, courtiers !"
    site.welcome_nl = "Welkom bij Vivium, makelaars!"
    site.save()
    for name in ("login", "signup"):
        html = client.get(reverse(name), HTTP_HOST=VIVIUM).content.decode()
        assert ">VIVIUM</h1>" in html
        assert "Bienvenue chez Vivium, courtiers !" in html
    client.cookies["django_language"] = "nl"
    assert "Welkom bij Vivium" in client.get(reverse("login"), HTTP_HOST=VIVIUM).content.decode()
    assert ">brokerdesk</h1>" in client.get(reverse("login")).content.decode()


@pytest.mark.django_db
def test_a_port_and_a_trailing_dot_are_the_same_host(client, site):
    for host in ("vivium.localhost:8000", "VIVIUM.localhost", "vivium.localhost."):
        assert ">VIVIUM</h1>" in client.get(reverse("login"), HTTP_HOST=host).content.decode()


@pytest.mark.django_db
def test_unknown_hosts_are_still_refused(client, site):
    assert client.get(reverse("login"), HTTP_HOST="evil.example").status_code == 400
    assert (
        client.get(reverse("login"), HTTP_HOST="vivium.localhost.evil.example").status_code == 400
    )


@pytest.mark.django_db
def test_sites_follow_the_admin_without_a_restart(client, product):
    # Read once while the host is unknown, so that the cache holds "no such site".
    assert client.get(reverse("login"), HTTP_HOST="ag.localhost").status_code == 400
    site = InsurerSiteFactory(insurer=product.insurer, host="ag.localhost", display_name="AG")
    assert client.get(reverse("login"), HTTP_HOST="ag.localhost").status_code == 200
    site.active = False
    site.save()
    assert client.get(reverse("login"), HTTP_HOST="ag.localhost").status_code == 400
    site.active = True
    site.save()
    site.delete()
    assert client.get(reverse("login"), HTTP_HOST="ag.localhost").status_code == 400


@pytest.mark.django_db
def test_a_prefix_site_serves_the_portal_under_its_prefix(client, product, alice):
    InsurerSiteFactory(insurer=product.insurer, host="", path_prefix="vivium")
    response = client.get("/vivium/requests/")
    assert response.status_code == 302
    assert response.url == "/vivium/login/?next=/vivium/requests/"
    assert ">VIVIUM</h1>" in client.get("/vivium/login/").content.decode()
    assert client.get("/vivium").url == "/vivium/"
    response = client.post(
        "/vivium/login/?next=/vivium/requests/",
        {"username": alice.email, "password": PASSWORD, "next": "/vivium/requests/"},
    )
    assert response.url == "/vivium/requests/"
    page = client.get("/vivium/requests/").content.decode()
    assert 'href="/vivium/products/"' in page  # links keep the prefix
    # The prefix does not leak into the URLs of the next request, nor of this test.
    assert reverse("quotes") == "/requests/"
    assert "VIVIUM" not in client.get("/requests/").content.decode()


@pytest.mark.django_db
def test_the_brand_style_sheet_and_logo(client, site, tmp_path, settings):
    from django.core.files.base import ContentFile

    from brokerdesk.offices.tests.test_groups import image_bytes

    settings.MEDIA_ROOT = tmp_path
    css = client.get(reverse("site_css"), HTTP_HOST=VIVIUM)
    assert css["Content-Type"].startswith("text/css")
    assert "--bd-primary: #00664f;" in css.content.decode()
    assert client.get(reverse("site_css")).status_code == 404  # no site on the generic host
    assert client.get(reverse("site_logo"), HTTP_HOST=VIVIUM).status_code == 404  # none yet
    site.logo.save("logo.png", ContentFile(image_bytes()))
    logo = client.get(reverse("site_logo"), HTTP_HOST=VIVIUM)
    assert logo.status_code == 200
    assert logo["Content-Type"] == "image/png"
    assert (
        'class="bd-site-logo-lg"' in client.get(reverse("login"), HTTP_HOST=VIVIUM).content.decode()
    )


@pytest.mark.django_db
def test_the_catalogue_lists_the_insurers_products_first(client, alice):
    first = ProductFactory(code="AAA", name_fr="Aaa", insurer=InsurerFactory(name="Allianz"))
    vivium = ProductFactory()
    InsurerSiteFactory(insurer=vivium.insurer)
    client.force_login(alice)

    def order(**extra) -> list[int]:
        html = client.get(reverse("products"), **extra).content.decode()
        return sorted((html.index(p.name_fr), p.code) for p in (first, vivium))

    assert [code for _, code in order()] == ["AAA", "TPE-KMO"]
    assert [code for _, code in order(HTTP_HOST=VIVIUM)] == ["TPE-KMO", "AAA"]


@pytest.mark.django_db
def test_new_lists_the_insurers_products_first(client, accepted, bob):
    from tests.factories import IntegrationFactory

    first = ProductFactory(code="AAA", name_fr="Aaa", insurer=InsurerFactory(name="Allianz"))
    IntegrationFactory(group=accepted, product=first)
    InsurerSiteFactory(insurer=ProductFactory().insurer)
    client.force_login(bob)

    def new_menu(**extra) -> list[str]:
        html = client.get(reverse("quotes"), **extra).content.decode()
        return [code for code in ("AAA", "TPE-KMO") if f"/requests/new/{code}/" in html]

    generic = client.get(reverse("quotes")).content.decode()
    site = client.get(reverse("quotes"), HTTP_HOST=VIVIUM).content.decode()
    assert generic.index("/requests/new/AAA/") < generic.index("/requests/new/TPE-KMO/")
    assert site.index("/requests/new/TPE-KMO/") < site.index("/requests/new/AAA/")
    assert new_menu() == new_menu(HTTP_HOST=VIVIUM) == ["AAA", "TPE-KMO"]  # the same choice


# CSRF: the sites' origins are trusted without being listed in CSRF_TRUSTED_ORIGINS.


def csrf_post(client, host: str, origin: str):
    client.get(reverse("login"), HTTP_HOST=host)
    token = client.cookies["csrftoken"].value
    return client.post(
        reverse("login"),
        {"username": "x@example.be", "password": "x", "csrfmiddlewaretoken": token},
        HTTP_HOST=host,
        HTTP_ORIGIN=origin,
    )


@pytest.mark.django_db
def test_csrf_trusts_a_sites_origin_and_nothing_else(settings, site):
    from django.test import Client

    settings.SITE_URL = "https://portal.example.be"  # the sites are served over HTTPS
    client = Client(enforce_csrf_checks=True)
    # Behind a TLS proxy that is not declared, the request looks like plain HTTP: only the
    # trusted origin lets the form through.
    assert csrf_post(client, VIVIUM, "https://vivium.localhost").status_code == 200
    assert csrf_post(client, VIVIUM, "https://evil.example").status_code == 403
    assert csrf_post(client, "localhost", "https://localhost").status_code == 403


# Admin: colours, hosts, prefixes, the secret.


@pytest.mark.parametrize("colour", ["#ffcc00", "#777777", "#00a3e0"])
def test_colours_without_aa_contrast_are_refused(colour):
    site = InsurerSite(colour=colour, accent_colour="#005a9c")
    with pytest.raises(ValidationError) as error:
        site.clean_fields(exclude=["insurer", "host", "path_prefix", "display_name"])
    assert "4,5:1 (WCAG AA)" in str(error.value.message_dict["colour"])


def test_contrast_ratios_match_wcag():
    assert round(contrast_ratio("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast_ratio("#0b4f8a", "#ffffff"), 1) == 8.4
    assert round(contrast_ratio("#777777", "#ffffff"), 2) == 4.48


@pytest.fixture
def admin_client(client, db):
    from tests.factories import UserFactory

    client.force_login(UserFactory(email="root@example.be", is_staff=True, is_superuser=True))
    return client


def site_form(insurer, **changes) -> dict:
    data = {
        "insurer": insurer.pk,
        "active": "on",
        "host": "ethias.brokerdesk.example",
        "path_prefix": "",
        "display_name": "ETHIAS",
        "colour": "#00664f",
        "accent_colour": "#005a9c",
        "welcome_fr": "",
        "welcome_nl": "",
        "welcome_en": "",
        "oidc_issuer": "",
        "oidc_client_id": "",
        "oidc_client_secret": "",
        "oidc_producer_number_claim": "producer_number",
    }
    return {**data, **changes}


@pytest.mark.django_db
def test_the_admin_explains_a_colour_that_fails_contrast(admin_client, product):
    url = reverse("admin:insurer_sites_insurersite_add")
    response = admin_client.post(url, site_form(product.insurer, colour="#ffcc00"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "contraste de 1" in html
    assert "4,5:1 (WCAG AA)" in html
    assert 'value="ETHIAS"' in html  # what was typed stays
    assert not InsurerSite.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "field_error"),
    [
        ({"host": "https://ethias.example"}, "Un nom d'hôte en minuscules"),
        ({"host": "", "path_prefix": "requests"}, "déjà utilisé par le portail"),
        ({"host": "", "path_prefix": "admin"}, "déjà utilisé par le portail"),
        ({"host": ""}, "soit un nom d'hôte, soit un préfixe"),
        ({"path_prefix": "ethias"}, "soit un nom d'hôte, soit un préfixe"),
        ({"oidc_issuer": "https://id.ethias.example"}, "secret client sont nécessaires"),
    ],
)
def test_the_admin_checks_hosts_prefixes_and_sso(admin_client, product, changes, field_error):
    url = reverse("admin:insurer_sites_insurersite_add")
    response = admin_client.post(url, site_form(product.insurer, **changes))
    assert field_error.replace("'", "&#x27;") in response.content.decode()
    assert not InsurerSite.objects.exists()


@pytest.mark.django_db
def test_the_admin_never_shows_the_client_secret_back(admin_client, product):
    url = reverse("admin:insurer_sites_insurersite_add")
    data = site_form(
        product.insurer,
        host="Ethias.Brokerdesk.Example",
        oidc_issuer="https://id.ethias.example",
        oidc_client_id="portal",
        oidc_client_secret="s3cret-value",
    )
    assert admin_client.post(url, data).status_code == 302
    site = InsurerSite.objects.get()
    assert site.host == "ethias.brokerdesk.example"
    assert site.oidc_client_secret == "s3cret-value"
    change = reverse("admin:insurer_sites_insurersite_change", args=[site.pk])
    assert "s3cret-value" not in admin_client.get(change).content.decode()
    # Saved again without typing it: the secret stays.
    data["oidc_client_secret"] = ""
    assert admin_client.post(change, data).status_code == 302
    site.refresh_from_db()
    assert site.oidc_client_secret == "s3cret-value"


@pytest.mark.django_db
def test_the_admin_keeps_only_the_pixels_of_an_uploaded_logo(
    admin_client, product, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from brokerdesk.offices.tests.test_groups import image_bytes

    settings.MEDIA_ROOT = tmp_path
    url = reverse("admin:insurer_sites_insurersite_add")
    text = SimpleUploadedFile("logo.png", b"not an image", content_type="image/png")
    response = admin_client.post(url, {**site_form(product.insurer), "logo": text})
    assert not InsurerSite.objects.exists()
    assert response.status_code == 200
    logo = SimpleUploadedFile("logo.png", image_bytes(), content_type="image/png")
    assert admin_client.post(url, {**site_form(product.insurer), "logo": logo}).status_code == 302
    stored = InsurerSite.objects.get().logo
    assert stored.name.startswith("site-logos/") and stored.name != "site-logos/logo.png"


def test_the_csrf_deploy_checks_follow_the_sites_middleware(settings):
    from brokerdesk.sites.checks import SITE_CSRF, check_csrf_middleware

    settings.CSRF_COOKIE_SECURE = True
    assert check_csrf_middleware(None) == []
    settings.CSRF_COOKIE_SECURE = False
    assert [c.id for c in check_csrf_middleware(None)] == ["security.W016"]
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if m != SITE_CSRF]
    assert [c.id for c in check_csrf_middleware(None)] == ["sites.E001"]
