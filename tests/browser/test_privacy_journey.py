"""Personal data in the browser: the privacy page in three languages, a user's download, and an
administrator erasing a departed collaborator."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page, expect

from brokerdesk.offices import services as office_services
from tests.browser.conftest import log_in_as
from tests.browser.test_accounts_journeys import shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    ("language", "heading", "download"),
    [
        ("fr", "Combien de temps", "Télécharger mes données"),
        ("nl", "Hoe lang", "Mijn gegevens downloaden"),
        ("en", "How long", "Download my data"),
    ],
)
def test_a_user_reads_what_is_kept_and_downloads_it(
    page: Page, live_server, bob, language, heading, download
):
    bob.language = language
    bob.save()
    log_in_as(page, live_server.url, bob)
    page.goto(f"{live_server.url}/profile/")
    page.get_by_role("link", name=download).wait_for()
    with page.expect_download() as info:
        page.get_by_role("link", name=download).click()
    data = json.loads(info.value.path().read_text(encoding="utf-8"))
    assert data["account"]["email"] == "bob@example.be"
    page.goto(f"{live_server.url}/privacy/")
    expect(page.get_by_role("heading", name=heading)).to_be_visible()
    shot(page, f"privacy-{language}")


def test_an_administrator_erases_a_departed_collaborator(page: Page, live_server, alice, bob):
    office_services.deactivate_member(membership=bob.membership, by=alice)
    log_in_as(page, live_server.url, alice)
    page.goto(f"{live_server.url}/account/users/{bob.membership.pk}/")
    page.get_by_text("Effacer ses données personnelles").click()
    page.get_by_role("button", name="Confirmer l'effacement").click()
    expect(page.get_by_role("heading", name="Ancien collaborateur", level=1)).to_be_visible()
    expect(page.get_by_text("bob@example.be")).to_have_count(0)
    shot(page, "privacy-erased-member")
