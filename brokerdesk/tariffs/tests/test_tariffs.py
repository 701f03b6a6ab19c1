"""The insurer's "Tarifs" pages: upload with every error listed, compare, activate, audit."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from brokerdesk.audit.models import AuditEvent
from brokerdesk.quotes import services as quote_services
from brokerdesk.quotes.models import Quote
from brokerdesk.tariffs import registry
from brokerdesk.tariffs.models import TariffVersion
from rating.tariff import TARIFF_DIR
from tests.factories import IntegrationFactory, QuoteFactory

BUILT_IN = (TARIFF_DIR / "TPE-AT-2026.1.toml").read_text()


def new_tariff(version: str = "TPE-AT-2027.1", fee: str = "25.00") -> str:
    text = BUILT_IN.replace('"TPE-AT-2026.1"', f'"{version}"', 1)
    return text.replace("policy_fee = 0.00", f"policy_fee = {fee}", 1)


def upload(client, product, text: str | bytes):
    content = text.encode() if isinstance(text, str) else text
    return client.post(
        reverse("tariffs"),
        {"product": product.pk, "file": SimpleUploadedFile("tariff.toml", content)},
    )


@pytest.fixture
def victor(make_staff):
    return make_staff("victor@vivium.be", "Vivium")


@pytest.mark.django_db
def test_a_valid_file_is_stored_and_audited(client, victor, product):
    client.force_login(victor)
    response = upload(client, product, new_tariff())
    version = TariffVersion.objects.get()
    assert response.status_code == 302 and response.url == reverse("tariff", args=[version.pk])
    assert (version.version, version.uploaded_by, version.effective_from) == (
        "TPE-AT-2027.1",
        victor,
        None,
    )
    assert AuditEvent.objects.filter(action="tariff.uploaded", actor=victor).exists()
    page = client.get(reverse("tariffs")).content.decode()
    assert "TPE-AT-2027.1" in page and "Non activé" in page


@pytest.mark.django_db
def test_every_error_is_listed_by_line_and_key_and_nothing_is_stored(client, victor, product):
    client.force_login(victor)
    text = new_tariff().replace("ceiling = 54743.48", "celing = 54743.48", 1)
    text = text.replace("policy_fee = 25.00", 'policy_fee = "free"', 1)
    response = upload(client, product, text)
    assert response.status_code == 400
    html = response.content.decode()
    assert "3 erreurs dans le fichier" in html
    for key in ("legal_years.2024.ceiling", "legal_years.2024.celing", "charges.policy_fee"):
        assert key in html
    line = text.splitlines().index('policy_fee = "free"') + 1
    assert f"<td>{line}</td>" in html
    assert not TariffVersion.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfe not utf-8", "UTF-8"),
        (b"version = '\x00'", "UTF-8"),
        (b"x" * (600 * 1024), "512 Ko"),
    ],
)
def test_a_file_that_is_not_text_is_refused_next_to_the_field(
    client, victor, product, content, message
):
    client.force_login(victor)
    response = upload(client, product, content)
    assert response.status_code == 400 and message in response.content.decode()


@pytest.mark.django_db
def test_a_version_name_is_used_once_and_plain(client, victor, product):
    client.force_login(victor)
    upload(client, product, new_tariff())
    again = upload(client, product, new_tariff(fee="30.00"))
    assert "déjà une version portant ce nom" in again.content.decode()
    odd = upload(client, product, new_tariff(version='x\\"; evil'))
    assert odd.status_code == 400 and "tariff.version" in odd.content.decode()
    assert TariffVersion.objects.count() == 1


@pytest.mark.django_db
def test_the_comparison_shows_golden_cases_and_recent_quotes_without_names(
    client, victor, product, alice
):
    priced_quote(alice, product)  # Boulangerie Dupuis
    client.force_login(victor)
    upload(client, product, new_tariff())
    version = TariffVersion.objects.get()
    html = client.get(reverse("tariff", args=[version.pk])).content.decode()
    assert "TPE-AT-2026.1 → TPE-AT-2027.1" in html
    assert "no_staff" in html and "Demande récente 1" in html
    assert "Boulangerie" not in html and "Dupuis" not in html
    assert "policy_fee" in html and "25,00" in html


@pytest.mark.django_db
def test_activation_dates_the_version_and_new_quotes_use_it(client, victor, product):
    client.force_login(victor)
    upload(client, product, new_tariff())
    version = TariffVersion.objects.get()
    yesterday = timezone.localdate() - timedelta(days=1)
    client.post(reverse("tariff_activate", args=[version.pk]), {"effective_from": yesterday})
    version.refresh_from_db()
    assert version.effective_from is None  # never in the past

    today = timezone.localdate()
    client.post(reverse("tariff_activate", args=[version.pk]), {"effective_from": today})
    version.refresh_from_db()
    assert (version.effective_from, version.activated_by) == (today, victor)
    assert registry.tariff_for(product, today).version == "TPE-AT-2027.1"
    assert registry.tariff_for(product, yesterday).version == "TPE-AT-2026.1"  # built-in
    assert AuditEvent.objects.filter(action="tariff.activated").exists()
    assert "En vigueur" in client.get(reverse("tariffs")).content.decode()


@pytest.mark.django_db
def test_a_version_that_priced_a_quote_is_never_deleted(client, victor, product, alice):
    client.force_login(victor)
    upload(client, product, new_tariff())
    upload(client, product, new_tariff(version="TPE-AT-2027.2"))
    used, unused = TariffVersion.objects.order_by("version")
    quote = QuoteFactory(group=alice.membership.current_group, product=product, created_by=alice)
    Quote.objects.filter(pk=quote.pk).update(tariff_version=used.version)

    client.post(reverse("tariff_delete", args=[used.pk]))
    client.post(reverse("tariff_delete", args=[unused.pk]))
    assert list(TariffVersion.objects.values_list("version", flat=True)) == ["TPE-AT-2027.1"]
    assert AuditEvent.objects.filter(action="tariff.deleted").count() == 1


@pytest.mark.django_db
def test_a_stored_file_never_changes(product):
    version = TariffVersion.objects.create(product=product, version="v", source=new_tariff())
    version.source += "\n# edited"
    with pytest.raises(ValueError, match="never changes"):
        version.save()


@pytest.mark.django_db
def test_another_insurers_staff_and_brokers_reach_nothing(client, victor, make_staff, product, bob):
    client.force_login(victor)
    upload(client, product, new_tariff())
    version = TariffVersion.objects.get()
    for outsider in (make_staff("olga@other.be", "Other Insurer"), bob):
        client.force_login(outsider)
        assert (
            reverse("tariff", args=[version.pk])
            and client.get(reverse("tariff", args=[version.pk])).status_code == 404
        )
        assert client.get(reverse("tariff_source", args=[version.pk])).status_code == 404
        today = timezone.localdate()
        client.post(reverse("tariff_activate", args=[version.pk]), {"effective_from": today})
        client.post(reverse("tariff_delete", args=[version.pk]))
    version.refresh_from_db()
    assert version.effective_from is None
    other = Client()
    other.force_login(make_staff("olga2@other.be", "Other Insurer"))
    assert "TPE-AT-2027.1" not in other.get(reverse("tariffs")).content.decode()


def priced_quote(user, product) -> Quote:
    # Quotes change only in a group whose access to the product is accepted.
    group = user.membership.current_group
    if not group.integrations.filter(product=product).exists():
        IntegrationFactory(group=group, product=product)
    quote = QuoteFactory(group=user.membership.current_group, product=product, created_by=user)
    steps = {
        "covers": {},
        "claims": {"history_known": False},
        "legal": {"workers_headcount": 2, "workers_wages": "80000"},
    }
    Quote.objects.filter(pk=quote.pk).update(
        answers={"activity": {"activity_code": "47.110", "insurance_year": 2026}, **steps},
        steps_done=["activity", *steps],
    )
    return quote_services.finish(quote=quote, by=user)


@pytest.mark.django_db
def test_a_quote_keeps_its_version_and_new_quotes_take_the_activated_one(
    client, victor, product, alice
):
    before = priced_quote(alice, product)
    assert before.tariff_version == "TPE-AT-2026.1"
    client.force_login(victor)
    upload(client, product, new_tariff(fee="25.00"))
    version = TariffVersion.objects.get()
    client.post(
        reverse("tariff_activate", args=[version.pk]), {"effective_from": timezone.localdate()}
    )

    again = quote_services.finish(quote=before, by=alice)
    assert again.tariff_version == "TPE-AT-2026.1" and again.total_annual == before.total_annual
    after = priced_quote(alice, product)
    assert after.tariff_version == "TPE-AT-2027.1"
    assert after.total_annual == before.total_annual + 25


def activate_new_tariff(client, victor, product) -> TariffVersion:
    client.force_login(victor)
    upload(client, product, new_tariff(fee="25.00"))
    version = TariffVersion.objects.get()
    client.post(
        reverse("tariff_activate", args=[version.pk]), {"effective_from": timezone.localdate()}
    )
    return version


@pytest.mark.django_db
def test_a_quote_priced_earlier_offers_one_click_to_the_new_tariff(client, victor, product, alice):
    quote = priced_quote(alice, product)
    total = quote.total_annual
    activate_new_tariff(client, victor, product)

    client.force_login(alice)
    page = client.get(reverse("quote", args=[quote.pk])).content.decode()
    assert "Nouveau tarif disponible" in page and "TPE-AT-2027.1" in page
    client.post(reverse("quote_retariff", args=[quote.pk]))
    quote.refresh_from_db()
    assert quote.tariff_version == "TPE-AT-2027.1" and quote.total_annual == total + 25
    assert quote.status == Quote.Status.PRICED
    event = AuditEvent.objects.get(action="quote.retariffed")
    assert (event.data["previous"], event.data["version"]) == ("TPE-AT-2026.1", "TPE-AT-2027.1")
    page = client.get(reverse("quote", args=[quote.pk])).content.decode()
    assert "Nouveau tarif disponible" not in page


@pytest.mark.django_db
def test_an_issued_offer_keeps_its_tariff_even_on_a_forged_post(client, victor, product, alice):
    quote = priced_quote(alice, product)
    quote_services.issue_offer(quote=quote, language="fr", by=alice)
    activate_new_tariff(client, victor, product)

    client.force_login(alice)
    assert (
        "Nouveau tarif disponible"
        not in client.get(reverse("quote", args=[quote.pk])).content.decode()
    )
    response = client.post(reverse("quote_retariff", args=[quote.pk]), follow=True)
    assert "déjà tarifée avec le tarif en vigueur" in response.content.decode()
    quote.refresh_from_db()
    assert quote.tariff_version == "TPE-AT-2026.1"
    assert not AuditEvent.objects.filter(action="quote.retariffed").exists()
