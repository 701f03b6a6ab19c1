"""In-app notifications (issue 16, item 7): the bell and its count, the list in the reader's
language, marking read, and links that never leave the portal."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from brokerdesk.catalogue import services as catalogue
from brokerdesk.catalogue.models import Integration
from brokerdesk.notifications import kinds
from brokerdesk.notifications.inbox import is_local_path, notify, unread_count
from brokerdesk.notifications.kinds import text
from brokerdesk.notifications.models import Notification
from tests.factories import InsurerStaffFactory, IntegrationFactory

pytestmark = pytest.mark.django_db
PRODUCT = {"fr": "Accidents du travail", "nl": "Arbeidsongevallen", "en": "Workers' comp"}


def test_a_notification_is_written_in_the_readers_language():
    params = {"product": PRODUCT, "group": "Antwerpen"}
    expected = {
        "fr": "L'accès au produit Accidents du travail est accordé au sous-compte Antwerpen.",
        "nl": "De toegang tot het product Arbeidsongevallen is toegekend aan het deelaccount "
        "Antwerpen.",
        "en": "Access to the product Workers' comp is granted to the sub-account Antwerpen.",
    }
    for language, sentence in expected.items():
        with translation.override(language):
            assert text(kinds.ACCESS_ACCEPTED, params) == sentence


def test_dates_are_shown_as_the_reader_writes_them():
    params = {"reference": "PV_1", "client": "Dupuis", "date": "2026-12-31"}
    with translation.override("fr"):
        assert text(kinds.OFFER_EXPIRED, params) == "L'offre PV_1 (Dupuis) a expiré le 31/12/2026."
    with translation.override("nl"):
        assert "31-12-2026" in text(kinds.OFFER_EXPIRED, params)
    with translation.override("en"):
        assert text(kinds.OFFER_EXPIRING, params).startswith("The offer PV_1 (Dupuis) expires")


def test_every_kind_has_a_text_and_a_broken_one_never_fails():
    for kind in kinds.TEXTS:
        assert text(kind, {}) == "Notification"  # its parameters are missing
    assert text("unknown", {"x": 1}) == "Notification"


def test_notify_keeps_paths_of_the_portal_only(alice):
    for url in ("https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:x",
                "/ok\x00", ""):  # fmt: skip
        with pytest.raises(ValueError):
            notify([alice], kinds.NEW_MESSAGE, url=url, author="A", reference="R")
    with pytest.raises(ValueError):
        notify([alice], "made_up", url="/")
    assert is_local_path("/requests/12/?tab=documents#documents")


def test_the_bell_counts_the_unread_and_the_page_lists_them_newest_first(client, alice, bob):
    client.force_login(bob)
    page = client.get(reverse("quotes")).content.decode()
    assert 'id="bell"' in page and 'id="bell-count"' not in page
    notify([bob], kinds.NEW_MESSAGE, url="/requests/1/", author="Victor", reference="PV_1")
    notify([bob, alice], kinds.INSURER_REFUSED, url="/requests/2/", reference="PV_2")
    page = client.get(reverse("quotes")).content.decode()
    assert '<span class="badge rounded-pill text-bg-danger" id="bell-count">2' in page
    assert unread_count(bob) == 2 and unread_count(alice) == 1
    listing = client.get(reverse("notifications")).content.decode()
    # Bob reads Dutch.
    assert listing.index("aanvraag PV_2 geweigerd") < listing.index("Nieuw bericht van Victor")


def test_the_count_stops_at_99_plus(client, bob):
    for _ in range(120):
        notify([bob], kinds.INSURER_REFUSED, url="/", reference="PV")
    client.force_login(bob)
    assert unread_count(bob) == 100
    assert 'id="bell-count">99+' in client.get(reverse("notifications")).content.decode()


def test_opening_one_marks_it_read_and_goes_where_it_leads(client, bob):
    (first,) = notify([bob], kinds.INSURER_REFUSED, url="/requests/2/", reference="PV_2")
    notify([bob], kinds.INSURER_REFUSED, url="/requests/3/", reference="PV_3")
    client.force_login(bob)
    response = client.post(reverse("notification_open", kwargs={"pk": first.pk}))
    assert response.status_code == 302 and response.url == "/requests/2/"
    first.refresh_from_db()
    assert first.read_at is not None and unread_count(bob) == 1
    # Opening it again changes nothing; "Tout marquer comme lu" reads the rest.
    read_at = first.read_at
    client.post(reverse("notification_open", kwargs={"pk": first.pk}))
    first.refresh_from_db()
    assert first.read_at == read_at
    response = client.post(reverse("notifications_read"))
    assert response.url == reverse("notifications") and unread_count(bob) == 0
    assert 'id="bell-count"' not in client.get(reverse("notifications")).content.decode()


@pytest.mark.parametrize(
    "url", ["https://evil.example/", "//evil.example/", "/\\evil.example/", "javascript:alert(1)"]
)
def test_a_link_to_another_site_is_never_followed(client, bob, url):
    """Written around notify() (a bug, or a row edited by hand): opening it stays here."""
    notification = Notification.objects.create(user=bob, kind=kinds.NEW_MESSAGE, url=url)
    client.force_login(bob)
    response = client.post(reverse("notification_open", kwargs={"pk": notification.pk}))
    assert response.status_code == 302 and response.url == reverse("notifications")


def test_nobody_opens_anothers_notification(client, alice, bob, charlie):
    (mine,) = notify([bob], kinds.INSURER_REFUSED, url="/requests/2/", reference="PV_2")
    for other in (alice, charlie):
        client.force_login(other)
        response = client.post(reverse("notification_open", kwargs={"pk": mine.pk}))
        assert response.status_code == 404
        assert "PV_2" not in client.get(reverse("notifications")).content.decode()
        client.post(reverse("notifications_read"))
    mine.refresh_from_db()
    assert mine.read_at is None


def test_the_empty_inbox_says_what_will_appear(client, bob):
    client.force_login(bob)
    page = client.get(reverse("notifications")).content.decode()
    assert 'id="notifications-empty"' in page and "Geen meldingen" in page  # Bob reads Dutch


def test_the_list_is_in_the_readers_language(client, bob):
    notify([bob], kinds.ACCESS_REVOKED, url="/products/X/", product=PRODUCT, group="Antwerpen")
    bob.language = "nl"
    bob.save()
    client.force_login(bob)
    page = client.get(reverse("notifications"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Arbeidsongevallen" in page and "ingetrokken" in page


@pytest.mark.parametrize(
    ("accept", "kind"),
    [(True, kinds.ACCESS_ACCEPTED), (False, kinds.ACCESS_REFUSED)],
)
def test_an_access_decision_notifies_the_offices_admins_and_the_requester(
    alice, bob, charlie, product, accept, kind
):
    integration = catalogue.request_integration(
        group=bob.membership.current_group, product=product, producer_number="654321",
        requested_by=alice,
    )  # fmt: skip
    victor = InsurerStaffFactory(insurer=product.insurer).user
    catalogue.decide(integration=integration, accept=accept, reason="Non", decided_by=victor)
    notified = Notification.objects.filter(kind=kind)
    assert {n.user for n in notified} == {alice}  # Bob is no administrator, Charlie elsewhere
    (notification,) = notified
    assert notification.url == reverse("product", kwargs={"code": product.code})
    assert notification.params["product"]["nl"] == product.name_nl


def test_a_revocation_notifies_too(alice, bob, product):
    integration = IntegrationFactory(group=bob.membership.current_group, product=product,
                                     requested_by=bob)  # fmt: skip
    Integration.objects.filter(pk=integration.pk).update(status="accepted")
    victor = InsurerStaffFactory(insurer=product.insurer).user
    catalogue.revoke(integration=integration, reason="Fin", decided_by=victor)
    assert {n.user for n in Notification.objects.filter(kind=kinds.ACCESS_REVOKED)} == {alice, bob}
